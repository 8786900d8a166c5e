"""The reliability suite: real processes (`python -m tracker`), started together or killed with
SIGKILL at chosen moments (tracker/crashpoints.py), against SQLite and a real PostgreSQL.

Each test builds its own folder with the default config and an initialised database; on
PostgreSQL the database is one of its own (the `postgres_url` fixture), named by
TRACKER_DATABASE_URL in the processes' environment.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers import default_config_text, unlinked_config_text

TIMEOUT = 120.0  # seconds a single command may take on a loaded 2-core machine


@dataclass
class Setup:
    """A config file, its folder and the database the commands use."""

    config: Path
    url: str | None = None  # None: the SQLite file beside the config
    env: dict[str, str] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.config.parent

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "tracker", "--config", str(self.config), *args]

    def environment(self, crash_at: str | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
        env.update(PYTHONUNBUFFERED="1", COLUMNS="200", TERM="dumb", TRACKER_LANG="en")
        env.update(self.env)
        if self.url:
            env["TRACKER_DATABASE_URL"] = self.url
        if crash_at:
            env["TRACKER_CRASH_AT"] = crash_at
        return env

    def run(
        self, *args: str, crash_at: str | None = None, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(*args), capture_output=True, text=True, timeout=TIMEOUT, cwd=self.folder,
            env=self.environment(crash_at), input=stdin,
        )  # fmt: skip

    def start(self, *args: str, crash_at: str | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen(
            self.command(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=self.folder,
            env=self.environment(crash_at),
        )  # fmt: skip

    def query(self, sql: str, *params: object) -> list[tuple[object, ...]]:
        """Rows of a query on the database, SQLite or PostgreSQL."""
        from sqlalchemy import create_engine, text

        url = self.url or f"sqlite:///{self.folder / 'tracker.db'}"
        engine = create_engine(url)
        try:
            with engine.connect() as connection:
                named = {f"p{i}": value for i, value in enumerate(params)}
                return [tuple(row) for row in connection.execute(text(sql), named)]
        finally:
            engine.dispose()

    def execute(self, sql: str) -> None:
        from sqlalchemy import create_engine, text

        engine = create_engine(self.url or f"sqlite:///{self.folder / 'tracker.db'}")
        try:
            with engine.begin() as connection:
                connection.execute(text(sql))
        finally:
            engine.dispose()

    def integrity(self) -> str:
        """SQLite's own check of the file: "ok" when nothing is damaged."""
        with closing(sqlite3.connect(self.folder / "tracker.db")) as db:
            return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def assert_intact(setup: Setup) -> str:
    """`tracker verify` finds the chain intact; returns its line."""
    done = setup.run("verify")
    assert done.returncode == 0 and "chain intact" in done.stdout, (done.stdout, done.stderr)
    return done.stdout


def wait_all(processes: list[subprocess.Popen[str]]) -> list[tuple[int, str, str]]:
    results = []
    for process in processes:
        out, err = process.communicate(timeout=TIMEOUT)
        results.append((process.returncode, out, err))
    return results


def make_setup(
    folder: Path, url: str | None = None, extra_config: str = "", years: str = "", linked: bool = False
) -> Setup:
    """The default config (its targets list last, so `extra_config` may add targets or
    sections), without the links between its targets unless `linked` (every target takes
    made-up figures), optionally other reporting years; initialised."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "config.yaml"
    text = default_config_text() if linked else unlinked_config_text()
    if years:
        text = text.replace("reporting_years: [2021, 2022, 2023, 2024, 2025]", f"reporting_years: {years}")
    config.write_text(text + extra_config, encoding="utf-8")
    setup = Setup(config, url)
    done = setup.run("init")
    assert done.returncode == 0, done.stderr
    return setup


@pytest.fixture
def sqlite_setup(tmp_path: Path) -> Setup:
    return make_setup(tmp_path / "sqlite")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def setup(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Setup]:
    """The same test on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield make_setup(tmp_path / "sqlite")
        return
    url = request.getfixturevalue("postgres_url")
    yield make_setup(tmp_path / "postgresql", url)
