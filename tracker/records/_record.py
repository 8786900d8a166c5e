"""Recording a figure, and correcting one as a new revision with a reason (`tracker record`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from tracker import clock, store
from tracker.base import check_unit_year, check_year, find_target, find_unit
from tracker.crashpoints import crash_point
from tracker.errors import TrackerError
from tracker.evaluate import FarRule, InvalidFigure, Measure, figure_subject, level_words, parse_figure
from tracker.i18n import N_, _, current_language
from tracker.records._far import far_rows
from tracker.records._ledger import Ledger, Outcome
from tracker.records._links import SubsetCheck, borrowed_message
from tracker.records._revisions import (
    FigureKind,
    FigureRow,
    Recorded,
    checked_author,
    checked_text,
    recorded,
    refused_figure,
    revision_values,
    unchanged_figure,
)
from tracker.store import Resolution, Session, Target, Unit


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


RATED_FROM = {  # a rating target refuses a unit's figure: what it counts instead, in words
    "agency": N_(
        "{code} is counted from the ratings of the units as agencies (at least “{level}”): rate each "
        "unit with `tracker rate UNIT YEAR LEVEL --of {typed}` instead of recording a unit's figure"
    ),
    "party_org": N_(
        "{code} is counted from the ratings of the units as party organisations (at least “{level}”): "
        "rate each unit with `tracker rate UNIT YEAR LEVEL --of {typed}` instead of recording a unit's figure"
    ),
}
TYPED_OF = {"agency": "co-quan", "party_org": "to-chuc-dang"}  # what a person types for --of


def unit_figure_of_rating_target(target: Target) -> str:
    """Why a unit's figure of a target counted from ratings is refused, and what to do instead."""
    message = _(RATED_FROM.get(target.rating_of or "", RATED_FROM["party_org"]))
    level = level_words(target.rating_at_least or "", current_language()) if target.rating_at_least else ""
    typed = TYPED_OF.get(target.rating_of or "", "to-chuc-dang")
    return message.format(code=target.code, level=level, typed=typed)


def figure_refusal(target: Target, of_unit: bool) -> tuple[str, str] | None:
    """The one rule of whose figure may be stored, by hand and by file, with the column a file
    would blame: a target that takes its figures from another takes none of its own, and a
    target counted from the units' ratings takes no unit's figure (rate each unit instead).
    The year is checked by check_year and check_unit_year, a unit's share by bare_share, and a
    part against its parent once written (SubsetCheck)."""
    if target.figures_from:
        return "code", borrowed_message(target)
    if of_unit and target.rating_of is not None:
        return "unit", unit_figure_of_rating_target(target)
    return None


def figure_row(
    session: Session,
    resolution: Resolution,
    request: FigureRequest,
    *,
    target: Target | None = None,
    unit: Unit | None = None,
) -> tuple[FigureRow, Unit | None]:
    """The figure a request asks to store, checked by the rules every entry path shares, and
    the unit it is of (None: the committee's own). `target` and `unit`: the ones the request
    names, when the caller found them already (a form's many values of one unit)."""
    target = target or find_target(session, resolution, request.code)
    if refusal := figure_refusal(target, request.unit is not None):
        raise TrackerError(refusal[1])
    check_year(resolution, request.year)
    if unit is None:
        unit = figure_unit(session, resolution, request)
    else:
        check_unit_year(unit, request.year)
    label = subject(target, unit)
    try:
        parsed = parse_figure(request.value, Measure(target.measure))
    except InvalidFigure as exc:
        raise TrackerError(f"{label} {request.year}: {exc}") from None
    if unit is not None and target.measure == Measure.SHARE and parsed.denominator is None:
        raise TrackerError(bare_share(label, request.year, request.value))
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
    return row, unit


def record_figure(
    session: Session,
    resolution: Resolution,
    request: FigureRequest,
    now: datetime | None = None,
    rule: FarRule | None = None,
) -> Recorded:
    """Store a new figure or a corrected revision (the committee's, or a unit's) through the
    ledger; the same figure again stores nothing and says so; anything ambiguous is refused. A
    figure stored far from its own history (by `rule`, the config's `checks:`) is kept, and the
    answer says so (`Recorded.far`)."""
    row, of_unit = figure_row(session, resolution, request)
    by, reason = checked_author(request.recorded_by, request.amend, request.reason, many=False)
    moment = now or clock.now()
    ledger = Ledger(
        session, FigureKind([row.target]), by, moment, request.amend, reason or None, by_hand=True
    )
    found = ledger.take_one(row)
    unit = None if of_unit is None else of_unit.code
    label = figure_subject(row.target.code, unit)
    if found.outcome is Outcome.REFUSED:
        if found.previous is None:
            message = _("{code} {year} has no figure to correct; record it without --amend")
            raise TrackerError(message.format(code=label, year=request.year))
        raise TrackerError(refused_figure(label, row, found.previous))
    if found.outcome is Outcome.UNCHANGED:
        assert found.previous is not None
        summary = unchanged_figure(label, row, found.previous)
        return Recorded(row.target.code, row.year, found.previous.revision, summary, unit, Outcome.UNCHANGED)
    check_parts(session, resolution, [row])
    crash_point("revisions-written")
    values = revision_values(row, found.previous, reason)
    done = recorded(row.target, values, by, moment, unit, found.outcome)
    codes = {} if of_unit is None else {of_unit.id: of_unit.code}
    far = far_rows(session, [row], rule or FarRule(), codes)
    return replace(done, far=far[0]) if far else done
