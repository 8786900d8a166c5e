"""The status rules and explanations on worked examples a reader can check by hand."""

from __future__ import annotations

import pytest

from tracker.evaluate import (
    Comparator,
    Figure,
    Goal,
    Measure,
    Rule,
    Status,
    assess,
    explain,
    figure,
    percent_of_target,
    percent_text,
    projection,
    rests_on_estimate,
    rule_text,
    status_word,
)

TERM = (2021, 2022, 2023, 2024, 2025)
T07 = Goal(Rule.TERM_TOTAL, Comparator.AT_LEAST, 750, TERM)
T08 = Goal(Rule.YEARLY_AVERAGE, Comparator.AT_LEAST, 150, TERM)
T01 = Goal(Rule.EACH_YEAR, Comparator.AT_LEAST, 90, TERM)
T02 = Goal(Rule.EACH_YEAR, Comparator.AT_LEAST, 20, TERM)
T03 = Goal(Rule.EACH_YEAR, Comparator.MORE_THAN, 85, TERM)
T05 = Goal(Rule.EACH_YEAR, Comparator.AT_LEAST, 100, TERM)
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
    assert explain(T07, Measure.COUNT, "members", assess(T07, figures, 2025), "en") == (
        "Term total 740 members (98.7% of target), target at least 750 members"
    )


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
    gap = assess(T01, full, 2024)
    assert gap.status is Status.ON_TRACK and gap.flagged and gap.missing_years == (2023,)
    text = explain(T01, Measure.SHARE, "", gap, "vi")
    assert text.endswith("thiếu số liệu năm 2023")


def test_each_year_with_a_gap_once_the_term_is_over_has_incomplete_figures() -> None:
    gap = assess(T01, {2021: 95.0, 2022: 92.0, 2024: 96.0, 2025: 94.0}, 2025)
    assert gap.status is Status.INCOMPLETE and gap.flagged and gap.missing_years == (2023,)
    assert explain(T01, Measure.SHARE, "", gap, "vi") == (
        "Các năm có số liệu (4 năm) đều đạt chỉ tiêu từ 90% trở lên; năm thấp nhất đạt 92% (2022); "
        "nhiệm kỳ đã kết thúc nhưng thiếu số liệu năm 2023"
    )
    assert explain(T01, Measure.SHARE, "", gap, "en") == (
        "Every year with a figure (4) reached the target of at least 90%; weakest year 92% (2022); "
        "the term is over without figures for 2023"
    )
    assert status_word(gap.status, "vi") == "Chưa đủ số liệu"
    assert status_word(gap.status, "en") == "Incomplete figures"


def test_each_year_missed_explanation_lists_failing_years_with_vietnamese_decimals() -> None:
    result = assess(T01, {2021: 90.5, 2022: 88.1, 2023: 89.25}, 2023)
    assert explain(T01, Measure.SHARE, "", result, "vi") == (
        "Năm 2022 đạt 88,1%, năm 2023 đạt 89,25%, chỉ tiêu từ 90% trở lên"
    )
    assert explain(T01, Measure.SHARE, "", result, "en") == "2022: 88.1%, 2023: 89.25%, target at least 90%"


def test_a_missed_year_reads_as_figures_and_target_and_of_target_is_that_year() -> None:
    """The issue's T02: missed in 2022 at 19,05% of 20%, though 2021 and 2023 were above it."""
    result = assess(T02, {2021: 21.43, 2022: 19.05, 2023: 23.26}, 2023)
    assert status_word(result.status, "vi") == "Không đạt"
    assert explain(T02, Measure.SHARE, "", result, "vi") == "Năm 2022 đạt 19,05%, chỉ tiêu từ 20% trở lên"
    assert explain(T02, Measure.SHARE, "", result, "en") == "2022: 19.05%, target at least 20%"
    assert percent_text(T02, result, "vi") == "đạt 95,3% kế hoạch (năm 2022)"
    assert percent_text(T02, result, "en") == "95.3% of target (2022)"
    assert percent_of_target(T02, result) == pytest.approx(95.25)


