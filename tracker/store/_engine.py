"""Engines and units of work, and the checks that the database is there and up to date.

Concurrent writers are serialised by the database, never by luck:
- SQLite: a unit of work that writes starts with `BEGIN IMMEDIATE`, so it holds the write lock
  from its first read (the read-then-insert of the next revision cannot interleave with another
  writer's), and a writer kept waiting retries for up to WRITE_WAIT_SECONDS before it is told
  that the database is busy. Readers (`BEGIN`) never wait, thanks to WAL.
- PostgreSQL: the revision writer locks the rows of the targets it writes (SELECT ... FOR
  UPDATE, see store.lock_targets); a unique violation that still slips through (two first
  `init`s) is told as a conflict to run again, never as an internal error.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError
from sqlmodel import Session

from tracker.errors import DatabaseBusy, TrackerError, UnreachableDatabase
from tracker.i18n import _
from tracker.reasons import quoted

# The Alembic revision this code expects. tests/store/test_migrations.py checks that it is the
# head of migrations/versions, so a new migration cannot be forgotten here. Kept as a
# constant so that everyday commands need not import Alembic (a tenth of a second).
SCHEMA_HEAD = "0014"
DATABASES = ("sqlite", "postgresql")
WRITE_WAIT_SECONDS = 60  # long enough for another command's import of a large file
SQLITE_BUSY_TIMEOUT_MS = WRITE_WAIT_SECONDS * 1000
UNDO = "tracker.undo"  # session.info key: what to undo (files written) if the work rolls back
DONE = "tracker.done"  # session.info key: what to tidy once the work has committed


def make_engine(url: str, *, writes: bool = True) -> Engine:
    """An engine for the URL. SQLite gets foreign keys, WAL, a busy timeout and, for `writes`,
    transactions that take the write lock at once (BEGIN IMMEDIATE)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        message = _(
            "database URL {url!r} is not valid; "
            "e.g. sqlite:///tracker.db or postgresql+psycopg://user@host:5432/tracker"
        )
        raise TrackerError(message.format(url=url)) from None
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, connect_args={"timeout": WRITE_WAIT_SECONDS})
            event.listen(engine, "connect", _sqlite_pragmas)
            begin = "BEGIN IMMEDIATE" if writes else "BEGIN"
            event.listen(engine, "begin", lambda connection: connection.exec_driver_sql(begin))
            return engine
        return create_engine(parsed, connect_args={"connect_timeout": 5}, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError):
        message = _(
            "the database URL for {where} names an unsupported database; use "
            "sqlite:///tracker.db or postgresql+psycopg://user@host:5432/tracker"
        )
        raise TrackerError(message.format(where=describe(url))) from None


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling is off (it would BEGIN deferred, late); the
    # engine's "begin" listener emits the BEGIN that the unit of work needs.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    _set_wal(cursor)
    cursor.close()


def _set_wal(cursor: Any) -> None:
    """Switch to WAL. SQLite answers "database is locked" at once, without waiting, while
    another process switches a new database at the same moment (two first `tracker init`s):
    wait for it here as the busy timeout would."""
    deadline = time.monotonic() + WRITE_WAIT_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def url_problem(url: str) -> str | None:
    """What is wrong with a database URL, or None: it must be one this tool can open."""
    example = _("e.g. sqlite:///tracker.db or postgresql+psycopg://user@host:5432/tracker")
    try:
        backend = make_url(url).get_backend_name()
    except (ArgumentError, ValueError):
        return _("{url!r} is not a database URL ({example})").format(url=url, example=example)
    if backend not in DATABASES:
        message = _("{url!r} names the database {backend!r}; accepted: SQLite or PostgreSQL ({example})")
        return message.format(url=url, backend=backend, example=example)
    return None


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


