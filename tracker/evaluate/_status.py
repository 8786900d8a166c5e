"""The status rules of docs/status-rules.md as pure functions: figures in, an Assessment out.

Every rule is written for "do more" targets (>=, >). A "do less" target (<=, <) is judged
as the "do more" target of its negated figures and threshold, and the numbers of the
result are negated back. One deliberate refinement of that mirror, for term totals:
figures are never negative, so an "at least" total that is reached stays reached (met
early), and an "at most" total that is exceeded stays exceeded (missed early); an "at
most" total is met only when the term is over.

Once the term is over (no reporting year left), a target is met or missed, or `incomplete`
when elapsed years lack figures that could still change the verdict: never on pace. Figures
are never negative, so a missing year can only add to a total or an average: an "at least"
total already reached stays met, an "at most" one already exceeded stays missed, and a year
that already failed makes an every-year target missed whatever the missing years say.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from statistics import linear_regression
from typing import Any

from tracker.evaluate._model import (
    STATUS_ORDER,
    Assessment,
    BestYear,
    Goal,
    Rule,
    Status,
)


def assess(goal: Goal, figures: Mapping[int, float], as_of: int) -> Assessment:
    """Judge one target as of year `as_of`; figures of later years are ignored."""
    elapsed = tuple(y for y in goal.years if y <= as_of)
    seen = {y: float(figures[y]) for y in elapsed if y in figures}
    missing = tuple(y for y in elapsed if y not in figures)
    base = Assessment(
        status=Status.NO_DATA,
        flagged=bool(missing),
        as_of=as_of,
        elapsed_years=elapsed,
        missing_years=missing,
        remaining_years=len(goal.years) - len(elapsed),
    )
    if not seen:
        return base
    if goal.comparator.upward:
        result = _assess_upward(goal, seen, base, grows=True)
    else:
        flipped = replace(goal, comparator=goal.comparator.mirrored, threshold=-goal.threshold)
        negated = {y: -v for y, v in seen.items()}
        result = _negate_numbers(_assess_upward(flipped, negated, base, grows=False))
    return _changed(result, flagged=result.status.alarming or bool(missing))


def assess_pending(
    goal: Goal, figures: Mapping[int, float], as_of: int, pending: Mapping[int, tuple[float, float]]
) -> Assessment:
    """Judge a target some of whose years are pending: only a part of their units' figures is in,
    so each pending year's figure lies somewhere between two bounds (low, high). A pending year
    is judged as a missing one, and the verdict stands only where no figure between its bounds
    could change it (an official year already failed, a total already reached); otherwise the
    target is `incomplete` (Chưa đủ số liệu) until the rest of the units report.

    Both bounds are tried: a status is monotone in each year's figure (the straight-line trend
    of a final value aside, whose pending year is its latest), so the two ends decide."""
    base = assess(goal, figures, as_of)
    waiting = {
        y: bounds for y, bounds in pending.items() if y <= as_of and y in goal.years and y not in figures
    }
    if not waiting:
        return base
    low = assess(goal, {**figures, **{y: lo for y, (lo, _hi) in waiting.items()}}, as_of)
    high = assess(goal, {**figures, **{y: hi for y, (_lo, hi) in waiting.items()}}, as_of)
    status = low.status if low.status == high.status else Status.INCOMPLETE
    return _changed(base, status=status, flagged=True)


def _changed(assessment: Assessment, **changes: Any) -> Assessment:
    """`dataclasses.replace` of an assessment without its look-up of the fields on every call:
    a sixth of the time, which counts when the overview judges every target of 2,000
    resolutions."""
    return Assessment(**{**assessment.__dict__, **changes})


def _assess_upward(goal: Goal, seen: dict[int, float], base: Assessment, *, grows: bool) -> Assessment:
    """Judge a >= or > target. `grows` says the running total can only move up."""
    if goal.rule is Rule.EACH_YEAR:
        return _each_year(goal, seen, base)
    if goal.rule is Rule.TERM_TOTAL:
        return _term_total(goal, seen, base, grows=grows)
    if goal.rule is Rule.YEARLY_AVERAGE:
        return _yearly_average(goal, seen, base, grows=grows)
    return _final_value(goal, seen, base)


def _best(seen: dict[int, float]) -> BestYear:
    year = max(seen, key=lambda y: (seen[y], -y))
    return BestYear(year, seen[year])


def _latest(seen: dict[int, float]) -> BestYear:
    year = max(seen)
    return BestYear(year, seen[year])


def _each_year(goal: Goal, seen: dict[int, float], base: Assessment) -> Assessment:
    cmp, t = goal.comparator, goal.threshold
    failing = tuple(BestYear(y, v) for y, v in sorted(seen.items()) if not cmp.holds(v, t))
    worst_year = min(seen, key=lambda y: (seen[y], y))
    if failing:
        status = Status.MISSED
    elif base.remaining_years == 0:
        status = Status.INCOMPLETE if base.missing_years else Status.MET
    else:
        status = Status.ON_TRACK
    latest = _latest(seen)
    return _changed(
        base,
        status=status,
        reached=latest.value,
        reached_year=latest.year,
        failing=failing,
        worst=BestYear(worst_year, seen[worst_year]),
        required_now=t,
    )


def _pace_status(on_pace: bool, reachable: bool) -> Status:
    if on_pace:
        return Status.ON_TRACK
    return Status.AT_RISK if reachable else Status.OFF_TRACK


def _settled(holds: bool, grows: bool) -> Status | None:
    """Met or missed whatever the years to come bring, since figures only add: an "at least"
    sum that holds stays met, an "at most" sum that fails stays missed (`grows` says the sum is
    of the figures, not of their negation); None when more figures could still change it."""
    if holds and grows:
        return Status.MET
    if not holds and not grows:
        return Status.MISSED
    return None


def _at_the_end(holds: bool, grows: bool, base: Assessment) -> Status:
    """The status of a total or an average once the term is over: incomplete when the missing
    years could still change what the elapsed figures say."""
    settled = _settled(holds, grows)
    if settled is not None:
        return settled
    if base.missing_years:
        return Status.INCOMPLETE
    return Status.MET if holds else Status.MISSED


def _term_total(goal: Goal, seen: dict[int, float], base: Assessment, *, grows: bool) -> Assessment:
    cmp, t = goal.comparator, goal.threshold
    n, e, r = len(goal.years), len(base.elapsed_years), base.remaining_years
    total = sum(seen.values())
    best = _best(seen)
    numbers = _changed(
        base,
        reached=total,
        required_now=t * e / n,
        needed_per_year=(t - total) / r if r else None,
        best=best,
    )
    holds = cmp.holds(total, t)
    if r == 0 or _settled(holds, grows) is not None:
        return _changed(numbers, status=_at_the_end(holds, grows, base))
    on_pace = cmp.holds(total * n, t * e)
    reachable = cmp.holds(total + best.value * r, t)
    return _changed(numbers, status=_pace_status(on_pace, reachable))


def _yearly_average(goal: Goal, seen: dict[int, float], base: Assessment, *, grows: bool) -> Assessment:
    cmp, t = goal.comparator, goal.threshold
    n, e, r = len(goal.years), len(base.elapsed_years), base.remaining_years
    total = sum(seen.values())
    best = _best(seen)
    numbers = _changed(
        base,
        reached=total / e,
        required_now=t,
        needed_per_year=(t * n - total) / r if r else None,
        best=best,
    )
    if r == 0:
        status = _at_the_end(cmp.holds(total, t * n), grows, base)
        return _changed(numbers, status=status, reached=total / n)
    on_pace = cmp.holds(total, t * e)
    reachable = cmp.holds(total + best.value * r, t * n)
    return _changed(numbers, status=_pace_status(on_pace, reachable))


def projection(seen: Mapping[int, float], year: int) -> float:
    """The straight-line (least-squares) trend of the figures, read at `year`.

    One figure makes no trend: the projection is that figure.
    """
    if len(seen) < 2:
        return next(iter(seen.values()))
    years = sorted(seen)
    slope, intercept = linear_regression(years, [seen[y] for y in years])
    return slope * year + intercept


def _final_value(goal: Goal, seen: dict[int, float], base: Assessment) -> Assessment:
    cmp, t = goal.comparator, goal.threshold
    latest = _latest(seen)
    projected = projection(seen, goal.last_year)
    numbers = _changed(
        base,
        reached=latest.value,
        reached_year=latest.year,
        required_now=t,
        projected=projected,
        best=_best(seen),
    )
    if base.remaining_years == 0:
        if goal.last_year not in seen:
            return _changed(numbers, status=Status.INCOMPLETE)
        status = Status.MET if cmp.holds(latest.value, t) else Status.MISSED
        return _changed(numbers, status=status)
    on_pace = cmp.holds(latest.value, t)
    reachable = cmp.holds(projected, t)
    return _changed(numbers, status=_pace_status(on_pace, reachable))


def _negate(value: float | None) -> float | None:
    return None if value is None else -value


def _negate_year(item: BestYear | None) -> BestYear | None:
    return None if item is None else BestYear(item.year, -item.value)


def _negate_numbers(result: Assessment) -> Assessment:
    """Turn the numbers of a mirrored assessment back into the target's own terms."""
    worst = _negate_year(result.worst)
    return _changed(
        result,
        reached=_negate(result.reached),
        required_now=_negate(result.required_now),
        needed_per_year=_negate(result.needed_per_year),
        best=_negate_year(result.best),
        worst=worst,
        failing=tuple(BestYear(f.year, -f.value) for f in result.failing),
        projected=_negate(result.projected),
    )


def is_worse(new: Status, old: Status) -> bool:
    """Whether `new` is a worse status than `old` (no_data and incomplete compare as unknown:
    never)."""
    if new.unknown or old.unknown:
        return False
    return STATUS_ORDER.index(new) > STATUS_ORDER.index(old)


def rests_on_estimate(goal: Goal, assessment: Assessment, provisional_years: Collection[int]) -> bool:
    """Whether a verdict (met or missed) rests on an estimate (dự ước), so that it reads "dự ước
    đạt": a final value whose figure is provisional; a total, an average or an every-year
    target with any provisional elapsed figure, except that an every-year target missed in a
    year whose figure is official is missed whatever the estimates become."""
    if not assessment.status.decided:
        return False
    provisional = set(provisional_years)
    if goal.rule is Rule.FINAL_VALUE:
        return assessment.reached_year in provisional
    if goal.rule is Rule.EACH_YEAR and assessment.failing:
        return all(f.year in provisional for f in assessment.failing)
    return any(year in provisional for year in assessment.elapsed_years)
