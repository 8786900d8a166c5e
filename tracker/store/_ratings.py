"""Queries and writes of the committee's ratings of its units (a revision per change, never
overwritten)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from tracker.store._convert import field_names, fields_of, rating_of
from tracker.store._records import Rating
from tracker.store._tables import RatingRow, UnitRow, stored_moment
from tracker.store._unit_figures import in_unit_years


def lock_units(session: Session, unit_ids: Iterable[int]) -> None:
    """Lock the units' rows until the transaction ends, so that the next revision number read
    stays free (PostgreSQL; SQLite holds its write lock already, as for figures)."""
    ids = sorted(set(unit_ids))
    if ids:
        query = select(UnitRow.id).where(col(UnitRow.id).in_(ids)).order_by(col(UnitRow.id))
        session.exec(query.with_for_update()).all()


def latest_ratings(
    session: Session, keys: Iterable[tuple[int, str, int]]
) -> dict[tuple[int, str, int], Rating]:
    """The latest revision of each (unit id, of, year) asked for that has a rating."""
    wanted = set(keys)
    if not wanted:
        return {}
    units = sorted({unit for unit, _, _ in wanted})
    query = select(RatingRow).where(col(RatingRow.unit_id).in_(units)).order_by(col(RatingRow.revision))
    found: dict[tuple[int, str, int], Rating] = {}
    for row in session.exec(query).all():
        key = (row.unit_id, row.of, row.year)
        if key in wanted:
            found[key] = rating_of(row)  # the highest revision comes last
    return found


def insert_ratings(session: Session, ratings: Sequence[Rating]) -> None:
    session.add_all([RatingRow(**fields_of(rating)) for rating in ratings])
    session.flush()


def current_ratings(
    session: Session, resolution_id: int, as_recorded: datetime | None = None, year: int | None = None
) -> list[Rating]:
    """The rating that counts for each (unit, of, year) of the resolution's units inside the
    unit's years (of `year` only, if given): its latest revision (as it stood at `as_recorded`,
    if given). One query, however many units."""
    latest = (
        select(
            RatingRow.unit_id, RatingRow.of, RatingRow.year, func.max(RatingRow.revision).label("revision")
        )
        .join(UnitRow, col(UnitRow.id) == RatingRow.unit_id)
        .where(UnitRow.resolution_id == resolution_id, in_unit_years(RatingRow.unit_id, RatingRow.year))
    )
    if as_recorded is not None:
        latest = latest.where(col(RatingRow.recorded_at) <= stored_moment(as_recorded))
    if year is not None:
        latest = latest.where(RatingRow.year == year)
    newest = latest.group_by(col(RatingRow.unit_id), col(RatingRow.of), col(RatingRow.year)).subquery()
    names = field_names(Rating)  # plain columns, not ORM objects: a committee has thousands of ratings
    table = RatingRow.__table__  # type: ignore[attr-defined]
    query = select(*(table.c[name] for name in names)).join(
        newest,
        (col(RatingRow.unit_id) == newest.c.unit_id)
        & (col(RatingRow.of) == newest.c.of)
        & (col(RatingRow.year) == newest.c.year)
        & (col(RatingRow.revision) == newest.c.revision),
    )
    return [Rating(**dict(zip(names, row, strict=True))) for row in session.execute(query)]


def count_unit_ratings(session: Session, unit_ids: Sequence[int]) -> dict[int, int]:
    """How many rating revisions each unit has (units without any are left out)."""
    if not unit_ids:
        return {}
    query = (
        select(RatingRow.unit_id, func.count())
        .where(col(RatingRow.unit_id).in_(sorted(unit_ids)))
        .group_by(col(RatingRow.unit_id))
    )
    return {int(unit_id): int(count) for unit_id, count in session.exec(query).all()}


def rating_revisions(
    session: Session, resolution_id: int, of: str | None = None, year: int | None = None
) -> list[Rating]:
    """Every revision of the resolution's ratings (of one kind and year, if given), in the
    units' order, then by kind, year and revision."""
    query = (
        select(RatingRow)
        .join(UnitRow, col(UnitRow.id) == RatingRow.unit_id)
        .where(UnitRow.resolution_id == resolution_id, in_unit_years(RatingRow.unit_id, RatingRow.year))
    )
    if of is not None:
        query = query.where(RatingRow.of == of)
    if year is not None:
        query = query.where(RatingRow.year == year)
    query = query.order_by(
        col(RatingRow.year), col(UnitRow.position), col(RatingRow.of), col(RatingRow.revision)
    )
    return [rating_of(row) for row in session.exec(query)]
