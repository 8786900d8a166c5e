"""A template that fails to render, said in one line: which file, which placeholder, what is
accepted.

Jinja tells the line of the template where rendering failed, and a Word template's XML holds
many placeholders on one line; so the template is drawn once more with every placeholder on a
line of its own (only to find the line, its output is thrown away), and the placeholder that
begins the failing line is the one named.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from traceback import walk_tb
from typing import Any, TypeVar

from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from tracker.errors import TrackerError
from tracker.i18n import _
from tracker.render._sandbox import MAX_LOOP_STEPS, LimitExceeded, ReportSandbox, budget, own_filters

T = TypeVar("T")
# A placeholder, or one left open (`{{ labels.party }`): never across a Word paragraph's XML,
# which would name kilobytes of markup (and cost a search through them) instead of the typo.
TAG = re.compile(r"\{\{[^<]*?\}\}|\{%[^<]*?%\}|\{[{%][^<]{0,200}", re.S)
NEWLINE = re.compile(r"\r\n|\r|\n")
UNDEFINED = re.compile(r"has no attribute '([^']+)'|'([^']+)' is undefined")


def render_guarded(
    name: str,
    draw: Callable[[], T],
    environment: ReportSandbox,
    variables: dict[str, Any],
    source: Callable[[], str],
    as_written: Callable[[str], str] = lambda tag: tag,
) -> T:
    """`draw()` within the render's limits; any failure is a TrackerError of one line naming
    the template (`name`) and its placeholder, found in `source()` (the Jinja text drawn) and
    shown `as_written` in the file."""
    with budget():
        try:
            return draw()
        except Exception as exc:  # a template can fail in any way Python can; each is the template's
            failure = exc
    tag = as_written(failing_tag(environment, source(), variables))
    raise TrackerError(failure_line(name, tag, failure, environment)) from None


def failing_tag(environment: ReportSandbox, source: str, variables: dict[str, Any]) -> str:
    """The placeholder where drawing `source` fails, as written in it ("" if it does not fail)."""
    probe = re.sub(r"(?=\{[{%])", "\n", source)
    try:
        with budget():
            environment.from_string(probe).render(variables)
    except Exception as exc:  # the same failure again, now on the placeholder's own line
        line = _line_of(exc)
    else:
        return ""
    starts = [0] + [m.end() for m in NEWLINE.finditer(probe)]
    if not 1 <= line <= len(starts):
        return ""
    at = starts[line - 1]
    found = [m for m in TAG.finditer(probe) if m.start() <= at]
    return " ".join(found[-1].group(0).split()) if found else ""


def _line_of(exc: BaseException) -> int:
    """The template's line an exception came from (Jinja rewrites its traceback to say it)."""
    if isinstance(exc, TemplateSyntaxError):
        return exc.lineno
    lines = [n for frame, n in walk_tb(exc.__traceback__) if "__jinja_exception__" in frame.f_globals]
    return lines[-1] if lines else 0


def failure_line(name: str, tag: str, exc: Exception, environment: ReportSandbox) -> str:
    """What went wrong with the placeholder `tag`, and what a template may hold instead."""
    placeholder = tag or _("(its placeholders)")
    filters = ", ".join(own_filters(environment))
    if isinstance(exc, UndefinedError) and not isinstance(exc, SecurityError):
        found = UNDEFINED.search(exc.message or "")
        attribute = next((g for g in found.groups() if g), "") if found else ""
        message = _("{name}: the placeholder {placeholder} is not known: the report has no {attribute!r}")
        return message.format(name=name, placeholder=placeholder, attribute=attribute)
    if isinstance(exc, SecurityError):
        message = _(
            "{name}: the placeholder {placeholder} is refused: a template shows the report's fields "
            'and may not reach inside them (names beginning with "_", methods, functions); '
            "accepted: fields, the template's own macros, the filters {filters}"
        )
    elif isinstance(exc, TemplateSyntaxError):
        message = _("{name}: the placeholder {placeholder} cannot be read; accepted filters: {filters}")
    elif isinstance(exc, LimitExceeded):
        message = _(
            "{name}: the placeholder {placeholder} loops or writes beyond what a report holds "
            "(at most {steps} loop steps); a template loops over the report's lists and shows their fields"
        )
    else:
        message = _(
            "{name}: the placeholder {placeholder} cannot be drawn from the report's values "
            "(a calculation or a filter in it fails); accepted: fields, the filters {filters}"
        )
    return message.format(name=name, placeholder=placeholder, filters=filters, steps=MAX_LOOP_STEPS)
