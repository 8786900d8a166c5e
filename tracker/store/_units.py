"""Queries of units and of their figures (the committee's own figures: repository.py)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from tracker.store._tables import Entry, Target, Unit
from tracker.store._unit_figures import newest_only


def units_of(session: Session, resolution_id: int) -> list[Unit]:
    query = select(Unit).where(Unit.resolution_id == resolution_id).order_by(col(Unit.position))
    return list(session.exec(query).all())


def save_unit(session: Session, unit: Unit) -> None:
    session.add(unit)
    session.flush()


def delete_unit(session: Session, unit: Unit) -> None:
    session.delete(unit)
    session.flush()


def count_unit_entries(session: Session, unit_ids: Sequence[int]) -> dict[int, int]:
    """How many revisions each unit has (units without any are left out)."""
    if not unit_ids:
        return {}
    query = (
        select(Entry.unit_id, func.count())
        .where(col(Entry.unit_id).in_(sorted(unit_ids)))
        .group_by(col(Entry.unit_id))
    )
    return {int(unit_id): int(count) for unit_id, count in session.exec(query).all() if unit_id is not None}


def current_unit_entries(
    session: Session, resolution_id: int, as_recorded: datetime | None = None
) -> list[Entry]:
    """The figure that counts for each (target, unit, year) of the resolution's units: its latest
    revision (as it stood at `as_recorded`, if given). One query, however many units."""
    query = (
        select(Entry)
        .join(Target, col(Target.id) == Entry.target_id)
        .where(*newest_only(resolution_id, as_recorded))
    )
    return list(session.exec(query).all())


def revisions_with_units(
    session: Session, resolution_id: int, code: str | None = None, year: int | None = None
) -> Sequence[tuple[Target, Entry, Unit | None]]:
    """Every revision, the committee's and the units', oldest first within each (target, year,
    unit); the committee's figure of a year before its units'."""
    query = (
        select(Target, Entry, Unit)
        .join(Entry, col(Entry.target_id) == Target.id)
        .outerjoin(Unit, col(Unit.id) == Entry.unit_id)
        .where(Target.resolution_id == resolution_id)
    )
    if code is not None:
        query = query.where(Target.code == code)
    if year is not None:
        query = query.where(Entry.year == year)
    query = query.order_by(
        col(Target.position),
        col(Entry.year),
        col(Entry.unit_id).is_not(None),
        col(Unit.position),
        col(Entry.revision),
    )
    return session.exec(query).all()


def latest_figures(session: Session, target_ids: Collection[int], years: Collection[int]) -> list[Entry]:
    """The latest revision of every figure (the committee's and each unit's) of the targets in
    the years: what the checks between targets compare. The revisions of a few targets and
    years, kept to the latest of each (target, unit, year) here."""
    if not target_ids or not years:
        return []
    query = select(Entry).where(
        col(Entry.target_id).in_(sorted(target_ids)), col(Entry.year).in_(sorted(years))
    )
    latest: dict[tuple[int, int | None, int], Entry] = {}
    for entry in session.exec(query):
        key = (entry.target_id, entry.unit_id, entry.year)
        if key not in latest or latest[key].revision < entry.revision:
            latest[key] = entry
    return list(latest.values())


def latest_unit_entries(session: Session, keys: Collection[tuple[int, int, int]]) -> list[Entry]:
    """The latest revision of each unit's figure of `keys` (target id, unit id, year) that has one:
    read by the targets, units and years the keys name, then kept to the keys."""
    if not keys:
        return []
    targets = sorted({t for t, _u, _y in keys})
    unit_ids, years = sorted({u for _t, u, _y in keys}), sorted({y for _t, _u, y in keys})
    latest = (
        select(Entry.target_id, Entry.unit_id, Entry.year, func.max(Entry.revision).label("revision"))
        .where(
            col(Entry.target_id).in_(targets), col(Entry.unit_id).in_(unit_ids), col(Entry.year).in_(years)
        )
        .group_by(col(Entry.target_id), col(Entry.unit_id), col(Entry.year))
        .subquery()
    )
    query = select(Entry).join(
        latest,
        (col(Entry.target_id) == latest.c.target_id)
        & (col(Entry.unit_id) == latest.c.unit_id)
        & (col(Entry.year) == latest.c.year)
        & (col(Entry.revision) == latest.c.revision),
    )
    found = session.exec(query)
    return [e for e in found if e.unit_id is not None and (e.target_id, e.unit_id, e.year) in keys]
