"""One line that says why a target has its status, with its numbers, in vi or en.

A reader must never have to ask "why is this red?": the line names what was reached, the
pace the resolution asked by now, and what each remaining year must bring against the
best year so far.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.evaluate.model import Assessment, Comparator, Goal, Measure, Rule, Status
from tracker.evaluate.wording import SIGNS, Lang, figure, number, year_list
from tracker.i18n import N_, NC_, in_lang, in_lang_ctx

PHRASES: dict[str, str] = {
    "no_data": N_("No figures yet"),
    "missing": N_("no figure for {years}"),
    "each_missed": N_("Missed {rule} in {years}"),
    "each_met": N_("Met {rule} in every year of the term ({count}); {worst_word} {worst} ({worst_year})"),
    "each_ok": N_("Met {rule} in every year reported ({count}); {worst_word} {worst} ({worst_year})"),
    "total_met": N_("Reached {total} of {threshold} {unit}{percent}"),
    "total_end": N_("Term total {total} {unit}, required {rule}{percent}"),
    "total_over": N_("Running total {total} {unit}, already past {rule} for the term"),
    "total_pace": N_(
        "Total so far {total} {unit}; pace required by {as_of}: {pace}; "
        "needs {need} {unit}/year in the {remaining} years left; {best_word} {best} ({best_year})"
    ),
    "avg_end": N_("Term average {average} {unit}/year, required {rule}"),
    "avg_pace": N_(
        "Average {average} {unit}/year over {elapsed} years, required {rule}; "
        "needs {need} {unit}/year in the {remaining} years left; {best_word} {best} ({best_year})"
    ),
    "final_end": N_("{year}: {last}, required {rule}"),
    "final_pace": N_(
        "{year}: {last}, required {rule} by {last_year}; the trend reaches {projected} by {last_year}"
    ),
    "percent": N_(" ({percent} of target)"),
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
    """How to write the numbers of one target: its measure, unit and the language."""

    goal: Goal
    measure: Measure
    unit: str
    lang: Lang

    def qty(self, value: float, digits: int = 2) -> str:
        return figure(value, self.measure, self.lang, digits)

    def sign(self, value: float) -> str:
        """A required amount with its comparison; a plain ">=" needs no sign."""
        text = self.qty(value, 1)
        if self.goal.comparator is Comparator.AT_LEAST:
            return text
        return f"{SIGNS[self.goal.comparator]} {text}"

    @property
    def rule(self) -> str:
        return f"{SIGNS[self.goal.comparator]} {self.qty(self.goal.threshold)}"

    @property
    def unit_text(self) -> str:
        return "" if self.measure is Measure.SHARE else self.unit

    def phrase(self, key: str, **values: object) -> str:
        text = in_lang(self.lang, PHRASES[key]).format(unit=self.unit_text, rule=self.rule, **values)
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


def explain(goal: Goal, measure: Measure, unit: str, result: Assessment, lang: Lang) -> str:
    """The one-line explanation of an assessment."""
    words = Wording(goal, measure, unit, lang)
    if result.status is Status.NO_DATA:
        line = in_lang(lang, PHRASES["no_data"])
    else:
        line = _RULE_EXPLAINERS[goal.rule](words, result)
    if result.missing_years:
        line += "; " + in_lang(lang, PHRASES["missing"]).format(years=year_list(result.missing_years))
    return line


def _each_year(w: Wording, a: Assessment) -> str:
    if a.failing:
        years = ", ".join(f"{f.year} ({w.qty(f.value)})" for f in a.failing)
        return w.phrase("each_missed", years=years)
    assert a.worst is not None
    key = "each_met" if a.status is Status.MET else "each_ok"
    count = len(a.elapsed_years) - len(a.missing_years)
    return w.phrase(
        key,
        count=count,
        worst_word=w.year_word(best=False),
        worst=w.qty(a.worst.value),
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
    if a.status is Status.MET and a.remaining_years > 0:
        return w.phrase("total_met", total=total, threshold=w.qty(w.goal.threshold), percent=percent)
    if a.remaining_years == 0:
        return w.phrase("total_end", total=total, percent=percent)
    if a.status is Status.MISSED:
        return w.phrase("total_over", total=total)
    assert a.required_now is not None and a.needed_per_year is not None
    return w.phrase(
        "total_pace",
        total=total,
        as_of=a.as_of,
        pace=w.sign(a.required_now),
        need=w.sign(max(a.needed_per_year, 0.0)),
        remaining=a.remaining_years,
        **_best_words(w, a),
    )


def _yearly_average(w: Wording, a: Assessment) -> str:
    assert a.reached is not None
    average = w.qty(a.reached, 1)
    if a.remaining_years == 0:
        return w.phrase("avg_end", average=average)
    assert a.needed_per_year is not None
    return w.phrase(
        "avg_pace",
        average=average,
        elapsed=len(a.elapsed_years),
        need=w.sign(max(a.needed_per_year, 0.0)),
        remaining=a.remaining_years,
        **_best_words(w, a),
    )


def _final_value(w: Wording, a: Assessment) -> str:
    assert a.reached is not None and a.projected is not None
    last = w.qty(a.reached)
    if a.status in (Status.MET, Status.MISSED):
        return w.phrase("final_end", year=a.reached_year, last=last)
    return w.phrase(
        "final_pace",
        year=a.reached_year,
        last=last,
        last_year=w.goal.last_year,
        projected=w.qty(a.projected, 1),
    )


_RULE_EXPLAINERS = {
    Rule.EACH_YEAR: _each_year,
    Rule.TERM_TOTAL: _term_total,
    Rule.YEARLY_AVERAGE: _yearly_average,
    Rule.FINAL_VALUE: _final_value,
}


def percent_of_target(goal: Goal, result: Assessment) -> float | None:
    """How far the figure has come towards the threshold, as a percentage ("đạt 94,7% kế hoạch").

    It means something only for "do more" targets with a positive threshold: the total
    (term_total), the average (yearly_average) or the latest figure (each_year, final_value).
    """
    if result.reached is None or not goal.comparator.upward or goal.threshold <= 0:
        return None
    return result.reached * 100 / goal.threshold
