"""The report as a Word file in the Party's form (Hướng dẫn 36-HD/VPTW), drawn with docxtpl.

The template is the office's edited copy (`document.template`) or the default one built by
`docx_template`; its placeholders are the report context's fields. A placeholder the report
does not have is refused in one line naming it, before anything is written. The page margins
come from the config (`reports.margins_mm`), set on every section after rendering.

This module is imported only when a Word file is asked for: docxtpl and python-docx stay out
of the command line's start-up.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import fields
from io import BytesIO
from pathlib import Path
from typing import Any

from docx.shared import Length, Mm, Pt
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, TemplateError, UndefinedError

from tracker.errors import TrackerError
from tracker.i18n import _
from tracker.reasons import system_reason

UNITS = {"mm": Mm(1), "cm": Mm(10), "in": Length(914400), "pt": Pt(1)}
UNDEFINED = re.compile(r"has no attribute '([^']+)'|'([^']+)' is undefined")


def default_template(lang: str) -> bytes:
    """The default Word template, for `tracker report-template` and for reports without one."""
    from tracker.render.docx._template import build_template

    return build_template(lang)


def render_docx(fmt: str, context: Any, kind: str) -> bytes:
    """The report (`context`, a ReportContext) as the bytes of a .docx file."""
    name, data = _template_source(context.word_template, context.lang)
    template = _open(name, data)
    variables = {f.name: getattr(context, f.name) for f in fields(context)}
    environment = _environment()
    _check_placeholders(template, environment, variables, name)
    try:
        template.render(variables, environment, autoescape=True)
    except UndefinedError as exc:
        raise TrackerError(_unknown_attribute(name, data, exc)) from None
    except TemplateError as exc:
        raise TrackerError(_unreadable_placeholders(name, exc)) from None
    document = template.docx
    fit_table_grids(document)
    set_margins(document, context.margins)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def mark(row: Any) -> str:
    """A target's code as the report shows it: with † when the target is inferred (the
    `row|mark` filter, the one place templates write it)."""
    label = getattr(row, "label", "")
    if label:
        return str(label)
    return f"{row.code} †" if row.inferred else str(row.code)


def _environment() -> Environment:
    """Jinja as docxtpl uses it, but strict: an unknown name or attribute is an error, and
    every value is XML-escaped so that "<" or "&" in a title cannot break the document."""
    environment = Environment(undefined=StrictUndefined, autoescape=True)
    environment.filters["mark"] = mark
    return environment


def _template_source(path_text: str, lang: str) -> tuple[str, bytes]:
    """The template's name for messages, and its bytes."""
    if not path_text:
        return _("the default Word template"), default_template(lang)
    path = Path(path_text)
    try:
        return path.name, path.read_bytes()
    except OSError as exc:
        message = _("cannot read the Word template {path}: {reason}")
        raise TrackerError(message.format(path=path, reason=system_reason(exc))) from None


def _open(name: str, data: bytes) -> DocxTemplate:
    template = DocxTemplate(BytesIO(data))
    try:
        template.init_docx()
    except Exception:  # python-docx refuses a non-Word file in many ways (zip, parts, XML)
        message = _("{name} is not a Word file (.docx); `tracker report-template` writes one to edit")
        raise TrackerError(message.format(name=name)) from None
    return template


def _check_placeholders(
    template: DocxTemplate, environment: Environment, variables: dict[str, Any], name: str
) -> None:
    try:
        unknown = template.get_undeclared_template_variables(environment, variables)
    except TemplateError as exc:
        raise TrackerError(_unreadable_placeholders(name, exc)) from None
    if unknown:
        message = _("{name}: the placeholder {placeholder} is not known; known: {known}")
        placeholder = ", ".join(_braced(n) for n in sorted(unknown))
        known = ", ".join(sorted(variables))
        raise TrackerError(message.format(name=name, placeholder=placeholder, known=known))


def _braced(name: str) -> str:
    return "{{ " + name + " }}"


def _unreadable_placeholders(name: str, exc: TemplateError) -> str:
    message = _("{name}: the placeholders cannot be read: {detail}")
    return message.format(name=name, detail=exc.message or type(exc).__name__)


def _unknown_attribute(name: str, data: bytes, exc: UndefinedError) -> str:
    """One line naming the placeholder whose attribute the report does not have."""
    found = UNDEFINED.search(exc.message or "")
    attribute = next((g for g in found.groups() if g), "") if found else ""
    if not attribute:
        return _unreadable_placeholders(name, exc)
    pattern = r"\{[{%][^{}]*?\b" + re.escape(attribute) + r"\b[^{}]*?[%}]\}"
    shown = re.search(pattern, _template_text(data))
    message = _("{name}: the placeholder {placeholder} is not known: the report has no {attribute!r}")
    placeholder = shown.group(0) if shown else _braced(attribute)
    return message.format(name=name, placeholder=placeholder, attribute=attribute)


def _template_text(data: bytes) -> str:
    """The words of a template's parts (body, headers, footers) without their XML."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        parts = [n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")]
        xml = "".join(archive.read(n).decode("utf-8", "replace") for n in parts)
    return re.sub(r"<[^>]+>", "", xml).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def fit_table_grids(document: Any) -> None:
    """Each table's grid from its first row's cell widths: docxtpl's {%tc %} loops change the
    number of columns and rescale the grid evenly, which LibreOffice and Word then follow."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for table in document.tables:
        widths = [cell.width for cell in table.rows[0].cells] if table.rows else []
        if not widths or None in widths:
            continue
        grid = table._tbl.tblGrid
        for column in grid.findall(qn("w:gridCol")):
            grid.remove(column)
        for width in widths:
            column = OxmlElement("w:gridCol")
            column.set(qn("w:w"), str(int(width.twips)))
            grid.append(column)


def set_margins(document: Any, css: str) -> None:
    """The margins of every section from CSS shorthand ("20mm 15mm 20mm 30mm": top right
    bottom left; one to four values, in mm, cm, in or pt)."""
    values = [_length(v) for v in css.split()]
    if not 1 <= len(values) <= 4:
        return
    top, right, bottom, left = (values * 4)[:4] if len(values) == 1 else _css_four(values)
    for section in document.sections:
        section.top_margin, section.right_margin = top, right
        section.bottom_margin, section.left_margin = bottom, left


def _css_four(values: list[Length]) -> tuple[Length, Length, Length, Length]:
    if len(values) == 2:
        return values[0], values[1], values[0], values[1]
    if len(values) == 3:
        return values[0], values[1], values[2], values[1]
    return values[0], values[1], values[2], values[3]


def _length(text: str) -> Length:
    found = re.fullmatch(r"([0-9.]+)(mm|cm|in|pt)", text.strip())
    if not found:
        return Mm(20)
    return Length(int(float(found.group(1)) * UNITS[found.group(2)]))
