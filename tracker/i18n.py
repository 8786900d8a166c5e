"""The one localisation layer: every sentence a person reads is written once, in English, in the
code, and translated through gettext catalogs.

- `_("...")` translates into the language of the running command (set once by the command
  line: `--lang`, else TRACKER_LANG, else the config's `language`, else Vietnamese).
- `N_("...")` only marks a text for the catalog, where it must be translated later (help texts
  built once at import time, tables of words); `_(text)` translates it then.
- `in_lang(lang, "...")` and `pgettext`-like `in_lang_ctx` translate into a given language, for
  what has its own (a report in English asked for from a Vietnamese terminal).

The catalogs are tracker/locale/<lang>/LC_MESSAGES/tracker.po, compiled to .mo files that ship
in the package (`make catalogs`: Babel's extract, update and compile). English is the language
of the code itself; a third language is one more catalog.
"""

from __future__ import annotations

import gettext
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")
DEFAULT_LANG: Lang = "vi"
DOMAIN = "tracker"
LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT_ZONE = "Asia/Ho_Chi_Minh"


class _Display:
    """The language and time zone of the running command: set once by the command line, and
    read by every thread of it (the scheduler's jobs run in worker threads, which a ContextVar
    would not reach)."""

    lang: Lang = DEFAULT_LANG
    zone: str = DEFAULT_ZONE


_display = _Display()
# A web request's own language (the portal serves Vietnamese and English at once): set for the
# request and seen by the thread that answers it; None outside a request, where _display holds.
_request_lang: ContextVar[Lang | None] = ContextVar("tracker_request_lang", default=None)


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of a language (English: the texts as written)."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang])


def current_language() -> Lang:
    return _request_lang.get() or _display.lang


def set_request_language(lang: Lang | None) -> None:
    """The language of what one web request answers (its context only)."""
    _request_lang.set(lang)


def set_language(lang: Lang) -> None:
    """The language of what the running command says from now on."""
    _display.lang = lang


def current_zone() -> ZoneInfo:
    """The time zone moments are shown in (the config's `timezone`)."""
    return ZoneInfo(_display.zone)


def set_zone(name: str) -> None:
    _display.zone = name


def _(message: str) -> str:
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return translations(current_language()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """A text whose translation depends on where it stands ("missing" a cell, "missing" years)."""
    return translations(current_language()).pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 (the name gettext tools look for)
    """Mark a text for the catalog without translating it now."""
    return message


def NC_(context: str, message: str) -> tuple[str, str]:  # noqa: N802
    """Mark a text with its context for the catalog, without translating it now."""
    return context, message


def in_lang(lang: str, message: str) -> str:
    return translations(lang).gettext(message)


def in_lang_ctx(lang: str, context: str, message: str) -> str:
    return translations(lang).pgettext(context, message)


def check_language(text: str | None) -> Lang | None:
    """A language code as given by a person, or None when not one of ours."""
    chosen = (text or "").strip().lower()
    return next((lang for lang in LANGS if lang == chosen), None)
