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
    heading,
    para,
    row_property,
    tag,
)

UNITS_SIZE = 10  # points
UNITS_WIDTHS: list[float] = [10, 70, 4, 25, 4, 4, 22, 4]  # mm: number (TT), name, a column per target, score


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
    title, behind = ("b", "{{ row.short_title }}"), ("i", "{{ row.units_behind }}")
    para(document, "- ", title, ": ", behind, indent=True, after=6)
    tag(document, "{%p endfor %}")


def annex(document: Any) -> None:
    """Phụ lục 2 on a page of its own, in the annex's landscape section: its heading, the line
    naming the report it is attached to, the three lists (figures owed, units lagging, ratings
    not yet made), the table, its note and legend, and each unit's score in a review."""
    tag(document, "{%p if units.rows or units.scores %}")
    heading(document, "{{ units.labels.units_annex|upper }}", 1, align=CENTER, spacing=(0, 0), new_page=True)
    para(document, ("i", "{{ units.attached }}"), align=CENTER, size=12)
    tag(document, "{%p if units.title %}")
    para(document, ("b", "{{ units.title }}"), align=CENTER, after=6)
    tag(document, "{%p endif %}")
    for key in ("owed", "lagging", "unrated"):
        tag(document, f"{{%p if units.{key} %}}")
        para(document, f"{{{{ units.{key} }}}}", size=11, after=2)
        tag(document, "{%p endif %}")
    tag(document, "{%p if units.rows %}")
    _table_of_units(document)
    para(document, ("i", "{{ units.labels.units_note }}"), size=10)
    para(document, ("i", '{{ units.labels.legend }} {{ units.legend|join("; ") }}.'), size=10)
    tag(document, "{%p endif %}")
    tag(document, "{%p if units.scores %}")
    para(document, ("b", "{{ units.labels.unit_scores }}"), size=12).paragraph_format.space_before = Pt(6)
    tag(document, "{%p for line in units.scores %}")
    para(document, "- {{ line }}", size=12)
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")
    tag(document, "{%p endif %}")


def _table_of_units(document: Any) -> None:
    """Rows: the heads; per group, its title, then its units; the totals. A review adds a last
    column, each unit's score over its term."""
    table = fixed_table(document, UNITS_WIDTHS, rows=8, style="Table Grid")
    number, unit = "{{ units.labels.number }}", "{{ units.labels.unit }}"
    _fill(
        table,
        0,
        [number, unit, "{%tc for head in units.heads %}", "{{ head }}"],
        "{{ units.score_head }}",
        "b",
    )
    cell_margins(table, 1)
    row_property(table.rows[0], "w:tblHeader")
    para(empty_cell(table, 1, 0), "{%tr for group in units.groups %}", size=UNITS_SIZE)
    _fill(table, 2, ["", "{{ group.title }}", "{%tc for head in units.heads %}", ""], "", "i")
    para(empty_cell(table, 3, 0), "{%tr for unit in group.rows %}", size=UNITS_SIZE)
    cells = ["{{ unit.number }}", "{{ unit.name }}", "{%tc for cell in unit.cells %}", "{{ cell.full }}"]
    _fill(table, 4, cells, "{{ unit.score }}", "")
    para(empty_cell(table, 5, 0), "{%tr endfor %}", size=UNITS_SIZE)
    para(empty_cell(table, 6, 0), "{%tr endfor %}", size=UNITS_SIZE)
    totals = ["", "{{ units.totals.name }}", "{%tc for cell in units.totals.cells %}", "{{ cell.full }}"]
    _fill(table, 7, totals, "", "b")


def _fill(table: Any, row: int, texts: list[str], score: str, style: str) -> None:
    """One row of the units' table: number, name, the loop over the targets, then the score
    column drawn only in a review (`units.score_head`)."""
    closing = ["{%tc endfor %}", "{%tc if units.score_head %}", score, "{%tc endif %}"]
    for column, text in enumerate([*texts, *closing]):
        align = LEFT if column == 1 else CENTER
        para(empty_cell(table, row, column), (style, text), size=UNITS_SIZE, align=align)
    if row:
        row_property(table.rows[row], "w:cantSplit")
