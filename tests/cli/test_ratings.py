"""`tracker rate`: the standing committee's ratings of its units, one at a time or from a file,
kept as revisions; rating targets (T01, T02, T11 of the default resolution) counted from them;
every bad input refused in one line (or, for a file, every problem by row and column) with
nothing written."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

ACCEPTED = "accepted: xuat-sac, tot, hoan-thanh, khong-hoan-thanh"


def stored(units: Any) -> list[tuple[Any, ...]]:  # type: ignore[no-untyped-def]
    """Every rating revision in the database: (unit code, of, year, level, revision, reason)."""
    with sqlite3.connect(units.config.parent / "tracker.db") as db:
        query = (
            'SELECT unit.code, rating."of", rating.year, rating.level, rating.revision, rating.reason'
            " FROM rating JOIN unit ON unit.id = rating.unit_id ORDER BY rating.id"
        )
        return list(db.execute(query).fetchall())


def targets(units: Any, *args: str) -> dict[str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    found = json.loads(units("status", "--format", "json", *args).out)["targets"]
    return {t["code"]: t for t in found}


@pytest.fixture
def rated(units):  # type: ignore[no-untyped-def]
    """The agencies of 2022 rated: SYT tốt, SGD hoàn thành, CBX xuất sắc (in full words)."""
    for unit, level in (("SYT", "tot"), ("SGD", "hoan-thanh"), ("CBX", "Hoàn thành XUẤT SẮC nhiệm vụ")):
        result = units("rate", unit, "2022", level, "--of", "agency")
        assert result.code == 0, result.err
    return units


def test_ratings_make_the_figure_of_their_targets_with_the_counts(rated) -> None:  # type: ignore[no-untyped-def]
    found = targets(rated)
    t01, t02, t11 = found["T01"], found["T02"], found["T11"]
    assert t01["figures"] == {"2022": 66.6667} and t01["counts"] == {"2022": [2, 3]}  # tốt or better
    assert t02["figures"] == {"2022": 33.3333} and t02["counts"] == {"2022": [1, 3]}  # xuất sắc
    assert (t01["units_reported"], t01["units_expected"], t01["missing_units"]) == (3, 3, [])
    assert t01["lagging_units"] == [
        {"code": "SGD", "name": "Đảng bộ Sở Giáo dục", "figure": "hoan-thanh", "quota": None}
    ]
    assert t02["lagging_units"] == []  # "trong đó" (part_of T01): a share of the whole, no unit's level
    assert t01["discrepancy"] is None and t01["status"] == "missed"
    assert t11["units_reported"] is None  # the party organisations are not rated yet
    assert rated("rate", "SYT", "2022", "tot").code == 0  # --of party_org, the default
    t11 = targets(rated)["T11"]
    assert t11["counts"] == {"2022": [1, 1]} and t11["missing_units"] == ["SGD", "CBX"]


def test_status_units_and_units_show_the_ratings(rated) -> None:  # type: ignore[no-untyped-def]
    table = rated("status", "T01", "--units").out
    lines = [line for line in table.splitlines() if line.startswith("│")]
    assert [line.split("│")[1].strip() for line in lines] == ["SGD", "SYT", "CBX", ""]
    assert "fulfilled duties" in lines[0] and "no, lagging" in lines[0]
    assert "fulfilled duties well" in lines[1] and "fulfilled duties excellently" in lines[2]
    assert "66.67% (2/3)" in lines[3]
    listed = json.loads(rated("units", "--format", "json").out)
    assert listed["as_of"] == 2022
    assert [(u["code"], u["reported"]) for u in listed["units"]] == [("SYT", 2), ("SGD", 2), ("CBX", 2)]


def test_the_reports_name_the_units_rated_below_the_level(rated, tmp_path: Path, vietnamese) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    result = rated("report", "--year", "2022", "--format", "md", "--out", str(out))
    assert result.code == 0, result.err
    md = Path(result.out.strip()).read_text(encoding="utf-8")
    assert (
        "Đơn vị xếp loại dưới mức “hoàn thành tốt nhiệm vụ”: Đảng bộ Sở Giáo dục (hoàn thành nhiệm vụ)." in md
    )
    assert "| 1 | Đảng bộ Sở Giáo dục | **hoàn thành (!)** | hoàn thành |" in md  # T02 judges no unit
    assert "| 3 | Chi bộ Công ty X | xuất sắc | xuất sắc |" in md
    assert "gửi đủ số liệu" not in md  # a rating is the Ban Thường vụ's act: no unit owes or sent it


def test_a_figure_the_committee_records_counts_and_a_difference_is_a_discrepancy(rated) -> None:  # type: ignore[no-untyped-def]
    assert rated("record", "T01", "2022", "38/42").code == 0  # no --unit: the signed figure
    t01 = targets(rated)["T01"]
    assert t01["figures"] == {"2022": 90.4762} and t01["counts"] == {"2022": [38, 42]}
    assert t01["discrepancy"] == {"recorded": 90.4762, "rolled_up": 66.6667} and t01["flagged"]


def test_a_rating_is_never_overwritten(rated) -> None:  # type: ignore[no-untyped-def]
    same = rated("rate", "SGD", "2022", "hoàn thành nhiệm vụ", "--of", "agency")
    assert same.code == 0 and "is already rated fulfilled duties; nothing was changed" in same.out
    other = rated("rate", "SGD", "2022", "tot", "--of", "agency")
    assert other.code == 2 and len(other.err.strip().splitlines()) == 1
    assert "The agency of SGD in 2022 is already rated fulfilled duties, revision 1, by" in other.err
    assert "to correct it use --amend --reason TEXT" in other.err
    assert "--amend needs --reason" in rated("rate", "SGD", "2022", "tot", "--of", "agency", "--amend").err
    fresh = rated("rate", "SGD", "2023", "tot", "--amend", "--reason", "x")
    assert fresh.code == 2 and "has no rating to correct; rate it without --amend" in fresh.err
    corrected = rated(
        "rate", "SGD", "2022", "tot", "--of", "agency", "--amend", "--reason", "Kết luận kiểm tra"
    )
    assert corrected.code == 0
    assert (
        "The agency of SGD in 2022: the rating is corrected to fulfilled duties well (revision 2)"
        in corrected.out
    )
    assert stored(rated)[1:] == [
        ("SGD", "agency", 2022, "hoan-thanh", 1, None),
        ("CBX", "agency", 2022, "xuat-sac", 1, None),
        ("SGD", "agency", 2022, "tot", 2, "Kết luận kiểm tra"),
    ]
    assert targets(rated)["T01"]["counts"] == {"2022": [3, 3]}  # the latest revision counts


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("SYT", "2022", "gioi"), f"unknown rating level 'gioi'; {ACCEPTED} (or the full words"),
        (("SYX", "2022", "tot"), "unknown unit 'SYX'; did you mean: SYT? (`tracker units` lists them)"),
        (("SGD", "2021", "tot"), "unit SGD does not exist in 2021 (its years: 2022-)"),
        (("CBX", "2024", "tot"), "unit CBX does not exist in 2024 (its years: -2023)"),
        (("SYT", "2030", "tot"), "year 2030 is outside the reporting years 2021-2025"),
        (
            ("SYT", "2022", "tot", "--of", "dept"),
            "unknown --of 'dept'; accepted: to-chuc-dang (party_org) or co-quan (agency)",
        ),
        (("SYT", "2022", "tot", "--reason", "x"), "--reason goes with --amend"),
        (("SYT", "2022"), "give UNIT YEAR LEVEL (e.g. tracker rate SYT 2023 tot) or --from FILE"),
    ],
)
def test_a_bad_rating_is_refused_in_one_line_and_nothing_is_written(units, args, message) -> None:  # type: ignore[no-untyped-def]
    result = units("rate", *args)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and message in result.err, result.err
    assert stored(units) == []


def test_record_unit_on_a_rating_target_says_to_rate_instead(units) -> None:  # type: ignore[no-untyped-def]
    result = units("record", "T01", "2022", "5/6", "--unit", "SYT")
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert (
        "T01 is counted from the ratings of the units as agencies (at least “fulfilled duties well”)"
        in result.err
    )
    assert "--of co-quan" in result.err
    assert "`tracker rate UNIT YEAR LEVEL --of co-quan`" in result.err
    assert units("history").out.startswith("no figures recorded yet")


def test_ratings_are_imported_from_a_csv_or_xlsx_file(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "xep-loai.csv"
    path.write_text(
        "đơn vị,năm,xếp loại,of\nSYT,2022,tot,agency\nsgd,2022,Hoàn thành tốt nhiệm vụ,\n", "utf-8"
    )
    result = units("rate", "--from", str(path))
    assert result.code == 0 and "xep-loai.csv: 2 ratings stored, 0 unchanged" in result.out
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["unit", "year", "level", "of"])
    sheet.append(["SYT", 2022, "tot", "agency"])  # as stored: left as it is
    sheet.append(["CBX", 2022, "khong-hoan-thanh", "party_org"])
    book.save(tmp_path / "xep-loai.xlsx")
    again = units("rate", "--from", str(tmp_path / "xep-loai.xlsx"))
    assert again.code == 0 and "xep-loai.xlsx: 1 rating stored, 1 unchanged" in again.out
    assert stored(units) == [
        ("SYT", "agency", 2022, "tot", 1, None),
        ("SGD", "party_org", 2022, "tot", 1, None),
        ("CBX", "party_org", 2022, "khong-hoan-thanh", 1, None),
    ]


def test_a_rating_file_with_bad_rows_is_refused_whole_with_every_problem_placed(
    units, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert units("rate", "CBX", "2022", "tot").code == 0
    path = tmp_path / "xep-loai.csv"
    rows = [
        "unit,year,level,of",
        "SYT,2022,tot,agency",  # good, but the file is refused whole
        "SYX,2022,tot,agency",
        "SGD,2021,tot,agency",
        "SYT,2022,gioi,agency",
        "SYT,20x2,tot,nobody",
        "SYT,2022,xuat-sac,AGENCY",  # a second rating of SYT (agency) 2022
        "CBX,2022,xuat-sac,",  # changes a stored rating without --amend
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = units("rate", "--from", str(path))
    assert result.code == 2 and "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert lines[0].endswith("xep-loai.csv: row 3, column A (unit): unknown unit 'SYX'; did you mean: SYT? "
                             "(`tracker units` lists them)")  # fmt: skip
    assert (
        "xep-loai.csv: row 4, column B (year): unit SGD does not exist in 2021 (its years: 2022-)" in lines[1]
    )
    assert f"xep-loai.csv: row 5, column C (level): unknown rating level 'gioi'; {ACCEPTED}" in lines[2]
    assert "xep-loai.csv: row 6, column B (year): '20x2' is not a year" in lines[3]
    assert (
        "xep-loai.csv: row 6, column D (of): unknown --of 'nobody'; accepted: to-chuc-dang (party_org)"
        in lines[4]
    )
    assert (
        "xep-loai.csv: row 7, column A (unit): The agency of SYT in 2022 is given twice (also row 2)"
        in lines[5]
    )
    assert (
        "row 8, column C (level): Party organisation CBX in 2022 is already rated fulfilled duties well"
        in lines[6]
    )
    assert lines[-1] == "tracker: error: 7 problems found; nothing was imported"
    assert stored(units) == [("CBX", "party_org", 2022, "tot", 1, None)]


def test_a_rating_file_corrects_with_amend_and_a_reason(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert units("rate", "CBX", "2022", "tot").code == 0
    path = tmp_path / "xep-loai.csv"
    path.write_text("unit,year,level\nCBX,2022,xuat-sac\nSYT,2022,tot\n", encoding="utf-8")
    assert "--amend needs --reason TEXT" in units("rate", "--from", str(path), "--amend").err
    done = units("rate", "--from", str(path), "--amend", "--reason", "Phúc tra")
    assert done.code == 0, done.err
    assert stored(units)[1:] == [
        ("CBX", "party_org", 2022, "xuat-sac", 2, "Phúc tra"),
        ("SYT", "party_org", 2022, "tot", 1, None),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("unit,year\nSYT,2022\n", "xep-loai.csv: row 1: missing column 'level'"),
        ("unit,year,level,mood\nSYT,2022,tot,ok\n", "xep-loai.csv: row 1, column D: unknown column 'mood'"),
        ("unit,year,level\n", "has a header but no rows of ratings below it"),
    ],
)
def test_a_rating_file_of_the_wrong_shape_is_refused(units, tmp_path: Path, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "xep-loai.csv"
    path.write_text(text, encoding="utf-8")
    result = units("rate", "--from", str(path))
    assert result.code == 2 and message in result.err, result.err
    assert stored(units) == []


def test_the_template_gives_last_year_of_a_target_counted_from_ratings(
    rated, tmp_path: Path, vietnamese
) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    out = tmp_path / "so-lieu-2023.xlsx"
    assert rated("template", "2023", "--out", str(out)).code == 0
    sheet = load_workbook(out).worksheets[0]
    column = [c.value for c in sheet[1]].index("số liệu năm trước (2022)")
    previous = {row[0].value: row[column].value for row in sheet.iter_rows(min_row=2)}
    assert previous["T01"] == "66,67% (2/3) (từ xếp loại)"  # as the report of 2022 counts it
    assert previous["T02"] == "33,33% (1/3) (từ xếp loại)"
    assert previous["T11"] is None  # the party organisations are not rated yet
    report = rated("report", "--year", "2022", "--format", "txt", "--out", str(tmp_path / "r"))
    assert "66,67%" in Path(report.out.strip()).read_text(encoding="utf-8")


def test_enter_shows_the_figure_counted_from_ratings_and_says_so(rated, monkeypatch, vietnamese) -> None:  # type: ignore[no-untyped-def]
    import io
    import sys

    assert rated("rate", "SYT", "2023", "tot", "--of", "agency").code == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n" * 10))  # every target skipped
    result = rated("enter", "2023")
    assert result.code == 0 and "Không có số liệu mới; không lưu gì." in result.out
    block = result.out.split("T01  ")[1].split("T02  ")[0]
    assert "Yêu cầu: ≥ 90% mỗi năm; 2022: 66,67% (2/3) (từ xếp loại)" in block
    assert "Chỉ tiêu tính từ kết quả xếp loại cơ quan, đơn vị (`tracker rate`): để trống" in block
    assert "Số liệu 2023 đang được tính: 100% (1/1) (1/3 đơn vị đã xếp loại) (từ xếp loại)" in block
    t11 = result.out.split("T11 †  ")[1]
    assert "2022: -" in t11 and "Chỉ tiêu tính từ kết quả xếp loại tổ chức đảng" in t11
    t03 = result.out.split("T03  ")[1].split("T04  ")[0]
    assert "xếp loại" not in t03  # a target of the committee's own figures says nothing of it
