"""The words a report judges its targets with: a yearly report's verdict on its year, the
requirement in words, the mid-term review's words (tracker/reporting/_verdicts.py)."""

from __future__ import annotations

import pytest

from tracker.evaluate import Comparator, Figure, Goal, Measure, Rule, assess
from tracker.reporting._verdicts import (
    kind_word,
    requirement,
    year_percent,
    year_summary,
    year_verdict,
    year_word,
)
from tracker.status import TargetStatus
from tracker.status._targets import YearFigure
from tracker.store import Target

YEARS = (2021, 2022, 2023, 2024, 2025)


def target(
    rule: Rule,
    comparator: Comparator,
    threshold: float,
    figures: dict[int, float],
    *,
    measure: Measure = Measure.SHARE,
    unit: str = "",
    provisional: tuple[int, ...] = (),
    as_of: int = 2023,
) -> TargetStatus:
    record = Target(
        id=1, resolution_id=1, code="T01", position=1, title="Chỉ tiêu", title_en="Target",
        measure=measure.value, rule=rule.value, comparator=comparator.value, threshold=threshold,
        source_kind="quoted", unit=unit,
    )  # fmt: skip
    goal = Goal(rule, comparator, threshold, YEARS)
    shown = {y: YearFigure(Figure(v, provisional=y in provisional), 1) for y, v in figures.items()}
    return TargetStatus(record, goal, measure, "vi", shown, assess(goal, figures, as_of), "")


@pytest.mark.parametrize(
    ("rule", "comparator", "threshold", "measure", "unit", "words"),
    [  # "đv": đảng viên
        (Rule.EACH_YEAR, Comparator.AT_LEAST, 90, Measure.SHARE, "", "Từ 90% trở lên/năm"),
        (Rule.EACH_YEAR, Comparator.MORE_THAN, 85, Measure.SHARE, "", "Trên 85%/năm"),
        (Rule.EACH_YEAR, Comparator.AT_LEAST, 100, Measure.SHARE, "", "100%/năm"),
        (Rule.TERM_TOTAL, Comparator.AT_LEAST, 750, Measure.COUNT, "đv", "Từ 750 đv trở lên trong nhiệm kỳ"),
        (Rule.YEARLY_AVERAGE, Comparator.AT_LEAST, 15, Measure.COUNT, "đv", "Bình quân từ 15 đv trở lên/năm"),
        (Rule.FINAL_VALUE, Comparator.AT_LEAST, 100, Measure.SHARE, "", "Đến cuối nhiệm kỳ đạt 100%"),
        (Rule.EACH_YEAR, Comparator.AT_MOST, 2, Measure.COUNT, "vụ", "Không quá 2 vụ/năm"),
    ],
)  # fmt: skip
def test_the_requirement_is_written_in_words_not_signs(  # type: ignore[no-untyped-def]
    vietnamese, rule, comparator, threshold, measure, unit, words
) -> None:
    assert requirement(target(rule, comparator, threshold, {}, measure=measure, unit=unit)) == words


def test_a_yearly_report_judges_its_year_not_the_weakest_year_of_the_term(vietnamese) -> None:  # type: ignore[no-untyped-def]
    t02 = target(Rule.EACH_YEAR, Comparator.AT_LEAST, 20, {2021: 25, 2022: 16.67, 2023: 25})
    assert kind_word(t02, "final") == "Không đạt"  # the term: 2022 missed it
    verdict = year_verdict(t02, 2023)
    assert (verdict.reached, year_word(verdict, "vi")) == (True, "Đạt")
    assert year_percent(verdict, "vi") == "đạt 25%, vượt chỉ tiêu"  # of 2023, not "(năm 2022)"
    assert verdict.line == "Năm 2023 đạt 25% (kế hoạch: từ 20% trở lên)"  # a share: no "% kế hoạch"


def test_a_term_total_plans_its_share_of_one_year(vietnamese) -> None:  # type: ignore[no-untyped-def]
    t07 = target(
        Rule.TERM_TOTAL, Comparator.AT_LEAST, 750, {2021: 160, 2022: 170, 2023: 110},
        measure=Measure.COUNT, unit="đảng viên",
    )  # fmt: skip
    verdict = year_verdict(t07, 2023)
    assert (verdict.reached, year_percent(verdict, "vi")) == (False, "đạt 73,3% kế hoạch")
    assert verdict.line == "Năm 2023 đạt 110 đảng viên, bằng 73,3% kế hoạch (từ 150 đảng viên trở lên)"
    assert year_word(year_verdict(t07, 2022), "vi") == "Đạt"


def test_an_estimate_and_a_missing_year_are_said(vietnamese) -> None:  # type: ignore[no-untyped-def]
    t03 = target(Rule.EACH_YEAR, Comparator.MORE_THAN, 85, {2023: 90.1}, provisional=(2023,))
    assert year_word(year_verdict(t03, 2023), "vi") == "Dự ước đạt"
    assert year_word(year_verdict(t03, 2022), "vi") == "Chưa có số liệu"
    fewer = target(Rule.EACH_YEAR, Comparator.AT_MOST, 2, {2023: 3}, measure=Measure.COUNT, unit="vụ")
    assert year_verdict(fewer, 2023).line == "Năm 2023 đạt 3 vụ (kế hoạch: không quá 2 vụ)"


def test_the_year_summary_counts_the_targets_with_a_figure_that_year(vietnamese) -> None:  # type: ignore[no-untyped-def]
    met = target(Rule.EACH_YEAR, Comparator.AT_LEAST, 20, {2023: 25})
    missed = target(Rule.EACH_YEAR, Comparator.AT_LEAST, 90, {2023: 83.33})
    estimate = target(Rule.EACH_YEAR, Comparator.AT_LEAST, 90, {2023: 91}, provisional=(2023,))
    none = target(Rule.EACH_YEAR, Comparator.AT_LEAST, 90, {2022: 91})
    verdicts = [year_verdict(t, 2023) for t in (met, missed, estimate, none)]
    assert year_summary(verdicts, 2023, "vi") == (
        "Năm 2023 có 2/3 chỉ tiêu đạt và vượt; 1 chỉ tiêu không đạt; 1 chỉ tiêu chưa có số liệu năm 2023; "
        "1 chỉ tiêu đánh giá theo số liệu dự ước"
    )
    assert year_summary([year_verdict(none, 2023)], 2023, "vi") == "Chưa có chỉ tiêu nào có số liệu năm 2023"


def test_the_mid_term_review_says_on_pace_or_not_yet(vietnamese) -> None:  # type: ignore[no-untyped-def]
    behind = target(
        Rule.TERM_TOTAL, Comparator.AT_LEAST, 750, {2021: 160, 2022: 170, 2023: 110}, measure=Measure.COUNT
    )
    on_track = target(Rule.EACH_YEAR, Comparator.AT_LEAST, 20, {2021: 25, 2022: 25, 2023: 25})
    assert (kind_word(behind, "midterm"), kind_word(on_track, "midterm")) == ("Chưa đạt", "Đạt tiến độ")
    assert (kind_word(behind, "final"), kind_word(on_track, "final")) == ("Chậm tiến độ", "Đúng tiến độ")
