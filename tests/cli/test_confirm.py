"""`tracker confirm CODE YEAR [VALUE]`: an estimate (dự ước) becomes the official figure as a
new revision; status and history show the change."""

from __future__ import annotations

import json
from typing import Any

import pytest


def target(tracker, code: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    data = json.loads(tracker("status", "--format", "json").out)
    return next(t for t in data["targets"] if t["code"] == code)  # type: ignore[no-any-return]


def test_confirm_keeps_the_estimate_and_its_counts(tracker, vietnamese) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T01", "2023", "38/42", "--provisional", "--note", "Dự ước", "--source", "12-BC")
    assert "90,48%*" in tracker("status").out  # an estimate is marked in the table (* dự ước)
    assert target(tracker, "T01")["provisional_years"] == [2023]
    result = tracker("confirm", "T01", "2023", "--by", "Hà")
    assert result.code == 0, result.err
    assert "đã xác nhận T01 2023: 90,48% (38/42), lần ghi 2, người ghi Hà, lúc " in result.out
    found = target(tracker, "T01")
    assert found["provisional_years"] == [] and found["counts"] == {"2023": [38, 42]}
    history = tracker("history", "T01").out
    assert "Xác nhận số liệu chính thức" in history and "12-BC" in history


def test_confirm_with_the_official_value_and_a_reason(tracker) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2023", "160", "--provisional")
    result = tracker(
        "confirm", "t07", "2023", "165", "--reason", "Báo cáo 25-BC/ĐUK", "--source", "25-BC/ĐUK"
    )
    assert result.code == 0 and "confirmed T07 2023: 165, revision 2" in result.out
    assert target(tracker, "T07")["figures"] == {"2023": 165}
    assert "Báo cáo 25-BC/ĐUK" in tracker("history", "T07").out


def test_confirm_follows_the_configured_language(tracker, config_file) -> None:  # type: ignore[no-untyped-def]
    text = config_file.read_text(encoding="utf-8").replace("\nlanguage: vi", "\nlanguage: en", 1)
    config_file.write_text(text, encoding="utf-8")
    tracker("record", "T07", "2023", "160", "--provisional")
    assert tracker("confirm", "T07", "2023").code == 0
    assert "Confirmed as the official figure" in tracker("history", "T07").out


@pytest.mark.parametrize(
    ("setup", "args", "says"),
    [
        ([], ("T07", "2023"), "T07 2023 has no figure to confirm"),
        ([("T07", "2023", "160")], ("T07", "2023"), "T07 2023 is already official: 160, revision 1"),
        ([("T07", "2023", "160", "--provisional")], ("T07", "2023", "150.5"), "counts a whole number"),
        ([("T07", "2023", "160", "--provisional")], ("T07", "2023", "-5"), "cannot be negative"),
        ([], ("T99", "2023"), "unknown target code 'T99'"),
        ([], ("T07", "2030"), "outside the reporting years"),
    ],
)
def test_what_cannot_be_confirmed(tracker, setup, args, says) -> None:  # type: ignore[no-untyped-def]
    for figure in setup:
        tracker("record", *figure)
    result = tracker("confirm", *args)
    assert result.code == 2 and says in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "revision 2" not in tracker("history", "--lang", "en").out


def test_an_imported_estimate_is_confirmed(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "du-uoc.csv"
    path.write_text("code,year,value,provisional\nT07,2023,140,có\n", encoding="utf-8")
    assert tracker("import", str(path)).code == 0
    assert target(tracker, "T07")["provisional_years"] == [2023]
    assert tracker("confirm", "T07", "2023", "145").code == 0
    assert target(tracker, "T07")["figures"] == {"2023": 145}
    assert target(tracker, "T07")["provisional_years"] == []
