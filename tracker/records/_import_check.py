"""Checking the rows of an imported file, one by one, by the rules of `tracker record`: every
problem is collected with its row and column (fava's way), and none is raised alone.

Figures go through the one parser of tracker/evaluate/_values.py: a typed text by its forms,
a spreadsheet's number cell as the number it is, a percentage cell as a percentage.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from enum import Enum
from operator import itemgetter
from typing import Any

from tracker.base import UnitCodes, check_unit_year, check_year
from tracker.errors import TrackerError
from tracker.evaluate import (
    Figure,
    InvalidFigure,
    InvalidText,
    Measure,
    check_text,
    figure,
    figure_of_counts,
    figure_of_number,
    parse_figure,
)
from tracker.i18n import _, current_language
from tracker.records._problems import Problems
from tracker.records._record import bare_share, figure_refusal, subject
from tracker.records._revisions import FigureRow
from tracker.sheets import (
    FIGURE_COLUMNS,
    UNIT_COLUMN,
    PercentCell,
    Sheet,
    Uncomputed,
    cell_text,
    cell_year,
    restored,
)
from tracker.store import Resolution, Target, Unit

YES = frozenset({"1", "x", "yes", "y", "true", "có", "co", "c", "dự ước", "du uoc"})
NO = frozenset({"", "0", "no", "n", "false", "không", "khong", "k"})
NUMBER_COLUMN_ORDER = ("value", "numerator", "denominator")
NUMBER_COLUMNS = frozenset(NUMBER_COLUMN_ORDER)
MAX_LISTED_UNITS = 20  # known units named when a workbook's unit is not one of them
FILE_STAMP = 1 << 32  # a row's place in `seen`: the file's number times this, plus the row
Cells = dict[str, Any]  # column -> None, text, a number (int, float) or a PercentCell


def figure_of_cell(value: Any, measure: Measure) -> Figure:
    """A figure from a cell: typed text, a number cell, or a percentage cell."""
    if isinstance(value, str):
        return parse_figure(value, measure)
    if isinstance(value, PercentCell):
        return figure_of_number(value.number, measure, percent=True)
    if isinstance(value, int | float):
        return figure_of_number(value, measure)
    raise InvalidFigure(_("{text!r} is not a number").format(text=cell_text(value)))


class RowChecker:
    """Checks the rows of one sheet or several (`next_sheet`) one by one and collects every
    problem; a figure given twice is found across all of them.

    A row whose cells are as a clean file writes them (a known code, a reporting year, a plain
    figure, a note seen before, no unit) is read by look-ups in tables that the full rules filled
    (`row`); any other row, and every row with a problem, by the full rules (`full`), which say
    what is wrong. The two agree on every row that passes (tests/services/test_import_check.py), and the
    look-ups are several times faster."""

    def __init__(
        self,
        sheet: Sheet | None,
        resolution: Resolution,
        targets: list[Target],
        provisional: bool,
        units: Sequence[Unit] = (),
    ):
        self.resolution = resolution
        self.years = frozenset(resolution.years)
        self.by_code = {t.code.casefold(): t for t in targets}
        self.valid = ", ".join(t.code for t in targets)
        self.provisional = provisional
        self.units = list(units)
        self.unit_codes = UnitCodes(self.units)  # a dictionary, looked up once a row
        self.problems = Problems()
        self.empty = 0
        # (target, year) -> where it was first seen (0: not yet): the file's number * FILE_STAMP +
        # its row, one slot per figure the resolution can hold: a million rows take no more than
        # the slots of the resolution
        self.slot = {t.id: n * len(self.years) for n, t in enumerate(targets)}
        self.seen = array("q", bytes(8 * len(targets) * len(self.years)))
        # units' figures alike, (target, unit, year): for each target that has any, an array of a
        # slot per unit and year, made at its first unit's row (1,000 units over 5 years: 40 kB)
        self.unit_slot = {u.id: n * len(self.years) for n, u in enumerate(self.units)}
        self.unit_seen: dict[int, array[int]] = {}
        self.names: list[str] = []  # the sheets checked, in order
        self._tables(targets)
        if sheet is not None:
            self.next_sheet(sheet)

    def next_sheet(self, sheet: Sheet) -> bool:
        """Check the rows of `sheet` from now on; False (the problem told) when the whole sheet
        is refused: a unit's workbook of a unit that is not in the config."""
        self.sheet, self.stamp = sheet, len(self.names) * FILE_STAMP
        self.names.append(sheet.name)
        self.columns = [(c, i) for c, i in sheet.columns.items() if c in FIGURE_COLUMNS or c == UNIT_COLUMN]
        self.unit_at = sheet.columns.get(UNIT_COLUMN)  # None: the file has no unit column
        at = dict(self.columns)
        self.width = max(at.values()) + 1  # cells a row needs for the look-ups
        where = [at.get(column, -1) for column in QUICK_COLUMNS]  # -1: a None added after the cells
        self.pick, self.pad = itemgetter(*where), -1 in where
        self.sheet_unit: Unit | None = None
        if sheet.unit is None:
            return True
        try:
            self.sheet_unit = self.unit_codes.pick(sheet.unit)
        except TrackerError:
            message = _(
                "the workbook belongs to unit {unit}, which is not in the config; known units: {known}"
            )
            known = [u.code for u in self.units[:MAX_LISTED_UNITS]]
            listed = ", ".join(known) + (", ..." if len(self.units) > len(known) else "") or "-"
            self.problems.add(f"{sheet.name}: " + message.format(unit=sheet.unit, known=listed))
            return False
        return True

    def _tables(self, targets: list[Target]) -> None:
        """What the full rules make of the texts a clean file holds, by the text as written."""
        first = self.resolution.first_year
        known = _known(
            [
                text
                for t in targets
                if not t.figures_from  # refused by the full rules, which say why
                for text in (t.code, t.code.upper(), t.code.lower())
            ],
            lambda text: self.by_code.get(text.casefold()),
        )  # a code as written -> its target, id, measure, and its slots in `seen` less the first year
        self.codes = {
            text: (t, t.id, Measure(t.measure), self.slot[t.id] - first) for text, t in known.items()
        }
        self.year_of: dict[Any, int] = {str(year): year for year in self.years}
        self.year_of |= {year: year for year in self.years}  # number cells too: 2023, 2023.0
        flags = {text: text in YES for text in YES | NO}
        self.flag_of = {None: False, True: True, False: False}  # bool and number cells: 1, 0
        self.flag_of |= _known(list(YES | NO), lambda text: flags.get(text.casefold()))
        self.notes, self.sources = _Texts("note"), _Texts("source")

    def fail(self, line: int, column: str | None, message: str) -> None:
        self.problems.add(f"{self.sheet.where(line, column)}: {message}")

    def row(self, line: int, row: Sequence[Any]) -> FigureRow | None:
        """The row's figure, ready to store; None when the row has none, or has problems."""
        if self.sheet_unit is not None or (self.unit_at is not None and self.names_a_unit(row)):
            return self.full(line, row)  # a unit's figure: by the full rules
        if len(row) < self.width:
            return self.full(line, row)
        code, year, value, numerator, denominator, note, source, flag = self.pick(
            (*row, None) if self.pad else row
        )
        try:
            known, year, provisional = self.codes.get(code), self.year_of.get(year), self.flag_of[flag]
            note, source = self.notes[note], self.sources[source]
        except (KeyError, TypeError):  # a cell of a kind not looked up
            return self.full(line, row)
        if known is None or year is None or note is MISS or source is MISS:
            return self.full(line, row)
        target, target_id, measure, slot = known
        slot += year
        found = None if self.seen[slot] else _figure(measure, value, numerator, denominator)
        if found is None:  # a row without a figure, an earlier row of it, or a refusal to tell
            return self.full(line, row)
        self.seen[slot] = self.stamp + line
        if provisional or self.provisional:
            found = found._replace(provisional=True)
        return FigureRow(line, target, target_id, year, found, note, source)

    def names_a_unit(self, row: Sequence[Any]) -> bool:
        assert self.unit_at is not None
        cell = row[self.unit_at] if self.unit_at < len(row) else None
        return cell is not None and (cell.__class__ is not str or bool(cell.strip()))

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

    def full(self, line: int, row: Sequence[Any]) -> FigureRow | None:
        c = self.cells(line, row)
        if c.get("value") is None and c.get("numerator") is None and c.get("denominator") is None:
            self.empty += 1
            return None
        target, year = self.target(line, c.get("code")), self.year(line, c.get("year"))
        known, unit = self.unit(line, c.get(UNIT_COLUMN), year)
        provisional = self.flag(line, c.get("provisional")) or self.provisional
        note, source = self.text(line, "note", c.get("note")), self.text(line, "source", c.get("source"))
        if target is not None and unit is not None and (refusal := figure_refusal(target, of_unit=True)):
            self.fail(line, *refusal)
            return None
        found = self.figure(line, target, year, c, unit) if target and year and known else None
        if target is None or year is None or found is None or not known:
            return None
        if not self.first(line, target, year, unit):
            return None
        unit_id = None if unit is None else unit.id
        found = found._replace(provisional=True) if provisional else found
        return FigureRow(line, target, target.id, year, found, note, source, None, unit_id)

    def unit(self, line: int, code: str | None, year: int | None) -> tuple[bool, Unit | None]:
        """Whether the row's unit is one it may name, and the unit whose figure the row is (None:
        the committee's own; in a unit's workbook, an empty cell is that unit)."""
        own = self.sheet_unit
        if code is None and own is None:
            return True, None
        if own is not None and code is not None and code.casefold() != own.code.casefold():
            message = _(
                "unit {unit} in the workbook of unit {own} ({name}): a file of another unit; "
                "send each unit's figures in its own workbook"
            )
            self.fail(line, UNIT_COLUMN, message.format(unit=code[:32], own=own.code, name=own.name))
            return False, None
        try:
            unit = own or self.unit_codes.pick((code or "")[:32])
            if year is not None:
                check_unit_year(unit, year)
        except TrackerError as exc:
            self.fail(line, UNIT_COLUMN if code is not None else "year", str(exc))
            return False, None
        return True, unit

    def target(self, line: int, code: str | None) -> Target | None:
        if code is None:
            self.fail(line, "code", _("empty; write the target code, e.g. T01"))
            return None
        found = self.by_code.get(code.casefold())
        if found is None:
            message = _("unknown target code {code!r}; valid codes: {valid}")
            self.fail(line, "code", message.format(code=code[:40], valid=self.valid))
        elif refusal := figure_refusal(found, of_unit=False):
            self.fail(line, *refusal)
            return None
        return found

    def year(self, line: int, text: str | None) -> int | None:
        try:
            year = cell_year(text)
        except TrackerError as exc:
            self.fail(line, "year", str(exc))
            return None
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
        try:
            return stored_text(column, text)
        except InvalidText as exc:
            self.fail(line, column, str(exc).removeprefix(f"{column}: "))
            return None

    def figure(self, line: int, target: Target, year: int, c: Cells, unit: Unit | None) -> Figure | None:
        value, numerator, denominator = c.get("value"), c.get("numerator"), c.get("denominator")
        measure = Measure(target.measure)
        if numerator is None and denominator is None:
            found = self.attempt(line, "value", target, year, lambda: figure_of_cell(value, measure))
            if (
                found is not None
                and unit is not None
                and measure == Measure.SHARE
                and found.denominator is None
            ):
                self.fail(line, "value", bare_share(subject(target, unit), year, cell_text(value)))
                return None
            return found
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
        self, line: int, column: str, target: Target, year: int, read: Callable[[], Figure]
    ) -> Figure | None:
        try:
            return read()
        except InvalidFigure as exc:
            self.fail(line, column, f"{target.code} {year}: {exc}")
            return None

    def first(self, line: int, target: Target, year: int, unit: Unit | None) -> bool:
        """Whether the row's figure is the first of its (target, unit, year) in the import;
        else the problem, naming where it was first."""
        here = self.stamp + line
        if unit is None:
            seen, slot = self.seen, self.slot[target.id]
        else:
            seen, slot = self.units_seen(target), self.unit_slot[unit.id]
        slot += year - self.resolution.first_year
        earlier = seen[slot] or here
        seen[slot] = earlier
        if earlier == here:
            return True
        name, row = self.names[earlier // FILE_STAMP], earlier % FILE_STAMP
        code = subject(target, unit)
        if earlier // FILE_STAMP == self.stamp // FILE_STAMP:
            message = _("{code} {year} is also in row {row}; keep one of the two rows")
        else:
            message = _("{code} {year} is also in {name}, row {row}; keep one of the two rows")
        self.fail(line, None, message.format(code=code, year=year, row=row, name=name))
        return False

    def units_seen(self, target: Target) -> array[int]:
        """The slots of the target's units' figures, made at its first unit's row."""
        seen = self.unit_seen.get(target.id)
        if seen is None:
            seen = self.unit_seen[target.id] = array("q", bytes(8 * len(self.units) * len(self.years)))
        return seen


class Miss(Enum):
    """A text not yet seen: the full rules read the row."""

    MISS = "miss"


MISS = Miss.MISS
QUICK_COLUMNS = ("code", "year", "value", "numerator", "denominator", "note", "source", "provisional")
TEXT_MEMO = 10_000  # notes and sources remembered as checked (files repeat them row after row)
BLANK = (None, "")  # an empty cell, as a spreadsheet's reader or the csv module gives it


def stored_text(column: str, text: str | None) -> str | None:
    """A note or source as stored: the quote an export put before "=..." taken off again."""
    return None if text is None else check_text(column, restored(text), multiline=column == "note")


class _Texts(dict[Any, "str | Miss | None"]):
    """Notes (or sources) as written -> as stored, learnt as the rows come (files repeat them);
    MISS for another kind of cell, or a text that cannot be stored, which RowChecker.text tells."""

    def __init__(self, column: str):
        super().__init__({None: None})
        self.column = column

    def __missing__(self, cell: Any) -> str | Miss | None:
        if cell.__class__ is not str:
            return MISS
        try:
            found = stored_text(self.column, cell_text(cell) or None)
        except InvalidText:
            return MISS
        if len(self) >= TEXT_MEMO:
            self.clear()
            self[None] = None
        self[cell] = found
        return found


def _figure(measure: Measure, value: Any, numerator: Any, denominator: Any) -> Figure | None:
    """A row's figure read by the one parser, as `RowChecker.figure` reads it; None when the
    row has none, for a cell of another kind, and for a refusal, which RowChecker.figure tells."""
    try:
        if numerator in BLANK and denominator in BLANK:
            if value.__class__ is str and value:
                return parse_figure(value, measure)
            return figure_of_cell(value, measure) if isinstance(value, int | float | PercentCell) else None
        if not isinstance(numerator, str | int) or not isinstance(denominator, str | int):
            return None
        counted = figure_of_counts(numerator, denominator, measure)
        if value in BLANK:
            return counted
        if not isinstance(value, str | int | float | PercentCell):
            return None
        return counted if abs(figure_of_cell(value, measure).value - counted.value) <= 0.005 else None
    except InvalidFigure:
        return None


def _known(texts: list[str], meaning: Callable[[str], Any]) -> dict[Any, Any]:
    """Texts as a cell may hold them -> what the full rules make of them (after cell_text)."""
    found = ((text, meaning(cell_text(text))) for text in texts)
    return {text: means for text, means in found if means is not None}
