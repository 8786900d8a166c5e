"""The default Word template of the report, built with python-docx (Hướng dẫn 36-HD/VPTW).

Every word is a docxtpl placeholder ({{ labels.party }}, {%p for ... %}, {%tr ... %},
{%tc ... %}), written literally so that the office sees them in Word and keeps them when it
edits the look; the words themselves come from the report's context, so one template serves
every language. Margins are not placeholders: the renderer sets them from the config.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tracker import clock
from tracker.render.docx import _units as docx_units
from tracker.render.docx._blocks import (
    CENTER,
    FONT,
    JUSTIFY,
    LEFT,
    cell_margins,
    empty_cell,
    fixed_table,
    heading,
    para,
    row_property,
    set_size,
    set_size_cs,
    tag,
)
from tracker.render.docx._package import Properties, tidy

ANNEX_SIZE = 10  # points: the targets table


def _fonts(rpr: Any, points: float) -> None:
    """Times New Roman for every script (Latin, East Asian, complex), so that each Vietnamese
    letter comes from the same font; no theme font overrides it."""
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attribute}"), FONT)
    set_size_cs(rpr, points)


def _styles(document: Any, lang: str) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    _fonts(normal.element.get_or_add_rPr(), 14)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, 14)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:val"), "vi-VN" if lang == "vi" else "en-GB")
    _heading_styles(document)


def _heading_styles(document: Any) -> None:
    """Word's Heading 1 (the sections I., II., ..., the annexes) and Heading 2 (the report's own
    part of a section) in the look of the body's headings: Times New Roman 14 pt bold, black,
    indented as a paragraph, kept with what follows; not python-docx's blue Calibri Light."""
    for name, before in (("Heading 1", 6), ("Heading 2", 0)):
        style = document.styles[name]
        rpr = style.element.get_or_add_rPr()
        for colour in rpr.findall(qn("w:color")):
            rpr.remove(colour)
        _fonts(rpr, 14)
        style.font.bold, style.font.italic = True, False
        layout = style.paragraph_format
        layout.alignment = JUSTIFY
        layout.first_line_indent = Mm(10)
        layout.space_before, layout.space_after = Pt(before), Pt(6)
        layout.keep_with_next = layout.keep_together = True


PPR_AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
    "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def border(p: Any, sides: tuple[str, ...] = ("bottom",), space: int = 1) -> None:
    """A rule on the given sides of a paragraph (a box with all four)."""
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in sides:
        line = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "6"), ("space", str(space)), ("color", "auto")):
            line.set(qn(f"w:{key}"), value)
        borders.append(line)
    ppr.insert_element_before(borders, *PPR_AFTER_BORDER)


def _header(document: Any) -> None:
    table = fixed_table(document, [68, 100])
    left, right = empty_cell(table, 0, 0), empty_cell(table, 0, 1)
    para(left, "{{ superior_body|upper }}", align=CENTER)
    para(left, ("b", "{{ document.issuing_body|upper }}"), align=CENTER)
    para(left, "*", align=CENTER)
    para(left, "{{ document.number }}", align=CENTER)
    party = para(right, ("b", "{{ labels.party|upper }}"), align=CENTER, size=15)
    party.paragraph_format.left_indent = party.paragraph_format.right_indent = Mm(8)
    border(party)
    para(right, ("i", "{{ document.place_date }}"), align=CENTER, after=0).paragraph_format.space_before = Pt(
        8
    )


def _title(document: Any) -> None:
    para(
        document, ("b", "{{ labels.doc_type|upper }}"), align=CENTER, size=16
    ).paragraph_format.space_before = Pt(18)
    para(document, ("b", "{{ document.kind_title }}"), align=CENTER)
    rule = para(document, "", align=CENTER, after=12)
    rule.paragraph_format.line_spacing = Pt(6)
    rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Mm(62)
    border(rule)
    tag(document, "{%p if notice %}")
    border(para(document, ("b", "{{ notice }}"), align=CENTER, after=6), ("top", "left", "bottom", "right"))
    tag(document, "{%p endif %}")
    tag(document, "{%p for text in document.opening %}")
    para(document, "{{ text }}", indent=True, after=6)
    tag(document, "{%p endfor %}")


