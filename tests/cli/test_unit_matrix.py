"""`tracker status --units` without a code: every unit × every target with unit figures for
the as-of year, the units lagging most first; marks that read without colour."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def reported(units):  # type: ignore[no-untyped-def]
    """2023: SYT 8/10 on T03 (below 90%) and 12 on T07; SGD 10/10 on T03 and nothing on T07;
    CBX (to 2023) 5 on T07 and nothing on T03. In 2024 CBX no longer exists."""
    for args in (
        ("T03", "2023", "8/10", "--unit", "SYT"),
        ("T07", "2023", "12", "--unit", "SYT"),
        ("T03", "2023", "10/10", "--unit", "SGD"),
        ("T07", "2023", "5", "--unit", "CBX"),
        ("T03", "2024", "9/10", "--unit", "SGD"),
    ):
        result = units("record", *args)
        assert result.code == 0, result.err
    return units


def rows(text: str) -> list[list[str]]:
    """The cells of every row of the tables, without their heads (the line after the top)."""
    lines = text.splitlines()
    heads = {number + 1 for number, line in enumerate(lines) if line.startswith("┌")}
    return [
        [c.strip() for c in line.split("│")[1:-1]]
        for number, line in enumerate(lines)
        if line.startswith("│") and number not in heads
    ]


def test_the_matrix_puts_lagging_units_first_and_marks_figures_and_missing_ones(reported) -> None:  # type: ignore[no-untyped-def]
    result = reported("status", "--units", "--year", "2023", "--lang", "en")
    assert result.code == 0, result.err
    assert rows(result.out) == [
        ["SYT", "Đảng bộ Sở Y tế", "80% !", "12"],
        ["SGD", "Đảng bộ Sở Giáo dục", "100%", "—"],
        ["CBX", "Chi bộ Công ty X", "—", "5"],
        ["", "All units", "90%", "17"],
    ]
    assert "T03" in result.out and "T07" in result.out and "T04" not in result.out
    words = " ".join(result.out.split())
    assert "Units × targets, 2023: 3 units, 1 with a figure below the threshold" in words
    assert "! below the target's threshold" in words and "—: not reported" in words


def test_a_unit_that_does_not_exist_that_year_has_blank_cells_in_vietnamese(reported) -> None:  # type: ignore[no-untyped-def]
    result = reported("status", "--units", "--year", "2024", "--lang", "vi")
    assert result.code == 0, result.err
    assert rows(result.out) == [
        ["SYT", "Đảng bộ Sở Y tế", "—", "—"],
        ["SGD", "Đảng bộ Sở Giáo dục", "90%", "—"],
        ["CBX", "Chi bộ Công ty X", "", ""],
        ["", "Tất cả đơn vị", "90%", "—"],
    ]
    assert "Đơn vị × chỉ tiêu, năm 2024" in result.out and "chưa báo cáo" in result.out


def test_the_matrix_as_json(reported) -> None:  # type: ignore[no-untyped-def]
    found = json.loads(reported("status", "--units", "--year", "2023", "--format", "json").out)
    assert found["as_of"] == 2023 and found["targets"] == ["T03", "T07"]
    assert [(u["code"], u["lagging"], u["missing"]) for u in found["units"]] == [
        ("SYT", 1, 0),
        ("SGD", 0, 1),
        ("CBX", 0, 1),
    ]
    syt = found["units"][0]
    assert syt["name"] == "Đảng bộ Sở Y tế" and syt["expected"] is True
    assert syt["cells"]["T03"] == {
        "expected": True,
        "reported": True,
        "value": 80,
        "numerator": 8,
        "denominator": 10,
        "provisional": False,
        "lagging": True,
        "level": None,
    }
    assert found["units"][1]["cells"]["T07"]["reported"] is False
    assert found["totals"]["T03"] == {
        "value": 90,
        "numerator": 18,
        "denominator": 20,
        "provisional": False,
        "units": 2,
    }
    later = json.loads(reported("status", "--units", "--year", "2024", "--format", "json").out)
    cbx = later["units"][-1]
    assert cbx["code"] == "CBX" and cbx["expected"] is False and cbx["cells"]["T03"]["expected"] is False


def test_the_matrix_splits_its_targets_on_a_narrow_terminal(reported, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "40")
    text = reported("status", "--units", "--year", "2023", "--lang", "vi").out
    assert max(len(line) for line in text.splitlines()) <= 40
    tables = [rows(part) for part in text.split("Đơn vị × chỉ tiêu")[1:]]
    assert [[row[2] for row in table] for table in tables] == [
        ["80% !", "100%", "—", "90%"],
        ["12", "—", "5", "17"],
    ]


def test_the_matrix_of_chosen_targets_and_without_any_unit_figure(units) -> None:  # type: ignore[no-untyped-def]
    nothing = units("status", "--units", "--lang", "vi").out.strip()
    assert nothing == "Chưa có đơn vị nào báo cáo số liệu của chỉ tiêu nào."
    assert units("record", "T03", "2023", "8/10", "--unit", "SYT").code == 0
    assert units("record", "T07", "2023", "3", "--unit", "SYT").code == 0
    chosen = rows(units("status", "T07", "T04", "--units", "--lang", "vi").out)
    assert chosen == [  # the missing before the reported; T04 has no unit figure, so no column
        ["SGD", "Đảng bộ Sở Giáo dục", "—"],
        ["CBX", "Chi bộ Công ty X", "—"],
        ["SYT", "Đảng bộ Sở Y tế", "3"],
        ["", "Tất cả đơn vị", "3"],
    ]


LEVEL_CELLS = [("en", "good", "fulfilled !"), ("vi", "tốt", "hoàn thành !")]


@pytest.mark.parametrize(("lang", "good", "done"), LEVEL_CELLS)
def test_a_rating_targets_cells_are_the_units_levels(units, lang: str, good: str, done: str) -> None:  # type: ignore[no-untyped-def]
    """T01 is counted from the agencies' ratings at `tot` or better: SGD rated tốt meets it,
    SYT rated hoàn thành does not, CBX is not rated."""
    for args in (("SGD", "2023", "tot", "--of", "agency"), ("SYT", "2023", "hoan-thanh", "--of", "agency")):
        assert units("rate", *args).code == 0
    cells = {row[0]: row[2] for row in rows(units("status", "--units", "--year", "2023", "--lang", lang).out)}
    assert cells["SYT"] == done and cells["SGD"] == good and cells["CBX"] == "—"
    found = json.loads(units("status", "--units", "--year", "2023", "--format", "json").out)
    syt = next(u for u in found["units"] if u["code"] == "SYT")
    assert syt["cells"]["T01"]["level"] == "hoan-thanh" and syt["cells"]["T01"]["lagging"] is True
    assert found["totals"]["T01"]["numerator"] == 1 and found["totals"]["T01"]["denominator"] == 2
