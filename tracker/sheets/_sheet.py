"""Spreadsheet files as rows of named cells: the model every reader of a file shares (tracker
import, rate --from, quota --from, the config's units_file).

Row numbers are those a spreadsheet shows: the header is row 1, and a problem is placed by
`Sheet.where` at its file, row and column. Column names are read in one dialect for every
file (tracker/sheets/_columns.py); years in one way (`cell_year`).

Files are read as streams, a row at a time as a reader asks for them, and within limits (rows,
columns, characters in a cell, bytes unzipped), so a damaged or hostile file gets one clear
refusal instead of filling the memory, and a file of a million rows takes no more memory than
a small one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from typing import Any

from tracker.errors import TrackerError
from tracker.evaluate import printable, shown_path
from tracker.i18n import N_, NC_, Lang, _, in_lang_ctx

FIGURE_COLUMNS = ("code", "year", "value", "numerator", "denominator", "note", "source", "provisional")
# The unit whose figure a row is (empty: the committee's own, or in a unit's workbook that unit's).
UNIT_COLUMN = "unit"
# The defined name (and document property) of a unit's workbook that holds the unit's code.
UNIT_MARK = "TRACKER_UNIT"
# Columns the template and the exports add for people to read; an import ignores them.
READ_ONLY_COLUMNS = (
    "title",
    "rule",
    "threshold",
    "last_year",
    "revision",
    "recorded_by",
    "recorded_at",
    "reason",
    "submitted_by",
)
EXPECTED = N_("expected columns: code, year, value (or numerator and denominator), note, source, provisional")
# The header of each column in each language, as the exports and the template write it; a
# reader reads a header in any of them (and the column's own name: code, last_year, ...).
COLUMN_HEADERS: dict[str, tuple[str, str]] = {
    "code": NC_("column", "code"),
    "unit": NC_("column", "unit"),
    "year": NC_("column", "year"),
    "value": NC_("column", "value"),
    "numerator": NC_("column", "numerator"),
    "denominator": NC_("column", "denominator"),
    "provisional": NC_("column", "provisional"),
    "note": NC_("column", "note"),
    "source": NC_("column", "source"),
    "title": NC_("column", "title"),
    "rule": NC_("column", "rule"),
    "threshold": NC_("column", "threshold"),
    "last_year": NC_("column", "last year"),
    "revision": NC_("column", "revision"),
    "recorded_by": NC_("column", "recorded by"),
    "recorded_at": NC_("column", "recorded at"),
    "reason": NC_("column", "reason"),
    "submitted_by": NC_("column", "submitted by"),
    # a file of ratings (tracker rate --from)
    "level": NC_("column", "level"),
    "of": NC_("column", "of"),
    # a file of quotas (tracker quota --from)
    "target": NC_("column", "target"),
    "quota": NC_("column", "quota"),
    # the config's units_file
    "name": NC_("column", "name"),
    "kind": NC_("column", "kind"),
    "agency": NC_("column", "agency"),
    "from_year": NC_("column", "from year"),
    "to_year": NC_("column", "to year"),
}
MAX_ROWS = 1_048_575  # rows of figures in one file: those of an Excel sheet below its header
MAX_COLUMNS = 64
MAX_CELL = 10_000  # characters in one cell
# A spreadsheet opens a cell starting with one of these as a formula; exports put a quote
# before it (OWASP's rule against CSV injection) and imports take that quote away again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Uncomputed:
    """A formula cell whose result was never saved (the file was not opened in a spreadsheet)."""

    formula: str


@dataclass(frozen=True)
class PercentCell:
    """A number cell formatted as a percentage: it holds 0.905 where it shows 90.5%."""

    number: float


Row = tuple[int, Sequence[Any]]  # a row's number as a spreadsheet shows it, and its cells
Rows = Generator[Row, None, None]


def _no_rows() -> Rows:
    yield from ()


@dataclass
class Sheet:
    """The rows of a file under its header: cells by position, columns by canonical name.

    `rows` are read as they are asked for, once (close the sheet, or use it in a `with`, to
    close the file early); `size` is about how many there are, for a progress bar."""

    name: str
    headers: list[str]
    columns: dict[str, int]
    rows: Rows = field(default_factory=_no_rows)
    size: int | None = None
    unit: str | None = None  # the unit a unit's workbook belongs to (`tracker template --units`)

    def __enter__(self) -> Sheet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.rows.close()

    def cell(self, cells: Sequence[Any], column: str) -> Any:
        """A row's cell of a column, None where the file has no such column or the row stops short."""
        index = self.columns.get(column)
        return None if index is None or index >= len(cells) else cells[index]

    def where(self, line: int, column: str | None = None) -> str:
        """The place of a problem, as a spreadsheet shows it: "data.csv: row 5, column C (value)";
        every reader of a file places its problems here."""
        if column is None or column not in self.columns:
            return _("{name}: row {row}").format(name=shown_path(self.name), row=line)
        index = self.columns[column]
        header = printable(self.headers[index], multiline=False)
        return _("{name}: row {row}, column {column} ({header})").format(
            name=shown_path(self.name), row=line, column=column_letter(index), header=header
        )


def cell_text(value: Any) -> str:
    """A cell as text: 2023.0 -> "2023", 90.5 -> "90.5", text trimmed (and in NFC)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, PercentCell):
        return f"{value.number * 100!r}%"
    text = str(value).strip()
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def neutralised(text: str) -> str:
    """Text for a spreadsheet cell that no spreadsheet runs as a formula: "'=HYPERLINK(...)"."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restored(text: str) -> str:
    """The text an export neutralised, as it was: "'=1+1" -> "=1+1"."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


HeaderCheck = Callable[[Sequence[Any], int | None], None]  # the header, and about how many rows


def blank(cells: Sequence[Any]) -> bool:
    return not any(cell is not None and (cell.__class__ is not str or cell.strip()) for cell in cells)


def too_many_rows(name: str, limit: int) -> TrackerError:
    message = _("{name}: more than {limit} rows of figures; split the file (nothing was imported)")
    return TrackerError(message.format(name=name, limit=limit))


def header_of(column: str, lang: Lang) -> str:
    """A column's header in a language: "số liệu" / "value"."""
    context, text = COLUMN_HEADERS[column]
    return in_lang_ctx(lang, context, text)


def cell_year(value: Any) -> int:
    """The year a cell holds: the number 2023 (or 2023.0) or the text "2023", written with the
    digits 0-9 only (no full-width or Arabic-Indic digits, no sign, no exponent); else
    TrackerError saying why not. Every reader of a file reads its years here."""
    text = cell_text(value)
    if not text:
        raise TrackerError(_("empty; write the year, e.g. 2023"))
    if not (text.isascii() and text.isdigit() and len(text) <= 4):
        message = _("{text!r} is not a year; write it with the digits 0-9, e.g. 2023")
        raise TrackerError(message.format(text=printable(text[:40], multiline=False)))
    return int(text)
