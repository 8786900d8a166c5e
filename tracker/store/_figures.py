"""Every query of the project: resolutions, targets and entry revisions."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Dialect, func
from sqlmodel import Session, col, select

from tracker.store._tables import Entry, ReportRun, Resolution, Target


def _utc(moment: datetime) -> datetime:
    """Moments are stored as UTC (SQLite keeps the wall-clock text without its offset), so every
    moment a query compares with is turned to UTC first; a naive moment is taken as UTC."""
    return moment.astimezone(UTC) if moment.tzinfo else moment


def find_resolution(session: Session, code: str) -> Resolution | None:
    return session.exec(select(Resolution).where(Resolution.code == code)).first()


def targets_of(session: Session, resolution_id: int) -> list[Target]:
    query = select(Target).where(Target.resolution_id == resolution_id).order_by(col(Target.position))
    return list(session.exec(query).all())


def count_entries(session: Session, target_id: int) -> int:
    query = select(func.count()).select_from(Entry).where(Entry.target_id == target_id)
    return int(session.exec(query).one())


def stored_figure_years(session: Session, target_id: int) -> list[int]:
    """The year of each figure stored for a target (the committee's and each unit's, one per
    figure however many revisions), in order."""
    query = select(Entry.year, Entry.unit_id).where(Entry.target_id == target_id).distinct()
    return sorted(year for year, _unit in session.exec(query).all())


def save(session: Session, row: Resolution | Target | Entry | ReportRun) -> None:
    session.add(row)
    session.flush()


def delete(session: Session, row: Target) -> None:
    session.delete(row)
    session.flush()


def lock_targets(session: Session, target_ids: set[int]) -> None:
    """Lock the targets' rows until the transaction ends (SELECT ... FOR UPDATE, in id order so
    that two writers cannot deadlock). PostgreSQL needs it; SQLite holds the whole database's
    write lock already (BEGIN IMMEDIATE) and SQLAlchemy leaves FOR UPDATE out there."""
    if target_ids:
        query = select(Target.id).where(col(Target.id).in_(sorted(target_ids))).order_by(col(Target.id))
        session.exec(query.with_for_update()).all()


def has_entries(session: Session, target_ids: set[int]) -> bool:
    """Whether any of the targets has a figure."""
    query = select(Entry.id).where(col(Entry.target_id).in_(sorted(target_ids))).limit(1)
    return bool(target_ids) and session.exec(query).first() is not None


def lock_resolution(session: Session, resolution_id: int) -> None:
    """Lock the resolution's row until the transaction ends: one report of it at a time."""
    session.exec(select(Resolution.id).where(Resolution.id == resolution_id).with_for_update()).all()


def of_unit(unit_id: int | None) -> ColumnElement[bool]:
    """The condition that keeps one unit's figures, or the committee's own (unit_id None)."""
    return col(Entry.unit_id).is_(None) if unit_id is None else col(Entry.unit_id) == unit_id


def latest_entry(session: Session, target_id: int, year: int, unit_id: int | None = None) -> Entry | None:
    """The latest revision of the committee's figure (or, with unit_id, of the unit's)."""
    query = (
        select(Entry)
        .where(Entry.target_id == target_id, Entry.year == year, of_unit(unit_id))
        .order_by(col(Entry.revision).desc())
    )
    return session.exec(query.limit(1)).first()


def current_entries(session: Session, resolution_id: int, as_recorded: datetime | None = None) -> list[Entry]:
    """The committee's own figure that counts for each (target, year): its latest revision
    (the units' figures: units.current_unit_entries).

    With `as_recorded`, only the revisions that existed at that moment are considered.
    """
    latest = (
        select(Entry.target_id, Entry.year, func.max(Entry.revision).label("revision"))
        .join(Target, col(Target.id) == Entry.target_id)
        .where(Target.resolution_id == resolution_id, col(Entry.unit_id).is_(None))
    )
    if as_recorded is not None:
        latest = latest.where(col(Entry.recorded_at) <= _utc(as_recorded))
    newest = latest.group_by(col(Entry.target_id), col(Entry.year)).subquery()
    query = select(Entry).join(
        newest,
        (col(Entry.target_id) == newest.c.target_id)
        & (col(Entry.year) == newest.c.year)
        & (col(Entry.revision) == newest.c.revision),
    )
    return list(session.exec(query.where(col(Entry.unit_id).is_(None))).all())


