"""Words and numbers in the reader's language: status words, rules, Vietnamese number formats.

Babel formats every number, so Vietnamese reads 1.200 and 90,5% and English 1,200 and 90.5%.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from babel.dates import format_date
from babel.numbers import format_decimal

from tracker.evaluate.model import Comparator, Goal, Measure, Rule, Status

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")

STATUS_WORDS: dict[Lang, dict[Status, str]] = {
    "vi": {
        Status.MET: "Đạt",
        Status.ON_TRACK: "Đúng tiến độ",
        Status.AT_RISK: "Chậm tiến độ",
        Status.OFF_TRACK: "Khó đạt",
        Status.MISSED: "Không đạt",
        Status.NO_DATA: "Chưa có số liệu",
    },
    "en": {
        Status.MET: "Met",
        Status.ON_TRACK: "On track",
        Status.AT_RISK: "Behind pace",
        Status.OFF_TRACK: "Unlikely",
        Status.MISSED: "Missed",
        Status.NO_DATA: "No data",
    },
}

RULE_WORDS: dict[Lang, dict[Rule, str]] = {
    "vi": {
        Rule.EACH_YEAR: "mỗi năm",
        Rule.TERM_TOTAL: "cả nhiệm kỳ",
        Rule.YEARLY_AVERAGE: "bình quân mỗi năm",
        Rule.FINAL_VALUE: "cuối nhiệm kỳ",
    },
    "en": {
        Rule.EACH_YEAR: "each year",
        Rule.TERM_TOTAL: "over the term",
        Rule.YEARLY_AVERAGE: "yearly average",
        Rule.FINAL_VALUE: "by the end of the term",
    },
}

SIGNS: dict[Comparator, str] = {
    Comparator.AT_LEAST: "≥",
    Comparator.MORE_THAN: ">",
    Comparator.AT_MOST: "≤",
    Comparator.LESS_THAN: "<",
}

PROVISIONAL: dict[Lang, str] = {"vi": "dự ước", "en": "provisional"}


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
    return f"{threshold_text(goal, measure, lang)} {RULE_WORDS[lang][goal.rule]}"


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


SUMMARY_WORDS: dict[Lang, dict[Status, str]] = {
    "vi": {
        Status.ON_TRACK: "{n} chỉ tiêu đúng tiến độ",
        Status.AT_RISK: "{n} chỉ tiêu chậm tiến độ",
        Status.OFF_TRACK: "{n} chỉ tiêu khó đạt",
        Status.MISSED: "{n} chỉ tiêu không đạt",
        Status.NO_DATA: "{n} chỉ tiêu chưa có số liệu",
    },
    "en": {
        Status.ON_TRACK: "{n} on track",
        Status.AT_RISK: "{n} behind pace",
        Status.OFF_TRACK: "{n} unlikely",
        Status.MISSED: "{n} missed",
        Status.NO_DATA: "{n} without figures",
    },
}


def summary_line(statuses: list[Status], lang: Lang) -> str:
    """ "Đạt 6/11 chỉ tiêu; 2 chỉ tiêu chậm tiến độ; ..." in the domain's own words."""
    met = statuses.count(Status.MET)
    head = f"Đạt {met}/{len(statuses)} chỉ tiêu" if lang == "vi" else f"Met {met} of {len(statuses)} targets"
    parts = [
        pattern.format(n=statuses.count(status))
        for status, pattern in SUMMARY_WORDS[lang].items()
        if statuses.count(status)
    ]
    return "; ".join([head, *parts])
