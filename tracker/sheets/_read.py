"""Opening a spreadsheet file, a .csv or an .xlsx, as a Sheet: the header checked at once,
the rows read as they are asked for (tracker/sheets/_sheet.py has the model, _csv.py and
_xlsx.py the readers)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tracker.errors import TrackerError
from tracker.i18n import _
from tracker.reasons import system_reason
from tracker.sheets import _csv as csv_file
from tracker.sheets import _xlsx as xlsx_file
from tracker.sheets._sheet import EXPECTED, Row, Rows, Sheet, map_columns


def read_sheet(path: Path) -> Sheet:
    """Open a .csv or .xlsx file: its header (row 1) mapped to known columns, checked at once,
    and its rows, read as they are asked for."""
    suffix = path.suffix.lower()
    if suffix == ".xls":
        message = _("{name}: the old Excel format .xls is not read; save the file as .xlsx")
        raise TrackerError(message.format(name=path.name))
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        message = _("{name}: unknown file type {suffix!r}; accepted: .csv, .xlsx")
        raise TrackerError(message.format(name=path.name, suffix=suffix or "-"))
    if not path.is_file():
        raise TrackerError(_("no file {path}").format(path=path))
    sheet = Sheet(path.name, [], {})

    def header_read(header: Sequence[Any], size: int | None) -> None:
        """The header's problems are told before any row's: they explain the rows'."""
        sheet.headers = ["" if h is None else str(h).strip() for h in header]
        sheet.columns = map_columns(path.name, sheet.headers)
        sheet.size = size

    def unit_read(code: str | None) -> None:
        sheet.unit = code

    if suffix == ".csv":
        rows = csv_file.read_csv(path, header_read)
    else:
        rows = xlsx_file.read_xlsx(path, header_read, unit_read)
    try:
        first = next(rows, None)  # reads the header, and finds whether a row follows
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if not sheet.headers:
        message = _("{name} is empty; row 1 must be the header ({expected})")
        raise TrackerError(message.format(name=path.name, expected=_(EXPECTED)))
    if first is None:
        raise TrackerError(_("{name} has a header but no rows of figures below it").format(name=path.name))
    sheet.rows = _read_on(path, first, rows)
    return sheet


def _read_on(path: Path, first: Row, rows: Rows) -> Rows:
    yield first
    try:
        yield from rows
    except OSError as exc:
        raise _unreadable(path, exc) from None


def _unreadable(path: Path, exc: OSError) -> TrackerError:
    return TrackerError(_("cannot read {path}: {reason}").format(path=path, reason=system_reason(exc)))