def revisions(
    session: Session, resolution_id: int, code: str | None = None, year: int | None = None
) -> Sequence[tuple[Target, Entry]]:
    """Every revision of the committee's own figures, oldest first within each (target, year)
    (with the units' too: units.revisions_with_units)."""
    query = (
        select(Target, Entry)
        .join(Entry, col(Entry.target_id) == Target.id)
        .where(Target.resolution_id == resolution_id, col(Entry.unit_id).is_(None))
    )
    if code is not None:
        query = query.where(Target.code == code)
    if year is not None:
        query = query.where(Entry.year == year)
    query = query.order_by(col(Target.position), col(Entry.year), col(Entry.revision))
    return session.exec(query).all()


def previous_report(
    session: Session,
    resolution_id: int,
    before: datetime | None = None,
    *,
    as_of: int | None = None,
    kind: str | None = None,
) -> ReportRun | None:
    """The latest stored report of the resolution (made no later than `before`, if given; of
    the as-of year and kind, if given).

    Rebuilds of the past (--as-recorded) are not reports the committee received: never "previous".
    One row, read from the end of ix_report_run_resolution_id_created_at_id (or, for one as-of
    year and kind, ix_report_run_resolution_id_as_of_kind_created_at_id), skipping the rare
    rebuilds; without LIMIT the ORM would fetch and parse every stored report.
    """
    query = select(ReportRun).where(
        ReportRun.resolution_id == resolution_id, col(ReportRun.as_recorded).is_(None)
    )
    if as_of is not None:
        query = query.where(ReportRun.as_of == as_of, ReportRun.kind == kind)
    if before is not None:
        query = query.where(col(ReportRun.created_at) <= _utc(before))
    newest = query.order_by(col(ReportRun.created_at).desc(), col(ReportRun.id).desc())
    return session.exec(newest.limit(1)).first()


def report_run_exists(session: Session, resolution_id: int, run_id: int) -> bool:
    query = select(ReportRun.id).where(ReportRun.id == run_id, ReportRun.resolution_id == resolution_id)
    return session.exec(query).first() is not None


def corrections(
    session: Session, resolution_id: int, after: datetime | None, until: datetime | None
) -> Sequence[tuple[Target, Entry]]:
    """The committee's revisions after the first (corrections), recorded in the window (after, until]."""
    query = (
        select(Target, Entry)
        .join(Entry, col(Entry.target_id) == Target.id)
        .where(Target.resolution_id == resolution_id, col(Entry.revision) > 1, col(Entry.unit_id).is_(None))
    )
    if after is not None:
        query = query.where(col(Entry.recorded_at) > _utc(after))
    if until is not None:
        query = query.where(col(Entry.recorded_at) <= _utc(until))
    return session.exec(query.order_by(col(Target.position), col(Entry.year), col(Entry.revision))).all()


def revision_of(
    session: Session, target_id: int, year: int, revision: int, unit_id: int | None = None
) -> Entry | None:
    query = select(Entry).where(
        Entry.target_id == target_id, Entry.year == year, Entry.revision == revision, of_unit(unit_id)
    )
    return session.exec(query).first()


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


def latest_entries(session: Session, keys: Collection[tuple[int, int]]) -> list[Entry]:
    """The latest revision of the committee's figure of each (target id, year) of `keys` that has one.

    Read by the targets and the years the keys name, which a file's rows give in blocks (a
    target's years, or a year's targets), then kept to the keys as they arrive."""
    if not keys:
        return []
    targets, years = sorted({t for t, _y in keys}), sorted({y for _t, y in keys})
    latest = (
        select(Entry.target_id, Entry.year, func.max(Entry.revision).label("revision"))
        .where(col(Entry.target_id).in_(targets), col(Entry.year).in_(years), col(Entry.unit_id).is_(None))
        .group_by(col(Entry.target_id), col(Entry.year))
        .subquery()
    )
    query = select(Entry).join(
        latest,
        (col(Entry.target_id) == latest.c.target_id)
        & (col(Entry.year) == latest.c.year)
        & (col(Entry.revision) == latest.c.revision),
    )
    query = query.where(col(Entry.unit_id).is_(None))
    found = session.exec(query.execution_options(yield_per=1000))
    return [entry for entry in found if (entry.target_id, entry.year) in keys]


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
    convert = Entry.metadata.tables["entry"].c.recorded_at.type.dialect_impl(dialect).bind_processor(dialect)
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
