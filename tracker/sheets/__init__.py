from __future__ import annotations

from tracker.sheets._csv import read_csv
from tracker.sheets._read import read_sheet
from tracker.sheets._sheet import (
    FIGURE_COLUMNS,
    UNIT_COLUMN,
    UNIT_MARK,
    PercentCell,
    Row,
    Sheet,
    Uncomputed,
    cell_text,
    column_letter,
    header_of,
    neutralised,
    restored,
)
from tracker.sheets._xlsx import read_xlsx, save_workbook, text_cell

__all__ = [
    "FIGURE_COLUMNS",
    "UNIT_COLUMN",
    "UNIT_MARK",
    "PercentCell",
    "Row",
    "Sheet",
    "Uncomputed",
    "cell_text",
    "column_letter",
    "header_of",
    "neutralised",
    "read_csv",
    "read_sheet",
    "read_xlsx",
    "restored",
    "save_workbook",
    "text_cell",
]
