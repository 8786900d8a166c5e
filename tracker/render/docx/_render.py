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
from collections.abc import Callable
from dataclasses import fields
from datetime import datetime
from io import BytesIO
from typing import Any, TypeVar

from docx.shared import Length, Mm, Pt
from docxtpl import DocxTemplate

from tracker import clock
from tracker.errors import TrackerError
from tracker.i18n import _
from tracker.render._placeholders import TAG, render_guarded
from tracker.render._sandbox import ReportSandbox, sandbox
from tracker.render.docx._layout import carry_page_breaks, fit_table_grids, keep_last_rows_together
from tracker.render.docx._package import Properties, tidy
from tracker.render.docx._source import read_template, template_text

T = TypeVar("T")
UNITS = {"mm": Mm(1), "cm": Mm(10), "in": Length(914400), "pt": Pt(1)}


def default_template(lang: str) -> bytes:
    """The default Word template, for `tracker report-template` and for reports without one."""
    from tracker.render.docx._template import build_template

    return build_template(lang)


def render_docx(fmt: str, context: Any, kind: str) -> bytes:
    """The report (`context`, a ReportContext) as the bytes of a .docx file."""
    name, data = _template_source(context.word_template, context.lang)
    template = _open(name, data)
    carry_page_breaks(template.docx)
    variables = {f.name: getattr(context, f.name) for f in fields(context)}
    environment = _environment()
    written = template_text(data)

    def guarded(draw: Callable[[], T]) -> T:
        as_written = lambda tag: _as_written(tag, written)  # noqa: E731
        return render_guarded(name, draw, environment, variables, lambda: template.failed_source, as_written)

    unknown = guarded(lambda: template.get_undeclared_template_variables(environment, variables))
    _check_placeholders(unknown, variables, name, written)
    guarded(lambda: template.render(variables, environment, autoescape=True))
    document = template.docx
    fit_table_grids(document)
    keep_last_rows_together(document)
    set_margins(document, context.margins)
    tidy(document, _properties(context))
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _properties(context: Any) -> Properties:
    """File > Properties of the report: the issuing body, the report's title, when it was made,
    and the history it was made from (as the HTML's keywords name it)."""
    return Properties(
        author=context.body,
        title=context.document.kind_title,
        made_at=datetime.fromisoformat(context.created) if context.created else clock.now(),
        lang=context.lang,
        keywords=f"tracker-chain:{context.chain_head}" if context.chain_head else "",
    )


def mark(row: Any) -> str:
    """A target's code as the report shows it: with † when the target is inferred (the
    `row|mark` filter, the one place templates write it)."""
    label = getattr(row, "label", "")
    if label:
        return str(label)
    return f"{row.code} †" if row.inferred else str(row.code)


def _environment() -> ReportSandbox:
    """Jinja as docxtpl uses it, in the report sandbox (render/_sandbox.py): an unknown name or
    attribute is an error, and every value is XML-escaped so that "<" or "&" in a title cannot
    break the document."""
    return sandbox({"mark": mark}, autoescape=True)


def _template_source(path_text: str, lang: str) -> tuple[str, bytes]:
    """The template's name for messages, and its bytes."""
    if not path_text:
        return _("the default Word template"), default_template(lang)
    return read_template(path_text)


class _Template(DocxTemplate):  # type: ignore[misc]
    """docxtpl's template that keeps the Jinja text of the part that failed to render, so that
    the failing placeholder can be named."""

    failed_source = ""

    def get_undeclared_template_variables(self, jinja_env: Any = None, context: Any = None) -> set[str]:
        """The names the body, headers and footers use that the report does not give (as
        docxtpl finds them), keeping the Jinja text read."""
        from docx import Document
        from docx.opc.oxml import parse_xml
        from jinja2 import meta

        document = Document(self.template_file)
        xml = self.patch_xml(self.xml_to_string(document._element.body))
        for relation in document._part.rels.values():
            if relation.reltype in (self.HEADER_URI, self.FOOTER_URI) and relation.target_part.blob:
                xml += self.patch_xml(self.xml_to_string(parse_xml(relation.target_part.blob)))
        self.failed_source = xml
        names: set[str] = meta.find_undeclared_variables(jinja_env.parse(xml))
        self.failed_source = ""
        return names - set(context or ())

    def render_xml_part(self, src_xml: str, part: Any, context: Any, jinja_env: Any = None) -> Any:
        try:
            return super().render_xml_part(src_xml, part, context, jinja_env)
        except Exception:
            self.failed_source = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)  # as docxtpl draws it
            raise

    def render_properties(self, context: Any, jinja_env: Any = None) -> None:
        """The document's title, subject... (File > Properties) may hold placeholders too."""
        properties = self.docx.core_properties
        for prop in ("author", "comments", "identifier", "language", "subject", "title"):
            self.failed_source = getattr(properties, prop)
            setattr(properties, prop, jinja_env.from_string(self.failed_source).render(context))
        self.failed_source = ""


def _open(name: str, data: bytes) -> DocxTemplate:
    template = _Template(BytesIO(data))
    try:
        template.init_docx()
    except Exception:  # python-docx refuses a non-Word file in many ways (zip, parts, XML)
        message = _("{name} is not a Word file (.docx); `tracker report-template` writes one to edit")
        raise TrackerError(message.format(name=name)) from None
    return template


def _check_placeholders(unknown: set[str], variables: dict[str, Any], name: str, written: str) -> None:
    """A name the report does not have, refused before anything is drawn."""
    if unknown:
        message = _("{name}: the placeholder {placeholder} is not known; known: {known}")
        first = sorted(unknown)[0]
        pattern = r"\{[{%][^{}]*?(?<![\w.])" + re.escape(first) + r"\b[^{}]*?[%}]\}"
        shown = re.search(pattern, written)
        placeholder = shown.group(0) if shown else "{{ " + first + " }}"
        known = ", ".join(sorted(variables))
        raise TrackerError(message.format(name=name, placeholder=placeholder, known=known))


MAX_SHOWN = 200  # characters of a placeholder named in a message


def _as_written(tag: str, written: str) -> str:
    """A placeholder as the office wrote it in the template (docxtpl reads `{%tr for ... %}` as
    `{% for ... %}` and drops the Word markup inside it)."""
    if len(tag) > MAX_SHOWN:  # no placeholder as written is this long: show what was found
        return tag[:MAX_SHOWN] + "…"
    core = _core(tag)
    shown = (m.group(0) for m in TAG.finditer(written) if len(m.group(0)) <= MAX_SHOWN)
    return next((found for found in shown if _core(found) == core), tag)


def _core(tag: str) -> str:
    """A placeholder's words without its braces, docxtpl's tr/tc/p/r, dashes and spacing."""
    inner = re.sub(r"^\{[{%]-?\s*(?:(?:tr|tc|p|r)\s+)?", "", tag)
    inner = inner.rstrip()
    if inner.endswith(("}}", "%}")):
        inner = inner[:-2].rstrip().removesuffix("-")
    return " ".join(inner.split())


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
