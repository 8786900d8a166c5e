"""Excel workbooks: reading the first sheet of an .xlsx file for `tracker import`, and saving the
workbooks `tracker export` and `tracker template` write.

Reading stays within limits checked before anything is inflated (the sizes a zip file declares
are enforced by Python's zipfile as it reads), so a small file that would inflate to gigabytes
is refused at once. A cell formatted as a percentage is read as one (0.905 shown as 90.5%);
a value merged down several rows counts for each row; a formula without a saved result is
marked. Text is always written as text cells, never as formulas.
"""

from __future__ import annotations

import re
import zipfile
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from tracker.errors import TrackerError
from tracker.i18n import _
from tracker.services.progress import Progress
from tracker.services.workbook import (
    MAX_COLUMNS,
    MAX_ROWS,
    HeaderCheck,
    PercentCell,
    Uncomputed,
    blank,
    too_many_rows,
)

MAX_INFLATED = 256 * 1024 * 1024  # bytes of all the parts of a workbook, once unzipped
MAX_PARTS = 10_000
MAX_MERGED = 10_000
EXCEL_ROWS = 1_048_576
REPORT_EVERY = 1000
_MERGED = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_NOT_SCALING = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # quoted text, escaped characters, [colours]
Rows = list[tuple[int, Sequence[Any]]]


def unreadable(name: str, why: str) -> TrackerError:
    message = _(
        "{name}: not a readable .xlsx workbook ({why}); open it in Excel or LibreOffice and save it again"
    )
    return TrackerError(message.format(name=name, why=why))


