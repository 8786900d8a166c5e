"""A year's figure is honest about where it comes from: a roll-up of only some of the units is
partial and judged as a missing year; a committee figure against its units' ratings is a
discrepancy said in words; a figure never reads as meeting a threshold it misses.

The `units` config has three units: SYT, SGD (from 2022) and CBX (to 2023): 2021 expects two,
2022 and 2023 three."""

from __future__ import annotations

import json
from typing import Any

import pytest


def target(units, code: str, *args: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    result = units("status", "--format", "json", *args)
    assert result.code == 0, result.err
    return next(t for t in json.loads(result.out)["targets"] if t["code"] == code)  # type: ignore[no-any-return]


def record(units, *args: str) -> None:  # type: ignore[no-untyped-def]
    result = units("record", *args)
    assert result.code == 0, result.err


def test_a_roll_up_of_some_units_is_partial_and_judged_as_a_missing_year(units, vietnamese) -> None:  # type: ignore[no-untyped-def]
    record(units, "T07", "2021", "160")
    record(units, "T07", "2022", "41", "--unit", "SYT")  # 1 of the 3 units of 2022
    t07 = target(units, "T07")
    assert t07["figures"] == {"2021": 160, "2022": 41}  # shown, with where it comes from
    assert t07["partial_years"] == {"2022": {"reported": 1, "expected": 3}}
    assert t07["missing_years"] == [2022] and t07["flagged"]
    assert t07["status"] == "incomplete"  # not "off_track" on a third of the units' figures
    assert "năm 2022 chưa đủ số liệu: tổng hợp từ 1/3 đơn vị" in t07["explanation"]
    table = units("status", "T07", "T08").out
    assert "41 (tổng hợp từ 1/3 đơn vị)" in table and "Chưa đủ số liệu" in table and "Khó đạt" not in table
    detail = units("status", "T07").out
    assert "tổng hợp từ đơn vị" in detail  # where the year comes from, not "revision 0"
    record(units, "T07", "2022", "100", "--unit", "SGD")
    record(units, "T07", "2022", "30", "--unit", "CBX")
    whole = target(units, "T07")
    assert whole["figures"]["2022"] == 171 and whole["partial_years"] == {} and whole["missing_years"] == []
    assert whole["status"] == "on_track"


def test_a_partial_count_that_already_reaches_a_total_is_met(units) -> None:  # type: ignore[no-untyped-def]
    record(units, "T07", "2021", "500")
    record(units, "T07", "2022", "300", "--unit", "SYT")  # 800 of 750 whatever the others add
    t07 = target(units, "T07")
    assert t07["status"] == "met" and t07["partial_years"] == {"2022": {"reported": 1, "expected": 3}}


def test_unrated_units_leave_a_rating_year_partial(units, vietnamese) -> None:  # type: ignore[no-untyped-def]
    for unit in ("SYT", "SGD"):
        assert units("rate", unit, "2022", "tot", "--of", "agency").code == 0
    t01 = target(units, "T01", "--year", "2022")
    assert t01["figures"]["2022"] == 100 and t01["counts"]["2022"] == [2, 2]
    assert t01["partial_years"] == {"2022": {"reported": 2, "expected": 3}}
    assert t01["status"] == "incomplete"  # CBX could still bring it to 66,67%
    assert "năm 2022 chưa đủ số liệu: 2/3 đơn vị đã xếp loại" in t01["explanation"]
    assert "100% (2/2) (2/3 đơn vị đã xếp loại)" in units("status", "T01", "--year", "2022").out
    assert units("rate", "CBX", "2022", "hoan-thanh", "--of", "agency").code == 0
    whole = target(units, "T01", "--year", "2022")
    assert whole["status"] == "missed" and whole["partial_years"] == {} and whole["counts"]["2022"] == [2, 3]


def test_a_partial_rating_year_that_cannot_reach_the_level_is_missed(units) -> None:  # type: ignore[no-untyped-def]
    for unit in ("SYT", "SGD"):
        assert units("rate", unit, "2022", "hoan-thanh", "--of", "agency").code == 0
    t01 = target(units, "T01", "--year", "2022")  # at most 1 of 3 good, whatever CBX's rating
    assert t01["status"] == "missed" and t01["partial_years"] == {"2022": {"reported": 2, "expected": 3}}


def test_a_committee_figure_against_the_ratings_is_a_discrepancy_in_words(units, vietnamese) -> None:  # type: ignore[no-untyped-def]
    for unit, level in (("SYT", "tot"), ("SGD", "tot"), ("CBX", "xuat-sac")):
        assert units("rate", unit, "2022", level, "--of", "agency").code == 0
    record(units, "T01", "2022", "88,7")
    t01 = target(units, "T01", "--year", "2022")
    assert t01["figures"]["2022"] == 88.7 and t01["flagged"]
    assert t01["discrepancy"] == {"recorded": 88.7, "rolled_up": 100}
    said = "số liệu toàn Đảng bộ ghi 88,7%, khác tỷ lệ theo kết quả xếp loại các đơn vị là 100%"
    assert said in t01["explanation"]
    for args in (("T01",), ("T01", "--units"), ()):
        out = " ".join(units("status", *args, "--year", "2022").out.split())
        assert "88,7%" in out and "khác tỷ lệ theo kết quả xếp loại" in out


def test_a_committee_figure_beside_a_partial_sum_is_no_discrepancy(units) -> None:  # type: ignore[no-untyped-def]
    record(units, "T07", "2022", "12", "--unit", "CBX")
    record(units, "T07", "2022", "150")
    assert target(units, "T07")["discrepancy"] is None  # the others' figures are still to come
    record(units, "T07", "2022", "200", "--unit", "SYT")  # 212 from two units: more than 150
    assert target(units, "T07")["discrepancy"] == {"recorded": 150, "rolled_up": 212}


def test_a_trong_do_target_judges_no_unit(units) -> None:  # type: ignore[no-untyped-def]
    for unit in ("SYT", "SGD", "CBX"):
        assert units("rate", unit, "2022", "tot", "--of", "agency").code == 0
    t02 = target(units, "T02", "--year", "2022")  # "trong đó 20% xuất sắc": a share of the whole
    assert t02["lagging_units"] == [] and t02["status"] == "missed"


def test_a_strict_target_at_its_threshold_never_reads_as_reached(units, vietnamese) -> None:  # type: ignore[no-untyped-def]
    record(units, "T03", "2021", "85")  # "trên 85%"
    out = " ".join(units("status", "T03").out.split())
    assert "Không đạt" in out and "đạt 85% (năm 2021), chưa đạt chỉ tiêu" in out
    assert "100% kế hoạch" not in out and "100%" not in out


def test_a_figure_is_never_rounded_into_a_pass(units, vietnamese) -> None:  # type: ignore[no-untyped-def]
    record(units, "T05", "2021", "999999/1000000")  # "100%" of party organisations
    out = units("status").out
    assert "99,9999%" in out and "Không đạt" in out
    t05 = target(units, "T05")
    assert t05["status"] == "missed"


@pytest.mark.parametrize("typed", ["99.99999999999999999", "99,999999999999999999%", "12.1234567890123456"])
def test_a_figure_with_more_digits_than_can_be_kept_is_refused(units, typed: str) -> None:  # type: ignore[no-untyped-def]
    result = units("record", "T05", "2021", typed)
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert "has more digits than a figure keeps (at most 15 significant digits)" in result.err
    assert units("history").out.startswith("no figures recorded yet")


def test_history_of_a_rating_target_says_where_its_years_come_from(units) -> None:  # type: ignore[no-untyped-def]
    assert units("rate", "SYT", "2022", "tot", "--of", "agency").code == 0
    out = " ".join(units("history", "T01").out.split())
    assert "rated as an agency" in out and "no figures recorded yet" not in out
    assert (
        "T01: a year the committee recorded no figure of is the share of the units rated as agencies" in out
    )
