"""Recording a figure, and correcting one as a new revision with a reason."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from tracker.errors import TrackerError
from tracker.evaluate.model import Measure
from tracker.evaluate.values import InvalidFigure, parse_figure
from tracker.services.lookup import check_year, find_target
from tracker.store import repository
from tracker.store.tables import Entry, Resolution


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


def describe_entry(entry: Entry) -> str:
    counts = f" ({entry.numerator}/{entry.denominator})" if entry.denominator else ""
    when = entry.recorded_at.strftime("%Y-%m-%d %H:%M")
    return f"{entry.value:g}{counts}, revision {entry.revision}, by {entry.recorded_by} at {when}"


def record_figure(session: Session, resolution: Resolution, request: FigureRequest) -> Entry:
    """Store a new figure or a corrected revision; refuse anything ambiguous."""
    target = find_target(session, resolution, request.code)
    check_year(resolution, request.year)
    try:
        parsed = parse_figure(request.value, Measure(target.measure))
    except InvalidFigure as exc:
        raise TrackerError(f"{target.code} {request.year}: {exc}") from None
    reason = (request.reason or "").strip()
    if request.amend and not reason:
        raise TrackerError("--amend needs --reason TEXT saying why the figure is corrected")
    if reason and not request.amend:
        raise TrackerError("--reason goes with --amend (a correction of an existing figure)")
    assert target.id is not None
    previous = repository.latest_entry(session, target.id, request.year)
    if previous is not None and not request.amend:
        raise TrackerError(
            f"{target.code} {request.year} already has a figure: {describe_entry(previous)}; "
            "to correct it use --amend --reason TEXT"
        )
    if previous is None and request.amend:
        raise TrackerError(
            f"{target.code} {request.year} has no figure to correct; record it without --amend"
        )
    entry = Entry(
        target_id=target.id,
        year=request.year,
        revision=1 if previous is None else previous.revision + 1,
        value=parsed.value,
        numerator=parsed.numerator,
        denominator=parsed.denominator,
        note=request.note if request.note is not None or previous is None else previous.note,
        source_document=(
            request.source_document
            if request.source_document is not None or previous is None
            else previous.source_document
        ),
        provisional=request.provisional,
        recorded_by=request.recorded_by,
        reason=reason or None,
    )
    repository.save(session, entry)
    return entry
