"""`tracker record` and `tracker history`: every figure kept, every bad input refused cleanly."""

from __future__ import annotations

import json

import pytest


def current(tracker, code: str) -> dict:  # type: ignore[no-untyped-def]
    data = json.loads(tracker("status", "--format", "json").out)
    return next(t for t in data["targets"] if t["code"] == code)


def history_rows(tracker) -> int:  # type: ignore[no-untyped-def]
    out = tracker("history", "--lang", "en").out
    return sum(1 for line in out.splitlines() if line.startswith("│ T"))


def test_record_accepts_the_ways_people_type_figures(tracker) -> None:  # type: ignore[no-untyped-def]
    assert tracker("record", "T07", "2021", "162").code == 0
    assert tracker("record", "T03", "2021", "90,5").code == 0
    assert tracker("record", "T04", "2021", "22.5%").code == 0
    result = tracker("record", "T01", "2021", "38/42", "--note", "Báo cáo 12-BC", "--by", "Lan")
    assert result.code == 0 and "recorded T01 2021: 90.48% (38/42), revision 1, by Lan at " in result.out
    data = json.loads(tracker("status", "--format", "json").out)
    figures = {t["code"]: t["figures"] for t in data["targets"]}
    assert figures["T07"] == {"2021": 162}
    assert figures["T03"] == {"2021": 90.5}
    assert figures["T04"] == {"2021": 22.5}
    assert figures["T01"] == {"2021": 90.4762}
    assert next(t for t in data["targets"] if t["code"] == "T01")["counts"] == {"2021": [38, 42]}


def test_by_defaults_to_the_operating_system_user(tracker, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("getpass.getuser", lambda: "vanphong")
    assert "by vanphong" in tracker("record", "T07", "2021", "162").out


def test_amend_adds_a_revision_and_history_shows_who_when_why(tracker) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2022", "165", "--provisional", "--by", "Lan")
    result = tracker(
        "record", "T07", "2022", "170", "--amend", "--reason", "Số liệu chính thức", "--by", "Hà"
    )
    assert result.code == 0 and "corrected T07 2022: 170, revision 2" in result.out
    assert current(tracker, "T07")["figures"] == {"2022": 170}
    assert current(tracker, "T07")["provisional_years"] == []
    history = tracker("history", "T07", "--year", "2022", "--lang", "vi").out
    assert "165" in history and "dự ước" in history and "Lan" in history
    assert "170" in history and "Hà" in history and "Số liệu chính thức" in history


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("T99", "2021", "5"), "unknown target code 'T99'; valid codes: T01, T02"),
        (("T07", "2019", "5"), "year 2019 is outside the reporting years 2021-2025"),
        (("T07", "2021", "many"), "'many' is not a number"),
        (("T07", "2021", "-3"), "cannot be negative"),
        (("T07", "2021", "150.5"), "counts a whole number"),
        (("T07", "2021", "3/4"), "not a fraction"),
        (("T01", "2021", "101"), "a share is a percentage from 0 to 100"),
        (("T01", "2021", "43/42"), "numerator cannot be larger than the denominator"),
        (("T01", "2021", "5/0"), "the denominator of '5/0' is zero"),
        (("T07", "2021", "5", "--amend", "--reason", "typo"), "T07 2021 has no figure to correct"),
        (("T07", "2021", "5", "--reason", "typo"), "--reason goes with --amend"),
        (("T07", "2021", "5", "--by", "  "), "--by cannot be empty: say who records the figure"),
        (("T07", "2021", "5", "--by", "x" * 129), "--by: 129 characters; at most 128 are accepted"),
        (("T07", "2021", "5", "--note", "x" * 4001), "--note: 4,001 characters; at most 4,000 are accepted"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(tracker, args, says) -> None:  # type: ignore[no-untyped-def]
    result = tracker("record", *args)
    assert result.code == 2
    assert says in result.err
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert history_rows(tracker) == 0


def test_an_existing_figure_is_shown_and_not_overwritten(tracker) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2021", "160")
    result = tracker("record", "T07", "2021", "170")
    assert result.code == 2
    assert "T07 2021 already has a figure: 160, revision 1" in result.err
    assert "--amend --reason" in result.err
    assert current(tracker, "T07")["figures"] == {"2021": 160}


@pytest.mark.parametrize(
    ("reason", "says"),
    [
        (None, "--amend needs --reason"),
        ("", "--reason: the value is empty"),
        ("   ", "--amend needs --reason"),
    ],
)
def test_amend_needs_a_reason(tracker, reason, says) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2021", "160")
    args = ["record", "T07", "2021", "170", "--amend"] + ([] if reason is None else ["--reason", reason])
    result = tracker(*args)
    assert result.code == 2 and says in result.err
    assert history_rows(tracker) == 1


def test_history_filters_and_bad_filters(tracker) -> None:  # type: ignore[no-untyped-def]
    assert "no figures recorded yet" in tracker("history").out
    assert "chưa có số liệu nào được ghi" in tracker("history", "--lang", "vi").out
    tracker("record", "T07", "2021", "160")
    tracker("record", "T01", "2022", "95")
    out = tracker("history", "T01").out
    assert "T01" in out and "T07" not in out
    assert tracker("history", "T42").code == 2
    assert "outside the reporting years" in tracker("history", "--year", "2030").err
