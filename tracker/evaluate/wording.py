"""Words and numbers in the reader's language: status words, rules, Vietnamese number formats.

Babel formats every number, so Vietnamese reads 1.200 and 90,5% and English 1,200 and 90.5%.
"""

from __future__ import annotations

from typing import Literal

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
