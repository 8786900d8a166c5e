"""Recording a figure, and correcting one as a new revision with a reason (`tracker record`)."""

from __future__ import annotations

from dataclasses import dataclass

from tracker import store
from tracker.base import check_unit_year, check_year, find_target, find_unit
from tracker.crashpoints import crash_point
from tracker.errors import TrackerError
from tracker.evaluate import InvalidFigure, Measure, figure_subject, parse_figure
from tracker.i18n import _
from tracker.records._links import SubsetCheck, refuse_borrowed
from tracker.records._ratings import refuse_unit_figure
from tracker.records._revisions import (
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
from tracker.store import Resolution, Session, Target, Unit, utc_now


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
    unit: str | None = None  # a unit's code: the unit's figure, not the committee's


def figure_unit(session: Session, resolution: Resolution, request: FigureRequest) -> Unit | None:
    """The unit a request names (None: the committee's own figure), existing in its year."""
    if request.unit is None:
        return None
    unit = find_unit(session, resolution, request.unit)
    check_unit_year(unit, request.year)
    return unit


def subject(target: Target, unit: Unit | None) -> str:
    """What a figure belongs to, as the lines about it name it: "T01", "T01 (unit SYT)"."""
    return figure_subject(target.code, None if unit is None else unit.code)


def check_parts(session: Session, resolution: Resolution, rows: list[FigureRow]) -> None:
    """Refuse a written figure that breaks a part_of rule (the transaction then rolls back)."""
    links = SubsetCheck(store.targets_of(session, resolution.id))
    links.note(rows)
    links.raise_problems(session)


def bare_share(label: str, year: int, value: str) -> str:
    """Why a unit's share given as a percentage alone is refused (`record --unit`, `import`)."""
    message = _(
        "{code} {year}: a unit's share is given as its counts, e.g. 38/42, not {value!r}: the "
        "committee's share adds the units' counts, and a percentage alone cannot be added"
    )
    return message.format(code=label, year=year, value=value)


def record_figure(session: Session, resolution: Resolution, request: FigureRequest) -> Recorded:
    """Store a new figure or a corrected revision (the committee's, or a unit's); refuse
    anything ambiguous."""
    target = find_target(session, resolution, request.code)
    refuse_borrowed(target)
    if request.unit is not None:
        refuse_unit_figure(target)
    check_year(resolution, request.year)
    unit = figure_unit(session, resolution, request)
    label = subject(target, unit)
    try:
        parsed = parse_figure(request.value, Measure(target.measure))
    except InvalidFigure as exc:
        raise TrackerError(f"{label} {request.year}: {exc}") from None
    if unit is not None and target.measure == Measure.SHARE and parsed.denominator is None:
        raise TrackerError(bare_share(label, request.year, request.value))
    by, reason = checked_author(request.recorded_by, request.amend, request.reason, many=False)
    row = FigureRow(
        0,
        target,
        target.id,
        request.year,
        parsed._replace(provisional=request.provisional),
        checked_text("--note", request.note, multiline=True),
        checked_text("--source", request.source_document),
        unit_id=None if unit is None else unit.id,
    )
    previous = locked_latest(session, target, request.year, row.unit_id)
    if previous is not None and not request.amend:
        message = _("{code} {year} already has a figure: {figure}; to correct it use --amend --reason TEXT")
        figure = describe_entry(previous, Measure(target.measure))
        raise TrackerError(message.format(code=label, year=request.year, figure=figure))
    if previous is None and request.amend:
        message = _("{code} {year} has no figure to correct; record it without --amend")
        raise TrackerError(message.format(code=label, year=request.year))
    values, now = revision_values(row, previous, reason), utc_now()
    write_revisions(session, [values], by, now)
    check_parts(session, resolution, [row])
    crash_point("revisions-written")
    return recorded(target, values, by, now, None if unit is None else unit.code)