def _section_extras(document: Any) -> None:
    """What the report adds to the office's text: the targets' results in section I, the
    targets that need attention in section II (and what the units say: docx_units)."""
    tag(document, "{%p if section.key == 'results' %}")
    heading(document, "1. {{ labels.targets_results }}", 2)
    para(document, ("b", "{{ summary }}."), indent=True, after=6)
    tag(document, "{%p if inferred_summary %}")
    para(document, "{{ inferred_summary }}.", indent=True, after=6)
    tag(document, "{%p endif %}")
    docx_units.completeness(document)
    para(document, "{{ labels.see_annex_1 }}", indent=True, after=6)
    tag(document, "{%p elif section.key == 'shortcomings' %}")
    tag(document, "{%p if behind %}")
    para(document, "{{ attention_intro }}", indent=True, after=6)
    tag(document, "{%p endif %}")
    tag(document, "{%p for row in behind %}")
    item = ("- ", ("b", "{{ row.title }}"), ": ", ("b", "{{ row.status }}"), ". {{ row.explanation }}")
    para(document, *item, indent=True, after=6)
    docx_units.behind(document)
    tag(document, "{%p endfor %}")
    _term_risks(document)
    tag(document, "{%p if lacking %}")
    para(document, "{{ lacking }}", indent=True, after=6)
    tag(document, "{%p endif %}")
    docx_units.lacking(document)
    tag(document, "{%p if not flagged and not behind %}")
    para(document, "{{ labels.no_flagged }}", indent=True, after=6)
    tag(document, "{%p endif %}")
    tag(document, "{%p endif %}")


def _term_risks(document: Any) -> None:
    """A yearly report's risks to the term, apart from its year's results."""
    tag(document, "{%p if term_risks %}")
    para(document, "{{ labels.term_risks }}", indent=True, after=6)
    tag(document, "{%p endif %}")
    tag(document, "{%p for row in term_risks %}")
    item = (
        "- ",
        ("b", "{{ row.title }}"),
        ": ",
        ("b", "{{ row.term_status }}"),
        ". {{ row.term_explanation }}",
    )
    para(document, *item, indent=True, after=6)
    tag(document, "{%p endfor %}")


def _sections(document: Any) -> None:
    """Each section: its heading, what the report adds (the targets' results, those that need
    attention: numbered first, so the office's own parts follow them), then the office's text."""
    tag(document, "{%p for section in document.sections %}")
    heading(document, "{{ section.numeral }}. {{ section.title|upper }}", 1)
    _section_extras(document)
    tag(document, "{%p for block in section.blocks %}")
    text = "{% if block.marker %}{{ block.marker }} {% endif %}{{ block.text }}"  # "1. ...", "- ..."
    para(document, text, indent=True, after=6)
    tag(document, "{%p endfor %}")
    tag(document, "{%p if section.placeholder %}")
    para(document, ("i", "{{ section.placeholder }}"), indent=True, after=6)
    tag(document, "{%p endif %}")
    tag(document, "{%p endfor %}")


def _signature(document: Any) -> None:
    table = fixed_table(document, [80, 88])
    left, right = empty_cell(table, 0, 0), empty_cell(table, 0, 1)
    para(left, ("bi", "{{ labels.recipients }}"), align=LEFT, size=12).paragraph_format.space_before = Pt(12)
    tag(left, "{%p for recipient in document.recipients %}")
    para(left, "- {{ recipient }}{{ '.' if loop.last else ',' }}", align=LEFT, size=12)
    tag(left, "{%p endfor %}")
    para(
        right, ("b", "{{ document.signer.authority|upper }}"), align=CENTER
    ).paragraph_format.space_before = Pt(12)
    para(right, ("b", "{{ document.signer.title|upper }}"), align=CENTER)
    for _ in range(4):
        para(right, "", align=CENTER)
    para(right, ("b", "{{ document.signer.name }}"), align=CENTER)


def _annex_head(document: Any) -> None:
    heading(document, "{{ document.annex|upper }}", 1, align=CENTER, spacing=(0, 0))
    para(document, ("i", "{{ document.attached }}"), align=CENTER)
    para(document, ("b", "{{ labels.annex_title.format(as_of) }}"), align=CENTER, after=6)


