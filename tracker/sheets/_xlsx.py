"""Excel workbooks: reading the first sheet of an .xlsx (or .xlsm) file for every reader of
files (tracker/sheets/_read.py), and saving the workbooks `tracker export` and `tracker template`
write.

Reading stays within limits checked before anything is inflated (the sizes a zip file declares
are enforced by Python's zipfile as it reads), so a small file that would inflate to gigabytes
is refused at once; a damaged part is refused in one line, and a cell holds at most MAX_CELL
characters, as in a CSV file. A unit's workbook tells its unit (`workbook_unit`). A cell
formatted as a percentage is read as one (0.905 shown as 90.5%); a value merged down several
rows counts for each row; a formula without a saved result is marked. Text is always written as
text cells, never as formulas.
"""

from __future__ import annotations

import itertools
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from tracker.errors import TrackerError
from tracker.evaluate import printable
from tracker.i18n import _
from tracker.sheets._sheet import (
    MAX_CELL,
    MAX_COLUMNS,
    MAX_ROWS,
    UNIT_MARK,
    HeaderCheck,
    PercentCell,
    Row,
    Rows,
    Uncomputed,
    blank,
    cell_text,
    column_letter,
    too_many_rows,
)

MAX_INFLATED = 256 * 1024 * 1024  # bytes of all the parts of a workbook, once unzipped
MAX_PARTS = 10_000
MAX_MERGED = 10_000
EXCEL_ROWS = 1_048_576
SCAN_CHUNK = 1 << 20  # bytes of the sheet's XML searched at a time for merged ranges and formulas
SCAN_OVERLAP = 4096  # and searched again with the next chunk: a tag cut by a chunk's end
_MERGED = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_NOT_SCALING = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # quoted text, escaped characters, [colours]


def unreadable(name: str, why: str) -> TrackerError:
    message = _(
        "{name}: not a readable .xlsx workbook ({why}); open it in Excel or LibreOffice and save it again"
    )
    return TrackerError(message.format(name=name, why=why))


