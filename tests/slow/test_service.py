"""`tracker schedule run`, the real service, as a separate process: it fires, refuses a second
copy, catches up a run missed while it was down (once), and stops cleanly on SIGTERM and SIGINT."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.helpers.smtp_server import smtp_server
from tracker.config import load_settings
from tracker.errors import TrackerError
from tracker.schedule import _service as scheduler
from tracker.schedule._jobs import JobContext
from tracker.store._engine import make_engine

START_TIMEOUT = 30.0  # a cold start imports SQLAlchemy, Alembic checks and APScheduler
STOP_TIMEOUT = 15.0


def tracker_command(config_file: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "tracker", "--config", str(config_file), *args]


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env["PYTHONUNBUFFERED"] = "1"
    env["TRACKER_LANG"] = "en"  # the log lines the tests read
    return env


@dataclass
class Service:
    process: subprocess.Popen[bytes]
    out: Path
    err: Path

    @property
    def log(self) -> str:
        return self.err.read_text(encoding="utf-8", errors="replace") + self.out.read_text(
            encoding="utf-8", errors="replace"
        )

    def wait_for(self, pattern: str, count: int = 1, timeout: float = START_TIMEOUT) -> list[str]:
        """The log lines matching the regex, once there are `count` of them."""
        deadline = time.monotonic() + timeout
        while True:
            lines = [line for line in self.log.splitlines() if re.search(pattern, line)]
            if len(lines) >= count:
                return lines
            if self.process.poll() is not None:  # gone: what it logged is all there will be
                lines = [line for line in self.log.splitlines() if re.search(pattern, line)]
                if len(lines) >= count:
                    return lines
                raise AssertionError(f"the service exited {self.process.returncode}:\n{self.log}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no {count} line(s) matching {pattern!r} in {timeout} s:\n{self.log}")
            time.sleep(0.05)

    def stop(self, number: int = signal.SIGTERM) -> int:
        self.process.send_signal(number)
        return self.process.wait(timeout=STOP_TIMEOUT)


@contextmanager
def service(config_file: Path, name: str = "service") -> Iterator[Service]:
    """`tracker schedule run` in the background; killed at the end if still running."""
    folder = config_file.parent
    out, err = folder / f"{name}.out", folder / f"{name}.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            tracker_command(config_file, "schedule", "run"),
            stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL, env=clean_env(), cwd=folder,
        )  # fmt: skip
    try:
        yield Service(process, out, err)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)


def add_schedules(config_file: Path, text: str) -> None:
    config_file.write_text(config_file.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")


def job_runs(config_file: Path, schedule_id: str) -> list[tuple[str, str, str]]:
    """(trigger, outcome, delivery) of each run of the schedule, oldest first."""
    with closing(sqlite3.connect(config_file.parent / "tracker.db", timeout=10)) as db:
        query = "SELECT trigger, outcome, delivery FROM job_run WHERE schedule_id = ? ORDER BY id"
        return [tuple(row) for row in db.execute(query, (schedule_id,))]


def test_an_interval_job_fires_and_logs_one_line_per_run(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    add_schedules(
        config_file, "schedules:\n  - id: nhanh\n    interval_seconds: 1\n    report: {formats: [txt]}\n"
    )
    reports = config_file.parent / "reports"
    with service(config_file) as svc:
        (scheduled,) = svc.wait_for(r"scheduled nhanh: next run")
        logged = datetime.strptime(scheduled.rsplit("next run ", 1)[1], "%Y-%m-%d %H:%M")
        local = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).replace(tzinfo=None)  # the configured zone
        assert abs(logged - local) < timedelta(minutes=2), (logged, local)
        assert "service started" in svc.wait_for(r"service started \(.* pid \d+\); 1 schedule\(s\)")[0]
        lines = svc.wait_for(r"nhanh: report done", count=2, timeout=15)
        written = sorted(reports.glob("DHIX-DUK-DB-2021-en-r*.txt"))
        assert len(written) >= 2  # a file of its own for each run
        assert "COMMUNIST PARTY OF VIETNAM" in written[-1].read_text(encoding="utf-8")
        assert svc.stop() == 0
    lines = [line for line in svc.log.splitlines() if "nhanh: report done" in line]
    report = re.escape(str(reports / "DHIX-DUK-DB-2021-en-r")) + r"\d+\.txt"
    pattern = rf"INFO nhanh: report done, as of 2021 -> {report}; no mail \(\d+(\.\d)? s\)$"
    assert all(re.search(pattern, line) for line in lines), lines
    runs = job_runs(config_file, "nhanh")
    assert len(runs) == len(lines) >= 2
    assert set(runs) == {("scheduled", "ok", "none")}
    assert svc.log.rstrip().endswith("INFO stopped") and "Traceback" not in svc.log
    listed = tracker("schedule", "list")
    assert "nhanh" in listed.out and "every 1 s" in listed.out and "ok" in listed.out


def test_a_second_service_on_the_same_database_refuses_naming_the_first(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    add_schedules(config_file, "schedules:\n  - id: nam\n    cron: yearly\n")
    with service(config_file) as first:
        first.wait_for("service started")
        second = subprocess.run(
            tracker_command(config_file, "schedule", "run"),
            capture_output=True, text=True, env=clean_env(), timeout=START_TIMEOUT, check=False,
        )  # fmt: skip
        assert second.returncode == 2
        assert "already running" in second.stderr and f"pid {first.process.pid}" in second.stderr
        assert second.stderr.startswith("tracker: error: ") and "Traceback" not in second.stderr
        assert first.process.poll() is None  # the first one is untouched
        assert first.stop() == 0


def test_a_run_missed_while_down_runs_once_at_start(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    add_schedules(
        config_file, "schedules:\n  - id: dau-nam\n    cron: '0 7 1 1 *'\n    report: {formats: [txt]}\n"
    )
    assert tracker("schedule", "run-now", "dau-nam").code == 0
    long_ago = (datetime.now(UTC) - timedelta(days=730)).strftime("%Y-%m-%d %H:%M:%S.%f")
    with closing(sqlite3.connect(config_file.parent / "tracker.db")) as db:
        db.execute("UPDATE job_run SET started_at = ?, scheduled_for = ?", (long_ago, long_ago))
        db.commit()
    with service(config_file, "first") as svc:
        svc.wait_for("dau-nam missed a run while the service was down: running it once now")
        svc.wait_for(r"dau-nam: report done, as of 2021 -> ", timeout=15)
        time.sleep(1)  # nothing else is due: 1 January 07:00 is months away
        assert svc.stop() == 0
    assert job_runs(config_file, "dau-nam") == [("run-now", "ok", "none"), ("catch-up", "ok", "none")]
    with service(config_file, "restarted") as again:
        again.wait_for("service started")
        time.sleep(1.5)
        assert again.stop() == 0
    assert "missed a run" not in again.log and "dau-nam report" not in again.log
    assert len(job_runs(config_file, "dau-nam")) == 2  # no duplicate after the restart


def mail_config(port: int, interval: int, timeout: float = 20) -> str:
    return (
        f"smtp:\n  host: 127.0.0.1\n  port: {port}\n  security: none\n"
        f"  sender: tracker@example.org\n  retries: 1\n  timeout_seconds: {timeout}\n"
        f"schedules:\n  - id: gui\n    interval_seconds: {interval}\n    report: {{formats: [html]}}\n"
        "    email: {to: [van.phong@example.org]}\n"
    )


def test_sigterm_during_a_job_lets_it_finish(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    with smtp_server(delay=3) as inbox:
        add_schedules(config_file, mail_config(inbox.port, interval=2))
        with service(config_file) as svc:
            svc.wait_for("service started")
            assert inbox.data_started.wait(timeout=20), svc.log  # the job is sending its mail now
            assert not inbox.snapshot()
            stopping = time.monotonic()
            assert svc.stop(signal.SIGTERM) == 0
            took = time.monotonic() - stopping
        (mail,) = inbox.snapshot()
    assert mail.rcpt_tos == ["van.phong@example.org"] and list(mail.attachments()) == [
        "DHIX-DUK-DB-2021-en-r1.html"
    ]
    lines = svc.log.splitlines()
    order = [
        next(i for i, line in enumerate(lines) if marker in line)
        for marker in ("stopping: letting the running job finish", "gui: report done", "INFO stopped")
    ]
    assert order == sorted(order), svc.log
    assert "mailed to van.phong@example.org" in lines[order[1]]
    assert 1 < took < STOP_TIMEOUT  # it waited for the mail server's answer
    assert job_runs(config_file, "gui") == [("scheduled", "ok", "sent")]


def test_sigint_stops_cleanly_and_releases_the_lease(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    add_schedules(config_file, "schedules:\n  - id: nam\n    cron: yearly\n")
    with service(config_file, "first") as first:
        first.wait_for("service started")
        assert first.stop(signal.SIGINT) == 0
    assert first.log.rstrip().endswith("INFO stopped")
    assert "Traceback" not in first.log and "KeyboardInterrupt" not in first.log
    with service(config_file, "second") as second:
        second.wait_for(r"service started \(.* pid \d+\)")
        assert "already running" not in second.log
        assert second.stop() == 0


def test_the_lease_holds_while_a_long_job_runs(  # type: ignore[no-untyped-def]
    tracker, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scheduler, "HEARTBEAT_SECONDS", 0.2)  # the real 20 s and 75 s, scaled down
    monkeypatch.setattr(scheduler, "STALE_AFTER", timedelta(seconds=1))
    with smtp_server(delay=3) as inbox:
        add_schedules(config_file, mail_config(inbox.port, interval=1))
        settings = load_settings(config_file)
        engine = make_engine(settings.database_url)
        first = scheduler.Service(JobContext(engine, settings), "first host pid 1")
        first.start()
        try:
            assert inbox.data_started.wait(timeout=10)  # the job is waiting for the mail server
            time.sleep(1.5)  # longer than STALE_AFTER: only a live heartbeat keeps the lease
            second = scheduler.Service(JobContext(engine, settings), "second host pid 2")
            try:
                second.start()
            except TrackerError as exc:
                refused = str(exc)
            else:
                second.stop()
                refused = ""
        finally:
            first.stop()
            engine.dispose()
    assert "already running" in refused and "first host pid 1" in refused


def test_ctrl_c_while_mailing_loses_nothing(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    with smtp_server(delay=30) as slow:
        add_schedules(config_file, mail_config(slow.port, interval=3600, timeout=3))
        command = tracker_command(config_file, "schedule", "run-now", "gui")
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=clean_env())
        try:
            assert slow.data_started.wait(timeout=START_TIMEOUT)
            process.send_signal(signal.SIGINT)
            process.communicate(timeout=STOP_TIMEOUT)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=STOP_TIMEOUT)
    assert process.returncode == 130 and not slow.snapshot()  # the server never accepted it
    assert (config_file.parent / "reports" / "DHIX-DUK-DB-2021-en-r1.html").is_file()
    with smtp_server(slow.port) as inbox:
        assert tracker("schedule", "run-now", "gui").code == 0
        assert len(inbox.snapshot()) == 2  # the interrupted one, and this run's
