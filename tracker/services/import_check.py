"""Checking the rows of an imported file, one by one, by the rules of `tracker record`: every
problem is collected with its row and column (fava's way), and none is raised alone.

Figures go through the one parser of tracker/evaluate/values.py: a typed text by its forms,
a spreadsheet's number cell as the number it is, a percentage cell as a percentage.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tracker.errors import TrackerError
from tracker.evaluate.model import Measure
from tracker.evaluate.text import InvalidText, check_text
from tracker.evaluate.values import (
    FigureValue,
    InvalidFigure,
    figure_of_counts,
    figure_of_number,
    parse_figure,
)
from tracker.evaluate.wording import figure
from tracker.i18n import _, current_language
from tracker.services.lookup import check_year
from tracker.services.revisions import FigureRow
from tracker.services.workbook import FIGURE_COLUMNS, PercentCell, Sheet, Uncomputed, cell_text, restored
from tracker.store.tables import Resolution, Target

YES = frozenset({"1", "x", "yes", "y", "true", "có", "co", "c", "dự ước", "du uoc"})
NO = frozenset({"", "0", "no", "n", "false", "không", "khong", "k"})
NUMBER_COLUMNS = frozenset({"value", "numerator", "denominator"})
Cells = dict[str, Any]  # column -> None, text, a number (int, float) or a PercentCell


def figure_of_cell(value: Any, measure: Measure) -> FigureValue:
    """A figure from a cell: typed text, a number cell, or a percentage cell."""
    if isinstance(value, str):
        return parse_figure(value, measure)
    if isinstance(value, PercentCell):
        return figure_of_number(value.number, measure, percent=True)
    if isinstance(value, int | float):
        return figure_of_number(value, measure)
    raise InvalidFigure(_("{text!r} is not a number").format(text=cell_text(value)))


class RowChecker:
    """Checks the rows of a sheet one by one and collects every problem."""

    def __init__(self, sheet: Sheet, resolution: Resolution, targets: list[Target], provisional: bool):
        self.sheet = sheet
        self.resolution = resolution
        self.columns = [(c, i) for c, i in sheet.columns.items() if c in FIGURE_COLUMNS]
        self.years = frozenset(resolution.years)
        self.by_code = {t.code.casefold(): t for t in targets}
        self.valid = ", ".join(t.code for t in targets)
        self.provisional = provisional
        self.problems: list[str] = []
        self.seen: dict[tuple[int, int], int] = {}
        self.empty = 0

    def fail(self, line: int, column: str | None, message: str) -> None:
        self.problems.append(f"{self.sheet.where(line, column)}: {message}")

    def cells(self, line: int, row: Sequence[Any]) -> Cells:
        """The row's cells by column (None when empty): figures as read, the rest as text."""
        found: Cells = {}
        width = len(row)
        for column, index in self.columns:
            value = row[index] if index < width else None
            if isinstance(value, Uncomputed):
                message = _(
                    "the cell holds the formula {formula} but no computed value; open the file in Excel "
                    "or LibreOffice, save it and import it again"
                )
                self.fail(line, column, message.format(formula=value.formula[:40]))
                value = None
            elif column not in NUMBER_COLUMNS or value.__class__ is str:
                value = cell_text(value) or None
            found[column] = value
        return found

    def row(self, line: int, row: Sequence[Any]) -> FigureRow | None:
        c = self.cells(line, row)
        if c.get("value") is None and c.get("numerator") is None and c.get("denominator") is None:
            self.empty += 1
            return None
        target, year = self.target(line, c.get("code")), self.year(line, c.get("year"))
        provisional = self.flag(line, c.get("provisional")) or self.provisional
        note, source = self.text(line, "note", c.get("note")), self.text(line, "source", c.get("source"))
        found = self.figure(line, target, year, c) if target and year else None
        if target is None or year is None or found is None or not self.first(line, target, year):
            return None
        return FigureRow(line, target, year, found, note, source, provisional)

    def target(self, line: int, code: str | None) -> Target | None:
        if code is None:
            self.fail(line, "code", _("empty; write the target code, e.g. T01"))
            return None
        found = self.by_code.get(code.casefold())
        if found is None:
            message = _("unknown target code {code!r}; valid codes: {valid}")
            self.fail(line, "code", message.format(code=code[:40], valid=self.valid))
        return found

    def year(self, line: int, text: str | None) -> int | None:
        if text is None or not (text.isascii() and text.isdigit() and len(text) <= 4):
            said = _("empty") if text is None else _("{text!r} is not a year").format(text=text[:40])
            self.fail(line, "year", _("{said}; write the reporting year, e.g. 2023").format(said=said))
            return None
        year = int(text)
        if year not in self.years:
            try:
                check_year(self.resolution, year)  # raises, with the message of `tracker record`
            except TrackerError as exc:
                self.fail(line, "year", str(exc))
                return None
        return year

    def flag(self, line: int, text: str | None) -> bool:
        key = (text or "").casefold()
        if key in YES:
            return True
        if key not in NO:
            said = (text or "")[:40]
            message = _("{text!r} is neither yes nor no (có/không, yes/no, x, 1/0 or empty)")
            self.fail(line, "provisional", message.format(text=said))
        return False

    def text(self, line: int, column: str, text: str | None) -> str | None:
        """A note or source as stored: the quote an export put before "=..." taken off again."""
        if text is None:
            return None
        try:
            return check_text(column, restored(text), multiline=column == "note")
        except InvalidText as exc:
            self.fail(line, column, str(exc).removeprefix(f"{column}: "))
            return None

    def figure(self, line: int, target: Target, year: int, c: Cells) -> FigureValue | None:
        value, numerator, denominator = c.get("value"), c.get("numerator"), c.get("denominator")
        measure = Measure(target.measure)
        if numerator is None and denominator is None:
            return self.attempt(line, "value", target, year, lambda: figure_of_cell(value, measure))
        if numerator is None or denominator is None:
            column = "numerator" if numerator is None else "denominator"
            self.fail(line, column, _("empty; give both counts (38 and 42), or only the value"))
            return None
        if isinstance(numerator, PercentCell) or isinstance(denominator, PercentCell):
            column = "numerator" if isinstance(numerator, PercentCell) else "denominator"
            self.fail(line, column, _("a count is a whole number, not a percentage cell"))
            return None
        counted = self.attempt(
            line, "numerator", target, year, lambda: figure_of_counts(numerator, denominator, measure)
        )
        if counted is None or value is None:
            return counted
        given = self.attempt(line, "value", target, year, lambda: figure_of_cell(value, measure))
        if given is not None and abs(given.value - counted.value) > 0.005:
            message = _(
                "{code} {year}: the value {value} does not match the counts {counts} = {share}; "
                "give one, or make them agree"
            )
            counts = f"{counted.numerator}/{counted.denominator}"
            share = figure(counted.value, measure, current_language())
            values = {
                "code": target.code,
                "year": year,
                "value": cell_text(value),
                "counts": counts,
                "share": share,
            }
            self.fail(line, "value", message.format(**values))
            return None
        return counted

    def attempt(
        self, line: int, column: str, target: Target, year: int, read: Callable[[], FigureValue]
    ) -> FigureValue | None:
        try:
            return read()
        except InvalidFigure as exc:
            self.fail(line, column, f"{target.code} {year}: {exc}")
            return None

    def first(self, line: int, target: Target, year: int) -> bool:
        earlier = self.seen.setdefault((target.id or 0, year), line)
        if earlier != line:
            message = _("{code} {year} is also in row {row}; keep one of the two rows")
            self.fail(line, None, message.format(code=target.code, year=year, row=earlier))
        return earlier == line
