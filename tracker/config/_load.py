"""Finding and loading the config a command runs with: --config, $TRACKER_CONFIG or
./config.yaml; its database (`$TRACKER_DATABASE_URL`, the config's url, or tracker.db beside
it) and its resolutions, one of them chosen."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tracker.config._model import Config, Settings
from tracker.config._parse import DEFAULT_CONFIG_NAME, parse_config
from tracker.config._resolutions import choose, load_definitions
from tracker.errors import ConfigError
from tracker.evaluate import shown_path
from tracker.files import not_a_file, path_status
from tracker.i18n import _
from tracker.reasons import system_reason

CONFIG_ENV = "TRACKER_CONFIG"
DATABASE_ENV = "TRACKER_DATABASE_URL"
RESOLUTION_ENV = "TRACKER_RESOLUTION"


def config_path(explicit: str | Path | None = None) -> Path:
    """The config file to use: --config, then $TRACKER_CONFIG, then ./config.yaml."""
    chosen = explicit or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG_NAME
    return Path(chosen).expanduser()


def load_settings(explicit: str | Path | None = None, resolution: str | None = None) -> Settings:
    """The config, its resolutions, and the one named by `resolution` (or $TRACKER_RESOLUTION)."""
    path = config_path(explicit)
    config = load_config(path)
    definitions = load_definitions(config, path)
    chosen = choose(definitions, resolution or os.environ.get(RESOLUTION_ENV) or None)
    return Settings(config, path, database_url(config, path), definitions, chosen)


def database_url(config: Config, path: Path) -> str:
    """$TRACKER_DATABASE_URL, else the config's url, else tracker.db beside the config.

    A relative SQLite path is read relative to the config file, not the working folder.
    """
    url = os.environ.get(DATABASE_ENV) or config.database.url
    if not url:
        return f"sqlite:///{(path.parent / 'tracker.db').resolve()}"
    from tracker.store import url_problem  # SQLAlchemy reads URLs; only when one is given

    problem = url_problem(url)
    if problem:
        raise ConfigError([f"{DATABASE_ENV}: {problem}"])
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != prefix + ":memory:":
        return prefix + str((path.parent / url[len(prefix) :]).resolve())
    return url


def load_config(path: Path) -> Config:
    """The config file's settings; its name in every message is printable. Only a regular file
    is opened (a named pipe would block, a device never end)."""
    shown, found = shown_path(path), path_status(path)
    if found is None:
        message = _("{path}: no config file here; pass --config PATH or set {variable}")
        raise ConfigError([message.format(path=shown, variable=CONFIG_ENV)])
    if not stat.S_ISREG(found.st_mode):
        message = _("{path}: cannot read the config file ({reason})")
        raise ConfigError([message.format(path=shown, reason=not_a_file(found.st_mode))])
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        message = _("{path}: cannot read the config file ({reason})")
        raise ConfigError([message.format(path=shown, reason=system_reason(exc))]) from None
    return parse_config(text, shown)