def check_archive(path: Path, name: str | None = None) -> None:
    """Refuse a file that is not a zip archive, or would inflate past the limits."""
    name = path.name if name is None else name
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise unreadable(name, _("not a zip archive")) from exc  # the detail shows under --debug
    inflated = sum(part.file_size for part in parts)
    if len(parts) > MAX_PARTS or inflated > MAX_INFLATED:
        message = _(
            "{name}: the workbook would inflate to {size} MB in {parts} parts; at most {limit} MB are read "
            "(save the figures alone in a new workbook)"
        )
        raise TrackerError(
            message.format(name=name, size=inflated // 2**20, parts=len(parts), limit=MAX_INFLATED // 2**20)
        )


def read_xlsx(
    path: Path,
    header_read: HeaderCheck,
    unit_read: Callable[[str | None], None] | None = None,
    name: str | None = None,
) -> Rows:
    """The non-blank rows of the first sheet below its header, numbered as Excel numbers them,
    as they are read; the header goes to `header_read` as soon as it is read, and the unit
    of a unit's workbook to `unit_read`. `name` is the file as messages name it."""
    from openpyxl import load_workbook

    name = path.name if name is None else name
    check_archive(path, name)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise unreadable(name, _("its parts are not those of a workbook")) from exc
    try:
        if not book.worksheets:
            message = _("{name}: the workbook has no sheet; put the figures in its first sheet")
            raise TrackerError(message.format(name=name))
        if unit_read is not None:
            unit_read(workbook_unit(book, name))
        yield from _rows(path, name, book.worksheets[0], _percent_styles(book), header_read)
    except TrackerError:
        raise
    except Exception as exc:  # a part missing or damaged inside the archive
        raise unreadable(name, _("a part inside it is missing or damaged")) from exc
    finally:
        book.close()


def workbook_unit(book: Any, name: str = "") -> str | None:
    """The unit code a unit's workbook declares: the cell its defined name TRACKER_UNIT points
    to, else its document property of that name (both survive a save by Excel or LibreOffice);
    None for a workbook without either mark. A unit's workbook that names no unit, or whose
    cell and property name two units, is refused: its figures would become another's."""
    defined = book.defined_names.get(UNIT_MARK)
    told = [p for p in book.custom_doc_props if p.name == UNIT_MARK]
    if defined is None and not told:
        return None
    place, cell = _unit_cell(book, defined)
    said = cell_text(str(told[0].value))[:64] if told and told[0].value is not None else ""
    if cell and said and cell.casefold() != said.casefold():
        message = _(
            "{name}: the workbook names two units: {cell} in its unit cell ({place}) and {said} in its "
            "document property {mark}; a unit's workbook belongs to one unit: write {said} in {place} "
            "again, or write the figures of {cell} in its own workbook (tracker template --units)"
        )
        cell, said = printable(cell, multiline=False), printable(said, multiline=False)
        raise TrackerError(message.format(name=name, cell=cell, place=place, said=said, mark=UNIT_MARK))
    if not (cell or said):
        message = _(
            "{name}: a unit's workbook (it has the mark {mark}) that names no unit: its unit cell{place} "
            "and its document property {mark} are empty; write the unit's code in the cell, or use the "
            "workbook tracker template --units wrote for the unit"
        )
        where = f" ({place})" if place else ""
        raise TrackerError(message.format(name=name, mark=UNIT_MARK, place=where))
    return cell or said


def _unit_cell(book: Any, defined: Any) -> tuple[str, str]:
    """Where the defined name TRACKER_UNIT points ("Unit!B1"; "" for no cell) and the code the
    cell holds ("" when empty)."""
    for title, ref in _destinations(defined):
        cell = ref.replace("$", "")
        if title in book.sheetnames and ":" not in cell:
            return f"{title}!{cell}", cell_text(book[title][cell].value)[:64]
    return "", ""


def _destinations(defined: Any) -> list[tuple[str, str]]:
    """The cells a defined name points to; none for a name that is not a reference."""
    if defined is None:
        return []
    try:
        return list(defined.destinations)
    except Exception:  # a formula or a constant, not a cell: the document property tells then
        return []


def is_percent_format(number_format: str) -> bool:
    """Whether a number format scales by 100 and shows %: "0.0%" yes, '0.0"%"' (a literal) no."""
    return "%" in _NOT_SCALING.sub("", number_format)


def _percent_styles(book: Any) -> bool:
    """Whether any cell style of the workbook shows numbers as percentages."""
    formats: list[str] = list(getattr(book, "_number_formats", []))
    return any(is_percent_format(f) for f in formats) or any(
        getattr(style, "numFmtId", 0) in (9, 10) for style in getattr(book, "_cell_styles", [])
    )


def _rows(path: Path, name: str, sheet: Any, percent: bool, header_read: HeaderCheck) -> Rows:
    size = sheet.max_row  # what the sheet says of its size, for a progress bar only:
    sheet.reset_dimensions()  # a wrong <dimension> in the file must not cut rows off
    header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), None)
    if header is None or blank(header):
        return
    header = _trimmed(header)
    if len(header) > MAX_COLUMNS:
        message = _("{name}: row 1 has {count} columns; at most {limit} are read")
        raise TrackerError(message.format(name=name, count=len(header), limit=MAX_COLUMNS))
    _check_lengths(name, 1, header)
    header_read(header, size - 1 if size else None)
    part = str(sheet._worksheet_path).lstrip("/")  # the sheet's XML inside the zip file
    merged, formulas = _scan(path, part)
    spread = _Spread(name, merged, len(header))
    rows = _cells(sheet, len(header), percent)
    written = _formula_rows(path, len(header)) if formulas else _no_formulas()
    try:
        yield from _figures(name, rows, written, spread)
    finally:
        written.close()


def _figures(name: str, rows: Iterator[Row], formulas: Iterator[Row], spread: _Spread) -> Rows:
    """The non-blank rows, merged values spread down, and each formula without a saved value
    marked (`formulas` are the rows as written, beside the rows as computed)."""
    count = 0
    for (number, cells), (_number, written) in zip(rows, formulas, strict=False):
        if blank(cells):
            continue
        count += 1
        if count > MAX_ROWS:
            raise too_many_rows(name, MAX_ROWS)
        _check_lengths(name, number, cells)
        yield number, _uncomputed(spread(number, cells), written)


