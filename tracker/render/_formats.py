"""The one registry of report formats: name -> how to render it.

The report service, the config checks (`schedules[].report.formats`), the `--help` of
`tracker report` and the scheduler all read this registry, so adding a format is one module
and one line here. Renderers are named by import path and loaded only when used: reading
the registry costs nothing at start-up (`tracker --help` stays light), and a Word or PDF
library is imported only by a run that writes Word or PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from tracker.errors import TrackerError
from tracker.i18n import _


@dataclass(frozen=True)
class Format:
    """One output format: its file suffix, its media type (for e-mail attachments), whether it
    is text, which kinds of report it can draw, and the function that renders it."""

    name: str
    media_type: str
    text: bool
    kinds: tuple[str, ...]
    renderer: str  # "module:function", called with (format name, context, kind): str or bytes
    # "module:function" that begins rendering elsewhere (another process) and returns a function
    # that waits for the result; None: rendered at once, in this process
    starter: str | None = None

    def render(self, context: Any, kind: str) -> str | bytes:
        result: str | bytes = _named(self.renderer)(self.name, context, kind)
        return result

    def start(self, context: Any, kind: str) -> Callable[[], str | bytes]:
        if self.starter is not None:
            finish: Callable[[], str | bytes] = _named(self.starter)(self.name, context, kind)
            return finish
        result = self.render(context, kind)
        return lambda: result


def _named(path: str) -> Any:
    module, function = path.split(":")
    return getattr(import_module(module), function)


_TEXT = "tracker.render._templates:render"
REGISTRY: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", "text/html", True, ("report", "overview"), _TEXT),
        Format("md", "text/markdown", True, ("report", "overview"), _TEXT),
        Format("txt", "text/plain", True, ("report", "overview"), _TEXT),
        Format(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            False,
            ("report",),
            "tracker.render.docx:render_docx",
        ),
        Format(
            "pdf",
            "application/pdf",
            False,
            ("report",),
            "tracker.render.pdf:render_pdf",
            starter="tracker.render.pdf:start_pdf",
        ),
    )
}
DEFAULT_FORMATS = ("html", "md", "txt")  # what `tracker report` writes when not told
MAILED_FORMATS = ("html",)  # what a schedule writes and mails when not told


def format_names(kind: str = "report") -> tuple[str, ...]:
    """The formats a kind of report can be written in, in the registry's order."""
    return tuple(name for name, f in REGISTRY.items() if kind in f.kinds)


def get_format(name: str) -> Format:
    return REGISTRY[name]


def check_formats(names: list[str] | tuple[str, ...], kind: str = "report") -> tuple[str, ...]:
    """The formats asked for, each once, in order; an unknown one is refused with what is accepted."""
    chosen = tuple(dict.fromkeys(n.strip().lower() for n in names if n.strip()))
    accepted = format_names(kind)
    unknown = [n for n in chosen if n not in accepted]
    if unknown or not chosen:
        message = _("unknown report format {given!r}; accepted: {accepted}")
        given = ", ".join(unknown) or ", ".join(names)
        raise TrackerError(message.format(given=given, accepted=", ".join(accepted)))
    return chosen


def parse_formats(text: str, kind: str = "report") -> tuple[str, ...]:
    """`--format html,docx` as a tuple of registered formats."""
    return check_formats(text.split(","), kind)


def render_format(name: str, context: Any, kind: str = "report") -> str | bytes:
    """One report (or overview) in one registered format: text, or a file's bytes."""
    return get_format(name).render(context, kind)


def render_formats(names: tuple[str, ...], context: Any, kind: str = "report") -> dict[str, str | bytes]:
    """Every format asked for: those drawn in another process are started first, so that they
    draw while this process renders the rest."""
    ordered = sorted(names, key=lambda name: get_format(name).starter is None)
    pending = {name: get_format(name).start(context, kind) for name in ordered}
    return {name: pending[name]() for name in names}


def prewarm(names: tuple[str, ...]) -> None:
    """Start now what a format will draw in another process (the PDF's worker loads
    WeasyPrint while the command reads the database)."""
    if "pdf" in names:
        from tracker.render.pdf import prewarm as start_worker

        start_worker()


def media_type(suffix: str) -> str | None:
    """The media type of a file this tool wrote, by its suffix (None when not ours)."""
    found = REGISTRY.get(suffix.lstrip(".").lower())
    return found.media_type if found else None
