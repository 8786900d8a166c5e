"""The units × targets matrix of `tracker status --units` in the terminal.

Marks, not only colours: "!" after a figure below the threshold, "*" after an estimate, "—"
for an expected unit that has not reported, nothing where the unit does not exist that year.
The columns are the target codes; when they do not fit the terminal, the matrix is printed as
several tables of the same rows, each with as many targets as fit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.evaluate.wording import figure
from tracker.i18n import N_, in_lang

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

    from tracker.evaluate.rollup import RolledUp
    from tracker.services.status import TargetStatus
    from tracker.services.unit_matrix import MatrixCell, UnitMatrix

MISSING = "—"
LAGGING_MARK = " !"
TEXTS = {
    "title": N_("Units × targets, {year}: {units} units, {lagging} with a figure below the threshold"),
    "legend": N_(
        "! below the target's threshold; * provisional; —: not reported; blank: the unit does not exist"
    ),
    "code": N_("Code"),
    "unit": N_("Unit"),
    "all": N_("All units"),
    "none": N_("No unit has reported a figure of any target yet."),
}
CODE_WIDTH, NAME_WIDTH = 8, 28  # the two first columns, before the targets'


def matrix_tables(matrix: UnitMatrix, lang: str, width: int) -> list[Table]:
    """The matrix as tables that fit `width` columns, the targets split between them."""
    if not matrix.targets:
        return []
    columns = [(t, [_cell_text(c, t) for c in _column(matrix, i)]) for i, t in enumerate(matrix.targets)]
    totals = [_total_text(total, t) for total, t in zip(matrix.totals, matrix.targets, strict=True)]
    sizes = [
        max(len(t.label), len(total), *(len(text) for text in cells))
        for (t, cells), total in zip(columns, totals, strict=True)
    ]
    tables, start = [], 0
    while start < len(columns):
        end, used = start + 1, CODE_WIDTH + NAME_WIDTH + 7 + sizes[start] + 3
        while end < len(columns) and used + sizes[end] + 3 <= width:
            used += sizes[end] + 3
            end += 1
        tables.append(_table(matrix, lang, range(start, end), columns, totals))
        start = end
    return tables


def _column(matrix: UnitMatrix, index: int) -> list[MatrixCell]:
    return [row.cells[index] for row in matrix.rows]


def _table(
    matrix: UnitMatrix,
    lang: str,
    chosen: range,
    columns: list[tuple[TargetStatus, list[str]]],
    totals: list[str],
) -> Table:
    from rich.table import Table
    from rich.text import Text

    words = {key: in_lang(lang, text) for key, text in TEXTS.items()}
    lagging = sum(1 for row in matrix.rows if row.lagging)
    title = words["title"].format(year=matrix.as_of, units=len(matrix.rows), lagging=lagging)
    table = Table(title=title, caption=words["legend"])
    table.add_column(words["code"], no_wrap=True, max_width=CODE_WIDTH + 8)
    table.add_column(words["unit"], min_width=10, max_width=NAME_WIDTH, overflow="ellipsis", no_wrap=True)
    for index in chosen:
        table.add_column(columns[index][0].label, justify="right", no_wrap=True)
    for number, row in enumerate(matrix.rows):
        cells = [_styled(columns[i][1][number], row.cells[i]) for i in chosen]
        table.add_row(row.code, Text(row.name), *cells)
    table.add_section()
    table.add_row("", words["all"], *(Text(totals[i], style="bold") for i in chosen))
    return table


def _styled(text: str, cell: MatrixCell) -> Text:
    from rich.text import Text

    style = "bold red" if cell.lagging else ("dim" if cell.missing else "")
    return Text(text, style=style)


def _cell_text(cell: MatrixCell, target: TargetStatus) -> str:
    if cell.figure is None:
        return MISSING if cell.expected else ""
    text = figure(cell.figure.value, target.measure, target.lang)
    if cell.figure.provisional:
        text += "*"
    return text + LAGGING_MARK if cell.lagging else text


def _total_text(total: RolledUp | None, target: TargetStatus) -> str:
    if total is None:
        return MISSING
    text = figure(total.value, target.measure, target.lang)
    return text + "*" if total.provisional else text


def no_unit_data(lang: str) -> str:
    return in_lang(lang, TEXTS["none"])
