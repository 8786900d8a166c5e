"""Queries of the units' current figures made for speed: a committee of a thousand units has
some 50,000 of them over a term. Plain rows instead of entries, only the year that is shown,
and the sums of every (target, year) added up by the database (the roll-up reads the sums:
evaluate/rollup.py from_sums)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_
from sqlalchemy import exists as sa_exists
from sqlalchemy import select as sa_select  # plain columns, as store/overview.py
from sqlmodel import Session

from tracker.evaluate import Figure
from tracker.store._records import UnitFigure
from tracker.store._tables import EntryRow, TargetRow, UnitRow, stored_moment

ENTRY = EntryRow.metadata.tables["entry"]
TARGET = TargetRow.metadata.tables["target"]
UNIT = UnitRow.metadata.tables["unit"]


def in_unit_years(unit_id: Any, year: Any) -> ColumnElement[bool]:
    """Whether the unit exists in the year (its from_year to its to_year, either open): a unit
    reports for a year only inside its years; a figure stored before its years were shortened
    is kept, and counts nowhere."""
    unit = UNIT.alias("unit_years")  # its own: a query that joins the units correlates none
    return sa_exists().where(
        unit.c.id == unit_id,
        or_(unit.c.from_year.is_(None), unit.c.from_year <= year),
        or_(unit.c.to_year.is_(None), unit.c.to_year >= year),
    )


FIGURE_COLUMNS = (
    "target_id", "unit_id", "year", "revision", "value", "numerator", "denominator", "provisional",
    "recorded_at",
)  # fmt: skip


def current_unit_figures(
    session: Session, resolution_id: int, year: int | None = None, as_recorded: datetime | None = None
) -> list[UnitFigure]:
    """The figure that counts of each (target, unit, year) of the resolution's units (of `year`
    only, if given), as plain rows without the entries' notes and sources."""
    query = (
        sa_select(*(ENTRY.c[name] for name in FIGURE_COLUMNS))
        .join(TARGET, TARGET.c.id == ENTRY.c.target_id)
        .where(*newest_only(resolution_id, as_recorded))
    )
    if year is not None:
        query = query.where(ENTRY.c.year == year)
    rows = session.connection().execute(query).all()
    return [UnitFigure(t, u, y, r, Figure(v, n, d, p), at) for t, u, y, r, v, n, d, p, at in rows]


def unit_figures_of_year(
    session: Session, resolution_id: int, year: int, as_recorded: datetime | None = None
) -> list[tuple[int, int, Figure]]:
    """(target id, unit id, figure) of each unit's figure that counts in `year`: what
    current_unit_figures reads, without the revision and the moment (a status reads only the
    figures, some 7,000 of them for a thousand units)."""
    columns = ("target_id", "unit_id", "value", "numerator", "denominator", "provisional")
    query = (
        sa_select(*(ENTRY.c[name] for name in columns))
        .join(TARGET, TARGET.c.id == ENTRY.c.target_id)
        .where(*newest_only(resolution_id, as_recorded), ENTRY.c.year == year)
    )
    rows = session.connection().execute(query).all()
    return [(t, u, Figure(v, n, d, p)) for t, u, v, n, d, p in rows]


def unit_figure_years(session: Session, resolution_id: int) -> list[int]:
    """The years any unit of the resolution has a figure for."""
    query = (
        sa_select(ENTRY.c.year)
        .join(TARGET, TARGET.c.id == ENTRY.c.target_id)
        .where(TARGET.c.resolution_id == resolution_id, ENTRY.c.unit_id.is_not(None))
        .distinct()
    )
    return [int(year) for year in session.connection().execute(query).scalars()]


def unit_sums(
    session: Session, resolution_id: int | None = None, as_recorded: datetime | None = None
) -> Sequence[Any]:
    """(target_id, year, figures, Σ values, any provisional, weighed, Σ numerators, Σ
    denominators, any weighed provisional, newest recorded_at) of the units' current figures
    of every (target, year): of one resolution, or of the whole database (the overview). The
    weighed figures are those with counts (a share's), as evaluate/rollup.py Sums."""
    weighed = ENTRY.c.denominator.is_not(None)
    provisional = case((ENTRY.c.provisional, 1), else_=0)
    query = (
        sa_select(
            ENTRY.c.target_id,
            ENTRY.c.year,
            func.count(),
            func.sum(ENTRY.c.value),
            func.max(provisional),
            func.count(ENTRY.c.denominator),
            func.sum(case((weighed, func.coalesce(ENTRY.c.numerator, 0)), else_=None)),
            func.sum(ENTRY.c.denominator),
            func.max(case((weighed, provisional), else_=0)),
            func.max(ENTRY.c.recorded_at),
        )
        .join(TARGET, TARGET.c.id == ENTRY.c.target_id)
        .where(*newest_only(resolution_id, as_recorded))
        .group_by(ENTRY.c.target_id, ENTRY.c.year)
    )
    return session.connection().execute(query).all()


def newest_only(resolution_id: int | None, as_recorded: datetime | None) -> list[Any]:
    """The conditions of a unit's latest revision of a (target, year) inside the unit's years
    (of the resolution, if given, with `target` joined), as it stood at `as_recorded`: no later
    revision of it exists (then). Faster than joining the maximum of each group, on SQLite and
    PostgreSQL alike (the unit revisions' index answers)."""
    later = ENTRY.alias("later")
    newer = (
        (later.c.target_id == ENTRY.c.target_id)
        & (later.c.unit_id == ENTRY.c.unit_id)
        & (later.c.year == ENTRY.c.year)
        & (later.c.revision > ENTRY.c.revision)
    )
    found: list[Any] = [ENTRY.c.unit_id.is_not(None), in_unit_years(ENTRY.c.unit_id, ENTRY.c.year)]
    if resolution_id is not None:
        found.append(TARGET.c.resolution_id == resolution_id)
    if as_recorded is not None:
        moment = stored_moment(as_recorded)
        found.append(ENTRY.c.recorded_at <= moment)
        newer = newer & (later.c.recorded_at <= moment)
    return [*found, ~sa_exists().where(newer)]
