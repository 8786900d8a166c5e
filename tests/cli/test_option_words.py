"""The values a person types for `report --kind` and `rate --of`, in Vietnamese as in English
(any case, with or without diacritics), the ratings said in words, and an unknown value
refused in one line that names the accepted ones, with nothing written."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tracker.config import rated_as_of, report_kind_of

STEM = "DHIX-DUK-DB"


def ratings(units: Any) -> list[tuple[Any, ...]]:  # type: ignore[no-untyped-def]
    with sqlite3.connect(units.config.parent / "tracker.db") as db:
        query = (
            'SELECT unit.code, rating."of", rating.year, rating.level'
            " FROM rating JOIN unit ON unit.id = rating.unit_id"
        )
        return list(db.execute(query).fetchall())


def report_runs(folder: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(folder / "tracker.db") as db:
        return list(db.execute("SELECT as_of, kind FROM report_run ORDER BY id").fetchall())


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("nam", "yearly"),
        ("Năm", "yearly"),
        ("yearly", "yearly"),
        ("so-ket", "midterm"),
        ("Sơ kết", "midterm"),
        ("SO_KET", "midterm"),
        ("midterm", "midterm"),
        ("tong-ket", "final"),
        ("TỔNG KẾT", "final"),
        ("Final", "final"),
    ],
)
def test_a_report_kind_is_read_in_either_language(typed: str, kind: str) -> None:
    assert report_kind_of(typed) == kind


@pytest.mark.parametrize(
    ("typed", "of"),
    [
        ("to-chuc-dang", "party_org"),
        ("Tổ chức đảng", "party_org"),
        ("TO_CHUC_DANG", "party_org"),
        ("party_org", "party_org"),
        ("party-org", "party_org"),
        ("co-quan", "agency"),
        ("Cơ quan", "agency"),
        ("AGENCY", "agency"),
    ],
)
def test_what_a_unit_is_rated_as_is_read_in_either_language(typed: str, of: str) -> None:
    assert rated_as_of(typed) == of


@pytest.mark.parametrize("typed", ["quarterly", "so", "giua-ky", ""])
def test_other_kinds_are_none(typed: str) -> None:
    assert report_kind_of(typed) is None and rated_as_of(typed) is None


@pytest.mark.usefixtures("vietnamese")
@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("so-ket", "BÁO CÁO: Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội"),
        ("Tổng kết", "BÁO CÁO: Tổng kết thực hiện Nghị quyết Đại hội"),
        ("nam", "BÁO CÁO: Kết quả thực hiện Nghị quyết Đại hội"),
    ],
)
def test_report_kind_in_vietnamese_makes_that_report(tracker, tmp_path: Path, kind: str, title: str) -> None:  # type: ignore[no-untyped-def]
    assert tracker("record", "T07", "2021", "160").code == 0
    result = tracker("report", "--year", "2021", "--kind", kind, "--format", "md")
    assert result.code == 0, result.err
    text = Path(result.out.strip()).read_text(encoding="utf-8")
    assert title in text
    expected = {"so-ket": "midterm", "Tổng kết": "final", "nam": "yearly"}[kind]
    assert report_runs(tmp_path) == [(2021, expected)]


@pytest.mark.usefixtures("vietnamese")
def test_an_unknown_report_kind_is_one_line_in_vietnamese_and_no_file(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = tracker("report", "--kind", "giua-ky", "--format", "md")
    assert result.code == 2 and result.out == ""
    assert result.err == (
        "tracker: lỗi: không có loại báo cáo 'giua-ky'; chỉ nhận: nam, so-ket hoặc tong-ket "
        "(hoặc yearly, midterm, final)\n"
    )
    assert report_runs(tmp_path) == []
    assert not (tmp_path / "reports").exists() or not any((tmp_path / "reports").iterdir())


@pytest.mark.usefixtures("vietnamese")
@pytest.mark.parametrize(
    ("of", "stored", "said"),
    [
        ("to-chuc-dang", "party_org", "Tổ chức đảng SYT năm 2024"),
        ("Tổ chức đảng", "party_org", "Tổ chức đảng SYT năm 2024"),
        ("co-quan", "agency", "Cơ quan, đơn vị SYT năm 2024"),
        ("CƠ QUAN", "agency", "Cơ quan, đơn vị SYT năm 2024"),
        ("party_org", "party_org", "Tổ chức đảng SYT năm 2024"),
    ],
)
def test_rate_of_in_vietnamese_records_that_rating_and_says_it_in_words(units, of, stored, said) -> None:  # type: ignore[no-untyped-def]
    result = units("rate", "SYT", "2024", "xuat-sac", "--of", of)
    assert result.code == 0, result.err
    assert result.out == f"{said} đã được xếp loại hoàn thành xuất sắc nhiệm vụ (lần ghi 1)\n"
    assert ratings(units) == [("SYT", stored, 2024, "xuat-sac")]


@pytest.mark.usefixtures("vietnamese")
def test_the_default_of_is_the_party_organisation_in_words(units) -> None:  # type: ignore[no-untyped-def]
    assert units("rate", "SYT", "2024", "tot").out.startswith("Tổ chức đảng SYT năm 2024 đã được xếp loại")
    again = units("rate", "SYT", "2024", "Hoàn thành tốt nhiệm vụ", "--of", "to-chuc-dang")
    assert again.out == (
        "Tổ chức đảng SYT năm 2024 đã được xếp loại hoàn thành tốt nhiệm vụ; không có gì thay đổi\n"
    )
    fixed = units("rate", "SYT", "2024", "xuat-sac", "--amend", "--reason", "Kết luận kiểm tra")
    assert fixed.out == (
        "Tổ chức đảng SYT năm 2024: đã sửa kết quả xếp loại thành hoàn thành xuất sắc nhiệm vụ (lần ghi 2)\n"
    )


@pytest.mark.usefixtures("vietnamese")
def test_an_unknown_of_is_one_line_in_vietnamese_and_nothing_written(units) -> None:  # type: ignore[no-untyped-def]
    result = units("rate", "SYT", "2024", "tot", "--of", "chi-bo")
    assert result.code == 2 and result.out == ""
    assert result.err == (
        "tracker: lỗi: --of 'chi-bo' không hợp lệ; chấp nhận: to-chuc-dang hoặc co-quan "
        "(hoặc party_org, agency)\n"
    )
    assert ratings(units) == []


def test_a_file_of_ratings_reads_of_in_vietnamese(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "xep-loai.csv"
    path.write_text("đơn vị,năm,xếp loại,of\nSYT,2022,tot,Cơ quan\nSGD,2022,tot,to-chuc-dang\n", "utf-8")
    result = units("rate", "--from", str(path))
    assert result.code == 0, result.err
    assert sorted(ratings(units)) == [("SGD", "party_org", 2022, "tot"), ("SYT", "agency", 2022, "tot")]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_help_names_the_vietnamese_values(run, lang: str) -> None:  # type: ignore[no-untyped-def]
    report = run("--lang", lang, "report", "--help").out
    rate = run("--lang", lang, "rate", "--help").out
    assert all(value in report for value in ("nam", "so-ket", "tong-ket"))
    assert all(value in rate for value in ("to-chuc-dang", "co-quan"))


def test_the_config_reads_the_same_words(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    text = config_file.read_text(encoding="utf-8")
    assert "rating: {of: agency, at_least: tot}" in text
    text = text.replace("rating: {of: agency, at_least: tot}", "rating: {of: Cơ quan, at_least: tot}")
    text += "schedules:\n  - {id: so-ket, cron: yearly, report: {kind: Sơ kết}}\n"
    config_file.write_text(text, encoding="utf-8")
    result = run("--config", str(config_file), "init")
    assert result.code == 0, result.err
    bad = text.replace("kind: Sơ kết", "kind: giua-ky")
    config_file.write_text(bad, encoding="utf-8")
    refused = run("--config", str(config_file), "init")
    assert refused.code == 2 and len(refused.err.strip().splitlines()) == 1
    assert "schedules[0].report.kind: 'giua-ky' is not accepted; accepted: nam (yearly)" in refused.err


@pytest.mark.usefixtures("vietnamese")
def test_units_say_their_kind_in_words(units) -> None:  # type: ignore[no-untyped-def]
    table = units("units").out
    assert "Đảng bộ cơ sở" in table and "Chi bộ cơ sở" in table
    assert "dang-bo-co-so" not in table and "chi-bo-co-so" not in table
    assert "Grassroots Party cell" in units("units", "--lang", "en").out
    listed = json.loads(units("units", "--format", "json").out)["units"]
    assert [u["kind"] for u in listed] == ["dang-bo-co-so", "dang-bo-co-so", "chi-bo-co-so"]  # as stored
