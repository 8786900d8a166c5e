"""Spreadsheet files: reading a CSV or XLSX file into rows of named cells, and writing the
workbook the units fill in (`tracker template`).

Row numbers are those a spreadsheet shows: the header is row 1. Column names may be written
in English (code, year, value, ...) or Vietnamese (mã, năm, số liệu, ...), in any case, with
anything in brackets ignored: "value (số liệu 2023)" is the column value.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from tracker.errors import TrackerError

FIGURE_COLUMNS = ("code", "year", "value", "numerator", "denominator", "note", "source", "provisional")
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
EXPECTED = "expected columns: code, year, value (or numerator and denominator), note, source, provisional"
ALIASES = {
    "mã": "code",
    "mã chỉ tiêu": "code",
    "năm": "year",
    "số liệu": "value",
    "giá trị": "value",
    "tử số": "numerator",
    "mẫu số": "denominator",
    "ghi chú": "note",
    "nguồn": "source",
    "văn bản": "source",
    "dự ước": "provisional",
    "chỉ tiêu": "title",
    "yêu cầu": "rule",
    "ngưỡng": "threshold",
    "năm trước": "last_year",
}
_MERGED = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
SHOW_PROGRESS_EVERY = 1000


class Progress(Protocol):
    """Where a long import reports how far it got (a progress bar, or nothing)."""

    def begin(self, label: str, total: int | None) -> None: ...

    def advance(self, count: int) -> None: ...


class NoProgress:
    def begin(self, label: str, total: int | None) -> None:
        pass

    def advance(self, count: int) -> None:
        pass


@dataclass(frozen=True)
class Uncomputed:
    """A formula cell whose result was never saved (the file was not opened in a spreadsheet)."""

    formula: str


@dataclass
class Sheet:
    """The rows of a file under its header: cells by position, columns by canonical name."""

    name: str
    headers: list[str]
    columns: dict[str, int]
    rows: list[tuple[int, Sequence[Any]]] = field(default_factory=list)

    def cell(self, cells: Sequence[Any], column: str) -> Any:
        index = self.columns.get(column)
        return cells[index] if index is not None and index < len(cells) else None

    def where(self, line: int, column: str | None = None) -> str:
        """The place of a problem, as a spreadsheet shows it: "data.csv: row 5, column C (value)"."""
        if column is None or column not in self.columns:
            return f"{self.name}: row {line}"
        index = self.columns[column]
        return f"{self.name}: row {line}, column {column_letter(index)} ({self.headers[index]})"


def cell_text(value: Any) -> str:
    """A cell as text: 2023.0 -> "2023", 90.5 -> "90.5", text trimmed (and in NFC)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).strip()
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_sheet(path: Path, progress: Progress | None = None) -> Sheet:
    """Read a .csv or .xlsx file: its header (row 1) mapped to known columns, and its rows."""
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise TrackerError(f"{path.name}: the old Excel format .xls is not read; save the file as .xlsx")
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise TrackerError(f"{path.name}: unknown file type {suffix or '(none)'!r}; accepted: .csv, .xlsx")
    if not path.is_file():
        raise TrackerError(f"no file {path}")
    chosen = progress or NoProgress()
    records = _csv_records(path) if suffix == ".csv" else _xlsx_records(path, chosen)
    while records and _blank(records[-1]):
        records.pop()
    if not records:
        raise TrackerError(f"{path.name} is empty; row 1 must be the header ({EXPECTED})")
    headers = ["" if h is None else str(h).strip() for h in records[0]]
    sheet = Sheet(path.name, headers, map_columns(path.name, headers))
    sheet.rows = [(line, cells) for line, cells in enumerate(records[1:], start=2) if not _blank(cells)]
    if not sheet.rows:
        raise TrackerError(f"{path.name} has a header but no rows of figures below it")
    return sheet


def _blank(cells: Sequence[Any]) -> bool:
    return not any(cell is not None and (cell.__class__ is not str or cell.strip()) for cell in cells)


