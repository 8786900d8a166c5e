"""What tracker/sheets writes: CSV text that every spreadsheet splits into the same cells, and a
table in a workbook laid out for reading (widths, frozen header, filter, number formats)."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tracker.sheets import csv_text, save_workbook, write_table
from tracker.sheets._table import MAX_WIDTH, MIN_WIDTH, decimals_format


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("T03", "T03"),
        ("88,2", '"88,2"'),
        ("a; b", '"a; b"'),
        ("a\tb", '"a\tb"'),
        ('say "hi"', '"say ""hi"""'),
        ("two\nlines", '"two\nlines"'),
        ("", ""),
    ],
)
def test_a_field_is_quoted_when_it_holds_any_separator_a_quote_or_a_line_break(cell, written) -> None:  # type: ignore[no-untyped-def]
    for delimiter in (",", ";"):
        assert csv_text([["x", cell]], delimiter) == f"x{delimiter}{written}\r\n"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_text_reads_back_as_written(delimiter: str) -> None:
    rows = [["mã", "ghi chú"], ["T03", 'Theo "25-BC"; đã rà soát, đối chiếu\n2023'], ["T07", ""]]
    text = csv_text(rows, delimiter)
    assert list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)) == rows


@pytest.mark.parametrize(
    ("value", "shown"),
    [(90.5, "0.0"), (90.47619047619048, "0.00"), (0.30000000000000004, "0.00"), (12.25, "0.00")],
)
def test_a_decimal_is_shown_to_the_places_it_has_at_most_two(value: float, shown: str) -> None:
    assert decimals_format(value) == shown


def test_a_table_is_laid_out_for_reading_and_keeps_its_values(tmp_path: Path) -> None:
    book = Workbook(write_only=True)
    moment = datetime(2024, 1, 15, 9, 30, 5)
    rows = [["T01", 90.47619047619048, moment, "x" * 200], ["=1+1", 12, None, "ngắn"]]
    write_table(book, "Số liệu", ["mã", "số liệu", "thời điểm ghi", "chỉ tiêu"], rows, "hh:mm:ss dd/mm/yyyy")
    save_workbook(book, tmp_path / "t.xlsx")
    sheet = load_workbook(tmp_path / "t.xlsx")["Số liệu"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:D3"
    assert [sheet.column_dimensions[c].width for c in "ABCD"] == [
        MIN_WIDTH,
        10,
        22,
        MAX_WIDTH,
    ]  # "số liệu", the moment shown
    assert sheet["A1"].font.bold and sheet["A3"].value == "=1+1" and sheet["A3"].data_type == "s"
    assert (sheet["B2"].value, sheet["B2"].number_format) == (90.47619047619048, "0.00")
    assert (sheet["C2"].value, sheet["C2"].number_format) == (moment, "hh:mm:ss dd/mm/yyyy")
    assert sheet["B3"].number_format == "General"
