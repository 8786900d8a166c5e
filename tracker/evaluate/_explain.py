"""One line that says why a target has its status, with its numbers, in vi or en.

A reader must never have to ask "why is this red?": the line names what was reached, the
pace the resolution asked by now, and what each remaining year must bring against the
best year so far. It follows the status word, so it never repeats it, and it is a sentence:
the target is said in words ("chỉ tiêu từ 750 đảng viên trở lên", "trên 85%"), never with a
comparison sign (the rule column of a table keeps its sign). Counts of people are whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tracker.evaluate._model import Assessment, Comparator, Figure, Goal, Measure, Rule, Status
from tracker.evaluate._whole import whole_requirement
from tracker.evaluate._wording import comparison_words, counts_text, figure, judged_number, number, year_list
from tracker.i18n import N_, NC_, Lang, in_lang, in_lang_ctx

PHRASES: dict[str, str] = {
    "no_years": N_("No reporting year has elapsed yet"),
    "no_figure": N_("No figure for {years}"),
    "missing": N_("no figure for {years}"),
    "missing_end": N_("the term is over without figures for {years}"),
    "partial": N_("{year} not complete: {coverage}"),
    "year_figure": N_("{year}: {value}"),
    "each_missed": N_("{years}, target {target}"),
    "each_met": N_(
        "All {count} years of the term reached the target of {target}; {worst_word} {worst} ({worst_year})"
    ),
    "each_ok": N_(
        "Every year with a figure ({count}) reached the target of {target}; "
        "{worst_word} {worst} ({worst_year})"
    ),
    "total_met": N_("Total so far {total} of {threshold} {unit}{percent}"),
    "total_end": N_("Term total {total} {unit}{percent}, target {target}"),
    "total_over": N_("Running total {total} {unit}, already beyond the term's target of {target}"),
    "total_pace": N_(
        "Total so far {total} {unit}; pace required by {as_of}: {pace}; "
        "needs {need} {unit}/year in the {remaining} years left; {best_word} {best} ({best_year})"
    ),
    "avg_end": N_("Term average {average} {unit}/year, target {target} a year"),
    "avg_pace": N_(
        "Average {average} {unit}/year over {elapsed} years, target {target} a year; "
        "needs {need} {unit}/year in the {remaining} years left; {best_word} {best} ({best_year})"
    ),
    "final_end": N_("{year}: {last}, target {target}"),
    "final_pace": N_(
        "{year}: {last}, target {target} by {last_year}; the trend reaches {projected} by {last_year}"
    ),
    "percent": N_(" ({percent} of target)"),
    "of_target": N_("{percent} of target"),
    "of_target_year": N_("{percent} of target ({year})"),
    "year_figure_after": N_("{value} ({year})"),
}
# The best (and the weakest) year is the highest for a "do more" target, the lowest for a "do
# less" one; English says "best year" for both, Vietnamese names which: the context tells.
YEAR_WORDS: dict[tuple[bool, bool], tuple[str, str]] = {  # (upward, best)
    (True, True): NC_("higher is better", "best year"),
    (False, True): NC_("lower is better", "best year"),
    (True, False): NC_("higher is better", "weakest year"),
    (False, False): NC_("lower is better", "weakest year"),
}


@dataclass(frozen=True)
class Wording:
    """How to write the numbers of one target: its measure, unit and the language. A count of
    people is a whole number in every sentence (tracker/evaluate/_whole.py); a share keeps its
    decimals."""

    goal: Goal
    measure: Measure
    unit: str
    lang: Lang

    @property
    def counts(self) -> bool:
        return self.measure is Measure.COUNT

    def qty(self, value: float, digits: int = 2) -> str:
        return figure(value, self.measure, self.lang, digits)

    def reached(self, value: float, digits: int = 2) -> str:
        """A figure reached and judged against the threshold (an average, a trend), with its
        decimals ("bình quân 149,8 đảng viên/năm") but never rounded across the threshold."""
        return figure(value, self.measure, self.lang, digits, (self.goal.comparator, self.goal.threshold))

    def judged(self, value: float) -> str:
        """A year's own figure, judged against the threshold (every year, the last year):
        never rounded into a pass ("99,9999%", not "100%")."""
        return figure(value, self.measure, self.lang, 2, (self.goal.comparator, self.goal.threshold))

    def required(self, value: float) -> str:
        """An amount a requirement asks for: "155", "không quá 3", "trên 85,5%"."""
        comparator = self.goal.comparator
        if self.counts:
            comparator, whole = whole_requirement(comparator, value)
            value = float(whole)
        text = self.qty(value, 1)
        return text if comparator is Comparator.AT_LEAST else comparison_words(comparator, text, self.lang)

    @property
    def target(self) -> str:
        """The target in words: "từ 750 đảng viên trở lên", "trên 85%"."""
        amount = f"{self.qty(self.goal.threshold)} {self.unit_text}".strip()
        return comparison_words(self.goal.comparator, amount, self.lang)

    @property
    def unit_text(self) -> str:
        return "" if self.measure is Measure.SHARE else self.unit

    def phrase(self, key: str, **values: object) -> str:
        text = in_lang(self.lang, PHRASES[key]).format(unit=self.unit_text, target=self.target, **values)
        return " ".join(text.split()).replace(" /", "/").replace(" ;", ";").replace(" ,", ",")

    def year_word(self, best: bool) -> str:
        """ "năm cao nhất" / "best year", by which way the target counts."""
        context, message = YEAR_WORDS[(self.goal.comparator.upward, best)]
        return in_lang_ctx(self.lang, context, message)

    def percent_of_target(self, value: float) -> str:
        """ " (102,7% kế hoạch)" for an upward target with a positive threshold, else ""."""
        t = self.goal.threshold
        if not self.goal.comparator.upward or t <= 0:
            return ""
        return in_lang(self.lang, PHRASES["percent"]).format(
            percent=number(value * 100 / t, self.lang, 1) + "%"
        )


def explain(
    goal: Goal,
    measure: Measure,
    unit: str,
    result: Assessment,
    lang: Lang,
    partial: Mapping[int, str] | None = None,
) -> str:
    """The one-line explanation of an assessment: its figures and the target in words, never
    the status word again nor a comparison sign. `partial` words the missing years that have
    only a part of their units' figures ({2024: "tổng hợp từ 3/26 đơn vị"})."""
    words = Wording(goal, measure, unit, lang)
    gaps = _gaps(result, partial or {}, lang)
    if result.status is Status.NO_DATA or result.reached is None:  # no figure that counts yet
        line = gaps or in_lang(lang, PHRASES["no_years"])
    else:
        line = "; ".join(filter(None, [_RULE_EXPLAINERS[goal.rule](words, result), gaps]))
    return line[:1].upper() + line[1:]


