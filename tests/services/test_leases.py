"""A job's lease: one run of a schedule at a time, kept alive however long the run takes."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

from tracker.errors import DatabaseBusy
from tracker.schedule import _leases as leases
from tracker.store._engine import make_engine

OTHER_HOST = "another-host pid 4242 run 0000"


@pytest.fixture
def database(tracker, config_file: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{config_file.parent / 'tracker.db'}"
    engine = make_engine(url)
    yield engine, url
    engine.dispose()


def test_a_long_run_keeps_its_lease_from_another_host(database, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    engine, url = database
    monkeypatch.setattr(leases, "JOB_BEAT_SECONDS", 0.05)
    monkeypatch.setattr(leases, "JOB_STALE_AFTER", timedelta(seconds=0.3))
    name, taken_by_other = leases.job_lease_name("nam"), []
    with leases.job_lease(engine, url, "nam"):
        deadline = time.monotonic() + 1.5  # five times the staleness: only the beats keep it
        while time.monotonic() < deadline:
            lease = leases.try_lease(engine, url, name, OTHER_HOST, leases.JOB_STALE_AFTER)
            taken_by_other.append(lease.holder == OTHER_HOST)
            time.sleep(0.05)
    assert taken_by_other and not any(taken_by_other)
    after = leases.try_lease(engine, url, name, OTHER_HOST, leases.JOB_STALE_AFTER)
    assert after.holder == OTHER_HOST  # released at the end of the run


def test_a_lease_whose_holder_stopped_beating_is_taken_over(
    database, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    engine, url = database
    # stale after 1 s, beaten every 0.05 s once taken over: a busy machine that starves the
    # beating thread for a second is needed before the test could read the lease as stale
    monkeypatch.setattr(leases, "JOB_STALE_AFTER", timedelta(seconds=1.0))
    monkeypatch.setattr(leases, "JOB_BEAT_SECONDS", 0.05)
    name = leases.job_lease_name("nam")
    assert leases.try_lease(engine, url, name, OTHER_HOST, leases.JOB_STALE_AFTER).holder == OTHER_HOST
    started = time.monotonic()
    with leases.job_lease(engine, url, "nam", wait_seconds=10):  # the other host never beats
        waited = time.monotonic() - started
        mine = leases.try_lease(engine, url, name, OTHER_HOST, leases.JOB_STALE_AFTER)
        assert mine.holder != OTHER_HOST
    assert waited >= 1.0  # it waited for the lease to go stale, not less


def test_a_second_run_waits_then_is_told_busy(database, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    engine, url = database
    entered = threading.Event()
    release = threading.Event()

    def first() -> None:
        with leases.job_lease(engine, url, "nam"):
            entered.set()
            release.wait(10)

    holder = threading.Thread(target=first)
    holder.start()
    try:
        assert entered.wait(10)
        with (
            pytest.raises(DatabaseBusy, match="another run of nam"),
            leases.job_lease(engine, url, "nam", wait_seconds=0.3),
        ):
            pass
    finally:
        release.set()
        holder.join()
    with leases.job_lease(engine, url, "nam", wait_seconds=1):  # free again once the first ended
        pass


def test_long_schedule_ids_get_distinct_lease_names_that_fit() -> None:
    first, second = (leases.job_lease_name("bao-cao-" + "x" * 50 + tail) for tail in ("a", "b"))
    assert first != second and len(first) <= leases.NAME_LENGTH and len(second) <= leases.NAME_LENGTH
