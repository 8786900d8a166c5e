"""Shared fixtures: a temporary config and database per test, the command line run in-process,
and a PostgreSQL database of its own for the tests that need a real server.

A test whose setup is the default config and `tracker init` (`tracker`, `ready_config`, and
`units` for the config with three units) starts from a copy of a database that `tracker init`
migrated and loaded once per session (`templates`), instead of running the migrations again.
The tests of `init` itself, of the migrations, or of other configs run their own `init`.

The tests are laid out by kind and by package (docs/development.md); each folder's marks are
given here, in `pytest_collection_modifyitems`.
"""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from tests.helpers import UNITS, Result, default_config_text
from tracker.cli import main
from tracker.i18n import current_language, set_language

POSTGRES_ENV = "TRACKER_TEST_POSTGRES_URL"
REQUIRE_POSTGRES_ENV = "TRACKER_REQUIRE_POSTGRES"


CLEARED = ("TRACKER_CONFIG", "TRACKER_DATABASE_URL", "TRACKER_RESOLUTION", "NO_COLOR", "FORCE_COLOR")
DATABASE = "tracker.db"  # beside the config, as the default config says


# The marks of a folder's tests (pyproject.toml says what each means); `make test-fast` runs
# the tests not marked `slow`.
FOLDER_MARKS = {
    "reliability": ("reliability", "slow"),
    "render": ("render", "slow"),
    "slow": ("slow",),
}
TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        folder = item.path.relative_to(TESTS).parts[0] if item.path.is_relative_to(TESTS) else ""
        for mark in FOLDER_MARKS.get(folder, ()):
            item.add_marker(mark)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the user's config or database through the environment."""
    for name in CLEARED:
        monkeypatch.delenv(name, raising=False)
    # The tests read tracker's messages in English, as they are written in the code; a test of
    # what the office sees by default (the config's Vietnamese) asks for it with `vietnamese`.
    monkeypatch.setenv("TRACKER_LANG", "en")
    set_language("en")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("TERM", "dumb")


@pytest.fixture
def clock() -> Iterator[Callable[[datetime], None]]:
    """clock(moment): the commands of the test run at that moment (what they record, the report's
    stamp) until set again; the time of day again once the test ends. No sleeping."""
    from tracker.clock import set_clock

    yield set_clock
    set_clock(None)


@pytest.fixture
def soffice() -> str:
    """LibreOffice's command; the test is skipped without it, and fails instead where
    TRACKER_REQUIRE_LIBREOFFICE=1 (as .ci/run sets)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("TRACKER_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(
                "LibreOffice is required (TRACKER_REQUIRE_LIBREOFFICE=1) but soffice is not installed"
            )
        pytest.skip(
            "LibreOffice tests skipped: soffice is not installed "
            "(Debian: libreoffice-calc-nogui libreoffice-writer-nogui)"
        )
    return found


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
        code = exit_code(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


def exit_code(args: list[str]) -> int:
    """The command line run in-process: its exit code."""
    try:
        main(args)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


@dataclass(frozen=True)
class Template:
    """A config and the database `tracker init` made of it, once: what `init` said, in English."""

    folder: Path
    said: str

    def copy_to(self, config: Path) -> None:
        """The initialised database beside `config` (which holds the same text)."""
        shutil.copyfile(self.folder / DATABASE, config.parent / DATABASE)


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Template]:
    """templates(text): the config of that text, migrated and initialised by `tracker init` once
    per session; the tests start from copies of its database."""
    made: dict[str, Template] = {}

    def initialised(text: str) -> Template:
        if text not in made:
            made[text] = _initialise(tmp_path_factory.mktemp("template"), text)
        return made[text]

    return initialised


def _initialise(folder: Path, text: str) -> Template:
    config = folder / "config.yaml"
    config.write_text(text, encoding="utf-8")
    out, err, language = io.StringIO(), io.StringIO(), current_language()
    with pytest.MonkeyPatch.context() as env, redirect_stdout(out), redirect_stderr(err):
        for name in CLEARED:
            env.delenv(name, raising=False)
        env.setenv("TRACKER_LANG", "en")
        code = exit_code(["--config", str(config), "init"])
    set_language(language)
    assert code == 0, err.getvalue()
    with closing(sqlite3.connect(folder / DATABASE)) as database:  # every page in the file itself
        database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return Template(folder, out.getvalue())


def initialised_by_template(config: Path, text: str, templates: Callable[[str], Template]) -> bool:
    """Start `config` from the template of its text when that is `text` and its database is
    the default SQLite file, not yet there; False (nothing done) otherwise."""
    if (
        config.read_text(encoding="utf-8") != text
        or os.environ.get("TRACKER_DATABASE_URL")
        or (config.parent / DATABASE).exists()
    ):
        return False
    templates(text).copy_to(config)
    return True


@pytest.fixture
def ready_config(config_file: Path, templates: Callable[[str], Template]) -> Path:
    """The default config beside its database, migrated and initialised: a copy of the
    session's template, as `tracker init` leaves it."""
    assert initialised_by_template(config_file, default_config_text(), templates)
    return config_file


@pytest.fixture
def tracker(run, config_file: Path, templates: Callable[[str], Template]):  # type: ignore[no-untyped-def]
    """The command line on an initialised default database: tracker("status"). The database
    is a copy of the session's template; where a fixture changed the config or chose another
    database, `tracker init` runs as the user would."""

    def invoke(*args: str) -> Result:
        return run("--config", str(config_file), *args)  # type: ignore[no-any-return]

    if not initialised_by_template(config_file, default_config_text(), templates):
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
    with postgres_database() as url:
        yield url


@pytest.fixture(scope="module")
def module_postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database shared by the tests of one module that only read it."""
    with postgres_database() as url:
        yield url


@contextmanager
def postgres_database() -> Iterator[str]:
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
def units(run, tmp_path: Path, templates: Callable[[str], Template]):  # type: ignore[no-untyped-def]
    """The default config with three units: SYT, SGD (from 2022), CBX (to 2023), initialised
    (a copy of the session's template of that config); `units.config` is the config file."""
    config = tmp_path / "config.yaml"
    config.write_text(default_config_text() + UNITS, encoding="utf-8")

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return run("--config", str(config), *args)

    if initialised_by_template(config, default_config_text() + UNITS, templates):
        said = templates(default_config_text() + UNITS).said
    else:
        result = invoke("init")
        assert result.code == 0, result.err
        said = result.out
    assert "SYT" in said and "CBX" in said  # "+ unit SYT added", in the run's language
    invoke.config = config  # type: ignore[attr-defined]
    return invoke