def _check_lengths(name: str, number: int, cells: Sequence[Any]) -> None:
    """A cell holds at most MAX_CELL characters, as in a CSV file."""
    for index, value in enumerate(cells):
        if value.__class__ is str and len(value) > MAX_CELL:
            message = _("{name}: row {row}, column {column}: a cell is longer than {limit} characters")
            raise TrackerError(
                message.format(name=name, row=number, column=column_letter(index), limit=MAX_CELL)
            )


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


def _scan(path: Path, part: str) -> tuple[list[bytes], bool]:
    """The merged ranges the sheet's XML lists, and whether it holds a formula: read in chunks
    (a range cut by a chunk's end is read whole with the next), never the whole sheet at once."""
    merged: list[bytes] = []
    formulas, tail = False, b""
    with zipfile.ZipFile(path) as archive, archive.open(part) as stream:
        while chunk := stream.read(SCAN_CHUNK):
            data = tail + chunk
            formulas = formulas or _FORMULA.search(data) is not None
            cut, done = len(data) - SCAN_OVERLAP, 0
            for found in _MERGED.finditer(data):
                if found.start() >= cut:
                    break
                merged.append(found[1])
                done = found.end()
            if len(merged) > MAX_MERGED:
                return merged, formulas  # refused: no need to read on
            tail = data[max(cut, done) :]
    merged += [found[1] for found in _MERGED.finditer(tail)]
    return merged, formulas


class _Spread:
    """A cell merged down several rows (a year written once for a block) counts for each row:
    the ranges are spread as the rows go by, each row touched only by the ranges over it."""

    def __init__(self, name: str, merged: list[bytes], width: int):
        from openpyxl.utils import range_boundaries

        if len(merged) > MAX_MERGED:
            message = _("{name}: {count} merged cell ranges; at most {limit} are read")
            raise TrackerError(message.format(name=name, count=len(merged), limit=MAX_MERGED))
        spans = []  # (first row, last row, column) of the ranges that spread below their first row
        for found in merged:
            column, first_row, _last_column, last_row = range_boundaries(found.decode())
            if column <= width and last_row > first_row:
                spans.append((first_row, last_row, column - 1))
        # The ranges of a sheet never overlap, so spreading them touches each cell once at most:
        # ranges that do mean a damaged or hostile file, refused before any of the work is done.
        by_column = sorted(spans, key=lambda span: (span[2], span[0]))
        if any(a[2] == b[2] and b[0] <= a[1] for a, b in itertools.pairwise(by_column)):
            message = _("{name}: its merged cell ranges overlap; unmerge them and save the file again")
            raise TrackerError(message.format(name=name))
        self.waiting = sorted(spans, reverse=True)  # the next to begin at the end
        self.active: list[tuple[int, int, int, Any]] = []  # first row, last row, column, value

    def __call__(self, number: int, cells: Sequence[Any]) -> Sequence[Any]:
        if not self.waiting and not self.active:
            return cells
        while self.waiting and self.waiting[-1][0] <= number:
            first, last, column = self.waiting.pop()
            value = cells[column] if first == number else None  # None: its first row is blank
            self.active.append((first, last, column, value))
        self.active = [span for span in self.active if span[1] >= number]
        below = [(column, value) for first, _last, column, value in self.active if first < number]
        if not below:
            return cells
        changed = list(cells)
        for column, value in below:
            changed[column] = value
        return changed


def _formula_rows(path: Path, width: int) -> Rows:
    """The rows as written (formulas as text), to be read beside the rows as computed."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=False)
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        yield from _cells(sheet, width, percent=False)
    finally:
        book.close()


def _no_formulas() -> Rows:
    while True:
        yield 0, ()


def _uncomputed(cells: Sequence[Any], written: Sequence[Any]) -> Sequence[Any]:
    """Formulas count by their computed value; one without a saved value is marked Uncomputed."""
    changed = None
    for column, value in enumerate(written):
        if value is None:
            continue
        text = str(getattr(value, "text", value))
        if text.startswith("=") and cells[column] is None:
            changed = changed or list(cells)
            changed[column] = Uncomputed(text)
    return cells if changed is None else changed


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

    from tracker.files import write_atomic

    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(path, buffer.getvalue())
