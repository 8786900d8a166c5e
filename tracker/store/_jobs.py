"""Queries of the scheduler: job history, deliveries to retry, and the service lease."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from tracker.store._convert import fields_of, job_run_of, lease_of, report_run_of
from tracker.store._records import JobRun, Lease, ReportRun
from tracker.store._tables import JobRunRow, ReportRunRow, ServiceLeaseRow


def save_run(session: Session, run: JobRun) -> JobRun:
    """Store a new run (id None) and return it with its id, or store a stored run's changes."""
    if run.id is None:
        row = JobRunRow(**fields_of(run))
    else:
        found = session.get(JobRunRow, run.id)
        assert found is not None, f"job run {run.id} is gone"
        row = found
        for name, value in fields_of(run).items():
            setattr(row, name, value)
    session.add(row)
    session.flush()
    return job_run_of(row)


def last_run(session: Session, schedule_id: str) -> JobRun | None:
    """The schedule's latest run. One row from the end of ix_job_run_schedule_id_started_at_id:
    without LIMIT the ORM would fetch, and parse, the schedule's whole history."""
    query = select(JobRunRow).where(JobRunRow.schedule_id == schedule_id)
    newest = query.order_by(col(JobRunRow.started_at).desc(), col(JobRunRow.id).desc())
    row = session.exec(newest.limit(1)).first()
    return None if row is None else job_run_of(row)


def last_delivered_report(session: Session, schedule_id: str) -> ReportRun | None:
    """The report of the latest run of the schedule whose e-mail went out (one row, from the end
    of ix_job_run_schedule_id_delivery_delivered_at_id)."""
    query = (
        select(ReportRunRow)
        .join(JobRunRow, col(JobRunRow.report_run_id) == ReportRunRow.id)
        .where(JobRunRow.schedule_id == schedule_id, JobRunRow.delivery == "sent")
        .order_by(col(JobRunRow.delivered_at).desc(), col(JobRunRow.id).desc())
    )
    row = session.exec(query.limit(1)).first()
    return None if row is None else report_run_of(row)


OWED = ("pending", "failed")  # deliveries still to make: cut off while pending, or failed


def _owed(schedule_id: str) -> ColumnElement[bool]:
    """Runs of the schedule whose e-mail is owed: failed, or cut off while pending. The
    index on (schedule_id, delivery, ...) finds them among any number of delivered runs."""
    return (col(JobRunRow.schedule_id) == schedule_id) & col(JobRunRow.delivery).in_(OWED)


def undelivered(session: Session, schedule_id: str) -> list[int]:
    """The ids of the runs whose e-mail is owed, oldest first (the rows are read one at a time
    as each is sent, so their mail bodies are not all loaded at once)."""
    query = select(JobRunRow.id).where(_owed(schedule_id)).order_by(col(JobRunRow.id))
    return [int(run_id) for run_id in session.exec(query) if run_id is not None]


def count_undelivered(session: Session, schedule_id: str) -> int:
    return int(session.exec(select(func.count()).select_from(JobRunRow).where(_owed(schedule_id))).one())


def get_run(session: Session, run_id: int) -> JobRun | None:
    row = session.get(JobRunRow, run_id)
    return None if row is None else job_run_of(row)


def take_lease(session: Session, name: str, holder: str, now: datetime, stale_after: timedelta) -> Lease:
    """Hold the lease, or return the live lease of someone else (the caller refuses to start).

    A lease whose heartbeat is older than `stale_after` belongs to a service that died; it is
    taken over. The conditional UPDATE and the primary key make two starts race safely.
    """
    taken = session.execute(
        update(ServiceLeaseRow)
        .where(
            col(ServiceLeaseRow.name) == name,
            (col(ServiceLeaseRow.holder) == holder) | (col(ServiceLeaseRow.heartbeat_at) < now - stale_after),
        )
        .values(holder=holder, started_at=now, heartbeat_at=now)
    )
    if taken.rowcount:  # type: ignore[attr-defined]
        session.flush()
    else:
        try:
            with session.begin_nested():
                session.add(ServiceLeaseRow(name=name, holder=holder, started_at=now, heartbeat_at=now))
        except IntegrityError:
            pass
    lease = session.get(ServiceLeaseRow, name, populate_existing=True)
    assert lease is not None
    return lease_of(lease)


def take_over(session: Session, name: str, old_holder: str, holder: str, now: datetime) -> Lease:
    """Take the lease from a holder known to be dead (a process of this host that is gone)."""
    session.execute(
        update(ServiceLeaseRow)
        .where(col(ServiceLeaseRow.name) == name, col(ServiceLeaseRow.holder) == old_holder)
        .values(holder=holder, started_at=now, heartbeat_at=now)
    )
    lease = session.get(ServiceLeaseRow, name, populate_existing=True)
    assert lease is not None
    return lease_of(lease)


def beat(session: Session, name: str, holder: str, now: datetime) -> None:
    session.execute(
        update(ServiceLeaseRow)
        .where(col(ServiceLeaseRow.name) == name, col(ServiceLeaseRow.holder) == holder)
        .values(heartbeat_at=now)
    )


def release_lease(session: Session, name: str, holder: str) -> None:
    session.execute(
        delete(ServiceLeaseRow).where(
            col(ServiceLeaseRow.name) == name, col(ServiceLeaseRow.holder) == holder
        )
    )
