"""Property tests of the roll-up of units' figures into the committee's (evaluate/rollup.py).

Each strategy builds cases that meet the property's premise by construction, so every
generated case reaches the assertion."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from tracker.evaluate import Comparator, Figure, Measure, exists_in, from_sums, meets, roll_up
from tracker.evaluate._rollup import expected_years, sums_of


@st.composite
def share(draw, at_least: int = 0):  # type: ignore[no-untyped-def]
    """A unit's share as its counts, at least `at_least` percent."""
    denominator = draw(st.integers(1, 5_000))
    lowest = -(-at_least * denominator // 100)  # the fewest that reach at_least%, exactly
    numerator = draw(st.integers(lowest, denominator))
    return Figure(numerator * 100 / denominator, numerator, denominator, draw(st.booleans()))


shares = st.lists(share(), min_size=1, max_size=40)
counts = st.lists(
    st.builds(Figure, st.integers(0, 10**6).map(float), provisional=st.booleans()),
    min_size=1,
    max_size=40,
)


@given(shares)
def test_the_rolled_up_share_lies_between_the_lowest_and_highest_unit_share(units: list[Figure]) -> None:
    rolled = roll_up(Measure.SHARE, units)
    assert rolled is not None
    low, high = min(u.value for u in units), max(u.value for u in units)
    assert low - 1e-9 <= rolled.figure.value <= high + 1e-9
    assert rolled.figure.numerator == sum(u.numerator or 0 for u in units)
    assert rolled.figure.denominator == sum(u.denominator or 0 for u in units)
    assert rolled.units == len(units)


@st.composite
def above_and_one_more(draw):  # type: ignore[no-untyped-def]
    units = draw(shares)
    rolled = roll_up(Measure.SHARE, units)
    assert rolled is not None
    threshold = draw(st.integers(0, math.floor(rolled.figure.value + 1e-9)))
    return units, threshold, draw(share(at_least=threshold))


@given(above_and_one_more())
def test_adding_a_unit_that_meets_the_threshold_keeps_the_committee_above_it(case) -> None:  # type: ignore[no-untyped-def]
    units, threshold, newcomer = case
    assert meets(Comparator.AT_LEAST, threshold, newcomer)
    before, after = roll_up(Measure.SHARE, units), roll_up(Measure.SHARE, [*units, newcomer])
    assert before is not None and after is not None
    assert before.figure.value >= threshold - 1e-9
    assert after.figure.value >= threshold - 1e-9


@given(
    st.one_of(shares.map(lambda u: (Measure.SHARE, u)), counts.map(lambda u: (Measure.COUNT, u))),
    st.randoms(),
)
def test_the_roll_up_does_not_depend_on_the_order_of_the_units(case, random) -> None:  # type: ignore[no-untyped-def]
    measure, units = case
    shuffled = list(units)
    random.shuffle(shuffled)
    first, second = roll_up(measure, units), roll_up(measure, shuffled)
    assert first is not None and second is not None
    assert (first.figure.numerator, first.figure.denominator, first.figure.provisional) == (
        second.figure.numerator,
        second.figure.denominator,
        second.figure.provisional,
    )
    assert first.figure.value == second.figure.value


@given(counts)
def test_a_count_is_the_sum_and_an_estimate_when_any_unit_is(units: list[Figure]) -> None:
    rolled = roll_up(Measure.COUNT, units)
    assert rolled is not None
    assert rolled.figure.value == sum(u.value for u in units)
    assert rolled.figure.provisional == any(u.provisional for u in units)
    assert rolled.figure.numerator is None and rolled.figure.denominator is None


@given(st.lists(st.integers(1, 500), min_size=1, max_size=20), st.integers(0, 100))
def test_units_of_one_share_roll_up_to_that_share(denominators: list[int], percent: int) -> None:
    units = [Figure(percent, d * percent, d * 100) for d in denominators]
    rolled = roll_up(Measure.SHARE, units)
    assert rolled is not None and math.isclose(rolled.figure.value, percent, abs_tol=1e-9)


def test_nothing_rolls_up_from_no_figure() -> None:
    assert roll_up(Measure.COUNT, []) is None
    assert roll_up(Measure.SHARE, []) is None


@given(
    st.integers(2015, 2025),
    st.integers(0, 8),
    st.one_of(st.none(), st.integers(2010, 2030)),
    st.one_of(st.none(), st.integers(2010, 2030)),
)
def test_a_unit_is_expected_in_the_reporting_years_it_exists(first: int, length: int, start, end) -> None:  # type: ignore[no-untyped-def]
    years = tuple(range(first, first + length))
    expected = expected_years(years, start, end)
    assert set(expected) <= set(years)
    assert all(exists_in(y, start, end) == (y in expected) for y in years)
    assert list(expected) == list(range(expected[0], expected[-1] + 1)) if expected else True
    if start is None and end is None:
        assert expected == years


mixed = st.lists(
    st.one_of(share(), st.builds(Figure, st.integers(0, 10**6).map(float), provisional=st.booleans())),
    max_size=40,
)


@given(mixed, st.sampled_from(list(Measure)))
def test_the_roll_up_of_the_sums_the_store_makes_is_the_roll_up_of_the_figures(
    units: list[Figure], measure: Measure
) -> None:
    """The store sums a thousand units' figures in SQL; from_sums must read them as roll_up."""
    assert from_sums(measure, sums_of(units)) == roll_up(measure, units)
