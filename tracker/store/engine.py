"""Engines and units of work, and the checks that the database is there and up to date."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, ProgrammingError
from sqlmodel import Session

from tracker.errors import TrackerError, UnreachableDatabase

# The Alembic revision this code expects. tests/test_migrations.py checks that it is the
# head of migrations/versions, so a new migration cannot be forgotten here. Kept as a
# constant so that everyday commands need not import Alembic (a tenth of a second).
SCHEMA_HEAD = "0003"
SQLITE_BUSY_TIMEOUT_MS = 5000


def make_engine(url: str) -> Engine:
    """An engine for the URL; SQLite gets foreign keys, WAL and a busy timeout."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise TrackerError(
            f"database URL {url!r} is not valid; e.g. sqlite:///tracker.db or "
            "postgresql+psycopg://user@host:5432/tracker"
        ) from None
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(parsed, connect_args={"connect_timeout": 5}, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError):
        raise TrackerError(
            f"the database URL for {describe(url)} names an unsupported database; use "
            "sqlite:///tracker.db or postgresql+psycopg://user@host:5432/tracker"
        ) from None


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(str(parsed.database))


def describe(url: str) -> str:
    """Where a database is, for messages, never with its password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return str(parsed.database)
    return f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"


def unreachable(url: str, exc: BaseException) -> UnreachableDatabase:
    reason = (str(getattr(exc, "orig", exc)).strip().splitlines() or [type(exc).__name__])[0]
    return UnreachableDatabase(f"cannot reach the database at {describe(url)}: {reason}")


def ensure_ready(engine: Engine, url: str) -> None:
    """Refuse, with the fix in the message, when the database is missing or not at head."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise TrackerError(f"no database at {path}; run `tracker init` first")
    revision = current_revision(engine, url)
    if revision is None:
        raise TrackerError(f"the database at {describe(url)} has no tracker tables; run `tracker init` first")
    if revision != SCHEMA_HEAD:
        raise TrackerError(
            f"the database at {describe(url)} is at schema {revision}, this "
            f"tracker needs {SCHEMA_HEAD}; run `tracker init` to upgrade it"
        )


def current_revision(engine: Engine, url: str) -> str | None:
    try:
        with engine.connect() as connection:
            row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    except (OperationalError, ProgrammingError) as exc:
        if _missing_table(exc):
            return None
        raise unreachable(url, exc) from None
    return None if row is None else str(row[0])


def _missing_table(exc: BaseException) -> bool:
    message = str(getattr(exc, "orig", exc)).lower()
    return "no such table" in message or ("does not exist" in message and "relation" in message)


@contextmanager
def unit_of_work(engine: Engine, url: str) -> Iterator[Session]:
    """One command, one transaction: committed when the block ends, rolled back on error."""
    try:
        with Session(engine, expire_on_commit=False) as session, session.begin():
            yield session
    except OperationalError as exc:
        raise unreachable(url, exc) from None
