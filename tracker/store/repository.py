"""Every query of the project: resolutions, targets and entry revisions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from tracker.store.tables import Entry, ReportRun, Resolution, Target


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


def lock_resolution(session: Session, resolution_id: int) -> None:
    """Lock the resolution's row until the transaction ends: one report of it at a time."""
    session.exec(select(Resolution.id).where(Resolution.id == resolution_id).with_for_update()).all()


def latest_entry(session: Session, target_id: int, year: int) -> Entry | None:
    query = (
        select(Entry)
        .where(Entry.target_id == target_id, Entry.year == year)
        .order_by(col(Entry.revision).desc())
    )
    return session.exec(query.limit(1)).first()


def current_entries(session: Session, resolution_id: int, as_recorded: datetime | None = None) -> list[Entry]:
    """The figure that counts for each (target, year): its latest revision.

    With `as_recorded`, only the revisions that existed at that moment are considered.
    """
    latest = (
        select(Entry.target_id, Entry.year, func.max(Entry.revision).label("revision"))
        .join(Target, col(Target.id) == Entry.target_id)
        .where(Target.resolution_id == resolution_id)
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
    return list(session.exec(query).all())


def revisions(
    session: Session, resolution_id: int, code: str | None = None, year: int | None = None
) -> Sequence[tuple[Target, Entry]]:
    """Every revision, oldest first within each (target, year)."""
    query = (
        select(Target, Entry)
        .join(Entry, col(Entry.target_id) == Target.id)
        .where(Target.resolution_id == resolution_id)
    )
    if code is not None:
        query = query.where(Target.code == code)
    if year is not None:
        query = query.where(Entry.year == year)
    query = query.order_by(col(Target.position), col(Entry.year), col(Entry.revision))
    return session.exec(query).all()


def previous_report(session: Session, resolution_id: int, before: datetime | None = None) -> ReportRun | None:
    """The latest stored report of the resolution (made no later than `before`, if given).

    Rebuilds of the past (--as-recorded) are not reports the committee received: never "previous".
    One row, read from the end of ix_report_run_resolution_id_created_at_id (skipping the rare
    rebuilds); without LIMIT the ORM would fetch and parse every stored report.
    """
    query = select(ReportRun).where(
        ReportRun.resolution_id == resolution_id, col(ReportRun.as_recorded).is_(None)
    )
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
    """Revisions after the first (corrections), recorded in the window (after, until]."""
    query = (
        select(Target, Entry)
        .join(Entry, col(Entry.target_id) == Target.id)
        .where(Target.resolution_id == resolution_id, col(Entry.revision) > 1)
    )
    if after is not None:
        query = query.where(col(Entry.recorded_at) > _utc(after))
    if until is not None:
        query = query.where(col(Entry.recorded_at) <= _utc(until))
    return session.exec(query.order_by(col(Target.position), col(Entry.year), col(Entry.revision))).all()


def revision_of(session: Session, target_id: int, year: int, revision: int) -> Entry | None:
    query = select(Entry).where(Entry.target_id == target_id, Entry.year == year, Entry.revision == revision)
    return session.exec(query).first()


# ---------------------------------------------------------------------------------------------
# Bulk import (tracker import, tracker enter): many revisions in one statement.
# ---------------------------------------------------------------------------------------------


def insert_entries(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert many entry revisions at once (an executemany); the caller has checked them."""
    if rows:
        table = Entry.metadata.tables["entry"]  # a Core insert: a third faster than the ORM bulk insert
        session.connection().execute(insert(table), rows)
