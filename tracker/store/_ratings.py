"""Queries of the committee's ratings of its units (the figures: repository.py, units.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from tracker.store._figures import _utc
from tracker.store._tables import Rating, Unit


def lock_units(session: Session, unit_ids: Iterable[int]) -> None:
    """Lock the units' rows until the transaction ends, so that the next revision number read
    stays free (PostgreSQL; SQLite holds its write lock already, as for figures)."""
    ids = sorted(set(unit_ids))
    if ids:
        query = select(Unit.id).where(col(Unit.id).in_(ids)).order_by(col(Unit.id))
        session.exec(query.with_for_update()).all()


def latest_ratings(
    session: Session, keys: Iterable[tuple[int, str, int]]
) -> dict[tuple[int, str, int], Rating]:
    """The latest revision of each (unit id, of, year) asked for that has a rating."""
    wanted = set(keys)
    if not wanted:
        return {}
    units = sorted({unit for unit, _, _ in wanted})
    query = select(Rating).where(col(Rating.unit_id).in_(units)).order_by(col(Rating.revision))
    found: dict[tuple[int, str, int], Rating] = {}
    for rating in session.exec(query).all():
        key = (rating.unit_id, rating.of, rating.year)
        if key in wanted:
            found[key] = rating  # the highest revision comes last
    return found


def insert_ratings(session: Session, ratings: Sequence[Rating]) -> None:
    session.add_all(ratings)
    session.flush()


def current_ratings(
    session: Session, resolution_id: int, as_recorded: datetime | None = None
) -> list[Rating]:
    """The rating that counts for each (unit, of, year) of the resolution's units: its latest
    revision (as it stood at `as_recorded`, if given). One query, however many units."""
    latest = (
        select(Rating.unit_id, Rating.of, Rating.year, func.max(Rating.revision).label("revision"))
        .join(Unit, col(Unit.id) == Rating.unit_id)
        .where(Unit.resolution_id == resolution_id)
    )
    if as_recorded is not None:
        latest = latest.where(col(Rating.recorded_at) <= _utc(as_recorded))
    newest = latest.group_by(col(Rating.unit_id), col(Rating.of), col(Rating.year)).subquery()
    query = select(Rating).join(
        newest,
        (col(Rating.unit_id) == newest.c.unit_id)
        & (col(Rating.of) == newest.c.of)
        & (col(Rating.year) == newest.c.year)
        & (col(Rating.revision) == newest.c.revision),
    )
    return list(session.exec(query).all())


def count_unit_ratings(session: Session, unit_ids: Sequence[int]) -> dict[int, int]:
    """How many rating revisions each unit has (units without any are left out)."""
    if not unit_ids:
        return {}
    query = (
        select(Rating.unit_id, func.count())
        .where(col(Rating.unit_id).in_(sorted(unit_ids)))
        .group_by(col(Rating.unit_id))
    )
    return {int(unit_id): int(count) for unit_id, count in session.exec(query).all()}
