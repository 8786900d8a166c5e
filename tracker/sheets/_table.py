"""A table written to a workbook for people to read, sort and filter: its columns as wide as
their content (within bounds), its header row frozen and under an autofilter, moments as date
cells and decimals shown to the places they have (at most two), their full value kept.

The number formats are those of the file format, not of a locale: a spreadsheet shows "0.00" as
90,48 in Vietnamese and 90.48 in English; only the order of a moment's parts is the caller's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from tracker.sheets._sheet import column_letter
from tracker.sheets._xlsx import text_cell

MIN_WIDTH, MAX_WIDTH = 8, 60  # characters: a code and its filter button fit, a long title leaves room
PADDING = 3  # characters beside the longest text: the margins and the header's filter button
DECIMALS = 2  # at most, as the reports show a share (90,48%)


def write_table(
    book: Any, title: str, header: Sequence[str], rows: Sequence[Sequence[Any]], moment_format: str
) -> None:
    """A sheet `title` of the write-only `book` holding `header` and `rows`: text as text cells
    (never a formula), numbers as numbers, datetime values as date cells shown by
    `moment_format` (e.g. "hh:mm:ss dd/mm/yyyy"; a spreadsheet's moments have no time zone, so
    they come without one, in the zone the reader expects)."""
    from openpyxl.styles import Font

    sheet = book.create_sheet(title)
    # a write-only sheet writes its columns and panes with its first row: they are set before it
    for index, width in enumerate(column_widths(header, rows, moment_format)):
        sheet.column_dimensions[column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    if header:
        sheet.auto_filter.ref = f"A1:{column_letter(len(header) - 1)}{len(rows) + 1}"
    sheet.append([_styled(sheet, text, font=Font(bold=True)) for text in header])
    for row in rows:
        sheet.append([_cell(sheet, value, moment_format) for value in row])


def column_widths(header: Sequence[str], rows: Sequence[Sequence[Any]], moment_format: str) -> list[int]:
    """Each column's width in characters: its longest text as shown, padded and bounded."""
    widths = [len(text) for text in header]
    for row in rows:
        for index, value in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], _shown_length(value, moment_format))
    return [min(MAX_WIDTH, max(MIN_WIDTH, width + PADDING)) for width in widths]


def decimals_format(value: float) -> str:
    """The number format showing `value` to the places it has, at most DECIMALS: 90.5 "0.0",
    90.47619047619048 "0.00" (the cell keeps every digit)."""
    places = next((p for p in range(DECIMALS) if round(value, p) == value), DECIMALS)
    return "0." + "0" * places if places else "0"


def _shown_length(value: Any, moment_format: str) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return len(moment_format)
    if isinstance(value, float):
        return len(f"{value:.{DECIMALS}f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _cell(sheet: Any, value: Any, moment_format: str) -> Any:
    if isinstance(value, datetime):
        return _styled(sheet, value, number_format=moment_format)
    if isinstance(value, float) and not value.is_integer():
        return _styled(sheet, value, number_format=decimals_format(value))
    return text_cell(sheet, value)


def _styled(sheet: Any, value: Any, **style: Any) -> Any:
    """A cell carrying a style (a font, a number format); text stays text, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell
