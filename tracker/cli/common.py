"""What every command shares: the loaded settings, the unit of work, and output helpers."""

from __future__ import annotations

import os
import sys
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from tracker.base import Resolution, Session
    from tracker.config import Settings
    from tracker.i18n import Lang


@dataclass
class AppState:
    """Global options, given before the command: `tracker --config x.yaml --lang en status`."""

    config_path: str | None = None
    resolution: str | None = None  # --resolution or TRACKER_RESOLUTION; None: the config's first
    debug: bool = False
    lang: Lang | None = None  # --lang or TRACKER_LANG; None: the config's

    def settings(self) -> Settings:
        """The config; from now on, its time zone (and language, unless one was given) is the
        command's."""
        from tracker.config import load_settings
        from tracker.i18n import set_language, set_zone

        settings = load_settings(self.config_path, self.resolution)
        set_zone(settings.config.timezone)
        set_language(self.lang or settings.config.language)
        return settings


def state_of(ctx: typer.Context) -> AppState:
    state = ctx.find_root().obj
    return state if isinstance(state, AppState) else AppState()


def unit_of_work(settings: Settings, *, writes: bool = True) -> AbstractContextManager[Session]:
    """One command, one transaction (tracker/base/_work.py)."""
    from tracker.base import unit_of_work as work

    return work(settings, writes=writes)


def current_resolution(session: Session, settings: Settings) -> Resolution:
    from tracker.base import current_resolution as chosen

    return chosen(session, settings)


def language_given(text: str) -> Lang:
    """A language asked for with --lang, or the error that lists those accepted."""
    from tracker.errors import TrackerError
    from tracker.i18n import LANGS, _, check_language

    chosen = check_language(text)
    if chosen is None:
        message = _("unknown language {lang!r}; accepted: {accepted}")
        raise TrackerError(message.format(lang=text, accepted=", ".join(LANGS)))
    return chosen


def check_view_format(output: str) -> None:
    """`--format` of a command that shows a view: a table on the terminal, or JSON."""
    from tracker.errors import TrackerError
    from tracker.i18n import _

    if output not in ("table", "json"):
        raise TrackerError(_("unknown format {given!r}; accepted: table, json").format(given=output))


def pick_lang(lang: str | None) -> Lang:
    """A command's own --lang, else the language already chosen (--lang, TRACKER_LANG or the
    config); it becomes the language of everything the command says."""
    from tracker.i18n import current_language, set_language

    if lang is None:
        return current_language()
    chosen = language_given(lang)
    set_language(chosen)
    return chosen


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
    """A plain line on stdout (messages that scripts may read); printable, the last safety net
    for a name or a text from a file that reached the message raw."""
    from tracker.evaluate import printable

    sys.stdout.write(printable(message) + "\n")


def warn(message: str) -> None:
    """Every line of a warning on stderr as `tracker: warning: ...`: something stored (or to be
    stored) that a person should look at again; the command goes on and succeeds."""
    from tracker.evaluate import printable
    from tracker.i18n import _

    prefix = "tracker: " + _("warning") + ": "
    for line in message.split("\n"):
        sys.stderr.write(f"{prefix}{printable(line, multiline=False)}\n")


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as every message shows it (tracker.evaluate.shown_path): printable, one line."""
    from tracker.evaluate import shown_path as shown

    return shown(path)


def count_text(count: int) -> str:
    """A count as the current language writes it: 12.000 (vi), 12,000 (en)."""
    from tracker.evaluate import number
    from tracker.i18n import current_language

    return number(count, current_language(), 0)
