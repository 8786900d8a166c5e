"""A figure far from its own history (tracker/evaluate/_outliers.py): examples, the words, and
the properties of the rule (no history is never far, the usual figure itself is never far, a
count's verdict does not depend on its scale)."""

from __future__ import annotations

from fractions import Fraction
from statistics import median

from hypothesis import given
from hypothesis import strategies as st

from tracker.evaluate import Far, FarRule, Measure, compared_history, far_from, far_words

RULE = FarRule()  # 5 times, 30 points, counts under 10 ignored
COUNT, SHARE = Measure.COUNT, Measure.SHARE
HISTORY = {2021: 110.0, 2022: 120.0, 2023: 115.0}


def test_a_count_ten_times_the_usual_one_is_far_with_its_history() -> None:
    far = far_from(1200, COUNT, HISTORY, 2024, RULE)
    assert far is not None and far.above and far.usual == 115
    assert far.history == ((2021, 110), (2022, 120), (2023, 115))
    assert far.ratio is not None and round(far.ratio, 2) == 10.43


def test_a_count_under_a_fifth_is_far_below() -> None:
    far = far_from(20, COUNT, HISTORY, 2024, RULE)
    assert far is not None and not far.above


def test_counts_within_the_factor_are_not_far() -> None:
    assert far_from(575, COUNT, HISTORY, 2024, RULE) is None  # exactly 5 times: not more
    assert far_from(23, COUNT, HISTORY, 2024, RULE) is None  # exactly a fifth: not less


def test_tiny_counts_are_never_far() -> None:
    assert far_from(9, COUNT, {2023: 1}, 2024, RULE) is None
    assert far_from(50, COUNT, {2023: 1}, 2024, RULE) is not None  # only one of the two is tiny
    assert far_from(0, COUNT, {2023: 40}, 2024, RULE) is not None


def test_a_share_far_from_the_usual_one_by_more_than_the_points() -> None:
    far = far_from(1, SHARE, {2021: 90, 2022: 88, 2023: 91}, 2024, RULE)
    assert far is not None and not far.above and far.points == -89
    assert far_from(60, SHARE, {2023: 90}, 2024, RULE) is None  # 30 points exactly
    assert far_from(59.9, SHARE, {2023: 90}, 2024, RULE) is not None


def test_the_history_is_the_last_three_earlier_years_with_a_figure() -> None:
    history = {2019: 1.0, 2020: 1000.0, 2021: 110.0, 2022: 120.0, 2023: 115.0, 2025: 5.0}
    assert compared_history(history, 2024) == ((2021, 110), (2022, 120), (2023, 115))
    assert far_from(1200, COUNT, {2025: 100}, 2024, RULE) is None  # later years are not history


def test_the_rule_comes_from_the_config() -> None:
    assert far_from(400, COUNT, HISTORY, 2024, FarRule(factor=3)) is not None
    assert far_from(1200, COUNT, HISTORY, 2024, FarRule(factor=20)) is None
    assert far_from(70, SHARE, {2023: 90}, 2024, FarRule(points=10)) is not None
    assert far_from(9, COUNT, {2023: 1}, 2024, FarRule(min_count=0)) is not None


def test_the_words_in_both_languages() -> None:
    far = far_from(1200, COUNT, HISTORY, 2024, RULE)
    assert far is not None
    assert far_words(far, RULE, True, "en") == (
        "1,200 is more than 5 times the unit's usual figure, 115 (2021: 110; 2022: 120; 2023: 115)"
    )
    assert far_words(far, RULE, False, "vi") == (
        "1.200 gấp hơn 5 lần mức thường thấy của toàn Đảng bộ là 115 (2021: 110; 2022: 120; 2023: 115)"
    )
    share = far_from(1, SHARE, {2022: 90.5, 2023: 88}, 2024, RULE)
    assert share is not None
    assert far_words(share, RULE, True, "vi", "1% (1/100)") == (
        "1% (1/100) thấp hơn 88,25 điểm phần trăm so với mức thường thấy của đơn vị là 89,25% "
        "(2022: 90,5%; 2023: 88%)"
    )
    below = far_from(10, COUNT, HISTORY, 2024, FarRule(factor=2.5))
    assert below is not None
    assert far_words(below, FarRule(factor=2.5), True, "vi").startswith("10 chưa bằng 1/2,5 mức thường thấy")


counts = st.integers(min_value=0, max_value=10**9)
years = st.dictionaries(st.integers(2000, 2023), counts, max_size=6)
shares = st.floats(min_value=0, max_value=100, allow_nan=False)
rules = st.builds(
    FarRule,
    factor=st.floats(min_value=1.01, max_value=100),
    points=st.floats(min_value=0.1, max_value=100),
    min_count=st.integers(0, 1000),
)


@given(st.floats(min_value=0, max_value=1e12), st.sampled_from(Measure), rules)
def test_no_history_is_never_far(value: float, measure: Measure, rule: FarRule) -> None:
    assert far_from(value, measure, {}, 2024, rule) is None


@given(st.dictionaries(st.integers(2000, 2023), counts, min_size=1, max_size=6), rules)
def test_a_count_equal_to_its_usual_figure_is_never_far(history: dict[int, int], rule: FarRule) -> None:
    usual = median(Fraction(v) for _y, v in compared_history(history, 2024))
    assert far_from(float(usual), COUNT, history, 2024, rule) is None


@given(st.dictionaries(st.integers(2000, 2023), shares, min_size=1, max_size=6), rules)
def test_a_share_equal_to_its_usual_figure_is_never_far(history: dict[int, float], rule: FarRule) -> None:
    usual = median(Fraction(v) for _y, v in compared_history(history, 2024))
    assert far_from(float(usual), SHARE, history, 2024, rule) is None


@given(counts, years, st.integers(1, 1000), rules)
def test_a_counts_verdict_does_not_depend_on_its_scale(
    value: int, history: dict[int, int], scale: int, rule: FarRule
) -> None:
    """A thousand times every count is far exactly when the counts were (the tiny ones aside)."""
    plain = FarRule(rule.factor, rule.points, 0)
    found = far_from(value, COUNT, history, 2024, plain)
    scaled = far_from(value * scale, COUNT, {y: v * scale for y, v in history.items()}, 2024, plain)
    assert (found is None) == (scaled is None)
    if isinstance(found, Far) and isinstance(scaled, Far):
        assert found.above == scaled.above and found.history == tuple(
            (y, v / scale) for y, v in scaled.history
        )


@given(shares, st.dictionaries(st.integers(2000, 2023), shares, min_size=1, max_size=6), rules)
def test_a_share_is_far_exactly_when_more_than_the_points_from_the_median(
    value: float, history: dict[int, float], rule: FarRule
) -> None:
    usual = median(Fraction(v) for _y, v in compared_history(history, 2024))
    far = far_from(value, SHARE, history, 2024, rule)
    assert (far is not None) == (abs(Fraction(value) - usual) > Fraction(rule.points))
    if far is not None:
        assert far.above == (value > usual)
