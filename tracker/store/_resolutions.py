"""Queries and writes of resolutions and their targets (what `tracker init` loads from the
config), and the locks that keep writers of one resolution's figures apart."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from tracker.store._convert import resolution_of, target_of
from tracker.store._records import Resolution, Target
from tracker.store._tables import EntryRow, ResolutionRow, TargetRow


def find_resolution(session: Session, code: str) -> Resolution | None:
    row = session.exec(select(ResolutionRow).where(ResolutionRow.code == code)).first()
    return None if row is None else resolution_of(row)


def targets_of(session: Session, resolution_id: int) -> list[Target]:
    query = (
        select(TargetRow).where(TargetRow.resolution_id == resolution_id).order_by(col(TargetRow.position))
    )
    return [target_of(row) for row in session.exec(query).all()]


def save_resolution(session: Session, fields: dict[str, Any], resolution_id: int | None = None) -> Resolution:
    """A new resolution with these fields, or (with its id) the resolution given them."""
    row = (
        ResolutionRow(**fields)
        if resolution_id is None
        else _changed(session, ResolutionRow, resolution_id, fields)
    )
    session.add(row)
    session.flush()
    return resolution_of(row)


def save_target(
    session: Session, resolution_id: int, fields: dict[str, Any], target_id: int | None = None
) -> Target:
    """A new target of the resolution with these fields, or (with its id) the target given them."""
    if target_id is None:
        row = TargetRow(resolution_id=resolution_id, **fields)
    else:
        row = _changed(session, TargetRow, target_id, fields)
    session.add(row)
    session.flush()
    return target_of(row)


def delete_target(session: Session, target_id: int) -> None:
    row = session.get(TargetRow, target_id)
    if row is not None:
        session.delete(row)
        session.flush()


def _changed(session: Session, table: type[Any], row_id: int, fields: dict[str, Any]) -> Any:
    row = session.get(table, row_id)
    assert row is not None, f"{table.__tablename__} {row_id} is gone"
    for name, value in fields.items():
        setattr(row, name, value)
    return row


def count_entries(session: Session, target_id: int) -> int:
    query = select(func.count()).select_from(EntryRow).where(EntryRow.target_id == target_id)
    return int(session.exec(query).one())


def stored_figure_years(session: Session, target_id: int) -> list[int]:
    """The year of each figure stored for a target (the committee's and each unit's, one per
    figure however many revisions), in order."""
    query = select(EntryRow.year, EntryRow.unit_id).where(EntryRow.target_id == target_id).distinct()
    return sorted(year for year, _unit in session.exec(query).all())


def lock_targets(session: Session, target_ids: set[int]) -> None:
    """Lock the targets' rows until the transaction ends (SELECT ... FOR UPDATE, in id order so
    that two writers cannot deadlock). PostgreSQL needs it; SQLite holds the whole database's
    write lock already (BEGIN IMMEDIATE) and SQLAlchemy leaves FOR UPDATE out there."""
    if target_ids:
        query = (
            select(TargetRow.id).where(col(TargetRow.id).in_(sorted(target_ids))).order_by(col(TargetRow.id))
        )
        session.exec(query.with_for_update()).all()


def lock_resolution(session: Session, resolution_id: int) -> None:
    """Lock the resolution's row until the transaction ends: one report of it at a time."""
    session.exec(select(ResolutionRow.id).where(ResolutionRow.id == resolution_id).with_for_update()).all()
