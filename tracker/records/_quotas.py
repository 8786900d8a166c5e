"""Units' quotas of count targets (`tracker quota`): the number a unit was given for a year (say
12 members to admit in 2024), against which its count is judged.

A quota is stored as revisions, never overwritten, by the rules figures follow
(revisions.checked_author): a different quota needs --amend and a reason. A share target takes
no quota (each unit's share is judged against the committee's threshold), nor a target that
takes its figures from another. A term_total target's quota is per year.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from tracker import store
from tracker.base import check_unit_year, check_year, find_unit
from tracker.crashpoints import crash_point
from tracker.errors import TrackerError
from tracker.evaluate import InvalidFigure, Measure, parse_figure
from tracker.i18n import _
from tracker.records._record import subject
from tracker.records._revisions import checked_author
from tracker.store import Quota, Resolution, Session, Target, Unit, utc_now


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


def compare_quota(session: Session, row: QuotaRow, amend: bool, *, one: bool = True) -> QuotaStored:
    """What storing the quota would do, or why it cannot: a different quota needs --amend, and
    --amend of one quota needs a quota to correct (a file's new ones are added, as an import's)."""
    previous = store.latest_quota(session, row.target.id, row.unit.id, row.year)
    if previous is not None and previous.value == row.value:
        return QuotaStored(row, previous.revision, previous.value, unchanged=True)
    if previous is not None and not amend:
        message = _("{label} already has the quota {old}; to change it to {new} use --amend --reason TEXT")
        raise TrackerError(message.format(label=row.label, old=previous.value, new=row.value))
    if previous is None and amend and one:
        message = _("{label} has no quota to correct; give it without --amend")
        raise TrackerError(message.format(label=row.label))
    if previous is None:
        return QuotaStored(row, 1, None)
    return QuotaStored(row, previous.revision + 1, previous.value)


def store_quotas(session: Session, stored: list[QuotaStored], recorded_by: str, reason: str | None) -> None:
    """Insert the new revisions (the unchanged ones are skipped), by one person at one moment."""
    now = utc_now()
    for found in stored:
        if not found.unchanged:
            row = found.row
            store.save_quota(
                session,
                Quota(
                    target_id=row.target.id,
                    unit_id=row.unit.id,
                    year=row.year,
                    revision=found.revision,
                    value=row.value,
                    reason=reason if found.revision > 1 else None,
                    recorded_by=recorded_by,
                    recorded_at=now,
                ),
            )
    crash_point("quotas-written")


def lock_quotas(session: Session, targets: list[Target]) -> None:
    """The targets' lock that figures take (revisions.lock_figures): two writers of one quota
    number their revisions one after the other."""
    store.lock_targets(session, {t.id for t in targets})


def record_quota(
    session: Session,
    resolution: Resolution,
    request: QuotaRequest,
    recorded_by: str,
    amend: bool,
    reason: str | None,
) -> QuotaStored:
    """Store one unit's quota (`tracker quota CODE YEAR UNIT VALUE`)."""
    by, why = checked_author(recorded_by, amend, reason, many=False)
    targets = store.targets_of(session, resolution.id)
    row = checked_quota(session, resolution, targets, request)
    lock_quotas(session, [row.target])
    found = compare_quota(session, row, amend)
    store_quotas(session, [found], by, why or None)
    return found
