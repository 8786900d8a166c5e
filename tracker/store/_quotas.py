"""Queries and writes of the units' quotas (a revision per change, never overwritten)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, select

from tracker.store._convert import fields_of, quota_of
from tracker.store._records import Quota
from tracker.store._tables import QuotaRow, TargetRow, UnitRow, stored_moment


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


def latest_quotas(
    session: Session, keys: Iterable[tuple[int, int, int]]
) -> dict[tuple[int, int, int], Quota]:
    """The latest revision of each (target id, unit id, year) asked for that has a quota: read
    by the targets and units the keys name, then kept to the keys."""
    wanted = set(keys)
    if not wanted:
        return {}
    targets, units = sorted({t for t, _u, _y in wanted}), sorted({u for _t, u, _y in wanted})
    query = (
        select(QuotaRow)
        .where(col(QuotaRow.target_id).in_(targets), col(QuotaRow.unit_id).in_(units))
        .order_by(col(QuotaRow.revision))
    )
    found: dict[tuple[int, int, int], Quota] = {}
    for row in session.exec(query):
        key = (row.target_id, row.unit_id, row.year)
        if key in wanted:
            found[key] = quota_of(row)  # the highest revision comes last
    return found


def insert_quotas(session: Session, quotas: Iterable[Quota]) -> None:
    session.add_all([QuotaRow(**fields_of(quota)) for quota in quotas])
    session.flush()


def quota_revisions(
    session: Session, resolution_id: int, target_id: int | None = None, year: int | None = None
) -> list[Quota]:
    """Every revision of the resolution's quotas (of one target and year, if given), by target,
    year, unit and revision."""
    query = (
        select(QuotaRow)
        .join(TargetRow, col(TargetRow.id) == QuotaRow.target_id)
        .join(UnitRow, col(UnitRow.id) == QuotaRow.unit_id)
        .where(TargetRow.resolution_id == resolution_id)
    )
    if target_id is not None:
        query = query.where(QuotaRow.target_id == target_id)
    if year is not None:
        query = query.where(QuotaRow.year == year)
    query = query.order_by(
        col(TargetRow.position), col(QuotaRow.year), col(UnitRow.position), col(QuotaRow.revision)
    )
    return [quota_of(row) for row in session.exec(query)]
