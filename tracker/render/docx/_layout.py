"""How the drawn report holds together on the page, whichever program last saved its template.

- A page break typed before a paragraph is written by LibreOffice as a break at the end of the
  paragraph before it; when that one is a docxtpl tag (`{%p if ... %}`), docxtpl removes it
  with the break. Before drawing, such a break becomes the next paragraph's own.
- docxtpl's `{%tc %}` loops change a table's number of columns: each table's grid and width are
  set again from its first row (a width left at the template's squeezes the columns).
- A long table's last row never stands alone on a page under its repeated header.
"""

from __future__ import annotations

import re
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

TAG_PARAGRAPH = re.compile(r"\{[%{#]p ")  # the paragraphs docxtpl replaces by their tag
KEPT_ROWS = 2  # the rows of a long table that end it together
# The order of a row's properties (ECMA-376 CT_TrPr), where a missing one is inserted.
TRPR_AFTER = (
    "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit",
    "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange",
)  # fmt: skip


def carry_page_breaks(document: Any) -> None:
    """A page break in a paragraph docxtpl removes passes to the paragraph after it."""
    for paragraph in list(document.element.body.iter(qn("w:p"))):
        breaks = [b for b in paragraph.iter(qn("w:br")) if b.get(qn("w:type")) == "page"]
        if not breaks or not _is_tag(paragraph):
            continue
        for found in breaks:
            run = found.getparent()
            run.remove(found)
            if run.tag == qn("w:r") and all(child.tag == qn("w:rPr") for child in run):
                run.getparent().remove(run)
        _break_before(paragraph)


def _is_tag(paragraph: Any) -> bool:
    return bool(TAG_PARAGRAPH.search("".join(t.text or "" for t in paragraph.iter(qn("w:t")))))


def _break_before(tag: Any) -> None:
    """The first paragraph after `tag` that is no tag starts a page; before a table, a paragraph
    of its own does."""
    following = tag.getnext()
    while following is not None and following.tag == qn("w:p") and _is_tag(following):
        following = following.getnext()
    if following is None or following.tag != qn("w:p"):
        following = OxmlElement("w:p")
        tag.addnext(following)
    following.get_or_add_pPr().pageBreakBefore_val = True


def fit_table_grids(document: Any) -> None:
    """Each table's grid and width from its first row's cell widths: docxtpl's {%tc %} loops
    change the number of columns and rescale the grid evenly, which LibreOffice and Word then
    follow, and a width the template states (as LibreOffice writes it) would squeeze them."""
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
        _set_width(table, sum(int(width.twips) for width in widths))


def _set_width(table: Any, twips: int) -> None:
    """The table as wide as its columns, laid out by them (not by its contents)."""
    properties = table._tbl.tblPr
    width = properties.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        properties.insert_element_before(
            width, "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout",
            "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
        )  # fmt: skip
    width.set(qn("w:w"), str(twips))
    width.set(qn("w:type"), "dxa")
    table.autofit = False


def keep_last_rows_together(document: Any) -> None:
    """In a table whose header repeats on each page, no row is split across pages and the last
    rows are kept together: the last one never stands alone under the header."""
    for table in document.tables:
        rows = table.rows
        if not rows or not _repeats_header(rows[0]) or len(rows) < 1 + KEPT_ROWS:
            continue
        for row in rows[1:]:
            _row_flag(row, "w:cantSplit")
        for row in rows[-KEPT_ROWS:-1]:
            for paragraph in row._tr.iter(qn("w:p")):
                paragraph.get_or_add_pPr().keepNext_val = True


def _repeats_header(row: Any) -> bool:
    properties = row._tr.trPr
    return properties is not None and properties.find(qn("w:tblHeader")) is not None


def _row_flag(row: Any, name: str) -> None:
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn(name)) is None:
        properties.insert_element_before(OxmlElement(name), *TRPR_AFTER[TRPR_AFTER.index(name) + 1 :])
