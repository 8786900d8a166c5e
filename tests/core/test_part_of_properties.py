"""Property tests of the one rule between a "trong đó" target and its parent (evaluate/subsets.py
beyond_whole): a part is judged against its parent's figure as the status shows it, whether
that figure was recorded by the committee or rolled up from its units.

Each strategy builds cases that meet the property's premise by construction."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.evaluate import Excess, Figure, Measure, beyond_whole, excess, roll_up

YEARS = st.lists(st.integers(2021, 2025), min_size=1, max_size=5, unique=True)


@st.composite
def units_of_parent(draw):  # type: ignore[no-untyped-def]
    """Units' shares (with counts) of a parent, and each unit's part within its own figure."""
    count = draw(st.integers(1, 8))
    wholes, parts = [], []
    for _ in range(count):
        denominator = draw(st.integers(1, 500))
        numerator = draw(st.integers(0, denominator))
        part = draw(st.integers(0, numerator))
        wholes.append(Figure(numerator * 100 / denominator, numerator, denominator, False))
        parts.append(Figure(part * 100 / denominator, part, denominator, False))
    return wholes, parts


@given(YEARS, units_of_parent())
def test_a_part_within_its_units_roll_up_is_never_beyond_it(years: list[int], units) -> None:  # type: ignore[no-untyped-def]
    wholes, parts = units
    whole, part = roll_up(Measure.SHARE, wholes), roll_up(Measure.SHARE, parts)
    assert whole is not None and part is not None
    assert beyond_whole({y: part.figure for y in years}, {y: whole.figure for y in years}) == {}


@given(YEARS, units_of_parent(), st.integers(1, 500))
def test_a_part_above_its_units_roll_up_is_beyond_it_in_every_year(
    years: list[int], units, more: int
) -> None:  # type: ignore[no-untyped-def]
    """The case status once missed: the parent rolled up from units (0% or more), the part
    recorded by the committee above it over the same units."""
    wholes, _parts = units
    whole = roll_up(Measure.SHARE, wholes)
    assert whole is not None and whole.figure.numerator is not None and whole.figure.denominator
    numerator = min(whole.figure.numerator + more, whole.figure.denominator)
    if numerator == whole.figure.numerator:  # the parent is 100% already: a bare percentage above
        part = Figure(whole.figure.value + more, None, None, False)
    else:
        part = Figure(numerator * 100 / whole.figure.denominator, numerator, whole.figure.denominator, False)
    found = beyond_whole({y: part for y in years}, {y: whole.figure for y in years})
    assert found == {y: Excess.MORE for y in sorted(years)}


figures = st.one_of(
    st.builds(Figure, st.floats(0, 10**6, allow_nan=False), st.none(), st.none(), st.just(False)),
    st.integers(1, 100).flatmap(
        lambda d: st.integers(0, d).map(lambda n: Figure(n * 100 / d, n, d, False))  # type: ignore[no-any-return]
    ),
)


@given(st.dictionaries(st.integers(2021, 2025), figures), st.dictionaries(st.integers(2021, 2025), figures))
def test_only_the_years_both_show_are_compared_each_by_the_one_rule(
    part: dict[int, Figure], whole: dict[int, Figure]
) -> None:
    found = beyond_whole(part, whole)
    assert set(found) <= set(part) & set(whole)
    for year in set(part) & set(whole):
        assert found.get(year) == excess(part[year], whole[year])
    assert list(found) == sorted(found)
