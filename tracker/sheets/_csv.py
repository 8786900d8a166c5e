"""Reading a CSV file strictly, as a stream: a quote left open or a row with missing fields is
an error naming its row, never rows silently swallowed into a note; and writing one that every
spreadsheet opens with the same cells (`csv_text`).

UTF-8 (with or without the BOM Excel writes) and UTF-16 with a BOM (Excel's "Unicode text")
are read; the separator is the comma, the semicolon (a Vietnamese-locale Excel) or the tab,
whichever the header line uses.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from tracker.errors import TrackerError
from tracker.i18n import N_, _
from tracker.reasons import quoted
from tracker.sheets._sheet import MAX_CELL, MAX_COLUMNS, MAX_ROWS, HeaderCheck, Rows, too_many_rows

_REASONS = {
    "unexpected end of data": N_(
        'a quoted field is never closed (a " is missing before the end of the file)'
    ),
    "expected after": N_('a quote inside a quoted field must be doubled ("")'),
    "field larger than field limit": N_("a cell is longer than 10000 characters"),
}

# A field holding one of these is quoted, whatever the file's own separator. LibreOffice Calc's
# default text import splits at the tab, the comma and the semicolon at once, and Excel at its
# locale's list separator, so quoting only the file's separator (csv.QUOTE_MINIMAL) let "88,2" of
# a ";" file open as 88 and 2 in two columns, and a note with ";" of a "," file in two. Quoting
# every field that holds any separator, a quote or a line break is the one rule under which all
# of them, and `tracker import`, read the same cells; a quoted number still opens as a number.
QUOTED_WHEN_HOLDING = frozenset(',;\t"\r\n')


def csv_text(rows: Iterable[Sequence[str]], delimiter: str) -> str:
    """The rows as CSV text, lines ended by CRLF (as Excel writes them), each field quoted when
    it holds a separator, a quote or a line break (QUOTED_WHEN_HOLDING)."""
    return "".join(delimiter.join(_field(cell) for cell in row) + "\r\n" for row in rows)


def _field(text: str) -> str:
    if QUOTED_WHEN_HOLDING.isdisjoint(text):
        return text
    return '"' + text.replace('"', '""') + '"'


def _encoding(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig"


def read_csv(path: Path, header_read: HeaderCheck, name: str | None = None) -> Rows:
    """The non-blank rows below the header (numbered as a spreadsheet numbers them), as they
    are read; the header goes to `header_read` as soon as it is read. `name` is the file as
    messages name it (its name without the folder unless given)."""
    name = path.name if name is None else name
    csv.field_size_limit(MAX_CELL)
    with path.open("rb") as raw:
        encoding = _encoding(raw.read(4))
        lines = _lines(raw)
        stream = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
        try:
            yield from _records(name, stream, header_read, lines)
        except UnicodeDecodeError:
            message = _(
                "{name}: row {row}: the file is not UTF-8 (or UTF-16) text; "
                "save it as 'CSV UTF-8 (Comma delimited)' or as .xlsx"
            )
            raise TrackerError(message.format(name=name, row=_undecodable_line(path, encoding))) from None


def _lines(raw: BinaryIO) -> int:
    """The lines of the file, about as many as its rows, for a progress bar (counted in chunks
    of bytes, far faster than the reading; the file is left at its start)."""
    raw.seek(0)
    lines = 0
    while chunk := raw.read(1 << 20):
        lines += chunk.count(b"\n")
    raw.seek(0)
    return lines


def _undecodable_line(path: Path, encoding: str) -> int:
    """The line of the first byte that is not text in the encoding (read again, in chunks)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    lines, chunk_size = 1, 1 << 16
    with path.open("rb") as raw:
        while chunk := raw.read(chunk_size):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return lines + chunk[: max(exc.start, 0)].count(b"\n")
            lines += chunk.count(b"\n")
    return lines


def _records(name: str, stream: io.TextIOWrapper, header_read: HeaderCheck, lines: int) -> Rows:
    first = stream.readline(MAX_CELL * MAX_COLUMNS)
    if not first.strip():
        return
    delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
    reader = csv.reader(itertools.chain([first], stream), delimiter=delimiter, strict=True)
    number = count = line = 0  # the last record read, and the line it ends on
    try:
        header = _header(name, next(reader))
        header_read(header, lines - 1)
        width, number, line = len(header), 1, reader.line_num
        for number, cells in enumerate(reader, start=2):
            line = reader.line_num
            if not "".join(cells).strip():  # a blank row
                continue
            if len(cells) != width:
                _check_width(name, number, cells, width)
            count += 1
            if count > MAX_ROWS:
                raise too_many_rows(name, MAX_ROWS)
            yield number, cells
    except csv.Error as exc:
        message = _("{name}: row {row} (line {line}): {reason}")
        raise TrackerError(
            message.format(name=name, row=number + 1, line=line + 1, reason=_reason(exc))
        ) from None


def _reason(exc: csv.Error) -> str:
    text = str(exc)
    found = next((reason for key, reason in _REASONS.items() if key in text.lower()), None)
    return _(found) if found else _("not a readable CSV row ({reason})").format(reason=quoted(text))


def _header(name: str, cells: list[str]) -> list[str]:
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    if len(cells) > MAX_COLUMNS:
        message = _("{name}: row 1 has {count} columns; at most {limit} are read")
        raise TrackerError(message.format(name=name, count=len(cells), limit=MAX_COLUMNS))
    return cells


def _check_width(name: str, number: int, cells: list[str], width: int) -> None:
    """Every row has the header's fields; empty fields past them (a spreadsheet's padding) pass."""
    if len(cells) < width:
        message = _(
            "{name}: row {row} has {count} fields where the header has {width} "
            "(a separator missing, or a quote left open?); give every row the header's columns"
        )
        raise TrackerError(message.format(name=name, row=number, count=len(cells), width=width))
    if any(cell.strip() for cell in cells[width:]):
        message = _(
            "{name}: row {row} has {count} fields where the header has {width}: "
            "a value stands under no column (a separator too many, or a comma in a number?)"
        )
        raise TrackerError(message.format(name=name, row=number, count=len(cells), width=width))
