"""Recording a figure, and correcting one as a new revision with a reason (`tracker record`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from tracker.crashpoints import crash_point
from tracker.errors import TrackerError
from tracker.evaluate.model import Measure
from tracker.evaluate.values import InvalidFigure, parse_figure
from tracker.i18n import _
from tracker.services.lookup import check_year, find_target
from tracker.services.revisions import (
    FigureRow,
    Recorded,
    checked_author,
    checked_text,
    describe_entry,
    locked_latest,
    recorded,
    revision_values,
    write_revisions,
)
from tracker.store.tables import Resolution, utc_now


@dataclass(frozen=True)
class FigureRequest:
    """What `tracker record` was asked to store."""

    code: str
    year: int
    value: str
    recorded_by: str
    note: str | None = None
    source_document: str | None = None
    provisional: bool = False
    amend: bool = False
    reason: str | None = None


def record_figure(session: Session, resolution: Resolution, request: FigureRequest) -> Recorded:
    """Store a new figure or a corrected revision; refuse anything ambiguous."""
    target = find_target(session, resolution, request.code)
    check_year(resolution, request.year)
    try:
        parsed = parse_figure(request.value, Measure(target.measure))
    except InvalidFigure as exc:
        raise TrackerError(f"{target.code} {request.year}: {exc}") from None  # the code: as typed
    by, reason = checked_author(request.recorded_by, request.amend, request.reason, many=False)
    row = FigureRow(
        0,
        target,
        target.id or 0,
        request.year,
        parsed,
        checked_text("--note", request.note, multiline=True),
        checked_text("--source", request.source_document),
        request.provisional,
    )
    previous = locked_latest(session, target, request.year)
    if previous is not None and not request.amend:
        message = _("{code} {year} already has a figure: {figure}; to correct it use --amend --reason TEXT")
        figure = describe_entry(previous, Measure(target.measure))
        raise TrackerError(message.format(code=target.code, year=request.year, figure=figure))
    if previous is None and request.amend:
        message = _("{code} {year} has no figure to correct; record it without --amend")
        raise TrackerError(message.format(code=target.code, year=request.year))
    values, now = revision_values(row, previous, reason), utc_now()
    write_revisions(session, [values], by, now)
    crash_point("revisions-written")
    return recorded(target, values, by, now)
