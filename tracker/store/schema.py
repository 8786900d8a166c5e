"""Creating and upgrading the schema: Alembic, and only Alembic, through the packaged migrations."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError

from tracker.errors import TrackerError
from tracker.store.engine import current_revision, make_engine, sqlite_path, unreachable

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
        raise TrackerError(f"cannot create the database: folder {path.parent} does not exist")
    engine = make_engine(url)
    try:
        before = current_revision(engine, url)
        with engine.begin() as connection:
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
        return before, current_revision(engine, url)
    except OperationalError as exc:
        raise unreachable(url, exc) from None
    finally:
        engine.dispose()


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
