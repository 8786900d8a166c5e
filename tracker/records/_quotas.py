"""Units' quotas of count targets (`tracker quota`): the number a unit was given for a year (say
12 members to admit in 2024), against which its count is judged.

A quota is stored as revisions, never overwritten, by the rules figures follow
(revisions.checked_author): a different quota needs --amend and a reason. A share target takes
no quota (each unit's share is judged against the committee's threshold), nor a target that
takes its figures from another. A term_total target's quota is per year.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from tracker import clock, store
from tracker.base import check_unit_year, check_year, find_unit
from tracker.crashpoints import crash_point
from tracker.errors import TrackerError
from tracker.evaluate import InvalidFigure, Measure, parse_figure
from tracker.i18n import _
from tracker.records._ledger import Decided, Ledger, Outcome
from tracker.records._record import subject
from tracker.records._revisions import checked_author
from tracker.store import Quota, Resolution, Session, Target, Unit


@dataclass(frozen=True)
class QuotaRequest:
    """One quota as `tracker quota CODE YEAR UNIT VALUE` or a row of a quota file gives it."""

    code: str
    year: int
    unit: str
    value: str | int | float


@dataclass(frozen=True)
class QuotaRow:
    """A checked quota, ready to compare with the stored one."""

    target: Target
    unit: Unit
    year: int
    value: int
    line: int = 0

    @property
    def label(self) -> str:
        """ "T07 (unit SYT) 2024"."""
        return f"{subject(self.target, self.unit)} {self.year}"


@dataclass(frozen=True)
class QuotaStored:
    """What storing a quota did: added (revision 1), changed (a later one) or unchanged."""

    row: QuotaRow
    revision: int
    previous: int | None
    unchanged: bool = False


def quota_target(targets: list[Target], code: str) -> Target:
    """The count target a quota is for, or why not: unknown (the close codes), a share target,
    a target that takes its figures from another."""
    wanted = str(code).strip().casefold()
    found = next((t for t in targets if t.code.casefold() == wanted), None)
    if found is None:
        close = difflib.get_close_matches(str(code).strip().upper(), [t.code for t in targets], n=3)
        hint = _("; did you mean: {close}?").format(close=", ".join(close)) if close else ""
        counts = ", ".join(t.code for t in targets if t.measure == Measure.COUNT and not t.figures_from)
        message = _("unknown target code {code!r}{hint} (quotas are for the count targets: {counts})")
        raise TrackerError(message.format(code=str(code)[:40], hint=hint, counts=counts))
    if found.measure == Measure.SHARE:
        message = _(
            "{code} is a share target: each unit's share is judged against the committee's threshold "
            "({threshold:g}%), so it takes no quota; quotas are for count targets"
        )
        raise TrackerError(message.format(code=found.code, threshold=found.threshold))
    if found.figures_from:
        message = _("{code} takes its figures from {source}; give the quota under {source}")
        raise TrackerError(message.format(code=found.code, source=found.figures_from))
    return found


def quota_value(value: str | int | float) -> int:
    """A quota as a whole number of at least 0: 12, 1.200 (a number cell: 12.0)."""
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
    try:
        parsed = parse_figure(text, Measure.COUNT)
    except InvalidFigure:
        parsed = None
    if parsed is None or isinstance(value, bool):
        message = _("a quota is a whole number, 0 or more, e.g. 12 or 1.200 (not {value!r})")
        raise TrackerError(message.format(value=text[:40]))
    return int(parsed.value)


def checked_quota(
    session: Session, resolution: Resolution, targets: list[Target], request: QuotaRequest
) -> QuotaRow:
    """A quota checked as `tracker quota` checks it (for a file: per column, see quota_file)."""
    target = quota_target(targets, request.code)
    check_year(resolution, request.year)
    unit = find_unit(session, resolution, request.unit)
    check_unit_year(unit, request.year)
    return QuotaRow(target, unit, request.year, quota_value(request.value))


def refused_quota(row: QuotaRow, previous: Quota | None) -> str:
    """Why a quota is refused by the ledger: another number without --amend, or --amend (by
    hand) with nothing to correct."""
    if previous is None:
        return _("{label} has no quota to correct; give it without --amend").format(label=row.label)
    message = _("{label} already has the quota {old}; to change it to {new} use --amend --reason TEXT")
    return message.format(label=row.label, old=previous.value, new=row.value)


def stored_of(found: Decided[QuotaRow, Quota]) -> QuotaStored:
    """What the ledger made of a quota, as the lines about it say it."""
    previous = found.previous
    if found.outcome is Outcome.UNCHANGED and previous is not None:
        return QuotaStored(found.row, previous.revision, previous.value, unchanged=True)
    return QuotaStored(found.row, found.revision, None if previous is None else previous.value)


class QuotaKind:
    """Quotas in the ledger: keyed by (target, unit, year), the same when the number repeats
    the stored one; the targets are what a writer locks (as for figures)."""

    table = "quota"

    def __init__(self, targets: Iterable[Target]):
        listed = list(targets)
        self.target_ids = {target.id for target in listed}
        self.resolution_id = listed[0].resolution_id if listed else None

    def lock(self, session: Session) -> None:
        store.lock_targets(session, self.target_ids)

    def current(self, session: Session, rows: Sequence[QuotaRow]) -> Mapping[Any, Quota]:
        return store.latest_quotas(session, (self.key(row) for row in rows))

    def key(self, row: QuotaRow) -> tuple[int, int, int]:
        return (row.target.id, row.unit.id, row.year)

    def same(self, row: QuotaRow, stored: Quota) -> bool:
        return stored.value == row.value

    def write(
        self,
        session: Session,
        stored: Sequence[Decided[QuotaRow, Quota]],
        reason: str | None,
        by: str,
        now: datetime,
    ) -> list[dict[str, Any]]:
        quotas = [
            Quota(
                target_id=found.row.target.id,
                unit_id=found.row.unit.id,
                year=found.row.year,
                revision=found.revision,
                value=found.row.value,
                reason=reason if found.previous is not None else None,
                recorded_by=by,
                recorded_at=now,
            )
            for found in stored
        ]
        store.insert_quotas(session, quotas)
        crash_point("quotas-written")
        return [asdict(quota) for quota in quotas]


def record_quota(
    session: Session,
    resolution: Resolution,
    request: QuotaRequest,
    recorded_by: str,
    amend: bool,
    reason: str | None,
    now: datetime | None = None,
) -> QuotaStored:
    """Store one unit's quota (`tracker quota CODE YEAR UNIT VALUE`) through the ledger."""
    by, why = checked_author(recorded_by, amend, reason, many=False)
    targets = store.targets_of(session, resolution.id)
    row = checked_quota(session, resolution, targets, request)
    ledger = Ledger(
        session, QuotaKind([row.target]), by, now or clock.now(), amend, why or None, by_hand=True
    )
    found = ledger.take_one(row)
    if found.outcome is Outcome.REFUSED:
        raise TrackerError(refused_quota(row, found.previous))
    return stored_of(found)
