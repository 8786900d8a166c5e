"""Queries and writes of units, and queries of their figures' revisions (the committee's own
figures: _figures.py; the units' current figures, fast: _unit_figures.py)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select  # plain columns, as _unit_figures.py
from sqlmodel import Session, col, select

from tracker.store._convert import revision_of, target_of, unit_of
from tracker.store._records import Revision, Target, Unit
from tracker.store._tables import EntryRow, RatingRow, TargetRow, UnitRow
from tracker.store._unit_figures import newest_only

UNIT = UnitRow.metadata.tables["unit"]


def units_of(session: Session, resolution_id: int) -> list[Unit]:
    """The resolution's units in their order: plain columns, not ORM objects (a committee may
    have a thousand units, and a request reads them all)."""
    query = sa_select(*UNIT.c).where(UNIT.c.resolution_id == resolution_id).order_by(UNIT.c.position)
    return [Unit(**row._mapping) for row in session.connection().execute(query)]


def unit_codes(session: Session, resolution_id: int) -> list[tuple[int, str]]:
    """(id, code) of the resolution's units in their order: what finding one unit by its code
    needs, without reading every unit whole."""
    query = sa_select(UNIT.c.id, UNIT.c.code).where(UNIT.c.resolution_id == resolution_id)
    rows = session.connection().execute(query.order_by(UNIT.c.position))
    return [(int(unit_id), str(code)) for unit_id, code in rows]


def unit_by_id(session: Session, unit_id: int) -> Unit | None:
    row = session.connection().execute(sa_select(*UNIT.c).where(UNIT.c.id == unit_id)).first()
    return None if row is None else Unit(**row._mapping)


def save_unit(
    session: Session, resolution_id: int, fields: dict[str, Any], unit_id: int | None = None
) -> Unit:
    """A new unit of the resolution with these fields, or (with its id) the unit given them."""
    if unit_id is None:
        row = UnitRow(resolution_id=resolution_id, **fields)
    else:
        found = session.get(UnitRow, unit_id)
        assert found is not None, f"unit {unit_id} is gone"
        row = found
        for name, value in fields.items():
            setattr(row, name, value)
    session.add(row)
    session.flush()
    return unit_of(row)


def delete_unit(session: Session, unit_id: int) -> None:
    row = session.get(UnitRow, unit_id)
    if row is not None:
        session.delete(row)
        session.flush()


def unit_stored_years(session: Session, unit_id: int) -> list[int]:
    """The year of each figure and rating stored for the unit (one per target or rating kind
    and year, whatever its revisions), in order: what `tracker init` weighs against the unit's
    years."""
    figures = select(EntryRow.target_id, EntryRow.year).where(EntryRow.unit_id == unit_id).distinct()
    ratings = select(RatingRow.of, RatingRow.year).where(RatingRow.unit_id == unit_id).distinct()
    years = [year for _, year in session.exec(figures).all()] + [
        year for _, year in session.exec(ratings).all()
    ]
    return sorted(years)


def count_unit_entries(session: Session, unit_ids: Sequence[int]) -> dict[int, int]:
    """How many revisions each unit has (units without any are left out)."""
    if not unit_ids:
        return {}
    query = (
        select(EntryRow.unit_id, func.count())
        .where(col(EntryRow.unit_id).in_(sorted(unit_ids)))
        .group_by(col(EntryRow.unit_id))
    )
    return {int(unit_id): int(count) for unit_id, count in session.exec(query).all() if unit_id is not None}


def current_unit_entries(
    session: Session, resolution_id: int, as_recorded: datetime | None = None
) -> list[Revision]:
    """The figure that counts for each (target, unit, year) of the resolution's units: its latest
    revision (as it stood at `as_recorded`, if given). One query, however many units."""
    query = (
        select(EntryRow)
        .join(TargetRow, col(TargetRow.id) == EntryRow.target_id)
        .where(*newest_only(resolution_id, as_recorded))
    )
    return [revision_of(row) for row in session.exec(query).all()]


def revisions_with_units(
    session: Session, resolution_id: int, code: str | None = None, year: int | None = None
) -> list[tuple[Target, Revision, Unit | None]]:
    """Every revision, the committee's and the units', oldest first within each (target, year,
    unit); the committee's figure of a year before its units'."""
    query = (
        select(TargetRow, EntryRow, UnitRow)
        .join(EntryRow, col(EntryRow.target_id) == TargetRow.id)
        .outerjoin(UnitRow, col(UnitRow.id) == EntryRow.unit_id)
        .where(TargetRow.resolution_id == resolution_id)
    )
    if code is not None:
        query = query.where(TargetRow.code == code)
    if year is not None:
        query = query.where(EntryRow.year == year)
    query = query.order_by(
        col(TargetRow.position),
        col(EntryRow.year),
        col(EntryRow.unit_id).is_not(None),
        col(UnitRow.position),
        col(EntryRow.revision),
    )
    return [
        (target_of(target), revision_of(entry), None if unit is None else unit_of(unit))
        for target, entry, unit in session.exec(query).all()
    ]


def latest_figures(session: Session, target_ids: Collection[int], years: Collection[int]) -> list[Revision]:
    """The latest revision of every figure (the committee's and each unit's) of the targets in
    the years: what the checks between targets compare. The revisions of a few targets and
    years, kept to the latest of each (target, unit, year) here."""
    if not target_ids or not years:
        return []
    query = select(EntryRow).where(
        col(EntryRow.target_id).in_(sorted(target_ids)), col(EntryRow.year).in_(sorted(years))
    )
    latest: dict[tuple[int, int | None, int], EntryRow] = {}
    for entry in session.exec(query):
        key = (entry.target_id, entry.unit_id, entry.year)
        if key not in latest or latest[key].revision < entry.revision:
            latest[key] = entry
    return [revision_of(row) for row in latest.values()]


def latest_unit_entries(session: Session, keys: Collection[tuple[int, int, int]]) -> list[Revision]:
    """The latest revision of each unit's figure of `keys` (target id, unit id, year) that has one:
    read by the targets, units and years the keys name, then kept to the keys."""
    if not keys:
        return []
    targets = sorted({t for t, _u, _y in keys})
    unit_ids, years = sorted({u for _t, u, _y in keys}), sorted({y for _t, _u, y in keys})
    latest = (
        select(
            EntryRow.target_id, EntryRow.unit_id, EntryRow.year, func.max(EntryRow.revision).label("revision")
        )
        .where(
            col(EntryRow.target_id).in_(targets),
            col(EntryRow.unit_id).in_(unit_ids),
            col(EntryRow.year).in_(years),
        )
        .group_by(col(EntryRow.target_id), col(EntryRow.unit_id), col(EntryRow.year))
        .subquery()
    )
    query = select(EntryRow).join(
        latest,
        (col(EntryRow.target_id) == latest.c.target_id)
        & (col(EntryRow.unit_id) == latest.c.unit_id)
        & (col(EntryRow.year) == latest.c.year)
        & (col(EntryRow.revision) == latest.c.revision),
    )
    found = session.exec(query)
    return [
        revision_of(e) for e in found if e.unit_id is not None and (e.target_id, e.unit_id, e.year) in keys
    ]
