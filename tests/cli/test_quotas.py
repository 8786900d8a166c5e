"""Units' quotas of count targets: given one at a time or from a file, kept as revisions, every
bad input refused with one clear line (or, for a file, every problem placed), and a unit's
count judged against its quota in `status`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook


def t07(units: Any, year: str = "2024") -> dict[str, Any]:  # type: ignore[misc]
    data = json.loads(units("status", "--format", "json", "--year", year).out)
    return next(t for t in data["targets"] if t["code"] == "T07")


def refused(result: Any, says: str) -> None:  # type: ignore[misc]
    assert result.code == 2, result.out
    assert says in result.err, result.err


def test_a_unit_below_its_quota_lags_and_the_quota_is_shown(units) -> None:  # type: ignore[no-untyped-def]
    result = units("quota", "T07", "2024", "SYT", "12")
    assert result.code == 0 and "quota of T07 (unit SYT) 2024: 12" in result.out
    assert units("quota", "T07", "2024", "SGD", "5").code == 0
    assert units("record", "T07", "2024", "9", "--unit", "SYT").code == 0
    assert units("record", "T07", "2024", "6", "--unit", "SGD").code == 0
    found = t07(units)
    assert found["lagging_units"] == [{"code": "SYT", "name": "Đảng bộ Sở Y tế", "figure": 9, "quota": 12}]
    table = units("status", "T07", "--units", "--year", "2024").out
    assert "9 / quota 12" in table and "6 / quota 5" in table and "no, lagging" in table
    vietnamese = units("status", "T07", "--units", "--year", "2024", "--lang", "vi").out
    assert "9 / chỉ tiêu giao 12" in vietnamese


def test_a_count_without_a_quota_is_not_judged(units) -> None:  # type: ignore[no-untyped-def]
    assert units("record", "T07", "2024", "1", "--unit", "SYT").code == 0
    assert t07(units)["lagging_units"] == []


def test_a_term_total_targets_quota_is_per_year(units) -> None:  # type: ignore[no-untyped-def]
    assert units("quota", "T07", "2023", "SYT", "10").code == 0
    assert units("record", "T07", "2023", "10", "--unit", "SYT").code == 0
    assert units("record", "T07", "2024", "3", "--unit", "SYT").code == 0  # no quota for 2024
    assert t07(units, "2023")["lagging_units"] == [] and t07(units, "2024")["lagging_units"] == []


def test_a_quota_is_changed_only_with_amend_and_a_reason(units) -> None:  # type: ignore[no-untyped-def]
    assert units("quota", "T07", "2024", "SYT", "12").code == 0
    again = units("quota", "T07", "2024", "SYT", "12")
    assert again.code == 0 and "already has the quota 12; nothing was changed" in again.out
    refused(
        units("quota", "T07", "2024", "SYT", "15"),
        "T07 (unit SYT) 2024 already has the quota 12; to change it to 15 use --amend --reason TEXT",
    )
    refused(units("quota", "T07", "2024", "SYT", "15", "--amend"), "--amend needs --reason TEXT")
    refused(units("quota", "T07", "2024", "SGD", "15", "--amend", "--reason", "x"), "has no quota to correct")
    changed = units("quota", "T07", "2024", "SYT", "15", "--amend", "--reason", "Giao bổ sung")
    assert changed.code == 0 and "changed: 12 -> 15 (revision 2)" in changed.out
    assert units("record", "T07", "2024", "13", "--unit", "SYT").code == 0
    assert t07(units)["lagging_units"][0]["quota"] == 15


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ("T01", "2024", "SYT", "3"),
            "T01 is a share target: each unit's share is judged against the committee's threshold (90%), "
            "so it takes no quota",
        ),
        (("T08", "2024", "SYT", "3"), "T08 takes its figures from T07; give the quota under T07"),
        (("T7", "2024", "SYT", "3"), "unknown target code 'T7'; did you mean: T07?"),
        (("T07", "2024", "SYX", "3"), "unknown unit 'SYX'; did you mean: SYT?"),
        (("T07", "2024", "CBX", "3"), "unit CBX does not exist in 2024 (its years: -2023)"),
        (("T07", "2030", "SYT", "3"), "year 2030 is outside the reporting years 2021-2025"),
        (("T07", "2024", "SYT", "-3"), "a quota is a whole number, 0 or more, e.g. 12 or 1.200 (not '-3')"),
        (("T07", "2024", "SYT", "2,5"), "a quota is a whole number, 0 or more, e.g. 12 or 1.200 (not '2,5')"),
        (("T07", "2024", "SYT"), "give CODE YEAR UNIT VALUE"),
    ],
)
def test_a_bad_quota_is_refused_with_one_line(units, args: tuple[str, ...], says: str) -> None:  # type: ignore[no-untyped-def]
    result = units("quota", *args)
    refused(result, says)
    assert len(result.err.strip().splitlines()) == 1


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_a_quota_file_is_stored_whole(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_xlsx(
        tmp_path / "dinh-muc.xlsx",
        [["Chỉ tiêu", "Năm", "Đơn vị", "Định mức"], ["T07", 2024, "SYT", 12], ["T07", 2024, "SGD", 4.0]],
    )
    result = units("quota", "--from", str(path))
    assert result.code == 0 and "dinh-muc.xlsx: 2 quotas added, 0 changed, 0 unchanged" in result.out
    assert units("record", "T07", "2024", "3", "--unit", "SGD").code == 0
    assert t07(units)["lagging_units"] == [
        {"code": "SGD", "name": "Đảng bộ Sở Giáo dục", "figure": 3, "quota": 4}
    ]
    again = units("quota", "--from", str(path))
    assert "0 quotas added, 0 changed, 2 unchanged" in again.out


def test_a_bad_quota_file_lists_every_problem_and_stores_nothing(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "dinh-muc.csv"
    path.write_text(
        "target,year,unit,quota\n"
        "T07,2024,SYT,12\n"
        "T01,2024,SYT,3\n"
        "T07,2024,SYX,3\n"
        "T07,2024,SGD,-1\n"
        "T07,2024,SGD,4\n"
        "T07,2024,SGD,5\n"
        "T07,2030,SYT,5\n",
        encoding="utf-8",
    )
    result = units("quota", "--from", str(path))
    assert result.code == 2
    for says in (
        "dinh-muc.csv: row 3, column A (target): T01 is a share target",
        "dinh-muc.csv: row 4, column C (unit): unknown unit 'SYX'",
        "dinh-muc.csv: row 5, column D (quota): a quota is a whole number",
        "dinh-muc.csv: row 7: T07 SGD 2024 is given twice (also row 6); give each quota once",
        "dinh-muc.csv: row 8, column B (year): year 2030 is outside the reporting years 2021-2025",
        "5 problems found; nothing was imported",
    ):
        assert says in result.err, result.err
    assert units("record", "T07", "2024", "1", "--unit", "SYT").code == 0
    assert t07(units)["lagging_units"] == []  # the good row was not stored either


def test_a_quota_file_with_a_changed_quota_needs_amend(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert units("quota", "T07", "2024", "SYT", "12").code == 0
    path = tmp_path / "dinh-muc.csv"
    path.write_text("target,year,unit,quota\nT07,2024,SYT,14\nT07,2024,SGD,4\n", encoding="utf-8")
    refused(
        units("quota", "--from", str(path)),
        "dinh-muc.csv: row 2: T07 (unit SYT) 2024 already has the quota 12; to change it to 14",
    )
    done = units("quota", "--from", str(path), "--amend", "--reason", "Điều chỉnh")
    assert done.code == 0 and "1 quota added, 1 changed, 0 unchanged" in done.out


def test_a_quota_file_without_its_columns_is_refused(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "dinh-muc.csv"
    path.write_text("target,year,quota\nT07,2024,12\n", encoding="utf-8")
    result = units("quota", "--from", str(path))
    refused(result, "dinh-muc.csv: row 1: missing column 'unit'")
    assert "dinh-muc.csv: expected columns: target, year, unit, quota" in result.err


def test_reports_name_a_unit_below_its_quota_with_the_quota(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert units("quota", "T07", "2022", "SYT", "12").code == 0
    assert units("record", "T07", "2022", "9", "--unit", "SYT").code == 0
    assert units("record", "T07", "2022", "5", "--unit", "SGD").code == 0
    out = tmp_path / "out"
    result = units("report", "--year", "2022", "--format", "md", "--lang", "vi", "--out", str(out))
    assert result.code == 0, result.err
    text = Path(result.out.strip()).read_text(encoding="utf-8")
    assert "Đơn vị chưa đạt: Đảng bộ Sở Y tế (9 / chỉ tiêu giao 12)." in text
    assert "9 / chỉ tiêu giao 12 (!)" in text  # in the annex of units
