"""Opening a spreadsheet file, a .csv, .xlsx or .xlsm, as a Sheet: the header mapped to the
columns its reader declares and checked at once, the rows read as they are asked for
(tracker/sheets/_sheet.py has the model, _columns.py the header's dialect, _csv.py and _xlsx.py
the readers). Every file the tool reads is opened here, within the same limits."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tracker.errors import TrackerError
from tracker.evaluate import shown_path
from tracker.files import check_input_file
from tracker.i18n import _
from tracker.reasons import system_reason
from tracker.sheets import _csv as csv_file
from tracker.sheets import _xlsx as xlsx_file
from tracker.sheets._columns import FIGURES, Columns, map_columns
from tracker.sheets._sheet import Row, Rows, Sheet

# The files read, by their suffix (any case); a folder given to `tracker import` stands for these.
SUFFIXES = (".csv", ".xlsx", ".xlsm")
WORKBOOKS = (".xlsx", ".xlsm")  # Excel's workbooks (.xlsm: with macros, which are never run)


def check_file_type(path: Path, name: str | None = None) -> None:
    """Refuse a file whose suffix is not one of SUFFIXES, saying what to do."""
    suffix, name = path.suffix.lower(), shown_path(path.name if name is None else name)
    if suffix == ".xls":
        message = _("{name}: the old Excel format .xls is not read; save the file as .xlsx")
        raise TrackerError(message.format(name=name))
    if suffix not in SUFFIXES:
        message = _("{name}: unknown file type {suffix!r}; accepted: {accepted}")
        raise TrackerError(message.format(name=name, suffix=suffix or "-", accepted=", ".join(SUFFIXES)))


def read_sheet(path: Path, columns: Columns = FIGURES, name: str | None = None) -> Sheet:
    """Open a file of the kind `columns` declares: its header (row 1) mapped to those columns,
    checked at once, and its rows, read as they are asked for. `name` is the file as messages
    name it (its name without the folder unless given; always made printable). Only a regular
    file is opened: a named pipe or a device is refused first."""
    name = shown_path(path.name if name is None else name)
    check_file_type(path, name)
    check_input_file(path)
    sheet = Sheet(name, [], {})

    def header_read(header: Sequence[Any], size: int | None) -> None:
        """The header's problems are told before any row's: they explain the rows'."""
        sheet.headers = ["" if h is None else str(h).strip() for h in header]
        sheet.columns = map_columns(name, sheet.headers, columns)
        sheet.size = size

    def unit_read(code: str | None) -> None:
        sheet.unit = code

    if path.suffix.lower() in WORKBOOKS:
        rows = xlsx_file.read_xlsx(path, header_read, unit_read if columns.unit_mark else None, name)
    else:
        rows = csv_file.read_csv(path, header_read, name)
    try:
        first = next(rows, None)  # reads the header, and finds whether a row follows
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if not sheet.headers:
        message = _("{name} is empty; row 1 must be the header ({expected})")
        raise TrackerError(message.format(name=name, expected=_(columns.expected)))
    if first is None:
        if columns.no_rows is not None:
            raise TrackerError(_(columns.no_rows).format(name=name))
        return sheet
    sheet.rows = _read_on(path, first, rows)
    return sheet


def _read_on(path: Path, first: Row, rows: Rows) -> Rows:
    yield first
    try:
        yield from rows
    except OSError as exc:
        raise _unreadable(path, exc) from None


def _unreadable(path: Path, exc: OSError) -> TrackerError:
    message = _("cannot read {path}: {reason}")
    return TrackerError(message.format(path=shown_path(path), reason=system_reason(exc)))


class _HeaderRead(Exception):
    """Raised once a file's header is read, to read no further."""


def which_columns(path: Path, kinds: Sequence[Columns], name: str | None = None) -> Columns:
    """The kind of file a file's header (row 1) declares: the first of `kinds` its header maps
    to, else the last (whose reader then says what is wrong). Only the header is read."""
    name = shown_path(path.name if name is None else name)
    check_file_type(path, name)
    check_input_file(path)
    headers: list[str] = []
    workbook = path.suffix.lower() in WORKBOOKS

    def header_read(header: Sequence[Any], size: int | None) -> None:
        headers.extend("" if h is None else str(h).strip() for h in header)
        if not workbook:  # a CSV's next line is not read: its problem is its reader's to tell
            raise _HeaderRead

    if workbook:
        rows = xlsx_file.read_xlsx(path, header_read, None, name)
    else:
        rows = csv_file.read_csv(path, header_read, name)
    try:
        next(rows, None)
    except _HeaderRead:
        pass
    except OSError as exc:
        raise _unreadable(path, exc) from None
    finally:
        rows.close()
    for kind in kinds[:-1]:
        try:
            map_columns(name, headers, kind)
        except TrackerError:
            continue
        return kind
    return kinds[-1]
