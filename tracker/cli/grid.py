"""Box-drawn tables of fixed column widths, written as lines of text: what the lists of a
thousand units print, which rich's Table takes seconds to lay out (it measures and wraps every
cell). Marks, not only colours, carry the meaning, as in every table of tracker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size

if TYPE_CHECKING:
    from rich.text import Text


class Grid:
    """Columns of fixed widths: the first `left` ones aligned left and cut to fit with "…",
    the others aligned right (codes and figures: one cell a character)."""

    def __init__(self, widths: list[int], left: int) -> None:
        self.widths = widths
        self.left = left

    def rule(self, left: str, middle: str, right: str) -> str:
        return left + middle.join("─" * (w + 2) for w in self.widths) + right + "\n"

    def row(self, text: Text, cells: list[tuple[str, str]]) -> None:
        """Append one row to `text`: the (words, rich style or "") of each column."""
        line, styled = ["│"], []
        at = len(text) + 1
        for column, ((cell, style), width) in enumerate(zip(cells, self.widths, strict=True)):
            fitted = fit(cell, width) if column < self.left else " " * (width - len(cell)) + cell
            line.append(f" {fitted} │")
            if style:
                styled.append((at + 1, at + 1 + len(fitted), style))
            at += len(fitted) + 3
        text.append("".join(line) + "\n")
        for start, end, style in styled:
            text.stylize(style, start, end)


def fit(text: str, width: int) -> str:
    """`text` padded or cut to `width` cells ("Đảng bộ Sở Giáo dục và Đào…")."""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def widths_within(wanted: list[int], cut: list[tuple[int, int]], width: int) -> list[int]:
    """Column widths that fit a line of `width` cells (3 more a column, and a border): the
    columns of `cut`, (index, least width), narrowed in turn, each down to its least."""
    found = list(wanted)
    for column, least in cut:
        over = sum(found) + 3 * len(found) + 1 - width
        if over <= 0:
            break
        found[column] = max(least, found[column] - over)
    return found
