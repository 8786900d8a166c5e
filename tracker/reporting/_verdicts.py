"""The words a report of each kind judges its targets with, built from the evaluation's figures.

- A yearly report judges its year: did that year's figure reach the year's plan (the threshold;
  for a term total, its share of one year; for a final value, the pace towards it)? Its opening
  counts its year ("Năm 2023 có 7/11 chỉ tiêu đạt và vượt"); the term's risks are told apart.
- A mid-term review says "Đạt tiến độ" / "Chưa đạt", in its summary and in its table alike.
- An end-of-term report keeps the term's statuses.
- The annex's "Yêu cầu" is written in words: "Từ 90% trở lên/năm", "Trên 85%/năm".
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.evaluate import (
    Comparator,
    Figure,
    Goal,
    Measure,
    ReportKind,
    Rule,
    Status,
    comparison_words,
    figure,
    judged_number,
    share_words,
    status_word,
)
from tracker.i18n import N_, Lang, in_lang
from tracker.status import TargetStatus

REQUIREMENTS: dict[Rule, str] = {
    Rule.EACH_YEAR: N_("{comparison}/year"),
    Rule.TERM_TOTAL: N_("{comparison} over the term"),
    Rule.YEARLY_AVERAGE: N_("{comparison} a year on average"),
    Rule.FINAL_VALUE: N_("{comparison} by the end of the term"),
}
MIDTERM_WORDS: dict[Status, str] = {
    Status.MET: N_("On pace"),
    Status.ON_TRACK: N_("On pace"),
    Status.AT_RISK: N_("Not yet achieved"),
    Status.OFF_TRACK: N_("Not yet achieved"),
    Status.MISSED: N_("Not yet achieved"),
}
YEAR_LINE = N_("In {year}: {figure}, {percent} of the plan ({plan})")
YEAR_FIGURE = N_("In {year}: {figure} (plan: {plan})")  # a "do less" target: no percent of its plan
YEAR_SUMMARY = N_("In {year}, {met}/{total} targets were met or exceeded")
YEAR_NONE = N_("No target has a figure for {year} yet")
YEAR_NOT_MET = N_("{n} not met")
YEAR_NO_FIGURE = N_("{n} without a figure for {year}")
YEAR_PARTIAL = N_("{n} with figures from only some units")
YEAR_PARTIAL_LINE = N_("In {year}: {figure}, {coverage}; not yet the figure of the whole committee")
ESTIMATES = N_("{n} judged on estimates")


@dataclass(frozen=True)
class YearVerdict:
    """One target judged on one year: None when the year has no figure."""

    reached: bool | None
    percent: float | None = None  # of the year's plan
    estimate: bool = False
    line: str = ""  # "Năm 2023 đạt 110, bằng 73,3% kế hoạch (từ 150 đảng viên trở lên)"
    partial: bool = False  # the year adds up only some of its units: no verdict yet
    result: str = ""  # "đạt 73,3% kế hoạch"; a share's "đạt 91,67% (11/12), vượt chỉ tiêu"


def amount(value: float, t: TargetStatus, against: tuple[Comparator, float] | None = None) -> str:
    """A threshold or figure with its unit when it is a count: "750 đảng viên", "90%"; `against`
    the comparison a figure is judged by, so that it is never rounded into a pass."""
    text = figure(value, t.measure, t.lang, against=against)
    return f"{text} {t.unit}" if t.measure is Measure.COUNT and t.unit else text


def comparison(value: float, t: TargetStatus) -> str:
    """ "từ 90% trở lên", "trên 85%"; a whole share asked for is "100%"."""
    whole = t.measure is Measure.SHARE and value >= 100 and t.goal.comparator is Comparator.AT_LEAST
    shown = amount(value, t)
    return shown if whole else comparison_words(t.goal.comparator, shown, t.lang)


def requirement(t: TargetStatus) -> str:
    """The annex's "Yêu cầu" in words: "Từ 90% trở lên/năm", "Từ 750 đảng viên trở lên trong nhiệm kỳ"."""
    text = in_lang(t.lang, REQUIREMENTS[t.goal.rule]).format(comparison=comparison(t.goal.threshold, t))
    return text[:1].upper() + text[1:]


def year_plan(t: TargetStatus) -> float:
    """What one year must bring: the threshold, or a term total's share of one year."""
    if t.goal.rule is Rule.TERM_TOTAL:
        return t.goal.threshold / len(t.goal.years)
    return t.goal.threshold


