"""Queries of `tracker overview`: every resolution of the database at once, in a few queries
whatever their number (resolutions, targets, the current figure of every target and year, the
sums of the units' current figures of every target and year, and for the targets counted from
ratings, the current rating of every unit and year)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select  # more columns than sqlmodel's select types
from sqlmodel import Session, col, select

from tracker.store._convert import resolution_of
from tracker.store._records import Resolution
from tracker.store._tables import EntryRow, RatingRow, ResolutionRow, TargetRow, UnitRow


def resolutions(session: Session) -> list[Resolution]:
    """Every resolution, in the order they were loaded."""
    return [resolution_of(row) for row in session.exec(select(ResolutionRow).order_by(col(ResolutionRow.id)))]


def target_rules(session: Session) -> Sequence[Any]:
    """(id, resolution_id, code, rule, comparator, threshold, measure, figures_from) of every
    target, in their order."""
    names = ("id", "resolution_id", "code", "rule", "comparator", "threshold", "measure", "figures_from")
    table = TargetRow.metadata.tables["target"]
    query = sa_select(*(table.c[name] for name in names)).order_by(table.c.resolution_id, table.c.position)
    return session.execute(query).all()


def current_values(session: Session) -> Sequence[Any]:
    """(target_id, year, value) of the committee's latest revision of every (target, year) in
    the database; plain rows of the table, not entries: the overview needs only the figures.
    The units' figures are left out (unit_figures.unit_sums adds them up)."""
    entry = EntryRow.metadata.tables["entry"]
    own = entry.c.unit_id.is_(None)  # the committee's figures, not its units'
    newest = (
        sa_select(entry.c.target_id, entry.c.year, func.max(entry.c.revision).label("revision"))
        .where(own)
        .group_by(entry.c.target_id, entry.c.year)
        .subquery()
    )
    query = (
        sa_select(entry.c.target_id, entry.c.year, entry.c.value)
        .join(
            newest,
            (entry.c.target_id == newest.c.target_id)
            & (entry.c.year == newest.c.year)
            & (entry.c.revision == newest.c.revision),
        )
        .where(own)
    )
    return session.execute(query).all()


def rating_targets(session: Session) -> Sequence[Any]:
    """(id, resolution_id, rating_of, rating_at_least) of every target counted from ratings."""
    table = TargetRow.metadata.tables["target"]
    names = ("id", "resolution_id", "rating_of", "rating_at_least")
    query = sa_select(*(table.c[name] for name in names)).where(table.c.rating_of.is_not(None))
    return session.execute(query).all()


def current_levels(session: Session) -> Sequence[Any]:
    """(resolution_id, of, year, level) of the latest revision of every rating in the database."""
    rating, unit = RatingRow.metadata.tables["rating"], UnitRow.metadata.tables["unit"]
    newest = (
        sa_select(rating.c.unit_id, rating.c.of, rating.c.year, func.max(rating.c.revision).label("revision"))
        .group_by(rating.c.unit_id, rating.c.of, rating.c.year)
        .subquery()
    )
    query = (
        sa_select(unit.c.resolution_id, rating.c.of, rating.c.year, rating.c.level)
        .join(
            newest,
            (rating.c.unit_id == newest.c.unit_id)
            & (rating.c.of == newest.c.of)
            & (rating.c.year == newest.c.year)
            & (rating.c.revision == newest.c.revision),
        )
        .join(unit, unit.c.id == rating.c.unit_id)
    )
    return session.execute(query).all()


def unit_spans(session: Session) -> Sequence[Any]:
    """(resolution_id, from_year, to_year) of every unit in the database: which years each is
    expected to report."""
    unit = UnitRow.metadata.tables["unit"]
    return session.execute(sa_select(unit.c.resolution_id, unit.c.from_year, unit.c.to_year)).all()
