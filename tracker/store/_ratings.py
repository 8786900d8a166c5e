"""Queries and writes of the committee's ratings of its units (a revision per change, never
overwritten)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import exists as sa_exists
from sqlalchemy import func
from sqlalchemy import select as sa_select  # plain columns, as _unit_figures.py
from sqlmodel import Session, col, select

from tracker.store._convert import field_names, fields_of, rating_of
from tracker.store._records import Rating
from tracker.store._tables import RatingRow, UnitRow, stored_moment
from tracker.store._unit_figures import in_unit_years

RATING = RatingRow.metadata.tables["rating"]
UNIT = UnitRow.metadata.tables["unit"]


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


def _newest_ratings(resolution_id: int, as_recorded: datetime | None) -> list[Any]:
    """The conditions of a rating that counts (RATING joined to its unit): of the resolution's
    units, inside the unit's years, no later revision of it (as it stood at `as_recorded`)."""
    later = RATING.alias("later")
    newer = (
        (later.c.unit_id == RATING.c.unit_id)
        & (later.c.of == RATING.c.of)
        & (later.c.year == RATING.c.year)
        & (later.c.revision > RATING.c.revision)
    )
    found: list[Any] = [UNIT.c.resolution_id == resolution_id, in_unit_years(RATING.c.unit_id, RATING.c.year)]
    if as_recorded is not None:
        moment = stored_moment(as_recorded)
        found.append(RATING.c.recorded_at <= moment)
        newer = newer & (later.c.recorded_at <= moment)
    return [*found, ~sa_exists().where(newer)]


def current_ratings(
    session: Session, resolution_id: int, as_recorded: datetime | None = None, year: int | None = None
) -> list[Rating]:
    """The rating that counts for each (unit, of, year) of the resolution's units inside the
    unit's years (of `year` only, if given): its latest revision (as it stood at `as_recorded`,
    if given). One query, however many units; plain columns, not ORM objects."""
    names = field_names(Rating)
    query = (
        sa_select(*(RATING.c[name] for name in names))
        .join(UNIT, UNIT.c.id == RATING.c.unit_id)
        .where(*_newest_ratings(resolution_id, as_recorded))
    )
    if year is not None:
        query = query.where(RATING.c.year == year)
    return [Rating(**row._mapping) for row in session.connection().execute(query).all()]


def rating_levels(
    session: Session, resolution_id: int, as_recorded: datetime | None = None
) -> list[tuple[str, int, str, int, datetime]]:
    """(of, year, level, how many units, the newest recorded_at) of the ratings that count (as
    current_ratings keeps them), added up by the database: a roll-up needs only how many units
    have each level, not the thousands of ratings."""
    query = (
        sa_select(RATING.c.of, RATING.c.year, RATING.c.level, func.count(), func.max(RATING.c.recorded_at))
        .join(UNIT, UNIT.c.id == RATING.c.unit_id)
        .where(*_newest_ratings(resolution_id, as_recorded))
        .group_by(RATING.c.of, RATING.c.year, RATING.c.level)
    )
    return [(str(o), int(y), str(lv), int(n), at) for o, y, lv, n, at in session.connection().execute(query)]


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
