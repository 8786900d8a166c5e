"""Words and numbers in the reader's language: status words, rules, number and date formats.

The words come from the gettext catalog (tracker/i18n.py); Babel formats every number, so
Vietnamese reads 1.200 and 90,5% and English 1,200 and 90.5%.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_decimal

from tracker.evaluate.model import Comparator, Goal, Measure, Rule, Status
from tracker.i18n import LANGS, N_, Lang, in_lang, in_lang_ctx

__all__ = ["LANGS", "Lang"]

STATUS_TEXTS: dict[Status, str] = {
    Status.MET: N_("Met"),
    Status.ON_TRACK: N_("On track"),
    Status.AT_RISK: N_("Behind pace"),
    Status.OFF_TRACK: N_("Unlikely"),
    Status.MISSED: N_("Missed"),
    Status.NO_DATA: N_("No data"),
}
RULE_TEXTS: dict[Rule, str] = {
    Rule.EACH_YEAR: N_("each year"),
    Rule.TERM_TOTAL: N_("over the term"),
    Rule.YEARLY_AVERAGE: N_("yearly average"),
    Rule.FINAL_VALUE: N_("by the end of the term"),
}
SIGNS: dict[Comparator, str] = {
    Comparator.AT_LEAST: "≥",
    Comparator.MORE_THAN: ">",
    Comparator.AT_MOST: "≤",
    Comparator.LESS_THAN: "<",
}
SUMMARY_TEXTS: dict[Status, str] = {
    Status.ON_TRACK: N_("{n} on track"),
    Status.AT_RISK: N_("{n} behind pace"),
    Status.OFF_TRACK: N_("{n} unlikely"),
    Status.MISSED: N_("{n} missed"),
    Status.NO_DATA: N_("{n} without figures"),
}


def localized(vietnamese: str, english: str | None, lang: Lang) -> str:
    """A text the config gives in Vietnamese and (optionally) English, in the reader's language."""
    return english if lang == "en" and english else vietnamese


def status_word(status: Status, lang: Lang) -> str:
    """Đạt / Met, Đúng tiến độ / On track, ..."""
    return in_lang(lang, STATUS_TEXTS[status])


def provisional_word(lang: Lang) -> str:
    """dự ước / provisional: an estimate, to be confirmed."""
    return in_lang_ctx(lang, "figure", "provisional")


def number(value: float, lang: Lang, digits: int = 2) -> str:
    """A number in the language's format, with at most `digits` decimals: 1.200; 90,5."""
    rounded = round(value, digits)
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return str(format_decimal(rounded + 0.0, format=pattern, locale=lang))


def figure(value: float, measure: Measure, lang: Lang, digits: int = 2) -> str:
    """A figure as a reader expects it: 90,5% for a share, 1.200 for a count."""
    text = number(value, lang, digits)
    return f"{text}%" if measure is Measure.SHARE else text


def threshold_text(goal: Goal, measure: Measure, lang: Lang) -> str:
    """The comparison of a target: ≥ 90%, > 85%, ≥ 750."""
    return f"{SIGNS[goal.comparator]} {figure(goal.threshold, measure, lang)}"


def rule_text(goal: Goal, measure: Measure, lang: Lang) -> str:
    """The rule of a target in words: "≥ 90% mỗi năm", "≥ 750 cả nhiệm kỳ"."""
    return f"{threshold_text(goal, measure, lang)} {in_lang(lang, RULE_TEXTS[goal.rule])}"


def year_list(years: tuple[int, ...] | list[int]) -> str:
    return ", ".join(str(y) for y in years)


def long_date(day: date, lang: Lang) -> str:
    """A document date: "ngày 03 tháng 02 năm 2021" (vi) or "3 February 2021" (en).

    Vietnamese administrative style pads days under 10 and the months January and February
    (so that "tháng 1" cannot be read as "tháng 10" or "tháng 11", nor "tháng 2" as "tháng 12").
    """
    if lang == "vi":
        month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
        return f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return str(format_date(day, format="d MMMM y", locale="en"))


def short_date(day: date, lang: Lang) -> str:
    """A date in body text: 18/8/2020 (vi) or 18 Aug 2020 (en)."""
    if lang == "vi":
        return f"{day.day}/{day.month}/{day.year}"
    return str(format_date(day, format="d MMM y", locale="en"))


def moment_text(moment: datetime, zone: ZoneInfo, lang: Lang) -> str:
    """A moment in the configured time zone, as the language writes it: "22:38 27/11/2026"
    (Vietnamese: the time, then the day) or "2026-11-27 22:38". A moment without a zone is UTC
    (that is how the database keeps them)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(zone).strftime("%H:%M %d/%m/%Y" if lang == "vi" else "%Y-%m-%d %H:%M")


def summary_line(statuses: list[Status], lang: Lang) -> str:
    """ "Đạt 6/11 chỉ tiêu; 2 chỉ tiêu chậm tiến độ; ..." in the domain's own words."""
    met = statuses.count(Status.MET)
    head = in_lang(lang, "Met {met} of {total} targets").format(met=met, total=len(statuses))
    parts = [
        in_lang(lang, pattern).format(n=statuses.count(status))
        for status, pattern in SUMMARY_TEXTS.items()
        if statuses.count(status)
    ]
    return "; ".join([head, *parts])
