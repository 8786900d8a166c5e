"""Alembic environment: runs with the connection `tracker init` hands over, or a URL."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection

from tracker.store import make_engine, metadata

config = context.config


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("TRACKER_DATABASE_URL")
    engine = make_engine(url or "sqlite:///alembic-dev.db")
    with engine.begin() as connection:
        run(connection)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run them against a database")
run_online()
