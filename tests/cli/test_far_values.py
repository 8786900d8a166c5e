"""A figure far from its own last years: `record` and `confirm` keep it and warn on stderr,
`enter` keeps it only when typed again, `import` (and its dry run) lists it as a warning; the
rule's thresholds are config keys (`checks:`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_enter import answers, typed
from tests.cli.test_vietnamese import english_left
from tests.helpers import default_config_text
from tracker.config._parse import parse_config
from tracker.errors import ConfigError

pytestmark = pytest.mark.usefixtures("vietnamese")


def values(run, code: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """The current figures of a target, the committee's and its units': "2023" or "SYT 2023"."""
    figures = json.loads(run("export", "--format", "json").out)["figures"]
    return {
        (f"{f['unit']} " if f["unit"] else "") + str(f["year"]): f["value"]
        for f in figures
        if f["code"] == code
    }


def warnings(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.err.splitlines() if line.startswith("tracker: ")]


def test_record_keeps_a_far_count_and_warns_with_the_history(tracker) -> None:  # type: ignore[no-untyped-def]
    for year, value in (("2021", "110"), ("2022", "120"), ("2023", "115")):
        assert tracker("record", "T07", year, value).err == ""  # near each other: no warning
    result = tracker("record", "T07", "2024", "1200")
    assert result.code == 0 and "đã ghi T07 2024: 1.200" in result.out
    assert warnings(result) == [
        "tracker: cảnh báo: T07 2024: 1.200 gấp hơn 5 lần mức thường thấy của toàn Đảng bộ là 115 "
        "(2021: 110; 2022: 120; 2023: 115); số liệu đã được ghi; nếu nhầm, hãy sửa bằng --amend --reason"
    ]
    assert values(tracker, "T07")["2024"] == 1200
    again = tracker("record", "T07", "2024", "1200")  # nothing stored: nothing to warn of
    assert again.code == 0 and again.err == ""
    fixed = tracker("--lang", "en", "record", "T07", "2024", "120", "--amend", "--reason", "typo")
    assert fixed.code == 0 and fixed.err == "" and values(tracker, "T07")["2024"] == 120


def test_a_units_far_share_is_judged_on_the_units_own_history(units) -> None:  # type: ignore[no-untyped-def]
    units("record", "T03", "2022", "38/42", "--unit", "SYT")
    units("record", "T03", "2022", "1/42")  # the committee's own: not the unit's history
    result = units("--lang", "en", "record", "T03", "2023", "1/42", "--unit", "SYT")
    assert result.code == 0, result.err
    assert warnings(result) == [
        "tracker: warning: T03 (unit SYT) 2023: 2.38% (1/42) is 88.1 percentage points below the unit's "
        "usual figure, 90.48% (2022: 90.48%); it was recorded; if it is a mistake, correct it with "
        "--amend --reason"
    ]
    other = units("record", "T03", "2023", "1/42", "--unit", "SGD")  # no history of its own
    assert other.code == 0 and other.err == ""


def test_confirm_warns_of_a_far_official_figure(tracker) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2022", "150")
    tracker("record", "T07", "2023", "160", "--provisional")
    result = tracker("--lang", "en", "confirm", "T07", "2023", "1600")
    assert result.code == 0 and "confirmed T07 2023" in result.out
    assert "1,600 is more than 5 times the committee's usual figure, 150 (2022: 150)" in result.err


def test_enter_keeps_a_far_figure_only_when_typed_again(tracker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2021", "150")
    tracker("record", "T07", "2022", "160")
    given = answers(T07="1650")
    at = given.index("1650")
    typed(monkeypatch, *given[: at + 1], "1.650", *given[at + 1 :], "c")
    result = tracker("enter", "2023")
    assert result.code == 0, result.err
    assert (
        "  Khác xa các năm trước: T07 2023: 1.650 gấp hơn 5 lần mức thường thấy của toàn Đảng bộ là 155 "
        "(2021: 150; 2022: 160)" in result.out
    )
    assert "Nhập lại 1.650 để giữ số liệu này, hoặc nhập số liệu đúng (Enter: hỏi lại):" in result.out
    assert "Đã lưu 1 số liệu năm 2023." in result.out
    assert values(tracker, "T07")["2023"] == 1650
    assert not [line for line in result.out.splitlines() if english_left(line)]


def test_enter_asks_again_when_the_far_figure_is_not_confirmed(tracker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T01", "2022", "38/42")
    given = answers(T01="1/42")
    # Enter at the confirmation asks afresh; a figure typed instead is checked as a new answer
    typed(monkeypatch, "1/42", "", "2/42", "39/42", *given[1:], "y")
    result = tracker("enter", "2023", "--lang", "en")
    assert result.code == 0, result.err
    assert result.out.count("Far from the last years: T01 2023: ") == 2
    assert "2.38% (1/42) is 88.1 percentage points below the committee's usual figure, 90.48%" in result.out
    assert result.out.count("Figure for 2023: ") == len(answers()) + 1  # T01's asked again after Enter
    assert "Saved 1 figure for 2023." in result.out
    assert values(tracker, "T01")["2023"] == pytest.approx(92.857, abs=0.01)


def test_enter_stores_nothing_when_the_far_figure_is_left(tracker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2022", "160")
    given = answers(T07="1600")
    at = given.index("1600")
    typed(monkeypatch, *given[: at + 1], "", "", *given[at + 1 :])  # Enter, then Enter skips
    result = tracker("enter", "2023")
    assert result.code == 0 and "Không có số liệu mới; không lưu gì." in result.out
    assert "2023" not in values(tracker, "T07")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_import_dry_run_lists_far_values_as_warnings(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    units("record", "T07", "2021", "12", "--unit", "SYT")
    units("record", "T07", "2022", "14", "--unit", "SYT")
    path = write(
        tmp_path / "so-lieu.csv",
        "code,unit,year,value\nT07,SYT,2023,140\nT07,SGD,2022,30\nT07,SGD,2023,3\nT03,SYT,2023,38/42\n",
    )
    result = units("--lang", "en", "import", str(path), "--dry-run")
    assert result.code == 0, result.err
    assert "+ row 2: T07 (unit SYT) 2023: 140" in result.out and "dry run: nothing was saved" in result.out
    assert warnings(result) == [
        "tracker: warning: row 2: T07 (unit SYT) 2023: 140 is more than 5 times the unit's usual "
        "figure, 13 (2021: 12; 2022: 14)",
        # the file's own earlier row is the history of the next one
        "tracker: warning: row 4: T07 (unit SGD) 2023: 3 is less than 1/5 of the unit's usual figure, "
        "30 (2022: 30)",
        "tracker: warning: 2 figures are far from their last years: check them before importing",
    ]
    assert "2023" not in " ".join(values(units, "T07"))


def test_a_real_import_stores_far_values_and_says_so(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    units("record", "T07", "2022", "14", "--unit", "SYT")
    first = write(tmp_path / "a.csv", "code,unit,year,value\nT07,SYT,2023,140\n")
    second = write(tmp_path / "b.csv", "code,unit,year,value\nT07,SYT,2024,60\n")
    result = units("import", str(first), str(second))
    assert result.code == 0, result.err
    assert warnings(result) == [
        "tracker: cảnh báo: a.csv: dòng 2: T07 (đơn vị SYT) 2023: 140 gấp hơn 5 lần mức thường thấy của "
        "đơn vị là 14 (2022: 14)",
        "tracker: cảnh báo: 1 số liệu khác xa các năm trước đã được nhập: nếu có số liệu nhầm, hãy sửa "
        "bằng --amend --reason",
    ]
    assert values(units, "T07") == {"SYT 2022": 14, "SYT 2023": 140, "SYT 2024": 60}
    assert not [line for line in result.err.splitlines() if english_left(line)]


def test_an_import_with_problems_is_refused_without_warnings(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    units("record", "T07", "2022", "14", "--unit", "SYT")
    path = write(tmp_path / "x.csv", "code,unit,year,value\nT07,SYT,2023,140\nT99,SYT,2023,1\n")
    result = units("import", str(path), "--dry-run")
    assert result.code == 2 and "T99" in result.err and "cảnh báo" not in result.err


def test_the_thresholds_are_config_keys(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2022", "100")
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(text + "checks: {far_factor: 2, far_min_count: 0}\n", encoding="utf-8")
    assert "gấp hơn 2 lần" in tracker("record", "T07", "2023", "250").err
    config_file.write_text(text + "checks: {far_factor: 50}\n", encoding="utf-8")
    assert tracker("record", "T07", "2024", "2000").err == ""


@pytest.mark.parametrize(
    ("checks", "says"),
    [
        ("{far_factor: 1}", "checks.far_factor: phải lớn hơn 1"),
        ("{far_factor: '5'}", "checks.far_factor: phải là một số"),
        ("{far_points: 0}", "checks.far_points: phải lớn hơn 0"),
        ("{far_points: 101}", "checks.far_points: tối đa là 100"),
        ("{far_min_count: -1}", "checks.far_min_count: phải từ 0 trở lên"),
        ("{far_min_count: 2.5}", "checks.far_min_count: phải là số nguyên"),
        ("{far_facter: 5}", "checks.far_facter: khóa không có trong cấu hình (có phải là 'far_factor'?)"),
    ],
)
def test_a_bad_threshold_is_one_clear_line(checks: str, says: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(default_config_text() + f"checks: {checks}\n")
    assert len(caught.value.problems) == 1
    assert says in caught.value.problems[0], caught.value.problems


def test_the_default_rule_is_five_times_thirty_points_ten() -> None:
    rule = parse_config(default_config_text()).checks.far_rule
    assert (rule.factor, rule.points, rule.min_count) == (5, 30, 10)
