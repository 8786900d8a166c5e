"""The committee's figure from its units' figures, and which units are expected to report.

Pure functions over plain values: a count target's figure is the sum of its units' counts; a
share target's is Σ numerators / Σ denominators (a share of 42 ratings is 38/42, not the mean
of the units' percentages), with the counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from tracker.evaluate._model import Comparator, Figure, Measure


def exists_in(year: int, from_year: int | None, to_year: int | None) -> bool:
    """Whether a unit that exists from `from_year` to `to_year` (either open) exists in `year`."""
    return (from_year is None or from_year <= year) and (to_year is None or year <= to_year)


def expected_years(years: Iterable[int], from_year: int | None, to_year: int | None) -> tuple[int, ...]:
    """The reporting years a unit is expected to report for: those it exists in."""
    return tuple(y for y in years if exists_in(y, from_year, to_year))


@dataclass(frozen=True)
class RolledUp:
    """The committee's figure as its units' figures add up; `units` is how many added."""

    figure: Figure
    units: int


class Coverage(NamedTuple):
    """How many of the units expected in a year gave what a roll-up adds up (3 of 26 units'
    figures, 10 of 12 units rated). A roll-up is the committee's whole figure only when every
    expected unit gave it; until then it is partial, and a partial year is judged as a
    missing one (docs/status-rules.md, "Figures from units")."""

    reported: int
    expected: int

    @property
    def whole(self) -> bool:
        return self.reported >= self.expected


BEYOND = 1e15  # more than any count a unit could add: the open end of a partial count's bounds


def partial_bounds(measure: Measure, found: Figure, coverage: Coverage, rated: bool) -> tuple[float, float]:
    """Where a partial year's whole figure can still land once every expected unit reports:
    a count can only grow from its units' sum; a share of ratings lies between the rated good
    over all the expected units and that plus every unit not yet rated; any other share could
    become anything (the missing units' totals are unknown)."""
    if measure is Measure.COUNT:
        return (found.value, BEYOND)
    if rated and coverage.expected:
        good, unrated = found.numerator or 0, coverage.expected - coverage.reported
        return (good * 100 / coverage.expected, (good + unrated) * 100 / coverage.expected)
    return (0.0, 100.0)


def roll_up(measure: Measure, figures: Iterable[Figure]) -> RolledUp | None:
    """The sum of counts, or Σ numerators / Σ denominators of shares; None with no figure.

    A unit's share is always stored with its counts (a bare percentage is refused at entry);
    one without them cannot be weighed and is left out."""
    found = list(figures)
    provisional = any(f.provisional for f in found)
    if measure is Measure.COUNT:
        if not found:
            return None
        return RolledUp(Figure(float(sum(f.value for f in found)), None, None, provisional), len(found))
    weighed = [f for f in found if f.denominator]
    if not weighed:
        return None
    numerator = sum(f.numerator or 0 for f in weighed)
    denominator = sum(f.denominator or 0 for f in weighed)
    value = numerator * 100 / denominator
    return RolledUp(Figure(value, numerator, denominator, any(f.provisional for f in weighed)), len(weighed))


def meets(comparator: Comparator, threshold: float, figure: Figure) -> bool:
    """Whether a unit's own figure satisfies the target's threshold (a share's percentage)."""
    return comparator.holds(figure.value, threshold)


def differs(recorded: float, rolled_up: float) -> bool:
    """Whether a figure the committee recorded differs from its units' roll-up (beyond the
    rounding of a percentage to two decimals)."""
    return abs(recorded - rolled_up) > 0.005


@dataclass(frozen=True)
class Sums:
    """What a roll-up needs of a (target, year)'s unit figures, summed where they are stored
    (the store adds up a thousand units' figures in one query instead of reading each):
    every figure, and the weighed ones, those with counts."""

    figures: int
    total: float  # Σ values
    provisional: bool  # any figure is an estimate
    weighed: int  # figures with counts
    numerator: int  # Σ numerators of the weighed
    denominator: int  # Σ denominators of the weighed
    weighed_provisional: bool  # any weighed figure is an estimate


def sums_of(figures: Iterable[Figure]) -> Sums:
    """The sums of some figures, as the store's query makes them."""
    found = list(figures)
    weighed = [f for f in found if f.denominator]
    return Sums(
        len(found),
        float(sum(f.value for f in found)),
        any(f.provisional for f in found),
        len(weighed),
        sum(f.numerator or 0 for f in weighed),
        sum(f.denominator or 0 for f in weighed),
        any(f.provisional for f in weighed),
    )


def from_sums(measure: Measure, sums: Sums) -> RolledUp | None:
    """roll_up of the figures these are the sums of (a property test holds them equal)."""
    if measure is Measure.COUNT:
        if not sums.figures:
            return None
        return RolledUp(Figure(sums.total, None, None, sums.provisional), sums.figures)
    if not sums.weighed:
        return None
    value = sums.numerator * 100 / sums.denominator
    return RolledUp(Figure(value, sums.numerator, sums.denominator, sums.weighed_provisional), sums.weighed)
