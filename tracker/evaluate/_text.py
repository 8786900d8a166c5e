"""Free text people type (notes, sources, reasons, names): checked at entry, made safe on output.

Control characters (ESC, BEL, NUL...) could rewrite a terminal, break a spreadsheet or hide
text, and bytes that are not UTF-8 cannot be stored: both are refused at entry with one clear
line. Text stored before that rule existed is still shown safely: `printable` replaces what a
terminal or a workbook must not receive.
"""

from __future__ import annotations

import os
import re
import unicodedata

from tracker.i18n import N_, _

MAX_TEXT = 4000  # characters of a note, source or reason
MAX_SHOWN = 240  # characters of a path in a message; the middle of a longer one is left out
MAX_NAME = 128  # characters of a name (who recorded a figure); the column's width
# C0 and C1 controls and DEL, the bidirectional marks, overrides and isolates (which can make a
# line read backwards), the Unicode line and paragraph separators (a terminal or an editor may
# start a new line there), and lone surrogates (bytes that were not UTF-8, as Python decodes
# argv and file names).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NEWLINES = re.compile("[\n\t]")
_NAMES = {"\x00": "NUL", "\x07": "BEL", "\x08": "BS", "\x1b": "ESC", "\r": "CR", "\x7f": "DEL"}
_SPACES = {"\n": N_("a line break"), "\t": N_("a tab")}


class InvalidText(ValueError):
    """A text that cannot be stored; the message names the character and where it is."""


def check_text(what: str, value: str, *, multiline: bool = False, limit: int = MAX_TEXT) -> str:
    """The text to store (NFC, trimmed, line breaks as \\n), or InvalidText saying why not.

    `multiline` allows line breaks and tabs (a note written in a spreadsheet cell has them)."""
    text = value.replace("\r\n", "\n").strip()
    bad = _UNSAFE.search(text) or (None if multiline else _NEWLINES.search(text))
    if bad:
        message = _("{what}: {character} at character {place} cannot be stored")
        raise InvalidText(message.format(what=what, character=_describe(bad.group()), place=bad.start() + 1))
    text = unicodedata.normalize("NFC", text)
    if len(text) > limit:
        from tracker.evaluate._wording import number
        from tracker.i18n import current_language

        lang, message = current_language(), _("{what}: {count} characters; at most {limit} are accepted")
        raise InvalidText(
            message.format(what=what, count=number(len(text), lang, 0), limit=number(limit, lang, 0))
        )
    return text


def _describe(char: str) -> str:
    if "\ud800" <= char <= "\udfff":
        return _("a byte that is not UTF-8 text (set the terminal to UTF-8)")
    if char in _SPACES:
        return _(_SPACES[char])
    name = _NAMES.get(char) or unicodedata.name(char, "") or f"U+{ord(char):04X}"
    return _("the control character {name}").format(name=name)


def printable(value: str, *, multiline: bool = True) -> str:
    """`value` with every unsafe character replaced by U+FFFD (and line breaks by spaces unless
    `multiline`): for text that reaches a terminal, a report or a workbook."""
    text = _UNSAFE.sub("\ufffd", value)
    return text if multiline else _NEWLINES.sub(" ", text)


def shown_path(path: str | os.PathLike[str]) -> str:
    """A file or folder name as every message shows it: `printable`, and on one line (a line
    break or a tab in the name becomes U+FFFD too), so that a name never colours, clears or
    splits what the terminal shows."""
    text = _NEWLINES.sub("\ufffd", printable(os.fspath(path)))
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN // 2] + "…" + text[-MAX_SHOWN // 2 :]
