"""Queries and writes of the stored report runs (the report table): a run is stored before its
files are written (its number names them), and the next report compares itself with it."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from tracker.store._convert import fields_of, report_run_of
from tracker.store._records import ReportRun
from tracker.store._tables import ReportRunRow, stored_moment


def save_report_run(session: Session, run: ReportRun) -> ReportRun:
    """Store a new run (id None) and return it with its number, or store a stored run's changes."""
    if run.id is None:
        row = ReportRunRow(**fields_of(run))
    else:
        found = session.get(ReportRunRow, run.id)
        assert found is not None, f"report run {run.id} is gone"
        row = found
        for name, value in fields_of(run).items():
            setattr(row, name, value)
    session.add(row)
    session.flush()
    return report_run_of(row)


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
    query = select(ReportRunRow).where(
        ReportRunRow.resolution_id == resolution_id, col(ReportRunRow.as_recorded).is_(None)
    )
    if as_of is not None:
        query = query.where(ReportRunRow.as_of == as_of, ReportRunRow.kind == kind)
    if before is not None:
        query = query.where(col(ReportRunRow.created_at) <= stored_moment(before))
    newest = query.order_by(col(ReportRunRow.created_at).desc(), col(ReportRunRow.id).desc())
    row = session.exec(newest.limit(1)).first()
    return None if row is None else report_run_of(row)


def report_run_exists(session: Session, resolution_id: int, run_id: int) -> bool:
    query = select(ReportRunRow.id).where(
        ReportRunRow.id == run_id, ReportRunRow.resolution_id == resolution_id
    )
    return session.exec(query).first() is not None


def report_run_head(session: Session, resolution_id: int, run_id: int) -> tuple[bool, str | None]:
    """Whether the resolution has the run, and the chain's head it was made from (None before 0011)."""
    query = select(ReportRunRow.id, ReportRunRow.chain_head).where(
        ReportRunRow.id == run_id, ReportRunRow.resolution_id == resolution_id
    )
    found = session.exec(query).first()
    return (False, None) if found is None else (True, found[1])


def report_runs(session: Session, resolution_id: int, limit: int) -> list[ReportRun]:
    """The resolution's stored runs, newest first, at most `limit` of them."""
    query = (
        select(ReportRunRow)
        .where(ReportRunRow.resolution_id == resolution_id)
        .order_by(col(ReportRunRow.created_at).desc(), col(ReportRunRow.id).desc())
        .limit(limit)
    )
    return [report_run_of(row) for row in session.exec(query)]


def report_run(session: Session, resolution_id: int, run_id: int) -> ReportRun | None:
    """One stored run of the resolution, or None."""
    query = select(ReportRunRow).where(ReportRunRow.id == run_id, ReportRunRow.resolution_id == resolution_id)
    row = session.exec(query).first()
    return None if row is None else report_run_of(row)