def _gaps(result: Assessment, partial: Mapping[int, str], lang: Lang) -> str:
    """The elapsed years without a figure that counts: none at all ("chưa có số liệu năm 2022"),
    or only some of the units' ("năm 2024 chưa đủ số liệu: tổng hợp từ 3/26 đơn vị")."""
    absent = [y for y in result.missing_years if y not in partial]
    parts = []
    if absent:
        if result.status is Status.NO_DATA:
            key = "no_figure"
        else:
            key = "missing_end" if result.remaining_years == 0 else "missing"
        parts.append(in_lang(lang, PHRASES[key]).format(years=year_list(absent)))
    pattern = in_lang(lang, PHRASES["partial"])
    parts += [pattern.format(year=y, coverage=partial[y]) for y in result.missing_years if y in partial]
    return "; ".join(parts)


def _each_year(w: Wording, a: Assessment) -> str:
    if a.failing:
        pattern = in_lang(w.lang, PHRASES["year_figure"])
        years = ", ".join(pattern.format(year=f.year, value=w.judged(f.value)) for f in a.failing)
        return w.phrase("each_missed", years=years)
    assert a.worst is not None
    key = "each_met" if a.status is Status.MET else "each_ok"
    count = len(a.elapsed_years) - len(a.missing_years)
    return w.phrase(
        key,
        count=count,
        worst_word=w.year_word(best=False),
        worst=w.judged(a.worst.value),
        worst_year=a.worst.year,
    )


def _best_words(w: Wording, a: Assessment) -> dict[str, object]:
    assert a.best is not None
    return {
        "best_word": w.year_word(best=True),
        "best": w.qty(a.best.value),
        "best_year": a.best.year,
    }


def _term_total(w: Wording, a: Assessment) -> str:
    assert a.reached is not None
    total = w.qty(a.reached)
    percent = w.percent_of_target(a.reached)
    if a.remaining_years == 0:
        return w.phrase("total_end", total=total, percent=percent)
    if a.status is Status.MET:
        return w.phrase("total_met", total=total, threshold=w.qty(w.goal.threshold), percent=percent)
    if a.status is Status.MISSED:
        return w.phrase("total_over", total=total)
    assert a.required_now is not None and a.needed_per_year is not None
    return w.phrase(
        "total_pace",
        total=total,
        as_of=a.as_of,
        pace=w.required(a.required_now),
        need=w.required(max(a.needed_per_year, 0.0)),
        remaining=a.remaining_years,
        **_best_words(w, a),
    )