def database_problem(url: str, exc: BaseException) -> TrackerError:
    """The error to show for a failed database operation: busy, a conflict, not a tracker
    database, or unreachable (a server) / unusable (a file)."""
    reason = (str(getattr(exc, "orig", exc)).strip().splitlines() or [type(exc).__name__])[0]
    lowered = reason.lower()
    where = describe(url)
    if "database is locked" in lowered or "lock timeout" in lowered or "deadlock detected" in lowered:
        message = _(
            "the database {where} is busy: another tracker command has been writing to it for over "
            "{seconds} s; nothing was saved; run the command again when it has finished"
        )
        return DatabaseBusy(message.format(where=where, seconds=WRITE_WAIT_SECONDS))
    if isinstance(exc, IntegrityError) and ("unique" in lowered or "duplicate key" in lowered):
        return DatabaseBusy(
            _(
                "another tracker command changed the same records at the same moment; nothing was "
                "saved; run the command again"
            )
        )
    if "file is not a database" in lowered or "malformed" in lowered:
        message = _("{where} is not a tracker database ({reason}); check database.url")
        return TrackerError(message.format(where=where, reason=quoted(reason)))
    if sqlite_path(url) is not None:
        return UnreachableDatabase(
            _("cannot use the database file {where}: {reason}").format(where=where, reason=quoted(reason))
        )
    return UnreachableDatabase(
        _("cannot reach the database at {where}: {reason}").format(where=where, reason=quoted(reason))
    )


def ensure_ready(engine: Engine, url: str) -> None:
    """Refuse, with the fix in the message, when the database is missing or not at head."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise TrackerError(_("no database at {path}; run `tracker init` first").format(path=path))
    revision = current_revision(engine, url)
    if revision is None:
        message = _("the database at {where} has no tracker tables; run `tracker init` first")
        raise TrackerError(message.format(where=describe(url)))
    if revision != SCHEMA_HEAD:
        message = _(
            "the database at {where} is at schema {found}, this tracker needs {head}; "
            "run `tracker init` to upgrade it"
        )
        raise TrackerError(message.format(where=describe(url), found=revision, head=SCHEMA_HEAD))


def current_revision(engine: Engine, url: str) -> str | None:
    try:
        with engine.connect() as connection:
            row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    except DBAPIError as exc:
        if _missing_table(exc):
            return None
        raise database_problem(url, exc) from None
    return None if row is None else str(row[0])


def _missing_table(exc: BaseException) -> bool:
    message = str(getattr(exc, "orig", exc)).lower()
    return "no such table" in message or ("does not exist" in message and "relation" in message)


def advisory_lock(connection: Connection | Session, name: str) -> None:
    """On PostgreSQL, wait for and hold a lock named `name` until the transaction ends (for work
    that has no row to lock yet: creating the schema, the first load of a resolution). SQLite
    needs none: a writing transaction holds the whole database's write lock."""
    bind = connection.connection() if isinstance(connection, Session) else connection
    if bind.dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha1(f"tracker:{name}".encode()).digest()[:8], "big", signed=True)
        bind.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def on_rollback(session: Session, undo: Callable[[], None]) -> None:
    """Run `undo` if this unit of work does not commit (files written for rows never stored)."""
    session.info.setdefault(UNDO, []).append(undo)


def on_commit(session: Session, tidy: Callable[[], None]) -> None:
    """Run `tidy` once this unit of work has committed (a marker that is no longer needed)."""
    session.info.setdefault(DONE, []).append(tidy)


def database_of(session: Session) -> str:
    """The database a unit of work works on, as messages name it (never with a password)."""
    return describe(session.get_bind().engine.url.render_as_string(hide_password=True))


@contextmanager
def unit_of_work(engine: Engine, url: str) -> Iterator[Session]:
    """One command, one transaction: committed when the block ends, rolled back on error
    (and then what `on_rollback` registered is undone; after a commit, what `on_commit` did)."""
    session = Session(engine, expire_on_commit=False)
    try:
        with session, session.begin():
            yield session
    except BaseException as exc:
        for undo in reversed(session.info.pop(UNDO, [])):
            undo()
        if isinstance(exc, DBAPIError):
            raise database_problem(url, exc) from None
        raise
    for tidy in session.info.pop(DONE, []):
        tidy()


def ping(session: Session) -> None:
    """A query that only asks the database to answer."""
    session.execute(text("SELECT 1"))
