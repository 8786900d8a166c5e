"""The unit's workbook speaks to the unit (issue 20, item 14): its own quota, not the Bloc's
target; the deadline from the config's reminder; the sender block; what each count of a share
is; instructions that say what to do, not how the office imports. And it still imports back."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli.test_delivery import reminder
from tests.cli.test_unit_import import fill

pytestmark = pytest.mark.usefixtures("vietnamese")

RULE, THRESHOLD = 4, 5  # the columns (from 0) of a unit's workbook: code, unit, year, title, rule, threshold


@pytest.fixture
def books(units, tmp_path: Path) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    """2024's workbooks after `tracker quota T07 2024 SYT 12`, with a reminder from 15 February."""
    config = Path(units.config)
    config.write_text(config.read_text(encoding="utf-8") + "schedules:\n" + reminder("02-15", email=False))
    result = units("quota", "T07", "2024", "SYT", "12")
    assert result.code == 0, result.err
    folder = tmp_path / "don-vi-2024"
    result = units("template", "2024", "--units", "--out", str(folder))
    assert result.code == 0, result.err
    return {path.stem.split("-")[1]: path for path in folder.iterdir()}


def rows_of(path: Path) -> dict[str, tuple[object, ...]]:
    sheet = load_workbook(path).worksheets[0]
    return {str(row[0]): row for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_a_count_target_shows_the_units_own_quota_not_the_blocs_target(books: dict[str, Path]) -> None:
    t07 = rows_of(books["SYT"])["T07"]
    assert t07[RULE] == "chỉ tiêu giao: 12" and t07[THRESHOLD] == 12
    assert "750" not in " ".join(str(cell) for cell in t07 if cell is not None)
    other = rows_of(books["SGD"])["T07"]  # no quota given to SGD
    assert other[RULE] == "chưa giao chỉ tiêu: ghi số đã thực hiện" and other[THRESHOLD] is None


def test_a_share_target_says_what_each_count_is(books: dict[str, Path]) -> None:
    t03 = rows_of(books["SYT"])["T03"]
    assert t03[RULE].endswith(  # type: ignore[union-attr]
        "cột số đạt: số CBCCVC, NLĐ hoàn thành tốt nhiệm vụ; cột tổng số: tổng số người"
    )
    assert t03[THRESHOLD] == 85


def test_the_units_sheet_gives_the_deadline_and_the_sender_block(books: dict[str, Path]) -> None:
    sheet = [tuple(r) for r in load_workbook(books["SYT"])["Đơn vị"].iter_rows(values_only=True)]
    assert sheet[:4] == [
        ("Mã đơn vị", "SYT"),
        ("Tên đơn vị", "Đảng bộ Sở Y tế"),
        ("năm", 2024),
        ("Thời hạn gửi", "15/2/2025"),
    ]
    assert ("NGƯỜI LẬP BIỂU", "T/M ĐẢNG ỦY") in sheet
    assert ("(Ký, ghi rõ họ tên)", "BÍ THƯ") in sheet


def test_a_branch_signs_on_behalf_of_its_branch_committee(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert units("template", "2023", "--units", "--out", str(tmp_path / "d")).code == 0
    book = load_workbook(tmp_path / "d" / "2023-CBX.xlsx")  # Chi bộ Công ty X: a chi bộ cơ sở
    assert ("NGƯỜI LẬP BIỂU", "T/M CHI ỦY") in [tuple(r) for r in book["Đơn vị"].iter_rows(values_only=True)]


def test_the_instructions_speak_to_the_unit(books: dict[str, Path]) -> None:
    lines = [r[0] or "" for r in load_workbook(books["SYT"])["Hướng dẫn"].iter_rows(values_only=True)]
    text = "\n".join(lines)
    assert "tracker" not in text and "import" not in text
    assert "7. Lưu tệp dạng .xlsx và gửi lại Văn phòng Đảng ủy chậm nhất ngày 15/2/2025." in lines
    assert any(line.startswith("9. Tại sheet «Đơn vị», người lập biểu và bí thư") for line in lines)


def test_the_filled_workbook_imports_back(units, books: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    fill(books["SYT"], {"I2": 40, "J2": 42, "H6": 12})
    result = units("import", str(books["SYT"]))
    assert result.code == 0, result.err
    status = units("status", "T07", "--units", "--year", "2024")
    assert "Đảng bộ Sở Y tế" in status.out and "12 / chỉ tiêu giao 12" in status.out


def test_without_a_reminder_there_is_no_deadline_line(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert units("template", "2024", "--units", "--out", str(tmp_path / "d")).code == 0
    sheet = [
        tuple(r)
        for r in load_workbook(tmp_path / "d" / "2024-SYT.xlsx")["Đơn vị"].iter_rows(values_only=True)
    ]
    assert not any(row and row[0] == "Thời hạn gửi" for row in sheet)
    lines = [
        r[0] for r in load_workbook(tmp_path / "d" / "2024-SYT.xlsx")["Hướng dẫn"].iter_rows(values_only=True)
    ]
    assert "7. Lưu tệp dạng .xlsx và gửi lại Văn phòng Đảng ủy." in lines
