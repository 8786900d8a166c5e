"""Shared fixtures: a temporary config and database per test, the command line run in-process,
and a PostgreSQL database of its own for the tests that need a real server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import UNITS, Result, default_config_text
from tracker.cli import main
from tracker.i18n import set_language

POSTGRES_ENV = "TRACKER_TEST_POSTGRES_URL"
REQUIRE_POSTGRES_ENV = "TRACKER_REQUIRE_POSTGRES"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the user's config or database through the environment."""
    for name in ("TRACKER_CONFIG", "TRACKER_DATABASE_URL", "TRACKER_RESOLUTION", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    # The tests read tracker's messages in English, as they are written in the code; a test of
    # what the office sees by default (the config's Vietnamese) asks for it with `vietnamese`.
    monkeypatch.setenv("TRACKER_LANG", "en")
    set_language("en")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("TERM", "dumb")


@pytest.fixture
def vietnamese(monkeypatch: pytest.MonkeyPatch) -> None:
    """The language the default config chooses: Vietnamese, as the office sees tracker."""
    monkeypatch.delenv("TRACKER_LANG", raising=False)
    set_language("vi")


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    """The default config in a temporary folder; its database will be tracker.db beside it."""
    path = tmp_path / "config.yaml"
    path.write_text(default_config_text(), encoding="utf-8")
    return path


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run the command line in-process: run("status", "--check") -> Result(code, out, err)."""

    def invoke(*args: str) -> Result:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def tracker(run, config_file: Path):  # type: ignore[no-untyped-def]
    """The command line on an initialised default database: tracker("status")."""

    def invoke(*args: str) -> Result:
        return run("--config", str(config_file), *args)  # type: ignore[no-any-return]

    result = invoke("init")
    assert result.code == 0, result.err
    return invoke


def _postgres_unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE_POSTGRES_ENV) == "1":
        pytest.fail(f"PostgreSQL is required ({REQUIRE_POSTGRES_ENV}=1) but {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database of this test's own, dropped afterwards.

    Skips with the reason when TRACKER_TEST_POSTGRES_URL is unset or the server does not
    answer; fails instead when TRACKER_REQUIRE_POSTGRES=1 (as .ci/run sets).
    """
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    base = os.environ.get(POSTGRES_ENV)
    if not base:
        _postgres_unavailable(f"{POSTGRES_ENV} is not set")
    assert base is not None
    name = f"tracker_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        _postgres_unavailable(f"the server at {base} is unreachable ({exc.orig})")
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parents[1]


@pytest.fixture
def units(run, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The default config with three units: SYT, SGD (from 2022), CBX (to 2023), initialised;
    `units.config` is the config file."""
    config = tmp_path / "config.yaml"
    config.write_text(default_config_text() + UNITS, encoding="utf-8")

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return run("--config", str(config), *args)

    result = invoke("init")
    assert result.code == 0, result.err
    assert "SYT" in result.out and "CBX" in result.out  # "+ unit SYT added", in the run's language
    invoke.config = config  # type: ignore[attr-defined]
    return invoke
