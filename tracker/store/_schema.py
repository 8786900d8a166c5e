"""Creating and upgrading the schema: Alembic, and only Alembic, through the packaged migrations."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import DBAPIError

from tracker.errors import TrackerError
from tracker.i18n import _
from tracker.store._engine import advisory_lock, current_revision, database_problem, make_engine, sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig


def migrations_dir() -> Path:
    """The migrations folder: `tracker.migrations` when installed, `migrations/` in a checkout."""
    spec = importlib.util.find_spec("tracker.migrations")
    if spec is not None and spec.origin is not None:
        return Path(spec.origin).parent
    return Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(url: str) -> AlembicConfig:
    from alembic.config import Config

    config = Config(stdout=sys.stdout)
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> tuple[str | None, str | None]:
    """Bring the database to `revision`; returns the schema revision before and after."""
    from alembic import command

    path = sqlite_path(url)
    if path is not None and not path.parent.is_dir():
        message = _("cannot create the database: there is no folder {folder}; create it or set database.url")
        raise TrackerError(message.format(folder=path.parent))
    engine = make_engine(url)
    try:
        with engine.begin() as connection:  # SQLite: BEGIN IMMEDIATE, the write lock at once
            advisory_lock(connection, "schema")  # PostgreSQL: one `tracker init` at a time
            before = _version(connection)
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
        return before, current_revision(engine, url)
    except DBAPIError as exc:
        raise database_problem(url, exc) from None
    finally:
        engine.dispose()


def _version(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def downgrade(url: str, revision: str) -> None:
    from alembic import command

    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    finally:
        engine.dispose()
