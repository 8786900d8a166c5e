from __future__ import annotations

from tracker.sheets._columns import FIGURES, Column, Columns, map_columns, plain
from tracker.sheets._csv import csv_text, read_csv
from tracker.sheets._read import SUFFIXES, check_file_type, read_sheet, which_columns
from tracker.sheets._sheet import (
    FIGURE_COLUMNS,
    UNIT_COLUMN,
    UNIT_MARK,
    PercentCell,
    Row,
    Sheet,
    Uncomputed,
    cell_text,
    cell_year,
    column_letter,
    header_of,
    neutralised,
    restored,
)
from tracker.sheets._table import write_table
from tracker.sheets._xlsx import read_xlsx, save_workbook, text_cell

__all__ = [
    "FIGURES",
    "FIGURE_COLUMNS",
    "SUFFIXES",
    "UNIT_COLUMN",
    "UNIT_MARK",
    "Column",
    "Columns",
    "PercentCell",
    "Row",
    "Sheet",
    "Uncomputed",
    "cell_text",
    "cell_year",
    "check_file_type",
    "column_letter",
    "csv_text",
    "header_of",
    "map_columns",
    "neutralised",
    "plain",
    "read_csv",
    "read_sheet",
    "read_xlsx",
    "restored",
    "save_workbook",
    "text_cell",
    "which_columns",
    "write_table",
]
