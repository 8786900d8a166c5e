"""Queries of the scheduler: job history, deliveries to retry, and the service lease."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from tracker.store._tables import JobRun, ReportRun, ServiceLease


def save_run(session: Session, run: JobRun) -> JobRun:
    session.add(run)
    session.flush()
    return run


def last_run(session: Session, schedule_id: str) -> JobRun | None:
    """The schedule's latest run. One row from the end of ix_job_run_schedule_id_started_at_id:
    without LIMIT the ORM would fetch, and parse, the schedule's whole history."""
    query = select(JobRun).where(JobRun.schedule_id == schedule_id)
    return session.exec(query.order_by(col(JobRun.started_at).desc(), col(JobRun.id).desc()).limit(1)).first()


def last_delivered_report(session: Session, schedule_id: str) -> ReportRun | None:
    """The report of the latest run of the schedule whose e-mail went out (one row, from the end
    of ix_job_run_schedule_id_delivery_delivered_at_id)."""
    query = (
        select(ReportRun)
        .join(JobRun, col(JobRun.report_run_id) == ReportRun.id)
        .where(JobRun.schedule_id == schedule_id, JobRun.delivery == "sent")
        .order_by(col(JobRun.delivered_at).desc(), col(JobRun.id).desc())
    )
    return session.exec(query.limit(1)).first()


OWED = ("pending", "failed")  # deliveries still to make: cut off while pending, or failed


def _owed(schedule_id: str) -> ColumnElement[bool]:
    """Runs of the schedule whose e-mail is owed: failed, or cut off while pending. The
    index on (schedule_id, delivery, ...) finds them among any number of delivered runs."""
    return (col(JobRun.schedule_id) == schedule_id) & col(JobRun.delivery).in_(OWED)


def undelivered(session: Session, schedule_id: str) -> list[int]:
    """The ids of the runs whose e-mail is owed, oldest first (the rows are read one at a time
    as each is sent, so their mail bodies are not all loaded at once)."""
    query = select(JobRun.id).where(_owed(schedule_id)).order_by(col(JobRun.id))
    return [int(run_id) for run_id in session.exec(query) if run_id is not None]


def count_undelivered(session: Session, schedule_id: str) -> int:
    return int(session.exec(select(func.count()).select_from(JobRun).where(_owed(schedule_id))).one())


def get_run(session: Session, run_id: int) -> JobRun | None:
    return session.get(JobRun, run_id)


def take_lease(
    session: Session, name: str, holder: str, now: datetime, stale_after: timedelta
) -> ServiceLease:
    """Hold the lease, or return the live lease of someone else (the caller refuses to start).

    A lease whose heartbeat is older than `stale_after` belongs to a service that died; it is
    taken over. The conditional UPDATE and the primary key make two starts race safely.
    """
    taken = session.execute(
        update(ServiceLease)
        .where(
            col(ServiceLease.name) == name,
            (col(ServiceLease.holder) == holder) | (col(ServiceLease.heartbeat_at) < now - stale_after),
        )
        .values(holder=holder, started_at=now, heartbeat_at=now)
    )
    if taken.rowcount:  # type: ignore[attr-defined]
        session.flush()
    else:
        try:
            with session.begin_nested():
                session.add(ServiceLease(name=name, holder=holder, started_at=now, heartbeat_at=now))
        except IntegrityError:
            pass
    lease = session.get(ServiceLease, name, populate_existing=True)
    assert lease is not None
    return lease


def take_over(session: Session, name: str, old_holder: str, holder: str, now: datetime) -> ServiceLease:
    """Take the lease from a holder known to be dead (a process of this host that is gone)."""
    session.execute(
        update(ServiceLease)
        .where(col(ServiceLease.name) == name, col(ServiceLease.holder) == old_holder)
        .values(holder=holder, started_at=now, heartbeat_at=now)
    )
    lease = session.get(ServiceLease, name, populate_existing=True)
    assert lease is not None
    return lease


def beat(session: Session, name: str, holder: str, now: datetime) -> None:
    session.execute(
        update(ServiceLease)
        .where(col(ServiceLease.name) == name, col(ServiceLease.holder) == holder)
        .values(heartbeat_at=now)
    )


def release_lease(session: Session, name: str, holder: str) -> None:
    session.execute(
        delete(ServiceLease).where(col(ServiceLease.name) == name, col(ServiceLease.holder) == holder)
    )
