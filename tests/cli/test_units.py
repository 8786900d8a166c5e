"""Units end to end: `tracker init` loads them, `tracker units` lists them, `tracker record
--unit` stores a unit's figure through the one revision writer, and `tracker status` rolls the
units' figures up, names the lagging and missing units and shows a discrepancy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def entries(units) -> int:  # type: ignore[no-untyped-def]
    return len([line for line in units("history").out.splitlines() if line.startswith("│")])


def test_init_applies_unit_changes_and_refuses_to_delete_a_unit_with_figures(units) -> None:  # type: ignore[no-untyped-def]
    config: Path = units.config
    config.write_text(
        config.read_text(encoding="utf-8")
        + "  - {code: SXD, name: Chi bộ Sở Xây dựng, kind: chi-bo-co-so}\n",
        encoding="utf-8",
    )
    assert "+ unit SXD added" in units("init").out
    assert units("init").out.endswith("no changes\n")
    config.write_text(
        config.read_text(encoding="utf-8").replace("to_year: 2023", "to_year: 2024"), encoding="utf-8"
    )
    assert "~ unit CBX changed: to_year: 2023 -> 2024" in units("init").out
    assert units("record", "T07", "2022", "12", "--unit", "CBX").code == 0
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - {code: CBX, name: Chi bộ Công ty X, kind: chi-bo-co-so, to_year: 2024}\n", ""),
        encoding="utf-8",
    )
    refused = units("init")
    assert refused.code == 2
    assert refused.err.strip().splitlines() == [
        "tracker: error: unit CBX (1 figure) is no longer in the config but has recorded figures; it was not "
        "deleted and nothing was changed: put it back and set its to_year instead"
    ]
    config.write_text(
        text.replace(
            "  - {code: SGD, name: Đảng bộ Sở Giáo dục, kind: dang-bo-co-so, from_year: 2022}\n", ""
        ),
        encoding="utf-8",
    )
    assert "- unit SGD removed" in units("init").out


def test_units_lists_every_unit_with_what_it_reported(units) -> None:  # type: ignore[no-untyped-def]
    units("record", "T03", "2022", "38/42", "--unit", "SYT")
    units("record", "T07", "2022", "12", "--unit", "SYT")
    table = units("units").out
    assert "Đảng bộ Sở Y tế" in table and "2/11" in table and "2022-" in table
    listed = json.loads(units("units", "--format", "json", "--year", "2022").out)
    assert listed["as_of"] == 2022
    assert [(u["code"], u["reported"], u["expected"]) for u in listed["units"]] == [
        ("SYT", 2, True),
        ("SGD", 0, True),
        ("CBX", 0, True),
    ]
    assert (
        json.loads(units("units", "--format", "json", "--year", "2021").out)["units"][1]["expected"] is False
    )
    assert "Đơn vị" in units("units", "--lang", "vi").out


def test_a_unit_figure_is_recorded_corrected_and_confirmed_per_target_unit_and_year(units) -> None:  # type: ignore[no-untyped-def]
    first = units("record", "T03", "2022", "38/42", "--unit", "syt", "--provisional")
    assert first.code == 0 and first.out.startswith(
        "recorded T03 (unit SYT) 2022: 90.48% (38/42) (provisional), revision 1"
    )
    assert (
        units("record", "T03", "2022", "20/21", "--unit", "CBX").code == 0
    )  # another unit: its own revision 1
    assert units("record", "T03", "2022", "40/42").out.startswith(
        "recorded T03 2022: 95.24% (40/42), revision 1"
    )
    again = units("record", "T03", "2022", "39/42", "--unit", "SYT")
    assert again.code == 2 and "T03 (unit SYT) 2022 already has a figure: 90.48% (38/42)" in again.err
    corrected = units(
        "record",
        "T03",
        "2022",
        "39/42",
        "--unit",
        "SYT",
        "--amend",
        "--reason",
        "Chính thức",
        "--provisional",
    )
    assert "corrected T03 (unit SYT) 2022: 92.86% (39/42) (provisional), revision 2" in corrected.out
    confirmed = units("confirm", "T03", "2022", "--unit", "SYT")
    assert (
        confirmed.code == 0 and "confirmed T03 (unit SYT) 2022: 92.86% (39/42), revision 3" in confirmed.out
    )
    history = units("history", "T03").out
    assert "Unit" in history and "SYT" in history and "CBX" in history


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("T03", "2022", "38/42", "--unit", "SYX"),
            "unknown unit 'SYX'; did you mean: SYT? (`tracker units` lists them)",
        ),
        (("T03", "2021", "9/10", "--unit", "SGD"), "unit SGD does not exist in 2021 (its years: 2022-)"),
        (("T03", "2024", "9/10", "--unit", "CBX"), "unit CBX does not exist in 2024 (its years: -2023)"),
        (
            ("T03", "2022", "90,5", "--unit", "SYT"),
            "T03 (unit SYT) 2022: a unit's share is given as its counts, e.g. 38/42, not '90,5'",
        ),
        (("T03", "2022", "90%", "--unit", "SYT"), "a percentage alone cannot be added"),
    ],
)
def test_a_bad_unit_figure_is_refused_in_one_line_and_nothing_is_written(units, args, message) -> None:  # type: ignore[no-untyped-def]
    result = units("record", *args)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and message in result.err, result.err
    assert units("history").out.startswith("no figures recorded yet")


def test_status_rolls_the_units_up_and_names_who_lags(units) -> None:  # type: ignore[no-untyped-def]
    units("record", "T03", "2022", "39/42", "--unit", "SYT")
    units("record", "T03", "2022", "10/20", "--unit", "CBX", "--provisional")
    units("record", "T07", "2022", "12", "--unit", "CBX")
    units("record", "T07", "2022", "150")
    found = {t["code"]: t for t in json.loads(units("status", "--format", "json").out)["targets"]}
    t03, t07, t04 = found["T03"], found["T07"], found["T04"]
    assert t03["figures"] == {"2022": 79.0323} and t03["counts"] == {"2022": [49, 62]}
    assert t03["provisional_years"] == [2022]  # an estimate of a unit makes the roll-up one
    assert (t03["units_reported"], t03["units_expected"]) == (2, 3)
    assert t03["lagging_units"] == [{"code": "CBX", "name": "Chi bộ Công ty X", "figure": 50, "quota": None}]
    assert t03["missing_units"] == ["SGD"] and t03["discrepancy"] is None
    assert t07["figures"] == {"2022": 150}  # the committee's own figure counts
    assert t07["discrepancy"] is None  # 1 of 3 units: its 12 says nothing against the 150 recorded
    assert t07["lagging_units"] == []  # a count is judged per unit only against a quota
    assert t04["units_reported"] is None and t04["discrepancy"] is None
    table = units("status", "T03", "--units").out
    lines = [line for line in table.splitlines() if line.startswith("│")]
    assert [line.split("│")[1].strip() for line in lines] == ["CBX", "SYT", "SGD", ""]
    assert "no, lagging" in lines[0] and "missing" in lines[2] and "79.03% (49/62)" in lines[3]


def test_status_without_units_is_as_before(tracker) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2022", "150")
    found = json.loads(tracker("status", "--format", "json").out)["targets"][6]
    assert (
        found["figures"] == {"2022": 150} and found["units_reported"] is None and found["lagging_units"] == []
    )
