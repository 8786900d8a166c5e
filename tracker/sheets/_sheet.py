"""Spreadsheet files read for `tracker import`: a CSV or XLSX file as rows of named cells.

Row numbers are those a spreadsheet shows: the header is row 1. Column names may be written
in English (code, year, value, ...) or Vietnamese (mã, năm, số liệu, ...), in any case, with
anything in brackets ignored: "value (số liệu 2023)" is the column value.

Files are read as streams, a row at a time as the import asks for them, and within limits
(rows, columns, bytes), so a damaged or hostile file gets one clear refusal instead of filling
the memory, and a file of a million rows takes no more memory than a small one.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tracker.errors import TrackerError
from tracker.i18n import LANGS, N_, NC_, Lang, _, in_lang_ctx

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
)
EXPECTED = N_("expected columns: code, year, value (or numerator and denominator), note, source, provisional")
# The header of each column as the exports and the template write it, in each language; an
# import reads a header in any of them (and the column's own name: code, last_year, ...).
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
}
SYNONYMS = {"mã chỉ tiêu": "code", "giá trị": "value", "văn bản": "source", "năm trước": "last_year"}
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

    def where(self, line: int, column: str | None = None) -> str:
        """The place of a problem, as a spreadsheet shows it: "data.csv: row 5, column C (value)"."""
        if column is None or column not in self.columns:
            return _("{name}: row {row}").format(name=self.name, row=line)
        index = self.columns[column]
        return _("{name}: row {row}, column {column} ({header})").format(
            name=self.name, row=line, column=column_letter(index), header=self.headers[index]
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


def _plain(text: str) -> str:
    plain = unicodedata.normalize("NFC", text).casefold()
    return " ".join(re.sub(r"\(.*?\)|\[.*?\]", " ", plain).replace("_", " ").replace("-", " ").split())


@cache
def _aliases() -> dict[str, str]:
    found = {_plain(header_of(column, lang)): column for column in COLUMN_HEADERS for lang in LANGS}
    return found | SYNONYMS


def normalise_header(text: str) -> str | None:
    """The canonical column a header names: "Số liệu (2023)" -> value; None if unknown."""
    plain = _plain(text)
    key = plain.replace(" ", "_")
    if key in FIGURE_COLUMNS or key in READ_ONLY_COLUMNS or key == UNIT_COLUMN:
        return key
    return _aliases().get(plain)


def map_columns(name: str, headers: list[str]) -> dict[str, int]:
    """Canonical column -> position; every problem of the header reported at once."""
    columns: dict[str, int] = {}
    problems: list[str] = []
    known = [*FIGURE_COLUMNS, UNIT_COLUMN, *READ_ONLY_COLUMNS]
    for index, header in enumerate(headers):
        if not header:
            continue
        place = _("{name}: row 1, column {column}").format(name=name, column=column_letter(index))
        canonical = normalise_header(header)
        if canonical is None:
            close = difflib.get_close_matches(header.casefold(), known, n=1)
            hint = _(" (did you mean {key!r}?)").format(key=close[0]) if close else ""
            message = _("{place}: unknown column {header!r}{hint}")
            problems.append(message.format(place=place, header=header[:40], hint=hint))
        elif canonical in columns:
            also = column_letter(columns[canonical])
            message = _("{place}: column {column!r} appears twice (also column {also})")
            problems.append(message.format(place=place, column=canonical, also=also))
        else:
            columns[canonical] = index
    problems += _missing_columns(name, columns)
    if problems:
        raise TrackerError("\n".join([*problems, f"{name}: {_(EXPECTED)}"]))
    return columns


def _missing_columns(name: str, columns: dict[str, int]) -> list[str]:
    missing = [c for c in ("code", "year") if c not in columns]
    counts = [c for c in ("numerator", "denominator") if c in columns]
    if len(counts) == 1:
        other = "denominator" if counts[0] == "numerator" else "numerator"
        missing.append(other)
    elif "value" not in columns and not counts:
        missing.append("value")
    return [
        _("{name}: row 1: missing column {column!r}").format(name=name, column=column) for column in missing
    ]
