"""Jinja2 rendering of a report context into HTML, Markdown or plain text.

Autoescape is on for HTML and every undefined name is an error (StrictUndefined), so a
title holding `<script>` is shown as text and a missing value cannot pass silently. The
templates are drawn in the report sandbox (render/_sandbox.py), as an office's Word template is.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tracker.render._sandbox import ReportSandbox

TEXT_FORMATS = ("html", "md", "txt")  # each kind of report has a template per format: <kind>.<format>.j2
TEXT_WIDTH = 36  # wrap long titles in the plain-text table


@cache
def environment() -> ReportSandbox:
    from jinja2 import PackageLoader, select_autoescape

    from tracker.render._sandbox import sandbox

    return sandbox(
        {"md": markdown_text, "safe": safe_text},
        loader=PackageLoader("tracker.render", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def safe_text(value: str) -> str:
    """A constant of the HTML template (the charts' paint) written as it is (Jinja's `safe`)."""
    from markupsafe import Markup

    return Markup(value)


def markdown_text(value: object) -> str:
    """Text safe inside a Markdown table cell or list item: no pipes, newlines or HTML tags."""
    text = " ".join(str(value).split())
    for char in ("\\", "|", "<", ">", "*", "_", "`", "[", "]"):
        text = text.replace(char, "\\" + char)
    return text


def render(fmt: str, context: Any, kind: str = "report") -> str:
    """Render one format of a report (`report`, or the `overview` of every resolution); the
    context is a dataclass of plain data. No control character reaches the file (a note stored
    before they were refused at entry included)."""
    from tracker.evaluate import printable

    values = {f.name: getattr(context, f.name) for f in fields(context)} if is_dataclass(context) else {}
    if fmt == "txt" and kind == "report":
        values["text_table"] = text_table(context)
    if fmt == "md":
        from tracker.render._md_tables import overview_rules, report_rules

        values["md_rules"] = report_rules(context) if kind == "report" else overview_rules(context)
    assert fmt in TEXT_FORMATS, fmt
    from tracker.render._placeholders import render_guarded

    env, name = environment(), f"{kind}.{fmt}.j2"
    loader = env.loader
    assert loader is not None
    text: str = render_guarded(
        name,
        lambda: env.get_template(name).render(**values),
        env,
        values,
        lambda: loader.get_source(env, name)[0],
    )
    return printable(text)


def text_table(context: Any) -> list[str]:
    """The full target table as fixed-width lines for terminals and e-mail bodies."""
    labels = context.labels
    years = map(str, context.years)
    head = [labels["code"], labels["rule"], *years, labels["percent_head"], labels["status"]]
    rows = []
    for row in context.rows:
        cells = [_text_cell(cell, labels) for cell in row.cells]
        rows.append([row.label, row.rule, *cells, row.percent, row.status])
    widths = [max(len(line[i]) for line in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(text.ljust(width) for text, width in zip(head, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * width for width in widths))
    for row_cells, row in zip(rows, context.rows, strict=True):
        lines.append(
            "  ".join(text.ljust(width) for text, width in zip(row_cells, widths, strict=True)).rstrip()
        )
        lines.append("      " + row.title[: TEXT_WIDTH * 3])
    return lines


def _text_cell(cell: Any, labels: dict[str, str]) -> str:
    if cell.missing:
        return labels["missing_cell"]
    text = str(cell.text) + ("*" if cell.provisional else "")
    return text + (f" ({cell.counts})" if cell.counts else "")
