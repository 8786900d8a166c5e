"""Queries of the units' quotas (a revision per change, never overwritten)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from tracker.store._figures import _utc
from tracker.store._tables import Quota, Target


def latest_quota(session: Session, target_id: int, unit_id: int, year: int) -> Quota | None:
    """The latest revision of one unit's quota of a target and year."""
    query = (
        select(Quota)
        .where(Quota.target_id == target_id, Quota.unit_id == unit_id, Quota.year == year)
        .order_by(col(Quota.revision).desc())
    )
    return session.exec(query.limit(1)).first()


def save_quota(session: Session, quota: Quota) -> None:
    session.add(quota)
    session.flush()


def current_quotas(session: Session, resolution_id: int, as_recorded: datetime | None = None) -> list[Quota]:
    """The quota that counts for each (target, unit, year) of the resolution: its latest
    revision (as it stood at `as_recorded`, if given). Quotas are few (units x count targets x
    years): the revisions are read and the latest kept here."""
    query = (
        select(Quota)
        .join(Target, col(Target.id) == Quota.target_id)
        .where(Target.resolution_id == resolution_id)
    )
    if as_recorded is not None:
        query = query.where(col(Quota.recorded_at) <= _utc(as_recorded))
    latest: dict[tuple[int, int, int], Quota] = {}
    for quota in session.exec(query):
        key = (quota.target_id, quota.unit_id, quota.year)
        if key not in latest or latest[key].revision < quota.revision:
            latest[key] = quota
    return list(latest.values())
