"""`tracker export` opened as the office opens it: the CSV files by LibreOffice Calc's default
text import in a Vietnamese locale (a new profile), the workbook converted by LibreOffice, and
what Calc made of them read back with openpyxl."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.usefixtures("vietnamese")  # what the office sees: the config's language

# Calc's text import as a new profile opens a CSV file: the tab, the comma and the semicolon all
# separate (9/44/59), '"' delimits text (34), UTF-8 (76), from line 1, no column formats, and the
# language Vietnamese (1066, vi-VN: a decimal comma); the rest (quoted field as text, detect
# special numbers, ...) left to the filter's defaults. Token order from LibreOffice's help, "CSV
# Filter Options".
CALC_DEFAULTS = "CSV:9/44/59,34,76,1,,1066"
T03_TITLE = "Trên 85% cán bộ, công chức, viên chức, người lao động hoàn thành tốt nhiệm vụ"
NOTE = 'Theo báo cáo "25-BC"; đã rà soát, đối chiếu'
SOURCE = "25-BC/ĐUK; 30-BC/ĐUK"
HEADER = [
    "mã", "đơn vị", "năm", "số liệu", "số đạt", "tổng số", "dự ước", "ghi chú", "nguồn",
    "lần ghi", "người ghi", "thời điểm ghi", "lý do sửa", "chỉ tiêu", "người nộp",
]  # fmt: skip


def opened_in_calc(soffice: str, path: Path, tmp_path: Path, infilter: str | None = None) -> Any:
    """The first sheet of `path` as LibreOffice Calc opened it (a profile of the test's own), saved
    as .xlsx and read back."""
    out = tmp_path / "calc"
    command = [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"]
    command += [f"--infilter={infilter}"] if infilter else []
    command += ["--convert-to", "xlsx", "--outdir", str(out), str(path)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    converted = out / f"{path.stem}.xlsx"
    assert converted.exists(), f"LibreOffice did not convert {path.name}"
    return load_workbook(converted).worksheets[0]


def record_figures(tracker) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ("T03", "2021", "88,2", "--note", NOTE, "--source", SOURCE),
        ("T01", "2021", "38/42"),
        ("T07", "2021", "1200", "--note", "Sơ bộ; chờ tổng kết"),
    ):
        assert tracker("record", *args).code == 0


def by_code(sheet: Any) -> dict[str, dict[str, Any]]:
    """The rows below the header, each by its header's names, keyed by the target's code."""
    rows = list(sheet.iter_rows(values_only=True))
    return {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}


def test_the_excel_vi_csv_opens_in_calc_with_every_number_in_its_column(
    tracker, tmp_path: Path, soffice: str
) -> None:  # type: ignore[no-untyped-def]
    record_figures(tracker)
    out = tmp_path / "so-lieu.csv"
    assert tracker("export", "--excel-vi", "--out", str(out)).code == 0
    sheet = opened_in_calc(soffice, out, tmp_path, CALC_DEFAULTS)
    assert sheet.max_column == len(HEADER)  # no cell pushed past the header
    assert [cell.value for cell in sheet[1]] == HEADER
    rows = by_code(sheet)
    t03, t01, t07 = rows["T03"], rows["T01"], rows["T07"]
    assert (t03["năm"], t03["số liệu"]) == (2021, 88.2)  # 88,2 a number, not 88 and 2
    assert (t03["chỉ tiêu"], t03["ghi chú"], t03["nguồn"]) == (T03_TITLE, NOTE, SOURCE)
    assert t01["số liệu"] == pytest.approx(90.47619047619048) and (t01["số đạt"], t01["tổng số"]) == (38, 42)
    assert (t07["số liệu"], t07["ghi chú"], t07["dự ước"]) == (1200, "Sơ bộ; chờ tổng kết", "không")


def test_the_default_csv_keeps_a_note_with_a_semicolon_whole_in_calc(
    tracker, tmp_path: Path, soffice: str
) -> None:  # type: ignore[no-untyped-def]
    record_figures(tracker)
    out = tmp_path / "so-lieu.csv"
    assert tracker("export", "--out", str(out)).code == 0
    sheet = opened_in_calc(soffice, out, tmp_path, CALC_DEFAULTS)
    assert sheet.max_column == len(HEADER)
    rows = by_code(sheet)
    assert (rows["T07"]["ghi chú"], rows["T07"]["năm"], rows["T07"]["số liệu"]) == (
        "Sơ bộ; chờ tổng kết", 2021, 1200,
    )  # fmt: skip
    assert (rows["T03"]["chỉ tiêu"], rows["T03"]["ghi chú"], rows["T03"]["nguồn"]) == (
        T03_TITLE,
        NOTE,
        SOURCE,
    )


def test_the_xlsx_export_converts_in_libreoffice_keeping_its_layout_and_cells(
    tracker, tmp_path: Path, soffice: str
) -> None:  # type: ignore[no-untyped-def]
    record_figures(tracker)
    out = tmp_path / "so-lieu.xlsx"
    assert tracker("export", "--out", str(out)).code == 0
    sheet = opened_in_calc(soffice, out, tmp_path)  # headless, it keeps no view: no frozen pane
    assert sheet.auto_filter.ref == "A1:O4" and [cell.value for cell in sheet[1]] == HEADER
    widths = {cell.value: sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]}
    assert widths["mã"] < widths["số liệu"] < widths["ghi chú"] < widths["chỉ tiêu"]
    t01 = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "T01")
    assert t01[3].value == pytest.approx(90.47619047619048) and t01[3].number_format == "0.00"
    recorded = t01[HEADER.index("thời điểm ghi")]
    assert recorded.is_date and isinstance(recorded.value, datetime)
