"""Queries of the scheduler: job history, deliveries to retry, and the service lease."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from tracker.store.tables import JobRun, ReportRun, ServiceLease


def save_run(session: Session, run: JobRun) -> JobRun:
    session.add(run)
    session.flush()
    return run


def last_run(session: Session, schedule_id: str) -> JobRun | None:
    query = select(JobRun).where(JobRun.schedule_id == schedule_id)
    return session.exec(query.order_by(col(JobRun.started_at).desc(), col(JobRun.id).desc())).first()


def last_delivered_report(session: Session, schedule_id: str) -> ReportRun | None:
    """The report of the latest run of the schedule whose e-mail went out."""
    query = (
        select(ReportRun)
        .join(JobRun, col(JobRun.report_run_id) == ReportRun.id)
        .where(JobRun.schedule_id == schedule_id, JobRun.delivery == "sent")
        .order_by(col(JobRun.delivered_at).desc(), col(JobRun.id).desc())
    )
    return session.exec(query).first()


OWED = ("pending", "failed")  # deliveries still to make: cut off while pending, or failed


def undelivered(session: Session, schedule_id: str) -> list[JobRun]:
    """Runs of the schedule whose e-mail is owed, oldest first: failed, or cut off while pending."""
    query = select(JobRun).where(JobRun.schedule_id == schedule_id, col(JobRun.delivery).in_(OWED))
    return list(session.exec(query.order_by(col(JobRun.id))).all())


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
