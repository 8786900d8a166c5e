"""The office's narrative (`tracker report --narrative FILE.md`): Markdown whose headings name
the report's sections, read into plain paragraphs and list items.

A heading is the section's title in either language ("Kết quả đạt được", "Results achieved"),
with or without its numeral ("I.", "1."), or its key (results, shortcomings, lessons,
tasks; a yearly report's last heading may name its year: "Phương hướng, nhiệm vụ năm 2024").
Text before the first heading is the report's opening paragraph. An unknown heading of level 1
or 2 or a section given twice is refused with the file, the line and what is accepted; a
deeper heading (###) that names no section is a paragraph of its section.

No word of the file is dropped silently: every kind of CommonMark block keeps its words as
paragraphs (a block quote's, a code block's, the visible text of raw HTML), or the file is
refused at its line (a link reference definition, an HTML comment or script, a paragraph too
long to print). docs/documents.md has the table of kinds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.errors import TrackerError
from tracker.evaluate import printable, shown_path
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
from tracker.reporting._narrative_html import inline_text, visible_text

MAX_BYTES = 200_000  # about 60 printed pages; a narrative is a few
MAX_PARAGRAPH = 20_000  # characters, about six printed pages: a PDF lays a paragraph out in its square
SUBHEADING = 3  # a heading this deep that names no section is a paragraph of its section
_NUMBERING = re.compile(r"^\s*(?:[IVX]+|\d+)[.)]\s*", re.IGNORECASE)
_YEAR = re.compile(r"\b\d{4}\b")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_REFERENCE = re.compile(r"^[ \t>]*\[[^\]]+\]:", re.MULTILINE)
_OPENING_LISTS = ("bullet_list_open", "ordered_list_open")
_CLOSING_LISTS = ("bullet_list_close", "ordered_list_close")
_BREAKS = ("softbreak", "hardbreak")


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
    """The sections of the narrative file, by key. Only a regular file is read (a pipe or a
    device named as the narrative is refused unopened), and no more than its limit."""
    from tracker.files import check_input_file

    check_input_file(path)
    shown = shown_path(path)
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        message = _("cannot read {path}: {reason}")
        raise TrackerError(message.format(path=shown, reason=system_reason(exc))) from None
    if len(data) > MAX_BYTES:
        message = _("{path}: more than 200 KB of text (about 60 printed pages); a narrative is a few pages")
        raise TrackerError(message.format(path=shown))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        message = _("{path}: not UTF-8 text; save the narrative as UTF-8")
        raise TrackerError(message.format(path=shown)) from None
    return parse_narrative(text, shown)


def parse_narrative(text: str, name: str) -> dict[str, list[Block]]:
    """The sections of a narrative's text, by key; `name` names the file in a refusal."""
    from markdown_it import MarkdownIt

    source = printable(text)
    env: dict[str, Any] = {}
    tokens = MarkdownIt("commonmark").parse(source, env)
    walk = _Walk(name, heading_names())
    for index, token in enumerate(tokens):
        walk.token(token, tokens[index - 1] if index else token)
    _refuse_references(env, source, name)
    return {key: blocks for key, blocks in walk.found.items() if blocks}


@dataclass
class _List:
    """A list the walk is in: a numbered one numbers its items from its start, as Markdown
    shows them ("1." written three times shows 1, 2, 3), with the office's mark after the
    number ("." or ")")."""

    ordered: bool
    start: int
    delimiter: str
    items: int = 0
    item_open: bool = False  # the current item's first paragraph is still to come

    def open_item(self) -> None:
        self.items += 1
        self.item_open = True

    def paragraph(self) -> tuple[str, str]:
        """A paragraph's kind and number: an item's first paragraph is the item (numbered in a
        numbered list); its further ones are list items in a bulleted list, as before, and
        paragraphs in a numbered one, so that no number is given twice."""
        first, self.item_open = self.item_open, False
        if not self.ordered:
            return "li", ""
        return ("li", f"{self.start + self.items - 1}{self.delimiter}") if first else ("p", "")


