"""Benchmarks of `tracker schedule run`, the long-running service.

1. start to first run: seconds from starting the process to the log line of the first run of a
   schedule with `interval_seconds: 1` (a txt report). Includes the 1 s interval itself; the
   time to the "service started" line is shown too.
2. idle memory: the resident set (VmRSS in /proc/<pid>/status) after about 5 s idle, with one
   cron schedule that is not due. Goal: under 80 MB.

Each is the median of --runs runs (default 3) on a demo database (`tracker demo`) in a
temporary folder. Run it with `.venv/bin/python benchmarks/service_bench.py` (`--quick`: one run
of each, 1 s idle, a smoke test whose figures mean nothing). Linux only (/proc).
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

RSS_GOAL_MB = 80.0
IDLE_SECONDS = 5.0
QUICK_IDLE_SECONDS = 1.0  # --quick: one run of each measure, idle this long
TIMEOUT = 60.0
INTERVAL_SCHEDULE = (
    "schedules:\n  - id: bench-interval\n    interval_seconds: 1\n    report: {formats: [txt]}\n"
)
CRON_SCHEDULE = "schedules:\n  - id: bench-cron\n    cron: yearly\n    report: {formats: [txt]}\n"


@dataclass(frozen=True)
class Startup:
    started: float  # seconds to "service started"
    first_run: float  # seconds to the first run's log line


def clean_env() -> dict[str, str]:
    """The environment without TRACKER_* variables (they could point at another config), in English."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env["PYTHONUNBUFFERED"] = "1"
    env["TRACKER_LANG"] = "en"  # the log lines waited for are matched in English
    return env


def make_configs(folder: Path) -> tuple[Path, Path]:
    """The demo database, and two configs on it: one interval schedule, one cron schedule."""
    command = [sys.executable, "-m", "tracker", "demo", "--dir", str(folder)]
    subprocess.run(command, check=True, capture_output=True, env=clean_env(), timeout=TIMEOUT)
    base = (folder / "config.yaml").read_text(encoding="utf-8")
    interval, cron = folder / "bench-interval.yaml", folder / "bench-cron.yaml"
    interval.write_text(base + "\n" + INTERVAL_SCHEDULE, encoding="utf-8")
    cron.write_text(base + "\n" + CRON_SCHEDULE, encoding="utf-8")
    return interval, cron


class Running:
    """`tracker schedule run` with its log in a file; stopped with SIGTERM (killed if need be)."""

    def __init__(self, config: Path, log: Path) -> None:
        self.log = log
        self.began = time.perf_counter()
        with log.open("wb") as sink:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tracker", "--config", str(config), "schedule", "run"],
                stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=clean_env(),
            )  # fmt: skip

    def wait_for(self, text: str) -> float:
        """Seconds from the start of the process until `text` is in its log."""
        while time.perf_counter() - self.began < TIMEOUT:
            if text in self.log.read_text(encoding="utf-8", errors="replace"):
                return time.perf_counter() - self.began
            if self.process.poll() is not None:
                raise RuntimeError(f"the service exited {self.process.returncode}:\n{self.log.read_text()}")
            time.sleep(0.005)
        raise RuntimeError(f"no {text!r} in the log within {TIMEOUT} s")

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS in /proc/<pid>/status")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def measure_startup(config: Path, log: Path) -> Startup:
    service = Running(config, log)
    try:
        started = service.wait_for("service started")
        first = service.wait_for("bench-interval: report done")
        return Startup(started, first)
    finally:
        service.stop()


def measure_idle_rss(config: Path, log: Path, idle: float = IDLE_SECONDS) -> float:
    service = Running(config, log)
    try:
        service.wait_for("service started")
        time.sleep(idle)
        return service.rss_mb()
    finally:
        service.stop()


def spread(values: Iterable[float], digits: int = 2) -> str:
    return ", ".join(f"{value:.{digits}f}" for value in values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, help="runs of each measure (median; default 3)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"a smoke test: one run of each, {QUICK_IDLE_SECONDS:.0f} s idle (the figures mean nothing)",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when the memory goal is not met")
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.quick else 3)
    idle_s = QUICK_IDLE_SECONDS if args.quick else IDLE_SECONDS
    if not Path("/proc/self/status").exists():
        print("service_bench: needs Linux (/proc/<pid>/status)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="tracker-service-bench-") as tmp:
        folder = Path(tmp) / "demo"
        interval, cron = make_configs(folder)
        startups = [measure_startup(interval, folder / f"start-{i}.log") for i in range(runs)]
        rss = [measure_idle_rss(cron, folder / f"idle-{i}.log", idle_s) for i in range(runs)]
    started = statistics.median(s.started for s in startups)
    first = statistics.median(s.first_run for s in startups)
    idle = statistics.median(rss)
    verdict = "PASS" if idle < RSS_GOAL_MB else "FAIL"
    print(f"tracker schedule run, median of {runs} runs on the demo database")
    print(f"  start -> 'service started'       {started:6.2f} s   ({spread(s.started for s in startups)})")
    print(f"  start -> first scheduled run     {first:6.2f} s   ({spread(s.first_run for s in startups)})")
    print("    (interval_seconds: 1, so about 1 s of it is the wait for the first fire time)")
    print(f"  idle RSS after {idle_s:.0f} s, cron only {idle:6.1f} MB  ({spread(rss, 1)})")
    print(f"  goal: RSS under {RSS_GOAL_MB:.0f} MB: {verdict}")
    return 1 if args.strict and verdict == "FAIL" else 0


if __name__ == "__main__":
    sys.exit(main())
