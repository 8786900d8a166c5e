"""`tracker serve` as a real process on loopback, for the tests that need one (a browser, a
kill -9, the load benchmark): started on a free port, ready once /healthz answers 200."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.smtp_server import free_port

START_TIMEOUT = 60.0


@dataclass
class Served:
    url: str  # http://127.0.0.1:PORT
    process: subprocess.Popen[bytes]
    log: Path

    def said(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def kill(self) -> None:
        """Stop at once, as `kill -9` does (the worker processes of --workers too)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env.update({"PYTHONUNBUFFERED": "1", "TRACKER_LANG": "en", **(extra or {})})
    return env


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=2) as answer:
            return bool(answer.status == 200)
    except OSError:
        return False


@contextmanager
def served(config: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """`tracker --config CONFIG serve --port P ARGS...` until the block ends (SIGTERM, then SIGKILL)."""
    port = free_port()
    log = config.parent / f"serve-{port}.log"
    command = [sys.executable, "-m", "tracker", "--config", str(config), "serve", "--port", str(port), *args]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=environment(env), start_new_session=True
        )
    running = Served(f"http://127.0.0.1:{port}", process, log)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not healthy(running.url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"tracker serve did not start: {running.said()}")
            time.sleep(0.1)
        yield running
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=15)
