"""Leases: rows of service_lease that say who is doing something, so that nobody does it twice.

The scheduler service holds one for as long as it runs (with a heartbeat); each run of a job
holds one for its schedule, so that two overlapping runs of one job (the service and a
`run-now` from cron, say) run one after the other and never mail the same report twice. A
lease whose holder was killed on this host is taken over at once; one of another host when
its heartbeat is stale. A run beats its lease from a thread of its own while it works, so however
long its mail retries take, the lease stays alive.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from tracker import store
from tracker.errors import DatabaseBusy
from tracker.evaluate import moment_text
from tracker.i18n import _, current_language, current_zone
from tracker.reasons import failure_text
from tracker.store import Engine, Lease, unit_of_work

JOB_BEAT_SECONDS = 60.0  # a running job's heartbeat
JOB_STALE_AFTER = timedelta(minutes=10)  # ten beats missed: its holder is gone
JOB_WAIT_SECONDS = 15 * 60
POLL_SECONDS = 0.25
NAME_LENGTH = 32  # the column's width
log = logging.getLogger("tracker.schedule")


def holder_name() -> str:
    return f"{socket.gethostname()} pid {os.getpid()}"


def died_here(holder: str) -> bool:
    """Whether a lease holder was a process of this host that no longer exists (killed hard)."""
    host, _, rest = holder.rpartition(" pid ")
    pid = rest.split(" ", 1)[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):
        return False
    return False


def job_lease_name(schedule_id: str) -> str:
    """`job:<schedule id>`, shortened with a hash when it would not fit the column."""
    name = f"job:{schedule_id}"
    if len(name) <= NAME_LENGTH:
        return name
    digest = hashlib.sha1(schedule_id.encode("utf-8")).hexdigest()[:8]
    return f"{name[: NAME_LENGTH - 9]}~{digest}"


def try_lease(engine: Engine, url: str, name: str, holder: str, stale_after: timedelta) -> Lease:
    """Take the lease if it is free, stale or held by a dead process of this host; return it
    (its holder says whether it was taken)."""
    with unit_of_work(engine, url) as session:
        now = datetime.now(UTC)
        lease = store.take_lease(session, name, holder, now, stale_after)
        if lease.holder != holder and died_here(lease.holder):
            lease = store.take_over(session, name, lease.holder, holder, now)
        return lease


def release(engine: Engine, url: str, name: str, holder: str) -> None:
    with unit_of_work(engine, url) as session:
        store.release_lease(session, name, holder)


@contextmanager
def job_lease(
    engine: Engine,
    url: str,
    schedule_id: str,
    wait_seconds: float = JOB_WAIT_SECONDS,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[None]:
    """Hold the schedule's lease for the block, waiting for another run of it to finish."""
    name, holder = job_lease_name(schedule_id), f"{holder_name()} run {uuid.uuid4().hex[:8]}"
    deadline = time.monotonic() + wait_seconds
    while (lease := try_lease(engine, url, name, holder, JOB_STALE_AFTER)).holder != holder:
        if time.monotonic() >= deadline:
            message = _(
                "another run of {schedule} ({holder}, since {moment}) is still going; try again later"
            )
            moment = moment_text(lease.started_at, current_zone(), current_language())
            raise DatabaseBusy(message.format(schedule=schedule_id, holder=lease.holder, moment=moment))
        sleep(POLL_SECONDS)
    stop = threading.Event()
    beating = threading.Thread(target=_beat, args=(engine, url, name, holder, stop), daemon=True)
    beating.start()
    try:
        yield
    finally:
        stop.set()
        beating.join()
        release(engine, url, name, holder)


def _beat(engine: Engine, url: str, name: str, holder: str, stop: threading.Event) -> None:
    """Keep a job's lease alive until `stop`; a beat that fails (the database busy) is tried
    again at the next one."""
    while not stop.wait(JOB_BEAT_SECONDS):
        try:
            with unit_of_work(engine, url) as session:
                store.beat(session, name, holder, datetime.now(UTC))
        except Exception as exc:  # the job goes on; ten beats may fail before the lease is stale
            log.warning(_("%s: lease heartbeat not written: %s"), name, failure_text(exc))
