"""Queries and writes of the units' quotas (a revision per change, never overwritten)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from tracker.store._convert import fields_of, quota_of
from tracker.store._records import Quota
from tracker.store._tables import QuotaRow, TargetRow, stored_moment


def latest_quota(session: Session, target_id: int, unit_id: int, year: int) -> Quota | None:
    """The latest revision of one unit's quota of a target and year."""
    query = (
        select(QuotaRow)
        .where(QuotaRow.target_id == target_id, QuotaRow.unit_id == unit_id, QuotaRow.year == year)
        .order_by(col(QuotaRow.revision).desc())
    )
    row = session.exec(query.limit(1)).first()
    return None if row is None else quota_of(row)


def save_quota(session: Session, quota: Quota) -> None:
    session.add(QuotaRow(**fields_of(quota)))
    session.flush()


def current_quotas(session: Session, resolution_id: int, as_recorded: datetime | None = None) -> list[Quota]:
    """The quota that counts for each (target, unit, year) of the resolution: its latest
    revision (as it stood at `as_recorded`, if given). Quotas are few (units x count targets x
    years): the revisions are read and the latest kept here."""
    query = (
        select(QuotaRow)
        .join(TargetRow, col(TargetRow.id) == QuotaRow.target_id)
        .where(TargetRow.resolution_id == resolution_id)
    )
    if as_recorded is not None:
        query = query.where(col(QuotaRow.recorded_at) <= stored_moment(as_recorded))
    latest: dict[tuple[int, int, int], QuotaRow] = {}
    for quota in session.exec(query):
        key = (quota.target_id, quota.unit_id, quota.year)
        if key not in latest or latest[key].revision < quota.revision:
            latest[key] = quota
    return [quota_of(row) for row in latest.values()]
