"""The units' ratings and quotas of a year given all at once, as a form gives them (the
portal's office pages): what counts now, to show; then every value checked by the rules of
`tracker rate` and `tracker quota`, with their messages, each problem placed at its field, and
all stored through one ledger, or none. A change of a stored rating or quota needs a reason,
as `--amend --reason` does for a file of them; a new one needs none."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from tracker import clock, store
from tracker.base import check_year
from tracker.errors import TrackerError
from tracker.evaluate import RATED_AS, Measure, exists_in
from tracker.records._ledger import Ledger, LedgerKind, Outcome
from tracker.records._quotas import QuotaKind, QuotaRequest, QuotaRow, checked_quota, refused_quota
from tracker.records._ratings import (
    PARTY_ORG,
    RatingKind,
    RatingRow,
    checked_level,
    checked_of,
    rated_unit,
    refused_rating,
)
from tracker.records._revisions import checked_author
from tracker.store import Resolution, Session, Target, Unit

Key = tuple[str, str]  # (unit code, of) of a rating; (target code, unit code) of a quota
REASON: Key = ("", "reason")  # where a problem of the form's reason is placed
Row = TypeVar("Row", RatingRow, QuotaRow)


@dataclass(frozen=True)
class UnitYear:
    """The units of a year, with what counts now: the ratings by (unit, of) as level codes, or
    the quotas by (target code, unit code); `columns` are the kinds rated, or the targets."""

    year: int
    units: list[Unit]
    columns: list[str]
    current: dict[Key, Any]


@dataclass(frozen=True)
class FormOutcome:
    """What a form's values did: the problems by field (nothing stored), else the counts."""

    problems: dict[Key, str] = field(default_factory=dict)
    added: int = 0
    changed: int = 0
    unchanged: int = 0


def units_of_year(session: Session, resolution: Resolution, year: int) -> list[Unit]:
    check_year(resolution, year)
    return [u for u in store.units_of(session, resolution.id) if exists_in(year, u.from_year, u.to_year)]


def rated_kinds(session: Session, resolution: Resolution) -> list[str]:
    """What the config's rating targets rate the units as (a party organisation when none says)."""
    used = {t.rating_of for t in store.targets_of(session, resolution.id) if t.rating_of}
    return [kind for kind in RATED_AS if kind in used] or [PARTY_ORG]


def year_ratings(session: Session, resolution: Resolution, year: int) -> UnitYear:
    units, kinds = units_of_year(session, resolution, year), rated_kinds(session, resolution)
    stored = store.latest_ratings(session, ((u.id, kind, year) for u in units for kind in kinds))
    current = {
        (u.code, kind): r.level for u in units for kind in kinds if (r := stored.get((u.id, kind, year)))
    }
    return UnitYear(year, units, kinds, current)


def quota_targets(session: Session, resolution: Resolution) -> list[Target]:
    """The targets that take quotas: the count targets with figures of their own."""
    targets = store.targets_of(session, resolution.id)
    return [t for t in targets if t.measure == Measure.COUNT and not t.figures_from]


def year_quotas(session: Session, resolution: Resolution, year: int) -> UnitYear:
    units, targets = units_of_year(session, resolution, year), quota_targets(session, resolution)
    stored = store.latest_quotas(session, ((t.id, u.id, year) for t in targets for u in units))
    current = {
        (t.code, u.code): q.value for t in targets for u in units if (q := stored.get((t.id, u.id, year)))
    }
    return UnitYear(year, units, [t.code for t in targets], current)


def _checked(given: Mapping[Key, str], check: Callable[[Key, str], Row]) -> tuple[list[Row], dict[Key, str]]:
    rows, problems = [], {}
    for key, text in given.items():
        try:
            rows.append(check(key, text))
        except TrackerError as exc:
            problems[key] = str(exc)
    return rows, problems


def _stored(
    session: Session,
    kind: LedgerKind[Row, Any],
    rows: list[Row],
    author: tuple[str, str],
    key: Callable[[Row], Key],
    refused: Callable[[Row, Any], str],
    now: datetime | None,
) -> FormOutcome:
    by, reason = author
    ledger = Ledger(session, kind, by, now or clock.now(), bool(reason), reason or None)
    decided = ledger.take(rows)
    problems = {key(d.row): refused(d.row, d.previous) for d in decided if d.outcome is Outcome.REFUSED}
    if problems:
        return FormOutcome(problems)
    counts = ledger.counts
    return FormOutcome({}, counts[Outcome.NEW], counts[Outcome.CHANGED], counts[Outcome.UNCHANGED])


def _author(by: str, reason: str) -> tuple[str, str] | dict[Key, str]:
    try:
        return checked_author(by, bool(reason.strip()), reason, many=True)
    except TrackerError as exc:
        return {REASON: str(exc)}


def rate_units(
    session: Session,
    resolution: Resolution,
    year: int,
    given: Mapping[Key, str],
    by: str,
    reason: str = "",
    now: datetime | None = None,
) -> FormOutcome:
    """Rate units for a year, by (unit code, of) -> the level as typed: all or none."""

    def check(key: Key, level: str) -> RatingRow:
        unit = rated_unit(session, resolution, key[0], year)
        return RatingRow(0, unit, checked_of(key[1]), year, checked_level(level))

    rows, problems = _checked(given, check)
    author = _author(by, reason)
    if isinstance(author, dict) or problems:
        return FormOutcome(problems | (author if isinstance(author, dict) else {}))
    if not rows:
        return FormOutcome()
    kind = RatingKind(row.unit for row in rows)
    return _stored(session, kind, rows, author, lambda r: (r.unit.code, r.of), refused_rating, now)


def set_quotas(
    session: Session,
    resolution: Resolution,
    year: int,
    given: Mapping[Key, str],
    by: str,
    reason: str = "",
    now: datetime | None = None,
) -> FormOutcome:
    """Give units their quotas for a year, by (target code, unit code) -> the quota as typed:
    all or none."""
    targets = store.targets_of(session, resolution.id)

    def check(key: Key, value: str) -> QuotaRow:
        return checked_quota(session, resolution, targets, QuotaRequest(key[0], year, key[1], value))

    rows, problems = _checked(given, check)
    author = _author(by, reason)
    if isinstance(author, dict) or problems:
        return FormOutcome(problems | (author if isinstance(author, dict) else {}))
    if not rows:
        return FormOutcome()
    kind = QuotaKind(row.target for row in rows)
    return _stored(session, kind, rows, author, lambda r: (r.target.code, r.unit.code), refused_quota, now)
