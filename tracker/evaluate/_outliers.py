"""A figure far outside its own history: a share of 1% where the last years were near 90%, a
count ten times the usual one. Most such figures are slips of the keyboard (1200 for 120), so
the faces ask for a confirmation (`tracker enter`), or warn (`record`, `import`): the rule only
says whether a figure is far, and from what.

The history of a figure is the same series' figures of earlier years: the unit's own when the
figure is a unit's, the committee's own otherwise. The usual figure is the median of the last
HISTORY_YEARS of them. A count is far when it is more than `factor` times the usual figure or
less than the usual figure divided by `factor` (unless both are under `min_count`: 2 after 12
says nothing); a share when it is more than `points` percentage points from the usual figure.
No history: never far. The decision is taken on exact fractions, so that it does not depend
on the scale of the figures (a thousand times every count is far exactly when they were).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from statistics import median

from tracker.evaluate._model import Measure
from tracker.evaluate._wording import figure, number
from tracker.i18n import N_, Lang, in_lang

HISTORY_YEARS = 3  # the earlier years whose median is the usual figure


@dataclass(frozen=True)
class FarRule:
    """What "far" means (config `checks:`): a count more than `factor` times the usual one, or
    less than the usual one divided by it, unless both are under `min_count`; a share more than
    `points` percentage points from the usual one."""

    factor: float = 5.0
    points: float = 30.0
    min_count: float = 10.0


@dataclass(frozen=True)
class Far:
    """A figure far from its history, as plain data: the history it was compared with (year,
    value), its usual figure (the median), and how far: `ratio` (value / usual, a count's;
    None when the usual figure is 0) or `points` (value - usual, a share's)."""

    value: float
    measure: Measure
    history: tuple[tuple[int, float], ...]
    usual: float
    above: bool
    ratio: float | None = None
    points: float | None = None


def compared_history(history: Mapping[int, float], year: int) -> tuple[tuple[int, float], ...]:
    """The figures a figure of `year` is compared with: the last HISTORY_YEARS before it that
    have one, oldest first (what a form shows beside the field)."""
    earlier = sorted((y, v) for y, v in history.items() if y < year)
    return tuple(earlier[-HISTORY_YEARS:])


def far_from(
    value: float, measure: Measure, history: Mapping[int, float], year: int, rule: FarRule
) -> Far | None:
    """The figure of `year` against the same series' figures of earlier years: a Far when it is
    far from them, else None (no history: never far)."""
    compared = compared_history(history, year)
    if not compared or _plainly_near(value, measure, compared, rule):
        return None
    usual = Fraction(median(Fraction(v) for _y, v in compared))
    found = Fraction(value)
    if measure is Measure.SHARE:
        if abs(found - usual) <= Fraction(rule.points):
            return None
        return Far(value, measure, compared, float(usual), found > usual, points=float(found - usual))
    limit, factor = Fraction(rule.min_count), Fraction(rule.factor)
    if found < limit and usual < limit:
        return None
    if usual * factor < found:
        above = True
    elif found * factor < usual:
        above = False
    else:
        return None
    ratio = float(found / usual) if usual else None
    return Far(value, measure, compared, float(usual), above, ratio=ratio)


NEAR_MARGIN = 1e-6  # a relative margin far wider than any rounding of a float


def _plainly_near(
    value: float, measure: Measure, compared: tuple[tuple[int, float], ...], rule: FarRule
) -> bool:
    """Whether the figure is near its usual figure by a margin no rounding could cross: most
    figures are, and an import of a million rows then needs no exact fractions."""
    usual = median(v for _y, v in compared)
    if measure is Measure.SHARE:
        return abs(value - usual) < rule.points * (1 - NEAR_MARGIN)
    low, high = usual / rule.factor, usual * rule.factor
    return low * (1 + NEAR_MARGIN) < value < high * (1 - NEAR_MARGIN)


FAR_TEXTS: dict[tuple[Measure, bool, bool], str] = {  # (measure, above, a unit's figure)
    (Measure.COUNT, True, True): N_(
        "{value} is more than {factor} times the unit's usual figure, {usual} ({history})"
    ),
    (Measure.COUNT, False, True): N_(
        "{value} is less than 1/{factor} of the unit's usual figure, {usual} ({history})"
    ),
    (Measure.COUNT, True, False): N_(
        "{value} is more than {factor} times the committee's usual figure, {usual} ({history})"
    ),
    (Measure.COUNT, False, False): N_(
        "{value} is less than 1/{factor} of the committee's usual figure, {usual} ({history})"
    ),
    (Measure.SHARE, True, True): N_(
        "{value} is {points} percentage points above the unit's usual figure, {usual} ({history})"
    ),
    (Measure.SHARE, False, True): N_(
        "{value} is {points} percentage points below the unit's usual figure, {usual} ({history})"
    ),
    (Measure.SHARE, True, False): N_(
        "{value} is {points} percentage points above the committee's usual figure, {usual} ({history})"
    ),
    (Measure.SHARE, False, False): N_(
        "{value} is {points} percentage points below the committee's usual figure, {usual} ({history})"
    ),
}


def history_words(history: tuple[tuple[int, float], ...], measure: Measure, lang: Lang) -> str:
    """The figures compared, as a reader expects them: "2021: 110; 2022: 120; 2023: 115"."""
    return "; ".join(f"{year}: {figure(value, measure, lang)}" for year, value in history)


def far_words(far: Far, rule: FarRule, of_unit: bool, lang: Lang, value: str | None = None) -> str:
    """Why a figure is far, in the reader's language: "1.200 gấp hơn 5 lần mức thường thấy của
    đơn vị, 115 (2021: 110; 2022: 120; 2023: 115)". `value` is the figure as written (with its
    counts, "1,00% (1/100)"), by default its number."""
    text = in_lang(lang, FAR_TEXTS[(far.measure, far.above, of_unit)])
    return text.format(
        value=value or figure(far.value, far.measure, lang),
        factor=number(rule.factor, lang),
        points=number(abs(far.points or 0.0), lang),
        usual=figure(far.usual, far.measure, lang),
        history=history_words(far.history, far.measure, lang),
    )
