"""The status rules and explanations on worked examples a reader can check by hand."""

from __future__ import annotations

import pytest

from tracker.evaluate import Comparator, Goal, Measure, Rule, Status, assess, explain, projection
from tracker.evaluate.wording import figure, rule_text

TERM = (2021, 2022, 2023, 2024, 2025)
T07 = Goal(Rule.TERM_TOTAL, Comparator.AT_LEAST, 750, TERM)
T08 = Goal(Rule.YEARLY_AVERAGE, Comparator.AT_LEAST, 150, TERM)
T01 = Goal(Rule.EACH_YEAR, Comparator.AT_LEAST, 90, TERM)
T03 = Goal(Rule.EACH_YEAR, Comparator.MORE_THAN, 85, TERM)
FINAL = Goal(Rule.FINAL_VALUE, Comparator.AT_LEAST, 100, TERM)


@pytest.mark.parametrize(
    ("figures", "status"),
    [
        ({2021: 160, 2022: 170, 2023: 150}, Status.ON_TRACK),  # 480 >= 450
        ({2021: 160, 2022: 170, 2023: 110}, Status.AT_RISK),  # needs 155 <= best 170
        ({2021: 150, 2022: 140, 2023: 130}, Status.OFF_TRACK),  # needs 165 > best 150
        ({2021: 300, 2022: 300, 2023: 200}, Status.MET),  # 800 >= 750 already
        ({}, Status.NO_DATA),
    ],
)
def test_term_total_statuses_as_of_2023(figures: dict[int, float], status: Status) -> None:
    assert assess(T07, figures, 2023).status is status


def test_term_total_missed_only_when_no_year_is_left() -> None:
    figures = {2021: 150, 2022: 150, 2023: 150, 2024: 150, 2025: 140}
    assert assess(T07, figures, 2025).status is Status.MISSED
    assert assess(T07, figures, 2024).status is Status.ON_TRACK


def test_term_total_explanation_names_reached_pace_need_and_best_year() -> None:
    result = assess(T07, {2021: 160, 2022: 170, 2023: 110}, 2023)
    vi = explain(T07, Measure.COUNT, "đảng viên", result, "vi")
    assert vi == (
        "Lũy kế 440 đảng viên; tiến độ cần đạt đến 2023: 450; cần 155 đảng viên/năm trong "
        "2 năm còn lại; năm cao nhất đạt 170 (2022)"
    )
    en = explain(T07, Measure.COUNT, "members", result, "en")
    assert "Total so far 440 members" in en and "needs 155 members/year in the 2 years left" in en


def test_yearly_average_uses_elapsed_years_and_the_term() -> None:
    result = assess(T08, {2021: 160, 2022: 170, 2023: 110}, 2023)
    assert result.status is Status.AT_RISK
    assert result.needed_per_year == pytest.approx(155)
    final = assess(T08, dict.fromkeys(TERM, 150.0), 2025)
    assert final.status is Status.MET


def test_strict_comparator_rejects_the_threshold_itself() -> None:
    assert assess(T03, {2021: 85.0}, 2021).status is Status.MISSED
    assert assess(T03, {2021: 85.01}, 2021).status is Status.ON_TRACK


def test_each_year_met_needs_every_year_and_flags_a_gap() -> None:
    full = dict.fromkeys(TERM, 95.0)
    assert assess(T01, full, 2025).status is Status.MET
    del full[2023]
    gap = assess(T01, full, 2025)
    assert gap.status is Status.ON_TRACK and gap.flagged and gap.missing_years == (2023,)
    text = explain(T01, Measure.SHARE, "", gap, "vi")
    assert text.endswith("thiếu số liệu năm 2023")


def test_each_year_missed_explanation_lists_failing_years_with_vietnamese_decimals() -> None:
    result = assess(T01, {2021: 90.5, 2022: 88.1, 2023: 89.25}, 2023)
    assert explain(T01, Measure.SHARE, "", result, "vi") == "Không đạt ≥ 90% năm 2022 (88,1%), 2023 (89,25%)"
    assert explain(T01, Measure.SHARE, "", result, "en") == "Missed ≥ 90% in 2022 (88.1%), 2023 (89.25%)"


def test_final_value_follows_the_straight_line_trend() -> None:
    rising = {2021: 70.0, 2022: 80.0, 2023: 88.0}
    assert projection(rising, 2025) == pytest.approx(106.33, abs=0.01)
    assert assess(FINAL, rising, 2023).status is Status.AT_RISK
    assert assess(FINAL, {2021: 60.0, 2022: 62.0, 2023: 65.0}, 2023).status is Status.OFF_TRACK
    assert assess(FINAL, {2021: 100.0}, 2021).status is Status.ON_TRACK
    assert assess(FINAL, {2024: 90.0, 2025: 100.0}, 2025).status is Status.MET


def test_a_term_cut_short_is_judged_on_its_own_years() -> None:
    short = Goal(Rule.TERM_TOTAL, Comparator.AT_LEAST, 750, (2021, 2022, 2023, 2024))
    result = assess(short, {2021: 200, 2022: 200, 2023: 200, 2024: 150}, 2024)
    assert result.status is Status.MET


def test_a_term_whose_last_years_have_no_figures() -> None:
    result = assess(T07, {2021: 200, 2022: 200, 2023: 200}, 2025)
    assert result.status is Status.MISSED
    assert result.missing_years == (2024, 2025) and result.flagged


def test_do_less_total_is_missed_as_soon_as_it_is_exceeded() -> None:
    cap = Goal(Rule.TERM_TOTAL, Comparator.AT_MOST, 10, TERM)
    assert assess(cap, {2021: 2, 2022: 1}, 2022).status is Status.ON_TRACK
    assert assess(cap, {2021: 8, 2022: 5}, 2022).status is Status.MISSED
    assert assess(cap, dict.fromkeys(TERM, 2.0), 2025).status is Status.MET


def test_vietnamese_and_english_number_formats() -> None:
    assert figure(1200, Measure.COUNT, "vi") == "1.200"
    assert figure(1200, Measure.COUNT, "en") == "1,200"
    assert figure(90.5, Measure.SHARE, "vi") == "90,5%"
    assert figure(99.16, Measure.SHARE, "vi") == "99,16%"
    assert rule_text(T01, Measure.SHARE, "vi") == "≥ 90% mỗi năm"
    assert rule_text(T07, Measure.COUNT, "vi") == "≥ 750 cả nhiệm kỳ"
    assert rule_text(T03, Measure.SHARE, "en") == "> 85% each year"


def test_met_total_shows_percent_of_target() -> None:
    result = assess(T07, {2021: 300, 2022: 300, 2023: 200}, 2023)
    assert explain(T07, Measure.COUNT, "đảng viên", result, "vi") == "Đạt 800/750 đảng viên (106,7% kế hoạch)"