def test_strictly_more_is_said_in_words() -> None:
    result = assess(T03, {2021: 88.2, 2022: 84.9}, 2022)
    assert explain(T03, Measure.SHARE, "", result, "vi") == "Năm 2022 đạt 84,9%, chỉ tiêu trên 85%"
    assert explain(T03, Measure.SHARE, "", result, "en") == "2022: 84.9%, target more than 85%"


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
    """The Bloc was merged in 2025: its last figures may never come."""
    short = assess(T07, {2021: 200, 2022: 200, 2023: 200}, 2025)
    assert short.status is Status.INCOMPLETE  # 600 of 750: two more years could still bring 150
    assert short.missing_years == (2024, 2025) and short.flagged
    assert explain(T07, Measure.COUNT, "đảng viên", short, "vi") == (
        "Cả nhiệm kỳ 600 đảng viên (80% kế hoạch), chỉ tiêu từ 750 đảng viên trở lên; "
        "nhiệm kỳ đã kết thúc nhưng thiếu số liệu năm 2024, 2025"
    )
    reached = assess(T07, {2021: 300, 2022: 300, 2023: 200}, 2025)
    assert reached.status is Status.MET  # figures only add: 800 stays over 750
    failed = assess(T01, {2021: 95.0, 2022: 85.0}, 2025)
    assert failed.status is Status.MISSED  # 2022 failed, whatever 2023-2025 say
    average = assess(T08, {2021: 160, 2022: 170, 2023: 150}, 2025)
    assert average.status is Status.INCOMPLETE  # 480 of 750
    assert assess(T08, {2021: 300, 2022: 300, 2023: 200}, 2025).status is Status.MET
    last = assess(FINAL, {2021: 90.0, 2022: 100.0, 2023: 100.0}, 2025)
    assert last.status is Status.INCOMPLETE
    assert explain(FINAL, Measure.SHARE, "", last, "en") == (
        "2023: 100%, target at least 100%; the term is over without figures for 2024, 2025"
    )


def test_as_of_the_last_year_a_do_less_target_with_gaps_is_incomplete_or_missed() -> None:
    cap = Goal(Rule.TERM_TOTAL, Comparator.AT_MOST, 10, TERM)
    assert assess(cap, {2021: 2, 2022: 1}, 2025).status is Status.INCOMPLETE  # more may come
    assert assess(cap, {2021: 8, 2022: 5}, 2025).status is Status.MISSED  # already over
    average_cap = Goal(Rule.YEARLY_AVERAGE, Comparator.LESS_THAN, 3, TERM)
    assert assess(average_cap, {2021: 2, 2022: 1}, 2025).status is Status.INCOMPLETE
    assert assess(average_cap, {2021: 9, 2022: 8}, 2025).status is Status.MISSED  # 17 > 15 already


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
    assert (
        explain(T07, Measure.COUNT, "đảng viên", result, "vi") == "Lũy kế 800/750 đảng viên (106,7% kế hoạch)"
    )
    assert percent_text(T07, result, "vi") == "đạt 106,7% kế hoạch"


def test_a_share_says_its_value_against_the_target_and_never_reads_as_reached() -> None:
    above = assess(T01, {2021: 91.67, 2022: 95.0}, 2022)
    assert percent_text(T01, above, "vi", Measure.SHARE, Figure(91.67, 11, 12)) == (
        "đạt 91,67% (11/12) (năm 2021), vượt chỉ tiêu"
    )
    at = assess(T03, {2021: 85.0}, 2021)  # "trên 85%": 85% is not above it
    assert at.status is Status.MISSED
    assert percent_text(T03, at, "vi", Measure.SHARE) == "đạt 85% (năm 2021), chưa đạt chỉ tiêu"
    nearly = assess(T05, {2021: 99.9999}, 2021)  # "100%" would read as a pass beside "Không đạt"
    assert percent_text(T05, nearly, "en", Measure.SHARE) == "99.9999% (2021), short of the target"
    assert explain(T05, Measure.SHARE, "", nearly, "en").startswith("2021: 99.9999%, target at least 100%")
    last = Goal(Rule.FINAL_VALUE, Comparator.AT_LEAST, 100, TERM)
    ended = assess(last, dict.fromkeys(TERM, 99.99999), 2025)
    assert explain(last, Measure.SHARE, "", ended, "vi") == "Năm 2025 đạt 99,99999%, chỉ tiêu từ 100% trở lên"
    assert percent_text(T01, assess(T01, {2021: 0.0}, 2021), "vi", Measure.SHARE, Figure(0.0, 0, 10)) == (
        "không có trường hợp nào đạt (0/10), chưa đạt chỉ tiêu"
    )
    more = Goal(Rule.TERM_TOTAL, Comparator.MORE_THAN, 100, TERM)
    assert percent_text(more, assess(more, dict.fromkeys(TERM, 20.0), 2025), "vi") == ""  # exactly 100%


