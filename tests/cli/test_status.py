"""`tracker status` and `tracker targets`: the table, the JSON document, --check, --year."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.usefixtures("vietnamese")  # what the office sees: the config's language

JSON_KEYS = {
    "code", "title", "measure", "rule", "comparator", "threshold", "unit", "source", "status",
    "flagged", "missing_years", "figures", "provisional_years", "counts", "explanation", "estimate",
    "percent_of_target", "units_reported", "units_expected", "lagging_units", "missing_units", "discrepancy",
    "part_of", "figures_from", "partial_years",
}  # fmt: skip


def status_json(tracker, *args: str) -> dict:  # type: ignore[no-untyped-def]
    result = tracker("status", "--format", "json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def by_code(data: dict) -> dict:
    return {t["code"]: t for t in data["targets"]}


def test_json_document_shape(tracker) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2021", "160")
    data = status_json(tracker)
    assert data["as_of"] == 2021
    assert data["resolution"]["code"] == "DHIX-DUK-DB"
    assert data["resolution"]["reporting_years"] == [2021, 2022, 2023, 2024, 2025]
    assert len(data["targets"]) == 11
    assert all(set(t) == JSON_KEYS for t in data["targets"])
    t07 = by_code(data)["T07"]
    assert (t07["status"], t07["flagged"], t07["threshold"], t07["comparator"]) == (
        "on_track",
        False,
        750,
        ">=",
    )
    assert (by_code(data)["T02"]["part_of"], by_code(data)["T08"]["figures_from"]) == ("T01", "T07")
    assert by_code(data)["T08"]["figures"] == {"2021": 160}  # T07's
    t11 = by_code(data)["T11"]
    assert t11["status"] == "no_data" and t11["flagged"] and t11["missing_years"] == [2021]
    assert t11["source"]["kind"] == "inferred"


def test_as_of_defaults_to_latest_year_with_a_figure_and_ignores_later_years(tracker) -> None:  # type: ignore[no-untyped-def]
    for year, value in (("2021", "160"), ("2022", "170"), ("2023", "110")):
        tracker("record", "T07", year, value)
    assert status_json(tracker)["as_of"] == 2023
    as_of_2022 = by_code(status_json(tracker, "--year", "2022"))["T07"]
    assert as_of_2022["figures"] == {"2021": 160, "2022": 170}
    assert as_of_2022["status"] == "on_track"
    t07 = by_code(status_json(tracker))["T07"]
    assert t07["status"] == "at_risk"
    assert t07["explanation"].startswith("Lũy kế 440 đảng viên; tiến độ cần đạt đến 2023: 450")


def test_check_exits_1_only_when_a_target_is_flagged(tracker) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2021", "160")
    assert tracker("status", "T07", "--check").code == 0
    assert tracker("status", "--check").code == 1  # other targets miss 2021
    tracker("record", "T01", "2021", "80")
    assert tracker("status", "T01", "--check").code == 1


def test_table_shows_words_figures_marks_and_explanations(tracker) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T01", "2021", "38/42", "--provisional")
    tracker("record", "T02", "2021", "18,5")
    out = tracker("status").out
    assert "90,48%*" in out and "dự ước" in out
    assert "! Không đạt" in out and "Năm 2021 đạt 18,5%, chỉ tiêu từ 20% trở lên" in out
    assert "Chưa có số liệu" in out and "T11 †" in out
    english = tracker("status", "--lang", "en").out
    assert "Missed" in english and "2021: 18.5%, target at least 20%" in english


def test_one_code_shows_the_target_in_detail(tracker) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T01", "2021", "38/42")
    out = tracker("status", "T01").out
    assert "Hàng năm có ít nhất 90% cơ quan, đơn vị" in out
    assert "90,48% (38/42)" in out and "Điện Biên TV, 18/08/2020" in out
    out11 = tracker("status", "t11", "--lang", "en").out
    assert "INFERRED" in out11


def test_status_bad_options(tracker) -> None:  # type: ignore[no-untyped-def]
    for args, says in (
        (("--year", "2030"), "năm 2030 nằm ngoài các năm báo cáo 2021-2025"),
        (("--format", "xml"), "không có định dạng 'xml'; chỉ nhận: table, json"),
        (("--lang", "fr"), "không có ngôn ngữ 'fr'; chỉ nhận: vi, en"),
        (("T99",), "không có mã chỉ tiêu 'T99'"),
    ):
        result = tracker("status", *args)
        assert result.code == 2 and says in result.err and len(result.err.splitlines()) == 1


def test_targets_lists_rules_in_words(tracker) -> None:  # type: ignore[no-untyped-def]
    out = tracker("targets").out
    assert "≥ 90% mỗi năm" in out and "≥ 750 cả nhiệm kỳ" in out and "> 85% mỗi năm" in out
    assert "≥ 150 bình quân mỗi năm" in out and "SUY LUẬN" in out
    assert "≥ 750 over the term" in tracker("targets", "--lang", "en").out


def test_a_narrow_terminal_stacks_figures_and_explanations(tracker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for year, value in (("2021", "160"), ("2022", "170"), ("2023", "110")):
        tracker("record", "T07", year, value)
    monkeypatch.setenv("COLUMNS", "80")
    out = tracker("status").out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "2021: 160 · 2022: 170 · 2023: 110" in out
    assert "! Chậm tiến độ" in out and "Lũy kế 440 đảng viên" in out
    assert "Chưa có số liệu" in out and "T11 †" in out
