"""Property tests of the status rules (design.md, "Status of a target as of year A")."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import assume, given
from hypothesis import strategies as st

from tracker.evaluate import Comparator, Goal, Rule, Status, assess, is_worse

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


@given(cases(rules=[Rule.EACH_YEAR]))
def test_each_year_met_means_every_year_present_and_satisfying(case) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    result = assess(goal, figures, as_of)
    if result.status is Status.MET:
        assert as_of >= goal.last_year
        assert all(y in figures and goal.comparator.holds(figures[y], goal.threshold) for y in goal.years)


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


@given(cases(rules=[Rule.FINAL_VALUE, Rule.YEARLY_AVERAGE]))
def test_final_and_average_targets_are_decided_only_at_the_end(case) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    result = assess(goal, figures, as_of)
    if result.status in (Status.MET, Status.MISSED):
        assert as_of >= goal.last_year


@given(cases(rules=[Rule.TERM_TOTAL, Rule.YEARLY_AVERAGE], comparators=UPWARD))
def test_behind_pace_is_reachable_at_the_best_rate_so_far(case) -> None:  # type: ignore[no-untyped-def]
    goal, figures, as_of = case
    result = assess(goal, figures, as_of)
    if result.status in (Status.AT_RISK, Status.OFF_TRACK):
        assert result.best is not None and result.needed_per_year is not None
        reachable = result.needed_per_year <= result.best.value
        if goal.comparator is Comparator.AT_LEAST:
            assert (result.status is Status.AT_RISK) == reachable
