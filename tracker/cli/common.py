"""What every command shares: the loaded settings, the unit of work, and output helpers."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from sqlmodel import Session

    from tracker.config import Settings
    from tracker.evaluate.wording import Lang
    from tracker.store.tables import Resolution


@dataclass
class AppState:
    """Global options, given before the command: `tracker --config x.yaml status`."""

    config_path: str | None = None
    debug: bool = False

    def settings(self) -> Settings:
        from tracker.config import load_settings

        return load_settings(self.config_path)


def state_of(ctx: typer.Context) -> AppState:
    state = ctx.find_root().obj
    return state if isinstance(state, AppState) else AppState()


@contextmanager
def unit_of_work(settings: Settings, *, writes: bool = True) -> Iterator[Session]:
    """One command, one transaction, on a database that exists and is up to date. A command
    that only reads says `writes=False` and never waits for a writer."""
    from tracker.store.engine import ensure_ready, make_engine
    from tracker.store.engine import unit_of_work as transaction

    engine = make_engine(settings.database_url, writes=writes)
    try:
        ensure_ready(engine, settings.database_url)
        with transaction(engine, settings.database_url) as session:
            yield session
    finally:
        engine.dispose()


def current_resolution(session: Session, settings: Settings) -> Resolution:
    from tracker.services.lookup import load_resolution

    return load_resolution(session, settings.config.resolution.code)


def pick_lang(settings: Settings, lang: str | None) -> Lang:
    chosen = lang or settings.config.language
    if chosen not in ("vi", "en"):
        from tracker.errors import TrackerError

        raise TrackerError(f"unknown language {chosen!r}; accepted: vi, en")
    return "vi" if chosen == "vi" else "en"


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def os_user() -> str:
    """Who records a figure when --by is not given: the operating-system user."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def say(message: str) -> None:
    """A plain line on stdout (messages that scripts may read)."""
    sys.stdout.write(message + "\n")
