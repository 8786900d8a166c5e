"""The units × targets matrix of `tracker status --units` in the terminal.

Marks, not only colours: "!" after a figure below the threshold, "*" after an estimate, "—"
for an expected unit that has not reported, nothing where the unit does not exist that year.
The columns are the target codes; when they do not fit the terminal, the matrix is printed as
several tables of the same rows, each with as many targets as fit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len

from tracker.cli.grid import Grid
from tracker.evaluate import figure, level_words
from tracker.i18n import N_, in_lang

if TYPE_CHECKING:
    from rich.text import Text

    from tracker.evaluate import RolledUp
    from tracker.status import MatrixCell, TargetStatus, UnitMatrix

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
NAME_WIDTH, NAME_LEAST = 28, 10  # the unit's name is cut to fit ("Đảng bộ Sở Giáo dục và Đào…")


def matrix_tables(matrix: UnitMatrix, lang: str, width: int) -> list[Text]:
    """The matrix as tables that fit `width` columns, the targets split between them: each a
    title, a grid and a legend, to print in turn. Drawn as lines of text, not with rich's Table, which takes
    seconds to lay out a thousand units."""
    from rich.text import Text

    if not matrix.targets:
        return []
    words = {key: in_lang(lang, text) for key, text in TEXTS.items()}
    columns = [[_cell_text(row.cells[i], t) for row in matrix.rows] for i, t in enumerate(matrix.targets)]
    totals = [_total_text(total, t) for total, t in zip(matrix.totals, matrix.targets, strict=True)]
    sizes = [
        max(cell_len(t.label), cell_len(total), *(cell_len(text) for text in cells))
        for t, cells, total in zip(matrix.targets, columns, totals, strict=True)
    ]
    code_w = max(cell_len(words["code"]), *(cell_len(row.code) for row in matrix.rows))
    name_w = min(
        NAME_WIDTH,
        max(cell_len(words["unit"]), cell_len(words["all"]), *(cell_len(r.name) for r in matrix.rows)),
    )
    name_w = max(NAME_LEAST, min(name_w, width - code_w - 7 - (sizes[0] + 3)))
    lagging = sum(1 for row in matrix.rows if row.lagging)
    title = words["title"].format(year=matrix.as_of, units=len(matrix.rows), lagging=lagging)
    blocks, start = [], 0
    while start < len(columns):
        end, used = start + 1, code_w + name_w + 7 + sizes[start] + 3
        while end < len(columns) and used + sizes[end] + 3 <= width:
            used += sizes[end] + 3
            end += 1
        grid = Grid([code_w, name_w, *sizes[start:end]], left=2)
        heads = [words["code"], words["unit"], *(t.label for t in matrix.targets[start:end])]
        grid_text = _grid(grid, heads, matrix, columns, totals, range(start, end), words)
        blocks += [Text(title), grid_text, Text(words["legend"])]
        start = end
    return blocks


def _grid(
    grid: Grid,
    heads: list[str],
    matrix: UnitMatrix,
    columns: list[list[str]],
    totals: list[str],
    chosen: range,
    words: dict[str, str],
) -> Text:
    from rich.text import Text

    text = Text(no_wrap=True, overflow="ignore", end="")
    text.append(grid.rule("┌", "┬", "┐"))
    grid.row(text, [(head, "bold") for head in heads])
    text.append(grid.rule("├", "┼", "┤"))
    for number, row in enumerate(matrix.rows):
        cells = [(columns[i][number], _style(row.cells[i])) for i in chosen]
        grid.row(text, [(row.code, ""), (row.name, ""), *cells])
    text.append(grid.rule("├", "┼", "┤"))
    grid.row(text, [("", ""), (words["all"], "bold"), *((totals[i], "bold") for i in chosen)])
    text.append(grid.rule("└", "┴", "┘"))
    return text


def _style(cell: MatrixCell) -> str:
    return "bold red" if cell.lagging else ("dim" if cell.missing else "")


def _cell_text(cell: MatrixCell, target: TargetStatus) -> str:
    if cell.figure is None:
        return MISSING if cell.expected else ""
    if cell.level is not None:  # a rating target's unit: its level, as in the reports' annex
        return level_words(cell.level, target.lang, short=True) + (LAGGING_MARK if cell.lagging else "")
    text = figure(cell.figure.value, target.measure, target.lang)
    if cell.figure.provisional:
        text += "*"
    return text + LAGGING_MARK if cell.lagging else text


def _total_text(total: RolledUp | None, target: TargetStatus) -> str:
    if total is None:
        return MISSING
    text = figure(total.figure.value, target.measure, target.lang)
    return text + "*" if total.figure.provisional else text


def no_unit_data(lang: str) -> str:
    return in_lang(lang, TEXTS["none"])
