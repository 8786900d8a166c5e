"""The words of raw HTML in the office's narrative: what a browser would show, without its tags.

A narrative pasted from a web page or converted from Word may hold HTML (`<div>...</div>`,
`<b>...</b>`, `<br>`). Its visible text is kept as the office's words; its tags are never drawn
(every format escapes the text). A tag HTML does not have (`<ghi chu>`, `<TODO>`) is the
office's words in angle brackets, and is kept as written. A comment, a script, a style sheet or
a CDATA section shows nothing in a browser, and its words must not reach the Party's document
unseen either: the file is refused at its line instead.
"""

from __future__ import annotations

from html.parser import HTMLParser

from tracker.errors import TrackerError
from tracker.i18n import _

HIDDEN_TAGS = frozenset({"script", "style", "template"})
BREAKING_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip


LIST_TAGS = frozenset({"ol", "ul"})
HTML_TAGS = BREAKING_TAGS | frozenset(
    {
        "a", "abbr", "area", "audio", "b", "base", "basefont", "bdi", "bdo", "big", "body", "button",
        "canvas", "caption", "center", "cite", "code", "col", "colgroup", "data", "del", "details",
        "dfn", "dialog", "dir", "em", "embed", "fieldset", "font", "form", "frame", "frameset", "head",
        "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "link", "map", "mark",
        "menu", "meta", "noframes", "noscript", "object", "optgroup", "option", "param", "picture",
        "q", "s", "samp", "search", "select", "small", "source", "span", "strike", "strong", "sub",
        "summary", "sup", "svg", "tbody", "textarea", "tfoot", "thead", "time", "title", "track",
        "tt", "u", "var", "video", "wbr",
    }
)  # fmt: skip


class _Hidden(Exception):
    """A part of the HTML a browser does not show, at this line of the HTML."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class _Visible(HTMLParser):
    """Collects the text of the HTML in chunks, a new one at each tag that breaks a line; an
    item of a numbered list (`<ol>`, from its `start`) keeps the number a browser shows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[tuple[str, str, list[str]]] = [("p", "", [])]
        self.lists: list[int | None] = []  # the lists the text is in: an <ol>'s last number, None for <ul>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_TAGS:
            raise _Hidden(self.getpos()[0])
        if tag in LIST_TAGS:
            self.lists.append(None if tag == "ul" else _start(dict(attrs).get("start")) - 1)
        if tag not in HTML_TAGS:
            self.handle_data(self.get_starttag_text() or "")
        elif tag == "li":
            self.chunks.append(("li", self._number(), []))
        elif tag in BREAKING_TAGS:
            self.chunks.append(("p", "", []))
        alt = dict(attrs).get("alt") if tag == "img" else None
        if alt:
            self.chunks[-1][2].append(f" {alt} ")

    def _number(self) -> str:
        """The number of a new item: "3." in a numbered list, "" otherwise."""
        if not self.lists or self.lists[-1] is None:
            return ""
        self.lists[-1] += 1
        return f"{self.lists[-1]}."

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in LIST_TAGS and self.lists:
            self.lists.pop()
        if tag in BREAKING_TAGS:
            self.chunks.append(("p", "", []))

    def handle_endtag(self, tag: str) -> None:
        if tag in LIST_TAGS and self.lists:
            self.lists.pop()
        if tag not in HTML_TAGS:
            self.handle_data(f"</{tag}>")
        elif tag in BREAKING_TAGS:
            self.chunks.append(("p", "", []))

    def handle_data(self, data: str) -> None:
        self.chunks[-1][2].append(data)

    def handle_comment(self, data: str) -> None:
        raise _Hidden(self.getpos()[0])

    def unknown_decl(self, data: str) -> None:  # <![CDATA[...]]>
        raise _Hidden(self.getpos()[0])


def _start(written: str | None) -> int:
    """An <ol>'s first number: its `start` when that is a number as Markdown allows one (up to
    nine digits), else 1, as a browser counts."""
    text = (written or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else 1


def visible_text(html: str, name: str, line: int) -> list[tuple[str, str, str]]:
    """(kind, text, number) of each chunk of `html` with words, "li" for a list item, its
    number ("2.") in a numbered list; `line` is the file's line of the HTML's first line, for
    a refusal."""
    chunks = (
        (kind, " ".join("".join(parts).split()), number) for kind, number, parts in _read(html, name, line)
    )
    return [(kind, text, number) for kind, text, number in chunks if text]


def inline_text(html: str, name: str, line: int) -> str:
    """The visible text of HTML inside a paragraph (`<b>`, `</b>`, `<br>`): a tag that breaks
    a line is a space, any other nothing, so that "wo<b>rd</b>" stays one word."""
    return " ".join("".join(parts) for _kind, _number, parts in _read(html, name, line))


def _read(html: str, name: str, line: int) -> list[tuple[str, str, list[str]]]:
    parser = _Visible()
    try:
        parser.feed(html)
        parser.close()
    except _Hidden as hidden:
        message = _(
            "{name}:{line}: an HTML comment, script or style is not printed in a report; "
            "delete it, or write its words as plain text"
        )
        raise TrackerError(message.format(name=name, line=line + hidden.line - 1)) from None
    return parser.chunks