def check_archive(path: Path) -> None:
    """Refuse a file that is not a zip archive, or would inflate past the limits."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise unreadable(path.name, _("not a zip archive")) from exc  # the detail shows under --debug
    inflated = sum(part.file_size for part in parts)
    if len(parts) > MAX_PARTS or inflated > MAX_INFLATED:
        message = _(
            "{name}: the workbook would inflate to {size} MB in {parts} parts; at most {limit} MB are read "
            "(save the figures alone in a new workbook)"
        )
        raise TrackerError(
            message.format(
                name=path.name, size=inflated // 2**20, parts=len(parts), limit=MAX_INFLATED // 2**20
            )
        )


def read_records(path: Path, progress: Progress, header_read: HeaderCheck) -> Rows:
    """The non-blank rows of the first sheet below its header, numbered as Excel numbers them;
    the header goes to `header_read` as soon as it is read."""
    from openpyxl import load_workbook

    check_archive(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise unreadable(path.name, _("its parts are not those of a workbook")) from exc
    try:
        if not book.worksheets:
            message = _("{name}: the workbook has no sheet; put the figures in its first sheet")
            raise TrackerError(message.format(name=path.name))
        sheet = book.worksheets[0]
        part = str(sheet._worksheet_path).lstrip("/")  # the sheet's XML inside the zip file
        header, rows = _rows(path.name, sheet, _percent_styles(book), progress, header_read)
        with zipfile.ZipFile(path) as archive:
            xml = archive.read(part)
        _spread_merged_cells(path.name, header, rows, xml)
        if _FORMULA.search(xml):
            _mark_uncomputed_formulas(path, rows, len(header or ()))
    except TrackerError:
        raise
    except Exception as exc:  # a part missing or damaged inside the archive
        raise unreadable(path.name, _("a part inside it is missing or damaged")) from exc
    finally:
        book.close()
    return rows


def is_percent_format(number_format: str) -> bool:
    """Whether a number format scales by 100 and shows %: "0.0%" yes, '0.0"%"' (a literal) no."""
    return "%" in _NOT_SCALING.sub("", number_format)


def _percent_styles(book: Any) -> bool:
    """Whether any cell style of the workbook shows numbers as percentages."""
    formats: list[str] = list(getattr(book, "_number_formats", []))
    return any(is_percent_format(f) for f in formats) or any(
        getattr(style, "numFmtId", 0) in (9, 10) for style in getattr(book, "_cell_styles", [])
    )


def _rows(
    name: str, sheet: Any, percent: bool, progress: Progress, header_read: HeaderCheck
) -> tuple[Sequence[Any] | None, Rows]:
    sheet.reset_dimensions()  # a wrong <dimension> in the file must not cut rows off
    header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), None)
    if header is None or blank(header):
        return None, []
    header = _trimmed(header)
    if len(header) > MAX_COLUMNS:
        message = _("{name}: row 1 has {count} columns; at most {limit} are read")
        raise TrackerError(message.format(name=name, count=len(header), limit=MAX_COLUMNS))
    header_read(header)
    progress.begin(_("reading {name}").format(name=name), None)
    rows: Rows = []
    for number, cells in _cells(sheet, len(header) or 1, percent):
        if blank(cells):
            continue
        if len(rows) == MAX_ROWS:
            raise too_many_rows(name, MAX_ROWS)
        rows.append((number, cells))
        if len(rows) % REPORT_EVERY == 0:
            progress.advance(REPORT_EVERY)
    return header, rows


def _trimmed(cells: Sequence[Any]) -> Sequence[Any]:
    end = len(cells)
    while end and (cells[end - 1] is None or str(cells[end - 1]).strip() == ""):
        end -= 1
    return cells[:end]


def _cells(sheet: Any, width: int, percent: bool) -> Iterator[tuple[int, Sequence[Any]]]:
    """Rows 2 and below, `width` cells each; with percentage styles in the workbook, the cells
    they format become PercentCell (their number format is read only then: it costs time)."""
    rows = sheet.iter_rows(min_row=2, max_col=width, values_only=not percent)
    for number, row in enumerate(rows, start=2):
        if number > EXCEL_ROWS:
            return
        yield number, (tuple(_value(cell) for cell in row) if percent else row)


def _value(cell: Any) -> Any:
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool) and _percent(cell.number_format):
        return PercentCell(float(value))
    return value


@cache
def _percent(number_format: str) -> bool:
    return is_percent_format(number_format)


def _spread_merged_cells(name: str, header: Sequence[Any] | None, rows: Rows, xml: bytes) -> None:
    """A cell merged down several rows (a year written once for a block) counts for each row."""
    from openpyxl.utils import range_boundaries

    merged = _MERGED.findall(xml)
    if not merged or not rows:
        return
    if len(merged) > MAX_MERGED:
        message = _("{name}: {count} merged cell ranges; at most {limit} are read")
        raise TrackerError(message.format(name=name, count=len(merged), limit=MAX_MERGED))
    width = len(header or ())
    numbers = [number for number, _cells in rows]  # ascending
    spans = []
    for found in merged:
        column, first_row, _last_column, last_row = range_boundaries(found.decode())
        if column <= width:  # the rows below the first that have cells: indexes into rows
            below = range(bisect_right(numbers, first_row), bisect_right(numbers, last_row))
            spans.append((column - 1, first_row, below))
    # The ranges of a sheet never overlap, so spreading them touches each cell once at most: more
    # than that means a damaged or hostile file, refused before any of the work is done.
    if sum(len(below) for _column, _first, below in spans) > len(rows) * width:
        message = _("{name}: its merged cell ranges overlap; unmerge them and save the file again")
        raise TrackerError(message.format(name=name))
    for column, first_row, below in spans:
        at = bisect_left(numbers, first_row)
        value = rows[at][1][column] if at < len(rows) and numbers[at] == first_row else None
        for index in below:
            number, cells = rows[index]
            changed = list(cells)
            changed[column] = value
            rows[index] = (number, changed)


def _mark_uncomputed_formulas(path: Path, rows: Rows, width: int) -> None:
    """Formulas count by their computed value; one without a saved value is marked Uncomputed."""
    from openpyxl import load_workbook

    by_number = {number: index for index, (number, _cells) in enumerate(rows)}
    book = load_workbook(path, read_only=True, data_only=False)
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        for number, row in enumerate(sheet.iter_rows(min_row=2, max_col=max(width, 1), values_only=True), 2):
            index = by_number.get(number)
            if index is None:
                continue
            for column, value in enumerate(row):
                text = str(getattr(value, "text", value))
                if text.startswith("=") and rows[index][1][column] is None:
                    cells = list(rows[index][1])
                    cells[column] = Uncomputed(text)
                    rows[index] = (number, cells)
    finally:
        book.close()


def text_cell(sheet: Any, value: Any) -> Any:
    """A cell for a write-only sheet: text stays text (never a formula), numbers stay numbers."""
    from openpyxl.cell import WriteOnlyCell

    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def save_workbook(book: Any, path: Path) -> None:
    """Save through the project's atomic writer (a temporary file, fsync, a rename, the file
    mode a plain save would give), so a failure never leaves half a workbook."""
    import io

    from tracker.render.files import write_atomic

    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(path, buffer.getvalue())