@dataclass
class _Walk:
    """The sections found so far, walking the parser's tokens in the file's order."""

    name: str
    names: dict[str, str]
    found: dict[str, list[Block]] = field(default_factory=dict)
    current: str = OPENING
    lists: list[_List] = field(default_factory=list)  # the lists the walk is in, the innermost last

    def token(self, token: Any, previous: Any) -> None:
        line = token.map[0] + 1 if token.map else 0
        if token.type in _OPENING_LISTS:
            ordered = token.type == "ordered_list_open"
            self.lists.append(_List(ordered, int(token.attrs.get("start", 1)), token.markup))
        elif token.type in _CLOSING_LISTS:
            self.lists.pop()
        elif token.type == "list_item_open":
            self.lists[-1].open_item()
        elif token.type == "inline" and previous.type == "heading_open":
            self.heading(previous, self.inline(token, line), line)
        elif token.type == "inline":
            kind, number = self.lists[-1].paragraph() if self.lists else ("p", "")
            self.add(kind, self.inline(token, line), line, number)
        elif token.type == "html_block":
            for kind, chunk, number in visible_text(token.content, self.name, line):
                self.add("li" if kind == "li" or self.lists else "p", chunk, line, number)
        elif token.content or token.type == "fence":  # code (a fence with its info string), any other kind
            for chunk in [token.info if token.type == "fence" else "", *_BLANK_LINE.split(token.content)]:
                self.add("p", chunk, line)

    def add(self, kind: str, text: str, line: int, number: str = "") -> None:
        text = " ".join(text.split())
        if len(text) > MAX_PARAGRAPH:
            message = _(
                "{name}:{line}: a paragraph longer than 20,000 characters (about six printed pages); "
                "leave a blank line between paragraphs"
            )
            raise TrackerError(message.format(name=self.name, line=line))
        if text:
            block = Block("li", text, number) if kind == "li" else Block("p", text)
            self.found.setdefault(self.current, []).append(block)

    def heading(self, opening: Any, title: str, line: int) -> None:
        key = self.names.get(_fold(title))
        if key is None and int(opening.tag[1:]) >= SUBHEADING:
            self.add("p", title, line)
            return
        if key is None:
            raise TrackerError(_unknown_heading(opening, title, self.name, line))
        if key in self.found:
            message = _("{name}:{line}: the section {title!r} is given twice")
            raise TrackerError(message.format(name=self.name, line=line, title=title))
        self.current = key
        self.found[key] = []

    def inline(self, token: Any, line: int) -> str:
        """The inline text without its Markdown marks (**bold**, `code`; links keep their words,
        images their alt text, raw HTML its visible text)."""
        parts = []
        for child in token.children or []:
            if child.type in _BREAKS:
                parts.append(" ")
                line += 1
            elif child.type == "html_inline":
                parts.append(inline_text(child.content, self.name, line))
            else:
                parts.append(child.content)
        return " ".join("".join(parts).split())


def _unknown_heading(opening: Any, title: str, name: str, line: int) -> str:
    if opening.markup in ("=", "-"):  # a line underlined: a setext heading, often meant as a rule
        message = _(
            "{name}:{line}: the line under {title!r} ('---' or '===') makes it a heading, and no part "
            "has that title; leave a blank line between them to keep it a paragraph"
        )
        return message.format(name=name, line=line, title=title)
    message = _(
        "{name}:{line}: unknown heading {title!r}; accepted: {accepted}; a ### heading is kept as text"
    )
    accepted = "; ".join(f"{_(title)} ({key})" for key, title in SECTION_TITLES.items())
    return message.format(name=name, line=line, title=title, accepted=accepted)


def _refuse_references(env: dict[str, Any], source: str, name: str) -> None:
    """A link reference definition (`[label]: address "title"`) prints nothing: refused at its line."""
    references = env.get("references") or {}
    if not references:
        return
    lines = [ref["map"][0] + 1 for ref in references.values() if ref.get("map")]
    found = _REFERENCE.search(source)
    line = min(lines) if lines else source.count("\n", 0, found.start()) + 1 if found else 1
    message = _(
        "{name}:{line}: a link reference definition ('[...]: address') is not printed in a report; "
        "write the address in the text if the report needs it"
    )
    raise TrackerError(message.format(name=name, line=line))