def _yearly_average(w: Wording, a: Assessment) -> str:
    assert a.reached is not None
    average = w.reached(a.reached, 1)
    if a.remaining_years == 0:
        return w.phrase("avg_end", average=average)
    assert a.needed_per_year is not None
    return w.phrase(
        "avg_pace",
        average=average,
        elapsed=len(a.elapsed_years),
        need=w.required(max(a.needed_per_year, 0.0)),
        remaining=a.remaining_years,
        **_best_words(w, a),
    )


def _final_value(w: Wording, a: Assessment) -> str:
    assert a.reached is not None and a.projected is not None
    last = w.judged(a.reached)
    if a.remaining_years == 0:
        return w.phrase("final_end", year=a.reached_year, last=last)
    return w.phrase(
        "final_pace",
        year=a.reached_year,
        last=last,
        last_year=w.goal.last_year,
        projected=w.reached(a.projected, 1),
    )


_RULE_EXPLAINERS = {
    Rule.EACH_YEAR: _each_year,
    Rule.TERM_TOTAL: _term_total,
    Rule.YEARLY_AVERAGE: _yearly_average,
    Rule.FINAL_VALUE: _final_value,
}


@dataclass(frozen=True)
class Progress:
    """How far a target has come towards its threshold, as the status judges it: the weakest
    year of an every-year target, the total, the average, or the latest figure (with its year
    when one year's figure is meant)."""

    percent: float
    year: int | None = None


def progress_of_target(goal: Goal, result: Assessment) -> Progress | None:
    """The percentage of the threshold reached ("đạt 95,3% kế hoạch (năm 2022)"), for "do more"
    targets with a positive threshold; None for the others and without figures."""
    if result.reached is None or not goal.comparator.upward or goal.threshold <= 0:
        return None
    if goal.rule is Rule.EACH_YEAR and result.worst is not None:
        return Progress(result.worst.value * 100 / goal.threshold, result.worst.year)
    year = result.reached_year if goal.rule is Rule.FINAL_VALUE else None
    return Progress(result.reached * 100 / goal.threshold, year)


def percent_of_target(goal: Goal, result: Assessment) -> float | None:
    """The percentage of `progress_of_target`, without its year."""
    progress = progress_of_target(goal, result)
    return None if progress is None else progress.percent


SHARE_RESULTS: dict[str, str] = {  # a share as the target judges it: "đạt 91,67%, vượt chỉ tiêu"
    "above": N_("{value}, above the target"),
    "met": N_("{value}, meeting the target"),
    "short": N_("{value}, short of the target"),
    "none": N_("none ({counts}), short of the target"),
}


def percent_text(
    goal: Goal, result: Assessment, lang: Lang, measure: Measure = Measure.COUNT, found: Figure | None = None
) -> str:
    """How far the target has come, as the status judges it: a count's share of its plan, "đạt
    95,3% kế hoạch (năm 2022)", never rounded into a plan it misses, and never "100%" beside a
    "more than" it does not pass; a share's own value against the target, "đạt 91,67% (11/12),
    vượt chỉ tiêu" (`found`, the figure meant, gives the counts); "" when it means nothing."""
    progress = progress_of_target(goal, result)
    if progress is None:
        return ""
    if measure is Measure.SHARE:
        value = progress.percent * goal.threshold / 100  # the share itself, back from its percent
        return share_words(goal, value, lang, found, progress.year)
    if goal.comparator.strict and abs(progress.percent - 100) < 1e-9:
        return ""  # exactly the plan of a "more than" target: "100%" would read as reached
    percent = judged_number(progress.percent, lang, 1, (Comparator.AT_LEAST, 100.0)) + "%"
    if progress.year is None:
        return in_lang(lang, PHRASES["of_target"]).format(percent=percent)
    return in_lang(lang, PHRASES["of_target_year"]).format(percent=percent, year=progress.year)


def share_words(
    goal: Goal, value: float, lang: Lang, found: Figure | None = None, year: int | None = None
) -> str:
    """A share against its target, as a Party report says it: "đạt 91,67% (11/12) (năm 2021),
    vượt chỉ tiêu", "đạt 85%, chưa đạt chỉ tiêu" (never rounded into a pass), "không có trường
    hợp nào đạt (0/10), chưa đạt chỉ tiêu"; `found` gives the counts, `year` the year meant."""
    counts = counts_text(found, lang) if found is not None else ""
    if counts and found is not None and found.numerator == 0:
        return in_lang(lang, SHARE_RESULTS["none"]).format(counts=counts)
    text = figure(value, Measure.SHARE, lang, against=(goal.comparator, goal.threshold))
    if counts:
        text += f" ({counts})"
    if year is not None:
        text = in_lang(lang, PHRASES["year_figure_after"]).format(value=text, year=year)
    holds = goal.comparator.holds(value, goal.threshold)
    key = "short" if not holds else "above" if value > goal.threshold else "met"
    return in_lang(lang, SHARE_RESULTS[key]).format(value=text)
