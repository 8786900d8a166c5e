"""The office's narrative (`tracker report --narrative FILE.md`): Markdown whose headings name
the report's sections, read into plain paragraphs and list items.

A heading is the section's title in either language ("Kết quả đạt được", "Results achieved"),
with or without its numeral ("I.", "1."), or its key (results, shortcomings, lessons,
tasks; a yearly report's last heading may name its year: "Phương hướng, nhiệm vụ năm 2024").
Text before the first heading is the report's opening paragraph. An unknown heading or a
section given twice is refused with the file, the line and what is accepted: the office's
words are never dropped or put under the wrong heading silently.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tracker.errors import TrackerError
from tracker.evaluate import printable
from tracker.i18n import LANGS, _, in_lang
from tracker.reasons import system_reason
from tracker.reporting._document import (
    FINAL_TASKS,
    OPENING,
    SECTION_KEYS,
    SECTION_TITLES,
    YEARLY_TASKS,
    Block,
)

MAX_BYTES = 1_000_000
_NUMBERING = re.compile(r"^\s*(?:[IVX]+|\d+)[.)]\s*", re.IGNORECASE)
_YEAR = re.compile(r"\b\d{4}\b")


def heading_names() -> dict[str, str]:
    """Every accepted heading, folded, and the key of its section."""
    names = {key: key for key in SECTION_KEYS}
    for lang in LANGS:
        for key, title in SECTION_TITLES.items():
            names[_fold(in_lang(lang, title))] = key
        names[_fold(in_lang(lang, FINAL_TASKS))] = "tasks"
        names[_fold(in_lang(lang, YEARLY_TASKS).format(year=2000))] = "tasks"
    return names


def _fold(text: str) -> str:
    """A heading without its numeral, colons, spacing, case or year (a yearly report's "năm 2024")."""
    return _YEAR.sub("#", " ".join(_NUMBERING.sub("", text).replace(":", " ").split()).casefold())


def read_narrative(path: Path) -> dict[str, list[Block]]:
    """The sections of the narrative file, by key."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        message = _("cannot read {path}: {reason}")
        raise TrackerError(message.format(path=path, reason=system_reason(exc))) from None
    if len(data) > MAX_BYTES:
        raise TrackerError(_("{path}: more than 1 MB of text; a narrative is a few pages").format(path=path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TrackerError(
            _("{path}: not UTF-8 text; save the narrative as UTF-8").format(path=path)
        ) from None
    return parse_narrative(text, str(path))


def parse_narrative(text: str, name: str) -> dict[str, list[Block]]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(printable(text))
    names = heading_names()
    found: dict[str, list[Block]] = {}
    current: str | None = None
    lists = 0
    for index, token in enumerate(tokens):
        line = (token.map[0] + 1) if token.map else 0
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif token.type == "heading_open":
            current = _section(tokens[index + 1].content, names, found, name, line)
            found[current] = []
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            found.setdefault(current or OPENING, []).append(Block("li" if lists else "p", _plain(token)))
    return {key: blocks for key, blocks in found.items() if blocks}


def _section(title: str, names: dict[str, str], found: dict[str, Any], name: str, line: int) -> str:
    key = names.get(_fold(title))
    if key is None:
        message = _("{name}:{line}: unknown heading {title!r}; accepted: {accepted}")
        raise TrackerError(message.format(name=name, line=line, title=title, accepted=_accepted()))
    if key in found:
        message = _("{name}:{line}: the section {title!r} is given twice")
        raise TrackerError(message.format(name=name, line=line, title=title))
    return key


def _accepted() -> str:
    return "; ".join(f"{_(title)} ({key})" for key, title in SECTION_TITLES.items())


def _plain(token: Any) -> str:
    """The inline text without its Markdown marks (**bold**, `code`; links keep their words)."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())