def year_verdict(t: TargetStatus, year: int) -> YearVerdict:
    found = t.figures.get(year)
    if found is None:
        return YearVerdict(None)
    value, plan = found.figure.value, year_plan(t)
    against = (t.goal.comparator, plan)
    shown = amount(value, t, None if t.goal.rule is Rule.TERM_TOTAL else against)
    if found.partial:  # judged as a missing year, as the status judges it
        line = in_lang(t.lang, YEAR_PARTIAL_LINE).format(
            year=year, figure=shown, coverage=t.coverage_text(year)
        )
        return YearVerdict(None, partial=True, line=line)
    if t.goal.rule is Rule.FINAL_VALUE:  # no plan of its own for a year: the pace towards the end
        reached = t.assessment.status in (Status.MET, Status.ON_TRACK)
    else:
        reached = t.goal.comparator.holds(value, plan)
    percent = value * 100 / plan if plan > 0 and t.goal.comparator.upward else None
    words = {"year": year, "figure": shown, "plan": comparison(plan, t)}
    if percent is None or t.measure is Measure.SHARE:  # a share is said against its target
        line = in_lang(t.lang, YEAR_FIGURE).format(**words)
    else:
        line = in_lang(t.lang, YEAR_LINE).format(percent=_plan_percent(percent, t.goal, t.lang), **words)
    result = _year_result(t, value, plan, percent, found.figure)
    return YearVerdict(reached, percent, found.figure.provisional, line, result=result)


def _plan_percent(percent: float, goal: Goal, lang: Lang) -> str:
    """A year's share of its plan, never rounded into the plan it misses."""
    return judged_number(percent, lang, 1, (Comparator.AT_LEAST, 100.0)) + "%"


def _year_result(t: TargetStatus, value: float, plan: float, percent: float | None, found: Figure) -> str:
    """ "đạt 73,3% kế hoạch"; a share's "đạt 91,67% (11/12), vượt chỉ tiêu"; "" when a percent of
    the plan means nothing (a "do less" target) or would read as reached ("more than" at 100%)."""
    if t.measure is Measure.SHARE:
        return share_words(t.goal, value, t.lang, found)
    if percent is None or (
        t.goal.comparator.strict and not t.goal.comparator.holds(value, plan) and percent >= 100
    ):
        return ""
    return in_lang(t.lang, "{percent} of target").format(percent=_plan_percent(percent, t.goal, t.lang))


def year_word(verdict: YearVerdict, lang: Lang) -> str:
    """Đạt, Không đạt, Dự ước đạt, Chưa có số liệu, Chưa đủ số liệu: the year's verdict."""
    if verdict.partial:
        return status_word(Status.INCOMPLETE, lang)
    if verdict.reached is None:
        return status_word(Status.NO_DATA, lang)
    return status_word(Status.MET if verdict.reached else Status.MISSED, lang, verdict.estimate)


def year_percent(verdict: YearVerdict, lang: Lang) -> str:
    """ "đạt 101,9% kế hoạch", "đạt 91,67% (11/12), vượt chỉ tiêu": the year against its plan."""
    return verdict.result


def year_summary(verdicts: list[YearVerdict], year: int, lang: Lang) -> str:
    """ "Năm 2023 có 7/11 chỉ tiêu đạt và vượt; 4 chỉ tiêu không đạt; 2 chỉ tiêu chưa có số liệu
    năm 2023": the year's targets, counted on the targets with a figure that year."""
    judged = [v for v in verdicts if v.reached is not None]
    met = sum(1 for v in judged if v.reached)
    head = YEAR_SUMMARY if judged else YEAR_NONE
    parts = [in_lang(lang, head).format(year=year, met=met, total=len(judged))]
    if len(judged) - met:
        parts.append(in_lang(lang, YEAR_NOT_MET).format(n=len(judged) - met))
    partial = sum(1 for v in verdicts if v.partial)
    if judged and len(verdicts) - len(judged) - partial:  # none judged: the head says it
        parts.append(in_lang(lang, YEAR_NO_FIGURE).format(n=len(verdicts) - len(judged) - partial, year=year))
    if partial:
        parts.append(in_lang(lang, YEAR_PARTIAL).format(n=partial))
    estimates = sum(1 for v in judged if v.estimate)
    if estimates:
        parts.append(in_lang(lang, ESTIMATES).format(n=estimates))
    return "; ".join(parts)


def kind_word(t: TargetStatus, kind: str) -> str:
    """The status word of the table and the body in a report of `kind` (not yearly)."""
    status = t.assessment.status
    if kind == ReportKind.MIDTERM and status in MIDTERM_WORDS:
        return in_lang(t.lang, MIDTERM_WORDS[status])
    return t.status_text