def _csv_records(path: Path) -> list[Sequence[Any]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TrackerError(
            f"{path.name}: row {line}: the file is not UTF-8 text; "
            "save it as 'CSV UTF-8 (Comma delimited)' or as .xlsx"
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise TrackerError(f"{path.name}: not a readable CSV file ({exc})") from None


def _xlsx_records(path: Path, progress: Progress) -> list[Sequence[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise TrackerError(f"{path.name}: not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        sheet = book.worksheets[0]
        part = str(sheet._worksheet_path).lstrip("/")  # the sheet's XML inside the zip file
        records = _values(sheet, progress, f"reading {path.name}")
    finally:
        book.close()
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(part)
    _spread_merged_cells(records, xml)
    if _FORMULA.search(xml):
        _mark_uncomputed_formulas(path, records)
    return records


def _values(sheet: Any, progress: Progress, label: str) -> list[Sequence[Any]]:
    progress.begin(label, sheet.max_row)
    sheet.reset_dimensions()  # a wrong <dimension> in the file must not cut rows off
    records: list[Sequence[Any]] = []
    for count, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        records.append(row)
        if count % SHOW_PROGRESS_EVERY == 0:
            progress.advance(SHOW_PROGRESS_EVERY)
    return records


def _spread_merged_cells(records: list[Sequence[Any]], xml: bytes) -> None:
    """A cell merged down several rows (a year written once for a block) counts for each row."""
    from openpyxl.utils import range_boundaries

    for found in _MERGED.finditer(xml):
        first_col, first_row, _last_col, last_row = range_boundaries(found[1].decode())
        if first_row > len(records):
            continue
        value = _at(records, first_row, first_col - 1)
        for line in range(first_row + 1, min(last_row, len(records)) + 1):
            row = list(records[line - 1])
            row.extend([None] * (first_col - len(row)))
            row[first_col - 1] = value
            records[line - 1] = row


def _at(records: list[Sequence[Any]], line: int, index: int) -> Any:
    row = records[line - 1]
    return row[index] if index < len(row) else None


def _mark_uncomputed_formulas(path: Path, records: list[Sequence[Any]]) -> None:
    """Formulas count by their computed value; one without a saved value is marked Uncomputed."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=False)
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        for line, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            for index, value in enumerate(row):
                text = str(getattr(value, "text", value))
                if line <= len(records) and text.startswith("=") and _at(records, line, index) is None:
                    cells = list(records[line - 1])
                    cells.extend([None] * (index + 1 - len(cells)))
                    cells[index] = Uncomputed(text)
                    records[line - 1] = cells
    finally:
        book.close()


def normalise_header(text: str) -> str | None:
    """The canonical column a header names: "Value (số liệu 2023)" -> value; None if unknown."""
    plain = unicodedata.normalize("NFC", text).casefold()
    plain = " ".join(re.sub(r"\(.*?\)|\[.*?\]", " ", plain).replace("_", " ").replace("-", " ").split())
    key = plain.replace(" ", "_")
    if key in FIGURE_COLUMNS or key in READ_ONLY_COLUMNS:
        return key
    return ALIASES.get(plain)


def map_columns(name: str, headers: list[str]) -> dict[str, int]:
    """Canonical column -> position; every problem of the header reported at once."""
    columns: dict[str, int] = {}
    problems: list[str] = []
    known = [*FIGURE_COLUMNS, *READ_ONLY_COLUMNS]
    for index, header in enumerate(headers):
        if not header:
            continue
        place = f"{name}: row 1, column {column_letter(index)}"
        canonical = normalise_header(header)
        if canonical is None:
            close = difflib.get_close_matches(header.casefold(), known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(f"{place}: unknown column {header!r}{hint}")
        elif canonical in columns:
            also = column_letter(columns[canonical])
            problems.append(f"{place}: column {canonical!r} appears twice (also column {also})")
        else:
            columns[canonical] = index
    problems += _missing_columns(name, columns)
    if problems:
        raise TrackerError("\n".join([*problems, f"{name}: {EXPECTED}"]))
    return columns


def _missing_columns(name: str, columns: dict[str, int]) -> list[str]:
    missing = [c for c in ("code", "year") if c not in columns]
    counts = [c for c in ("numerator", "denominator") if c in columns]
    if len(counts) == 1:
        other = "denominator" if counts[0] == "numerator" else "numerator"
        missing.append(other)
    elif "value" not in columns and not counts:
        missing.append("value")
    return [f"{name}: row 1: missing column {column!r}" for column in missing]
