"""Property tests of the status rules (docs/status-rules.md).

A property that holds of one status ("met means ...") draws most of its cases from a strategy
aimed at that status (`judged`: the figures first, then a threshold the rules judge that way),
so that most cases reach its assertions; the rest are cases of any kind (`cases`), which
check that no other case is judged so."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from fractions import Fraction
from statistics import linear_regression

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from tracker.evaluate import (
    Comparator,
    Goal,
    Measure,
    Rule,
    Status,
    assess,
    assess_pending,
    explain,
    is_worse,
    rests_on_estimate,
    status_word,
)
from tracker.evaluate._whole import whole_requirement
from tracker.evaluate._wording import judged_number

RULES = list(Rule)
UPWARD = [Comparator.AT_LEAST, Comparator.MORE_THAN]


@st.composite
def cases(draw, rules=RULES, comparators=tuple(Comparator)):  # type: ignore[no-untyped-def]
    first = draw(st.integers(2018, 2022))
    years = tuple(range(first, first + draw(st.integers(1, 6))))
    threshold = draw(st.integers(0, 300))
    goal = Goal(draw(st.sampled_from(rules)), draw(st.sampled_from(comparators)), threshold, years)
    chosen = draw(st.lists(st.sampled_from(years), unique=True))
    figures = {y: float(draw(st.integers(0, 400))) for y in chosen}
    as_of = draw(st.integers(first - 1, years[-1] + 1))
    return goal, figures, as_of


def elapsed(goal: Goal, as_of: int) -> list[int]:
    return [y for y in goal.years if y <= as_of]


# Cases aimed at a status: the figures first, then a whole threshold for which the comparisons
# of the rule (status-rules.md, "Exactly, ..." and "Once the term is over") come out that way.

PACE = (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK)
OVER = (Status.MET, Status.MISSED, Status.INCOMPLETE)  # aimed at once the term is over
Condition = tuple[float, int, bool]  # `value ⋈ T·per` holds (True) or fails (False)


def edge(comparator: Comparator, value: float, per: int) -> int:
    """Where `value ⋈ T·per` turns, for a whole threshold T: the largest T for which it holds
    for a "do more" comparator, the smallest for a "do less" one."""
    q = Fraction(value) / per
    if comparator.upward:
        return math.ceil(q) - 1 if comparator.strict else math.floor(q)
    return math.floor(q) + 1 if comparator.strict else math.ceil(q)


def span(comparator: Comparator, condition: Condition) -> tuple[float, float]:
    """The whole thresholds T (lowest, highest) for which the condition is as it says."""
    value, per, holds = condition
    at = edge(comparator, value, per)
    if comparator.upward == holds:  # holds up to `at` (do more), fails up to just below it (do less)
        return -math.inf, at if holds else at - 1
    return (at if holds else at + 1), math.inf


def trend(seen: dict[int, float], year: int) -> float:
    """The least-squares line through the figures, read at `year` (one figure: itself)."""
    if len(seen) < 2:
        return next(iter(seen.values()))
    years = sorted(seen)
    slope, intercept = linear_regression(years, [seen[y] for y in years])
    return slope * year + intercept


def conditions(goal: Goal, seen: dict[int, float], as_of: int, status: Status, pick: int) -> list[Condition]:
    """What the rule asks of `S ⋈ T`, `S·n ⋈ T·e`, ... for `status`; `pick` chooses the year a
    missed every-year target fails in."""
    n, e = len(goal.years), len(elapsed(goal, as_of))
    r, total, up = n - e, sum(seen.values()), goal.comparator.upward
    best = max(seen.values()) if up else min(seen.values())  # b: the best elapsed year
    last = seen[max(seen)]
    if goal.rule is Rule.EACH_YEAR:
        if status is Status.MISSED:  # one year fails
            return [(sorted(seen.values())[pick % len(seen)], 1, False)]
        return [(value, 1, True) for value in seen.values()]  # met, on track, incomplete
    if r == 0:
        per = n if goal.rule is Rule.YEARLY_AVERAGE else 1
        decisive = last if goal.rule is Rule.FINAL_VALUE else total
        if status is Status.INCOMPLETE:  # not yet settled: a missing year could still change it
            return [] if goal.rule is Rule.FINAL_VALUE else [(decisive, per, not up)]
        return [(decisive, per, status is Status.MET)]
    if goal.rule is Rule.TERM_TOTAL:  # neither met early (do more) nor missed early (do less)
        unsettled, pace, reach = [(total, 1, not up)], (total * n, e), (total + best * r, 1)
    elif goal.rule is Rule.YEARLY_AVERAGE:
        unsettled, pace, reach = [], (total, e), (total + best * r, n)
    else:
        unsettled, pace, reach = [], (last, 1), (trend(seen, goal.last_year), 1)
    if status is Status.ON_TRACK:
        return [*unsettled, (*pace, True)]
    return [*unsettled, (*pace, False), (*reach, status is Status.AT_RISK)]


@st.composite
def judged(draw, status: Status, rules=RULES, comparators=tuple(Comparator)):  # type: ignore[no-untyped-def]
    """A case the status rules judge `status`: met, missed and incomplete once the term is over
    (every year's figure there, or for incomplete some missing), the statuses of pace before
    it (some elapsed years may lack figures). An every-year target is never behind pace."""
    if status in (Status.AT_RISK, Status.OFF_TRACK):
        rules = [rule for rule in rules if rule is not Rule.EACH_YEAR]
    rule, comparator = draw(st.sampled_from(rules)), draw(st.sampled_from(comparators))
    first = draw(st.integers(2018, 2022))
    complete = status in (Status.MET, Status.MISSED)
    behind = int(status is Status.AT_RISK)  # one elapsed year is its own best: never behind pace
    years = tuple(range(first, first + draw(st.integers(1 if complete else 2 + behind, 6))))
    over = status in OVER
    as_of = years[-1] + draw(st.integers(0, 1)) if over else draw(st.integers(first + behind, years[-2]))
    counted = tuple(y for y in years if y <= as_of)
    absent: list[int] = []
    if status is Status.INCOMPLETE and rule is Rule.FINAL_VALUE:  # the last year's figure
        earlier = st.lists(st.sampled_from(years[:-1]), max_size=len(years) - 2, unique=True)
        absent = [years[-1], *draw(earlier)]
    elif not complete:
        least = int(status is Status.INCOMPLETE)  # incomplete: a year missing at least
        some = st.lists(st.sampled_from(counted), min_size=least, max_size=len(counted) - 1, unique=True)
        absent = draw(some)
    seen = {y: float(draw(st.integers(0, 400))) for y in counted if y not in absent}
    goal = Goal(rule, comparator, 0, years)
    low, high = 0.0, math.inf  # thresholds are never negative
    for condition in conditions(goal, seen, as_of, status, draw(st.integers(0, 5))):
        start, end = span(comparator, condition)
        low, high = max(low, start), min(high, end)
    assume(low <= high)  # figures that no threshold judges so (a do-less total of 0 never missed)
    threshold = draw(st.integers(int(low), int(min(high, low + 300))))
    return replace(goal, threshold=threshold), seen, as_of


def aiming(*aimed, general):  # type: ignore[no-untyped-def]
    """Three cases in four from the aimed strategies, the fourth from `general`. (Repeating a
    strategy in `st.one_of` would not weigh it: equal branches count once.)"""
    return st.sampled_from([st.one_of(*aimed)] * 3 + [general]).flatmap(lambda chosen: chosen)


# A test drawing from `aiming` runs four times as many cases: as many of any kind as before
# (Hypothesis's default of 100), and three times as many aimed at its status.
AIMED = settings(max_examples=400)


@given(st.sampled_from([*OVER, *PACE]).flatmap(lambda status: st.tuples(st.just(status), judged(status))))
def test_each_case_aimed_at_a_status_is_judged_so(aimed) -> None:  # type: ignore[no-untyped-def]
    """The rules of status-rules.md, read from the other side: the figures and threshold that
    its comparisons call met, missed, ... get that status."""
    status, (goal, figures, as_of) = aimed
    assert assess(goal, figures, as_of).status is status, (goal, figures, as_of)


EACH_YEAR = [Rule.EACH_YEAR]


@AIMED
@given(aiming(judged(Status.MET, EACH_YEAR), general=cases(rules=EACH_YEAR)))
def test_each_year_met_means_every_year_present_and_satisfying(case) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    result = assess(goal, figures, as_of)
    if result.status is Status.MET:
        assert as_of >= goal.last_year
        assert all(y in figures and goal.comparator.holds(figures[y], goal.threshold) for y in goal.years)
        for year in goal.years:  # and without any one of them it is not met
            fewer = {y: value for y, value in figures.items() if y != year}
            assert assess(goal, fewer, as_of).status is not Status.MET


@given(cases(rules=[Rule.EACH_YEAR]))
def test_each_year_missed_exactly_when_an_elapsed_year_fails(case) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    result = assess(goal, figures, as_of)
    fails = any(
        not goal.comparator.holds(figures[y], goal.threshold) for y in elapsed(goal, as_of) if y in figures
    )
    assert (result.status is Status.MISSED) == fails


@given(cases(rules=[Rule.TERM_TOTAL, Rule.YEARLY_AVERAGE], comparators=UPWARD), st.data())
def test_adding_to_a_figure_never_makes_an_upward_total_worse(case, data) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    years = elapsed(goal, as_of)
    assume(years)
    year = data.draw(st.sampled_from(years))
    more = dict(figures)
    more[year] = figures.get(year, 0.0) + data.draw(st.integers(0, 200))
    before, after = assess(goal, figures, as_of), assess(goal, more, as_of)
    assert not is_worse(after.status, before.status), (before.status, after.status)


MIRROR = {
    Comparator.AT_MOST: Comparator.AT_LEAST,
    Comparator.LESS_THAN: Comparator.MORE_THAN,
}


@given(cases(comparators=list(MIRROR)))
def test_a_do_less_target_is_the_do_more_target_of_negated_figures(case) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    # An "at least" total reached early stays reached only because figures are never
    # negative; with negated figures that guarantee is gone, so totals compare at the end.
    assume(goal.rule is not Rule.TERM_TOTAL or as_of >= goal.last_year)
    # For the same reason, once the term is over, a missing year can only add to a total or
    # an average: what it could still change differs between a target and its mirror.
    over_with_gaps = as_of >= goal.last_year and any(y not in figures for y in goal.years)
    assume(goal.rule in (Rule.EACH_YEAR, Rule.FINAL_VALUE) or not over_with_gaps)
    mirrored = replace(goal, comparator=MIRROR[goal.comparator], threshold=-goal.threshold)
    negated = {y: -v for y, v in figures.items()}
    less, more = assess(goal, figures, as_of), assess(mirrored, negated, as_of)
    assert (less.status, less.flagged, less.missing_years) == (more.status, more.flagged, more.missing_years)
    if less.reached is not None:
        assert more.reached is not None
        assert abs(less.reached + more.reached) < 1e-9


@given(cases(rules=[Rule.TERM_TOTAL], comparators=[Comparator.AT_MOST, Comparator.LESS_THAN]))
def test_a_do_less_total_is_never_met_before_the_end(case) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    result = assess(goal, figures, as_of)
    if as_of < goal.last_year:
        assert result.status is not Status.MET


@given(cases(), st.dictionaries(st.integers(0, 10), st.integers(0, 400)))
def test_figures_after_the_as_of_year_change_nothing(case, later) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    extra = dict(figures)
    for offset, value in later.items():
        extra[as_of + 1 + offset] = float(value)
    assert assess(goal, figures, as_of) == assess(goal, extra, as_of)


@given(cases())
def test_flagged_means_alarming_status_or_missing_year(case) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    result = assess(goal, figures, as_of)
    missing = [y for y in elapsed(goal, as_of) if y not in figures]
    assert result.missing_years == tuple(missing)
    alarming = result.status in (Status.AT_RISK, Status.OFF_TRACK, Status.MISSED)
    assert result.flagged == (alarming or bool(missing))


@given(cases())
def test_no_data_exactly_when_no_elapsed_figure(case) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    result = assess(goal, figures, as_of)
    has_figure = any(y in figures for y in elapsed(goal, as_of))
    assert (result.status is Status.NO_DATA) == (not has_figure)


@given(cases(rules=[Rule.TERM_TOTAL], comparators=UPWARD))
def test_an_upward_total_is_met_exactly_when_the_sum_satisfies(case) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    result = assess(goal, figures, as_of)
    assume(result.status is not Status.NO_DATA)
    total = sum(figures[y] for y in elapsed(goal, as_of) if y in figures)
    assert (result.status is Status.MET) == goal.comparator.holds(total, goal.threshold)


AT_THE_END = [Rule.FINAL_VALUE, Rule.YEARLY_AVERAGE]


@AIMED
@given(
    aiming(
        judged(Status.MET, AT_THE_END), judged(Status.MISSED, AT_THE_END), general=cases(rules=AT_THE_END)
    ),
    st.integers(1, 6),
)
def test_final_and_average_targets_are_decided_only_at_the_end(case, earlier) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    result = assess(goal, figures, as_of)
    if result.status in (Status.MET, Status.MISSED):
        assert as_of >= goal.last_year
        # the same figures as of a year before the end, however decisive, decide nothing yet
        assert assess(goal, figures, goal.last_year - earlier).status not in (Status.MET, Status.MISSED)


PACED = [Rule.TERM_TOTAL, Rule.YEARLY_AVERAGE]


@AIMED
@given(
    aiming(
        judged(Status.AT_RISK, PACED, UPWARD),
        judged(Status.OFF_TRACK, PACED, UPWARD),
        general=cases(rules=PACED, comparators=UPWARD),
    )
)
def test_behind_pace_is_reachable_at_the_best_rate_so_far(case) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    result = assess(goal, figures, as_of)
    if result.status in (Status.AT_RISK, Status.OFF_TRACK):
        assert result.best is not None and result.needed_per_year is not None
        reachable = result.needed_per_year <= result.best.value
        if goal.comparator is Comparator.AT_LEAST:
            assert (result.status is Status.AT_RISK) == reachable


# Once the term is over (the as-of year is the last reporting year, or later).


@st.composite
def ended(draw, rules=RULES, comparators=tuple(Comparator)):  # type: ignore[no-untyped-def]
    """A case as of the last reporting year (or later), where the rules of the end apply."""
    goal, figures, _as_of = draw(cases(rules, comparators))
    return goal, figures, goal.last_year + draw(st.integers(0, 1))


def satisfying(goal: Goal, extra: int) -> float:
    """A figure that satisfies the target's comparison on its own (`extra` away from the edge)."""
    t, cmp = goal.threshold, goal.comparator
    if cmp.upward:
        return float(t + extra + (1 if cmp.strict else 0))
    return float(max(t - extra - (1 if cmp.strict else 0), 0))


@st.composite
def gapped(draw, rules=RULES, comparators=tuple(Comparator), value=None):  # type: ignore[no-untyped-def]
    """A case once the term is over with at least one figure and at least one missing year;
    `value(goal, draw)` gives each figure (any figure up to 400 when None)."""
    first = draw(st.integers(2018, 2022))
    years = tuple(range(first, first + draw(st.integers(2, 6))))
    goal = Goal(
        draw(st.sampled_from(rules)), draw(st.sampled_from(comparators)), draw(st.integers(1, 300)), years
    )
    present = draw(st.lists(st.sampled_from(years), min_size=1, max_size=len(years) - 1, unique=True))
    make = value or (lambda _goal, draw: float(draw(st.integers(0, 400))))
    figures = {y: make(goal, draw) for y in present}
    return goal, figures, goal.last_year + draw(st.integers(0, 1))


def filled(goal: Goal, figures: dict[int, float], value: float) -> dict[int, float]:
    """The figures with every missing year given `value`."""
    return {y: figures.get(y, value) for y in goal.years}


@given(ended())
def test_as_of_the_last_year_a_target_is_never_judged_on_pace(case) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    assert assess(goal, figures, as_of).status not in PACE


@AIMED
@given(aiming(judged(Status.INCOMPLETE), general=cases()))
def test_incomplete_only_once_the_term_is_over_and_with_missing_years(case) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    result = assess(goal, figures, as_of)
    if result.status is Status.INCOMPLETE:
        assert as_of >= goal.last_year and result.missing_years and result.flagged
        assert any(y in figures for y in goal.years)  # without any figure it is no_data


@given(gapped())
def test_a_verdict_with_missing_years_is_one_they_can_no_longer_change(case) -> None:  # type: ignore[no-untyped-def]
    """Met or missed with gaps stays so whatever the missing years bring (figures are never
    negative); incomplete means that the right figures would still make it met."""
    goal, figures, as_of = case
    result = assess(goal, figures, as_of)
    values = (0.0, 10_000.0, satisfying(goal, 0))
    outcomes = {assess(goal, filled(goal, figures, value), as_of).status for value in values}
    if result.status is Status.INCOMPLETE:
        assert Status.MET in outcomes
    else:
        assert result.status in (Status.MET, Status.MISSED) and outcomes == {result.status}


def small(goal: Goal, draw) -> float:  # type: ignore[no-untyped-def]
    """A figure small enough that n - 1 of them stay below the threshold of a total."""
    return float(draw(st.integers(0, goal.threshold // len(goal.years))))


@given(gapped(rules=[Rule.TERM_TOTAL, Rule.YEARLY_AVERAGE], value=small))
def test_a_total_short_of_its_threshold_with_gaps_is_incomplete_and_could_end_either_way(case) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    assert assess(goal, figures, as_of).status is Status.INCOMPLETE
    outcomes = {assess(goal, filled(goal, figures, value), as_of).status for value in (0.0, 10_000.0)}
    assert outcomes == {Status.MET, Status.MISSED}


def passing(goal: Goal, draw) -> float:  # type: ignore[no-untyped-def]
    return satisfying(goal, draw(st.integers(0, 50)))


@given(gapped(rules=[Rule.EACH_YEAR], value=passing), st.data())
def test_filling_the_missing_years_with_satisfying_figures_never_makes_each_year_missed(case, data) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    result = assess(goal, figures, as_of)
    assert result.status is Status.INCOMPLETE
    more = {y: figures.get(y, passing(goal, data.draw)) for y in goal.years}
    assert assess(goal, more, as_of).status is Status.MET


@given(gapped(rules=[Rule.FINAL_VALUE]))
def test_a_final_value_waits_only_for_the_last_years_figure(case) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    status = assess(goal, figures, as_of).status
    assert (status is Status.INCOMPLETE) == (goal.last_year not in figures)
    if goal.last_year in figures:
        assert status is (
            Status.MET if goal.comparator.holds(figures[goal.last_year], goal.threshold) else Status.MISSED
        )


@given(st.sampled_from(list(Status)), st.sampled_from(list(Status)))
def test_unknown_statuses_are_never_worse_nor_better(new, old) -> None:  # type: ignore[no-untyped-def]
    if Status.INCOMPLETE in (new, old) or Status.NO_DATA in (new, old):
        assert not is_worse(new, old) and not is_worse(old, new)


# A verdict resting on an estimate (dự ước).


@given(cases(), st.data())
def test_only_a_verdict_with_a_provisional_figure_rests_on_an_estimate(case, data) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    result = assess(goal, figures, as_of)
    provisional = data.draw(st.sets(st.sampled_from(sorted(figures)))) if figures else set()
    estimate = rests_on_estimate(goal, result, provisional)
    if estimate:
        assert result.status in (Status.MET, Status.MISSED)
        assert any(y in provisional for y in result.elapsed_years)
    assert not rests_on_estimate(goal, result, set())
    counted = {y for y in result.elapsed_years if y in figures}
    if result.status in (Status.MET, Status.MISSED) and counted and counted <= provisional:
        assert estimate  # every figure it rests on is an estimate


# What the explanations say: sentences with numbers, in words.

SIGNS = re.compile("[≥≤<>]")
# A number an English sentence writes with decimals, unless it is a percentage.
DECIMAL = re.compile(r"\d\.\d+(?!\d*%)")


@given(cases(), st.sampled_from(list(Measure)), st.sampled_from(["vi", "en"]))
def test_an_explanation_has_no_comparison_sign_and_does_not_repeat_its_status(case, measure, lang) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    result = assess(goal, figures, as_of)
    text = explain(goal, measure, "", result, lang)
    assert not SIGNS.search(text), text
    assert "\n" not in text and text[:1] == text[:1].upper()
    for estimate in (False, True):
        assert not text.casefold().startswith(status_word(result.status, lang, estimate).casefold()), text


@given(cases(comparators=tuple(Comparator)))
def test_counts_are_whole_numbers_in_every_explanation_but_an_average_or_a_trend(case) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    assume(
        goal.rule in (Rule.EACH_YEAR, Rule.TERM_TOTAL)
    )  # "bình quân 149,8 đảng viên/năm" keeps its decimal
    figures = {year: float(round(value)) for year, value in figures.items()}
    result = assess(goal, figures, as_of)
    text = explain(goal, Measure.COUNT, "members", result, "en")
    assert not DECIMAL.search(text), text


@example(5e-324, Comparator.MORE_THAN, 0, 0)  # "> 0" of the least float above 0
@example(99.99999999, Comparator.AT_LEAST, 100, 2)  # "nearly 100", never "100"
@given(st.floats(0, 10_000), st.sampled_from(list(Comparator)), st.integers(0, 1000), st.integers(0, 2))
def test_a_number_shown_beside_a_verdict_compares_as_the_true_value(  # type: ignore[no-untyped-def]
    value, comparator, threshold, digits
) -> None:
    """999999/1000000 never reads "100%" beside "at least 100%": the number shown, read back,
    is on the same side of the threshold as the true value, or says it is "nearly" there."""
    text = judged_number(value, "en", digits, (comparator, threshold))
    if text.startswith(("nearly", "just over")):  # too close to say in digits
        assert (value < threshold) == text.startswith("nearly")
        return
    shown = float(text.replace(",", ""))
    assert comparator.holds(shown, threshold) == comparator.holds(value, threshold), text
    assert abs(shown - value) <= 0.5 * 10**-digits + 1e-9  # rounded, at most as far as `digits` allows


@given(st.floats(0, 10_000), st.sampled_from(list(Comparator)), st.integers(-2, 2))
def test_a_whole_requirement_asks_exactly_as_much_of_whole_numbers(value, comparator, offset) -> None:  # type: ignore[no-untyped-def]
    """Every whole number near the edge meets the rounded requirement exactly when it meets
    the true one."""
    rounded, whole = whole_requirement(comparator, value)
    assert not rounded.strict and rounded.upward == comparator.upward
    candidate = math.floor(value) + offset
    assume(abs(candidate - value) > 1e-6)  # the float noise at the edge is rounded away
    assert rounded.holds(candidate, whole) == comparator.holds(candidate, value)


@st.composite
def pending_cases(draw):  # type: ignore[no-untyped-def]
    """A case with one elapsed year pending: a part of its units' figures in, its whole figure
    somewhere between two bounds (the latest elapsed year for a final value, whose trend rises
    with its last figure)."""
    goal, figures, as_of = draw(cases())
    counted = elapsed(goal, as_of)
    assume(counted)
    year = counted[-1] if goal.rule is Rule.FINAL_VALUE else draw(st.sampled_from(counted))
    low = float(draw(st.integers(0, 400)))
    high = low + float(draw(st.integers(0, 400)))
    figures = {y: v for y, v in figures.items() if y != year}
    return goal, figures, as_of, year, (low, high)


@given(pending_cases(), st.floats(0, 1))
def test_a_verdict_on_a_pending_year_holds_for_any_figure_it_can_still_become(case, where) -> None:  # type: ignore[no-untyped-def]
    """A partial year leaves the verdict standing only where no figure between its bounds could
    change it; otherwise the target is incomplete (Chưa đủ số liệu)."""
    goal, figures, as_of, year, (low, high) = case
    result = assess_pending(goal, figures, as_of, {year: (low, high)})
    assert year in result.missing_years and result.flagged
    if result.status is not Status.INCOMPLETE:
        for value in (low, high, low + (high - low) * where):
            assert assess(goal, {**figures, year: value}, as_of).status is result.status


@given(cases())
def test_without_a_pending_year_the_verdict_is_the_plain_one(case) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    assert assess_pending(goal, figures, as_of, {}) == assess(goal, figures, as_of)
