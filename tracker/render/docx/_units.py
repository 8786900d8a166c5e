"""The units' parts of the default Word template (docxtpl placeholders, as in docx_template):
the completeness line under the summary, the units holding a flagged target back under it, and
Phụ lục 2, units × targets, on a new landscape page after the annex. Each is drawn only when
the report has unit data (`units.rows`, `units.completeness`, `row.units_behind` are empty
otherwise), so a report without units is unchanged."""

from __future__ import annotations

from typing import Any

from docx.shared import Pt

from tracker.render.docx._blocks import (
    CENTER,
    LEFT,
    cell_margins,
    empty_cell,
    fixed_table,
    para,
    row_property,
    tag,
)

UNITS_SIZE = 10  # points
UNITS_WIDTHS: list[float] = [18, 62, 4, 20, 4]  # mm: code, name, then one column per target ({%tc %})


def completeness(document: Any) -> None:
    tag(document, "{%p if units.completeness %}")
    para(document, "{{ units.completeness }}", indent=True, after=6)
    tag(document, "{%p endif %}")


def behind(document: Any) -> None:
    """Under a target of the attention list: the units below its threshold."""
    tag(document, "{%p if row.units_behind %}")
    para(document, ("i", "{{ row.units_behind }}"), indent=True, after=6)
    tag(document, "{%p endif %}")


def lacking(document: Any) -> None:
    """The flagged targets outside the attention list (lacking figures) with units behind."""
    tag(document, "{%p for row in units_lacking %}")
    para(document, "- ", ("b", "{{ row|mark }}"), ": ", ("i", "{{ row.units_behind }}"), indent=True, after=6)
    tag(document, "{%p endfor %}")


def annex(document: Any) -> None:
    """Phụ lục 2 on a page of its own, in the annex's landscape section."""
    tag(document, "{%p if units.rows %}")
    head = para(document, ("b", "{{ units.labels.units_annex|upper }}"), align=CENTER)
    head.paragraph_format.page_break_before = True
    para(document, ("i", "{{ units.labels.units_annex_title.format(as_of) }}"), align=CENTER, after=6)
    _table_of_units(document)
    para(document, ("i", "{{ units.labels.units_note }}"), size=12, after=6)
    tag(document, "{%p if units.scores %}")
    para(document, ("b", "{{ units.labels.unit_scores }}"), size=12).paragraph_format.space_before = Pt(6)
    tag(document, "{%p for line in units.scores %}")
    para(document, "- {{ line }}", size=12)
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")
    tag(document, "{%p endif %}")


def _table_of_units(document: Any) -> None:
    table = fixed_table(document, UNITS_WIDTHS, rows=5, style="Table Grid")
    heads = ["{{ labels.code }}", "{{ units.labels.unit }}", "{%tc for head in units.heads %}", "{{ head }}"]
    for column, text in enumerate([*heads, "{%tc endfor %}"]):
        para(empty_cell(table, 0, column), ("b", text), align=CENTER, size=UNITS_SIZE)
    cell_margins(table, 1)
    row_property(table.rows[0], "w:tblHeader")
    para(empty_cell(table, 1, 0), "{%tr for unit in units.rows %}", size=UNITS_SIZE)
    cells: list[tuple[str, str]] = [("", "{{ unit.code }}"), ("", "{{ unit.name }}")]
    cells += [("", "{%tc for cell in unit.cells %}"), ("", "{{ cell.full }}"), ("", "{%tc endfor %}")]
    for column, (_, text) in enumerate(cells):
        align = CENTER if column >= 2 else LEFT
        para(empty_cell(table, 2, column), text, size=UNITS_SIZE, align=align)
    row_property(table.rows[2], "w:cantSplit")
    para(empty_cell(table, 3, 0), "{%tr endfor %}", size=UNITS_SIZE)
    _totals_row(table)


def _totals_row(table: Any) -> None:
    """The roll-up of each target, all units together, in bold under the units."""
    totals = ["", "{{ units.totals.name }}", "{%tc for cell in units.totals.cells %}", "{{ cell.full }}"]
    for column, text in enumerate([*totals, "{%tc endfor %}"]):
        para(
            empty_cell(table, 4, column), ("b", text), size=UNITS_SIZE, align=CENTER if column >= 2 else LEFT
        )
    row_property(table.rows[4], "w:cantSplit")
