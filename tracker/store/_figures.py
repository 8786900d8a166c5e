"""Queries and writes of the figures' revisions (the entry table): the committee's own and,
where they are read by key, the units'. A revision is never changed: a correction is a new
one with the next number (see tracker/records/_revisions.py, the one writer)."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Dialect, func, or_
from sqlalchemy import select as sa_select  # plain columns, as _unit_figures.py
from sqlmodel import Session, col, select

from tracker.evaluate import Figure
from tracker.store._convert import revision_of as as_revision
from tracker.store._convert import target_of
from tracker.store._records import Revision, Target
from tracker.store._tables import EntryRow, TargetRow, stored_moment


def has_entries(session: Session, target_ids: set[int]) -> bool:
    """Whether any of the targets has a figure."""
    query = select(EntryRow.id).where(col(EntryRow.target_id).in_(sorted(target_ids))).limit(1)
    return bool(target_ids) and session.exec(query).first() is not None


def of_unit(unit_id: int | None) -> ColumnElement[bool]:
    """The condition that keeps one unit's figures, or the committee's own (unit_id None)."""
    return col(EntryRow.unit_id).is_(None) if unit_id is None else col(EntryRow.unit_id) == unit_id


def latest_entry(session: Session, target_id: int, year: int, unit_id: int | None = None) -> Revision | None:
    """The latest revision of the committee's figure (or, with unit_id, of the unit's)."""
    query = (
        select(EntryRow)
        .where(EntryRow.target_id == target_id, EntryRow.year == year, of_unit(unit_id))
        .order_by(col(EntryRow.revision).desc())
    )
    row = session.exec(query.limit(1)).first()
    return None if row is None else as_revision(row)


def current_entries(
    session: Session, resolution_id: int, as_recorded: datetime | None = None
) -> list[Revision]:
    """The committee's own figure that counts for each (target, year): its latest revision
    (the units' figures: units.current_unit_entries).

    With `as_recorded`, only the revisions that existed at that moment are considered.
    """
    latest = (
        select(EntryRow.target_id, EntryRow.year, func.max(EntryRow.revision).label("revision"))
        .join(TargetRow, col(TargetRow.id) == EntryRow.target_id)
        .where(TargetRow.resolution_id == resolution_id, col(EntryRow.unit_id).is_(None))
    )
    if as_recorded is not None:
        latest = latest.where(col(EntryRow.recorded_at) <= stored_moment(as_recorded))
    newest = latest.group_by(col(EntryRow.target_id), col(EntryRow.year)).subquery()
    query = select(EntryRow).join(
        newest,
        (col(EntryRow.target_id) == newest.c.target_id)
        & (col(EntryRow.year) == newest.c.year)
        & (col(EntryRow.revision) == newest.c.revision),
    )
    return [as_revision(row) for row in session.exec(query.where(col(EntryRow.unit_id).is_(None))).all()]


def revisions(
    session: Session, resolution_id: int, code: str | None = None, year: int | None = None
) -> list[tuple[Target, Revision]]:
    """Every revision of the committee's own figures, oldest first within each (target, year)
    (with the units' too: units.revisions_with_units)."""
    query = (
        select(TargetRow, EntryRow)
        .join(EntryRow, col(EntryRow.target_id) == TargetRow.id)
        .where(TargetRow.resolution_id == resolution_id, col(EntryRow.unit_id).is_(None))
    )
    if code is not None:
        query = query.where(TargetRow.code == code)
    if year is not None:
        query = query.where(EntryRow.year == year)
    query = query.order_by(col(TargetRow.position), col(EntryRow.year), col(EntryRow.revision))
    return [(target_of(target), as_revision(entry)) for target, entry in session.exec(query).all()]


def corrections(
    session: Session, resolution_id: int, after: datetime | None, until: datetime | None
) -> list[tuple[Target, Revision]]:
    """The committee's revisions after the first (corrections), recorded in the window (after, until]."""
    query = (
        select(TargetRow, EntryRow)
        .join(EntryRow, col(EntryRow.target_id) == TargetRow.id)
        .where(
            TargetRow.resolution_id == resolution_id,
            col(EntryRow.revision) > 1,
            col(EntryRow.unit_id).is_(None),
        )
    )
    if after is not None:
        query = query.where(col(EntryRow.recorded_at) > stored_moment(after))
    if until is not None:
        query = query.where(col(EntryRow.recorded_at) <= stored_moment(until))
    ordered = query.order_by(col(TargetRow.position), col(EntryRow.year), col(EntryRow.revision))
    return [(target_of(target), as_revision(entry)) for target, entry in session.exec(ordered).all()]


def revision_of(
    session: Session, target_id: int, year: int, revision: int, unit_id: int | None = None
) -> Revision | None:
    query = select(EntryRow).where(
        EntryRow.target_id == target_id,
        EntryRow.year == year,
        EntryRow.revision == revision,
        of_unit(unit_id),
    )
    row = session.exec(query).first()
    return None if row is None else as_revision(row)


# ---------------------------------------------------------------------------------------------
# Bulk import (tracker import, tracker enter): many revisions at once.
# ---------------------------------------------------------------------------------------------

# The columns of a revision as the writer gives them, in this order; who recorded it and when
# are the same for all the revisions of one store.
REVISION_COLUMNS = (
    "target_id",
    "year",
    "revision",
    "value",
    "numerator",
    "denominator",
    "note",
    "source_document",
    "provisional",
    "reason",
    "unit_id",
)
EntryValues = tuple[
    int | None, int, int, float, int | None, int | None, str | None, str | None, bool, str | None, int | None
]
_PLACEHOLDER = {"qmark": "?", "format": "%s", "pyformat": "%s"}  # SQLite's driver, psycopg
ROWS_PER_INSERT = 76  # rows in one INSERT: 988 parameters, within the limit of every SQLite (999)


def revision_from_values(values: EntryValues, recorded_by: str, recorded_at: datetime) -> Revision:
    """The revision that insert_entries stores for these values (in the order of REVISION_COLUMNS)."""
    target_id, year, revision, value, numerator, denominator, note, source, provisional, reason, unit_id = (
        values
    )
    found = Figure(value, numerator, denominator, provisional)
    return Revision(
        target_id or 0, unit_id, year, revision, found, note, source, reason, recorded_by, recorded_at
    )


def latest_entries(session: Session, keys: Collection[tuple[int, int]]) -> list[Revision]:
    """The latest revision of the committee's figure of each (target id, year) of `keys` that has one.

    Read by the targets and the years the keys name, which a file's rows give in blocks (a
    target's years, or a year's targets), then kept to the keys as they arrive."""
    if not keys:
        return []
    targets, years = sorted({t for t, _y in keys}), sorted({y for _t, y in keys})
    latest = (
        select(EntryRow.target_id, EntryRow.year, func.max(EntryRow.revision).label("revision"))
        .where(
            col(EntryRow.target_id).in_(targets),
            col(EntryRow.year).in_(years),
            col(EntryRow.unit_id).is_(None),
        )
        .group_by(col(EntryRow.target_id), col(EntryRow.year))
        .subquery()
    )
    query = select(EntryRow).join(
        latest,
        (col(EntryRow.target_id) == latest.c.target_id)
        & (col(EntryRow.year) == latest.c.year)
        & (col(EntryRow.revision) == latest.c.revision),
    )
    query = query.where(col(EntryRow.unit_id).is_(None))
    found = session.exec(query.execution_options(yield_per=1000))
    return [as_revision(entry) for entry in found if (entry.target_id, entry.year) in keys]


def insert_entries(
    session: Session, rows: Sequence[EntryValues], recorded_by: str, recorded_at: datetime
) -> None:
    """Insert many entry revisions (their columns in the order of REVISION_COLUMNS), recorded by
    one person at one moment; the caller has checked and numbered them.

    The driver's own statement, ROWS_PER_INSERT rows to a statement: the rows go to the driver
    as they are (ints, floats, texts, booleans and None, which SQLite and PostgreSQL store as
    SQLAlchemy would), without a dictionary or a conversion per row: about half the time of a
    Core insert. The moment is converted once, as SQLAlchemy converts it for the database."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    convert = (
        EntryRow.metadata.tables["entry"].c.recorded_at.type.dialect_impl(dialect).bind_processor(dialect)
    )
    shared = (recorded_by, convert(recorded_at) if convert else recorded_at)
    values = [row + shared for row in rows]
    whole = len(values) - len(values) % ROWS_PER_INSERT
    if whole:
        batches = [values[start : start + ROWS_PER_INSERT] for start in range(0, whole, ROWS_PER_INSERT)]
        many = [tuple(itertools.chain.from_iterable(batch)) for batch in batches]
        connection.exec_driver_sql(_insert_statement(dialect, ROWS_PER_INSERT), many)
    if whole < len(values):
        rest = tuple(itertools.chain.from_iterable(values[whole:]))
        connection.exec_driver_sql(_insert_statement(dialect, len(values) - whole), [rest])


def _insert_statement(dialect: Dialect, rows: int) -> str:
    quote = dialect.identifier_preparer.quote
    columns = (*REVISION_COLUMNS, "recorded_by", "recorded_at")
    row = "(" + ", ".join([_PLACEHOLDER[dialect.paramstyle]] * len(columns)) + ")"
    return f"INSERT INTO {quote('entry')} ({', '.join(map(quote, columns))}) VALUES {', '.join([row] * rows)}"


Series = tuple[int, int | None]  # (target id, unit id): a unit's figures, or the committee's own (None)


def earlier_values(
    session: Session, series: Collection[Series], before: int
) -> dict[Series, dict[int, float]]:
    """The value that counts of each figure of the series in the years before `before`, by year:
    the history a new figure is compared with (tracker/evaluate/_outliers.py). Read by the
    targets and units the series name, kept to the latest revision of each, then to the series."""
    if not series:
        return {}
    series = set(series)
    targets = sorted({t for t, _u in series})
    units = sorted({u for _t, u in series if u is not None})
    whose = [col(EntryRow.unit_id).in_(units)] if units else []
    if any(u is None for _t, u in series):
        whose.append(col(EntryRow.unit_id).is_(None))
    columns = (EntryRow.target_id, EntryRow.unit_id, EntryRow.year, EntryRow.revision, EntryRow.value)
    query = sa_select(*(col(c) for c in columns)).where(
        col(EntryRow.target_id).in_(targets), col(EntryRow.year) < before, or_(*whose)
    )
    latest: dict[tuple[int, int | None, int], tuple[int, float]] = {}
    rows: list[Any] = list(session.connection().execute(query).all())
    for target_id, unit_id, year, revision, value in rows:
        key = (target_id, unit_id, year)
        if key not in latest or latest[key][0] < revision:
            latest[key] = (revision, value)
    found: dict[Series, dict[int, float]] = {}
    for (target_id, unit_id, year), (_revision, value) in latest.items():
        if (target_id, unit_id) in series:
            found.setdefault((target_id, unit_id), {})[year] = value
    return found