def test_counts_of_people_are_whole_numbers_but_an_average_keeps_its_decimal() -> None:
    pace = assess(T07, {2021: 160, 2022: 150}, 2022)  # (750 - 310) / 3 = 146,7 a year
    assert explain(T07, Measure.COUNT, "đảng viên", pace, "vi") == (
        "Lũy kế 310 đảng viên; tiến độ cần đạt đến 2022: 300; cần 147 đảng viên/năm trong "
        "3 năm còn lại; năm cao nhất đạt 160 (2021)"
    )
    behind = assess(T08, {2021: 160, 2022: 170, 2023: 119}, 2023)  # 149,7 a year: not yet 150
    assert explain(T08, Measure.COUNT, "members", behind, "en") == (
        "Average 149.7 members/year over 3 years, target at least 150 members a year; "
        "needs 151 members/year in the 2 years left; best year 170 (2022)"
    )
    ahead = assess(T08, {2021: 160, 2022: 170, 2023: 121}, 2023)  # 150,3 a year
    assert explain(T08, Measure.COUNT, "members", ahead, "en").startswith("Average 150.3 members/year")
    edge = assess(T08, {2021: 150, 2022: 150, 2023: 149.9}, 2023)  # 149,97: one decimal would read 150
    assert explain(T08, Measure.COUNT, "members", edge, "en").startswith("Average 149.97 members/year")
    cap = Goal(Rule.TERM_TOTAL, Comparator.AT_MOST, 10, TERM)  # (10 - 3) / 3 = 2,3 a year at most
    allowed = explain(cap, Measure.COUNT, "cases", assess(cap, {2021: 2, 2022: 1}, 2022), "en")
    assert "pace required by 2022: at most 4; needs at most 2 cases/year" in allowed
    more = Goal(Rule.TERM_TOTAL, Comparator.MORE_THAN, 100, TERM)  # more than 100 in 5 years
    strict = explain(more, Measure.COUNT, "classes", assess(more, {2021: 20, 2022: 20}, 2022), "en")
    assert "pace required by 2022: 41; needs 21 classes/year" in strict  # more than 40, more than 20


def test_a_verdict_on_an_estimate_says_so() -> None:
    met = assess(T01, dict.fromkeys(TERM, 95.0), 2025)
    assert rests_on_estimate(T01, met, {2025})
    assert not rests_on_estimate(T01, met, set())
    assert status_word(met.status, "vi", estimate=True) == "Dự ước đạt"
    assert status_word(met.status, "en", estimate=True) == "Met (estimate)"
    assert status_word(met.status, "vi") == "Đạt"
    missed = assess(T01, {2021: 95.0, 2022: 85.0, 2023: 88.0}, 2023)
    assert rests_on_estimate(T01, missed, {2022, 2023})
    assert not rests_on_estimate(T01, missed, {2023})  # 2022 is official and failed: missed for sure
    assert status_word(missed.status, "vi", True) == "Dự ước không đạt"
    on_track = assess(T01, {2021: 95.0}, 2021)
    assert not rests_on_estimate(T01, on_track, {2021})  # a pace, not a verdict
    assert status_word(on_track.status, "vi", estimate=True) == "Đúng tiến độ"
    final = assess(FINAL, {2024: 90.0, 2025: 100.0}, 2025)
    assert rests_on_estimate(FINAL, final, {2025}) and not rests_on_estimate(FINAL, final, {2024})
    total = assess(T07, {2021: 300, 2022: 300, 2023: 200}, 2023)
    assert rests_on_estimate(T07, total, {2022})