# The targets table: code, title, rule, one column per year ({%tc %} repeats it), percent,
# status. The cells holding only {%tc for %} / {%tc endfor %} vanish on render.
ANNEX_WIDTHS = [10, 70, 40, 6, 17.5, 6, 21, 23.5]  # mm; 252 with five years
YEAR_COLUMN = 4
FIGURE = "{{ cell.text }}{% if cell.provisional %}*{% endif %}"
HEADS = ["{{ labels.number_head }}", "{{ labels.target }}", "{{ labels.rule }}", "{%tc for year in years %}"]
HEADS += ["{{ year }}", "{%tc endfor %}", "{{ labels.percent_head }}", "{{ labels.status }}"]
ROW: list[list[str | tuple[str, str]]] = [
    ["{{ row.number }}"],
    ["{{ row.title }}"],
    ["{{ row.requirement }}"],
    ["{%tc for cell in row.cells %}"],
    [("i", "{% if cell.missing %}{{ labels.missing_cell }}{% endif %}"), FIGURE],
    ["{%tc endfor %}"],
    ["{{ row.percent }}"],
    [("b", "{{ row.status }}")],
]


def _annex_table(document: Any) -> None:
    table = fixed_table(document, ANNEX_WIDTHS, rows=4, style="Table Grid")
    for column, text in enumerate(HEADS):
        para(empty_cell(table, 0, column), ("b", text), align=CENTER, size=ANNEX_SIZE)
    cell_margins(table, 1)
    row_property(table.rows[0], "w:tblHeader")  # repeated on each page
    para(empty_cell(table, 1, 0), "{%tr for row in rows %}", size=ANNEX_SIZE)
    for column, runs in enumerate(ROW):
        cell = empty_cell(table, 2, column)
        para(cell, *runs, size=ANNEX_SIZE, align=CENTER if column >= YEAR_COLUMN or column == 0 else LEFT)
        if column == YEAR_COLUMN:
            tag(cell, "{%p if cell.counts %}")
            para(cell, "{{ cell.counts }}", size=ANNEX_SIZE - 2, align=CENTER)
            tag(cell, "{%p endif %}")
    row_property(table.rows[2], "w:cantSplit")
    para(empty_cell(table, 3, 0), "{%tr endfor %}", size=ANNEX_SIZE)


def _annex_notes(document: Any) -> None:
    small = 12
    para(document, ("i", "{{ labels.provisional_note }}"), size=small, after=6)
    para(document, ("b", "{{ labels.missing }}"), size=small)
    tag(document, "{%p for name, years_text in missing %}")
    para(document, "- {{ name }}: {{ labels.missing_years }} {{ years_text }}", size=small)
    tag(document, "{%p else %}")
    para(document, "{{ labels.no_missing }}", size=small)
    tag(document, "{%p endfor %}")
    tag(document, "{%p if inferred %}")
    para(document, ("b", "{{ labels.notes }}"), size=small).paragraph_format.space_before = Pt(6)
    tag(document, "{%p endif %}")
    tag(document, "{%p for name, why in inferred %}")
    para(document, "† {{ name }}: {{ labels.inferred }}. {{ why }}", size=small)
    tag(document, "{%p endfor %}")


def _page_numbers(section: Any) -> None:
    """The page number, top centre, from page 2: page 1 has its own (empty) header."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty header of its own
    p = section.header.paragraphs[0]
    p.alignment = CENTER
    run = p.add_run()
    for kind, text in (("begin", ""), ("instr", " PAGE "), ("separate", ""), ("end", "")):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _history_code(section: Any) -> None:
    """The history code (tracker verify --report) small in the footer of every page, the first
    and the annex's included: any printed page can be matched to the history it was made from."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    code = "{% if chain_short %}{{ labels.chain }}: {{ chain_short }}{% endif %}"
    for footer in (section.footer, section.first_page_footer):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        set_size(p.add_run(code), 9)


def build_template(lang: str) -> bytes:
    """The default template as the bytes of a .docx: the report on A4 portrait, the annex on
    A4 landscape."""
    document = Document()
    _styles(document, lang)
    tidy(document, Properties(author="", title="", made_at=clock.now(), lang=lang))
    first = document.sections[0]
    first.page_width, first.page_height = Mm(210), Mm(297)
    _page_numbers(first)
    _history_code(first)
    _header(document)
    _title(document)
    _sections(document)
    _signature(document)
    annex = document.add_section(WD_SECTION.NEW_PAGE)
    annex.orientation = WD_ORIENT.LANDSCAPE
    annex.page_width, annex.page_height = Mm(297), Mm(210)
    annex.different_first_page_header_footer = False
    _annex_head(document)
    _annex_table(document)
    _annex_notes(document)
    docx_units.annex(document)
    out = BytesIO()
    document.save(out)
    return out.getvalue()
