"""The building blocks of the default Word template (python-docx): paragraphs of runs,
docxtpl's structure tags, tables of fixed widths and their cells. The template's parts
(tracker/render/docx/_template.py, _units.py) are drawn with them."""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT


def para(
    where: Any,
    *runs: str | tuple[str, str],
    align: Any = JUSTIFY,
    size: float | None = None,
    indent: bool = False,
    after: float = 0,
) -> Any:
    """A paragraph of runs; a run is its text, or (style letters "b", "i", text)."""
    p = where.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    if indent:
        p.paragraph_format.first_line_indent = Mm(10)
    for item in runs:
        letters, text = item if isinstance(item, tuple) else ("", item)
        run = p.add_run(text)
        run.bold = "b" in letters or None
        run.italic = "i" in letters or None
        if size:
            set_size(run, size)
    return p


def heading(
    where: Any,
    text: str,
    level: int,
    *,
    align: Any = None,
    spacing: tuple[float, float] | None = None,
    new_page: bool = False,
) -> Any:
    """A heading of Word's own (Heading 1, 2: what the navigation pane, pandoc and mammoth
    list), its look from the style; `align` centres an annex's heading (not indented), `spacing`
    (before, after, in points) replaces the style's, `new_page` starts a page.
    A page break before it is the paragraph's own, never a break in the paragraph before: that
    one may be a docxtpl tag, and vanish with it."""
    p = where.add_paragraph(text, style=f"Heading {level}")
    if align is not None:
        p.alignment = align
        p.paragraph_format.first_line_indent = Mm(0)
    if spacing is not None:
        p.paragraph_format.space_before, p.paragraph_format.space_after = Pt(spacing[0]), Pt(spacing[1])
    if new_page:
        p.paragraph_format.page_break_before = True
    return p


def tag(where: Any, text: str) -> None:
    """A paragraph holding only a docxtpl structure tag ({%p ... %}): it vanishes on render."""
    where.add_paragraph(text)


def set_size(run: Any, points: float) -> None:
    run.font.size = Pt(points)
    set_size_cs(run._r.get_or_add_rPr(), points)


def set_size_cs(rpr: Any, points: float) -> None:
    """The size of complex-script text too (w:szCs, right after w:sz as the schema orders)."""
    sz = rpr.get_or_add_sz()
    sz.set(qn("w:val"), str(round(points * 2)))
    cs = rpr.find(qn("w:szCs"))
    if cs is None:
        cs = OxmlElement("w:szCs")
        sz.addnext(cs)
    cs.set(qn("w:val"), str(round(points * 2)))


def fixed_table(where: Any, widths_mm: list[float], rows: int = 1, style: str | None = None) -> Any:
    table = where.add_table(rows=rows, cols=len(widths_mm))
    if style:
        table.style = where.styles[style] if hasattr(where, "styles") else style
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, width in enumerate(widths_mm):
        table.columns[i].width = Mm(width)
        for cell in table.columns[i].cells:
            cell.width = Mm(width)
    return table


def empty_cell(table: Any, row: int, column: int) -> Any:
    """A table cell emptied of its first paragraph, to be filled with para()."""
    cell = table.cell(row, column)
    cell._tc.remove(cell.paragraphs[0]._p)
    return cell


def cell_margins(table: Any, mm: float) -> None:
    """Narrow left and right padding in every cell, so that a figure like 93,02%* fits."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(round(mm * 56.7)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def row_property(row: Any, name: str) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement(name))
