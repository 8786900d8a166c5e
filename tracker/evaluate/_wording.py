"""Words and numbers in the reader's language: status words, rules, number and date formats.

The words come from the gettext catalog (tracker/i18n.py); Babel formats every number, so
Vietnamese reads 1.200 and 90,5% and English 1,200 and 90.5%.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from math import isfinite
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_decimal

from tracker.evaluate._model import REPORT_KINDS, Comparator, Figure, Goal, Measure, ReportKind, Rule, Status
from tracker.i18n import N_, Lang, _, in_lang, in_lang_ctx, translations

STATUS_TEXTS: dict[Status, str] = {
    Status.MET: N_("Met"),
    Status.ON_TRACK: N_("On track"),
    Status.AT_RISK: N_("Behind pace"),
    Status.OFF_TRACK: N_("Unlikely"),
    Status.MISSED: N_("Missed"),
    Status.NO_DATA: N_("No data"),
    Status.INCOMPLETE: N_("Incomplete figures"),
}
# A verdict that rests on an estimate (dự ước) says so: "Dự ước đạt".
ESTIMATE_TEXTS: dict[Status, str] = {
    Status.MET: N_("Met (estimate)"),
    Status.MISSED: N_("Missed (estimate)"),
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
# Comparisons in words, for sentences (a table's rule column keeps its sign: "≥ 90% mỗi năm").
COMPARISON_WORDS: dict[Comparator, str] = {
    Comparator.AT_LEAST: N_("at least {x}"),
    Comparator.MORE_THAN: N_("more than {x}"),
    Comparator.AT_MOST: N_("at most {x}"),
    Comparator.LESS_THAN: N_("less than {x}"),
}
INFERRED_MARK = "†"


def localized(vietnamese: str, english: str | None, lang: Lang) -> str:
    """A text the config gives in Vietnamese and (optionally) English, in the reader's language."""
    return english if lang == "en" and english else vietnamese


def status_word(status: Status, lang: Lang, estimate: bool = False) -> str:
    """Đạt / Met, Đúng tiến độ / On track, ...; with `estimate`, a verdict that rests on an
    estimate: Dự ước đạt / Met (estimate)."""
    if estimate and status in ESTIMATE_TEXTS:
        return in_lang(lang, ESTIMATE_TEXTS[status])
    return in_lang(lang, STATUS_TEXTS[status])


def comparison_words(comparator: Comparator, amount: str, lang: Lang) -> str:
    """ "từ 750 đảng viên trở lên" / "at least 750 members", "trên 85%", "không quá 10"."""
    return in_lang(lang, COMPARISON_WORDS[comparator]).format(x=amount)


def code_label(code: str, inferred: bool) -> str:
    """A target's code as people read it: "T11 †" for an inferred target, else "T01"."""
    return f"{code} {INFERRED_MARK}" if inferred else code


def provisional_word(lang: Lang) -> str:
    """dự ước / provisional: an estimate, to be confirmed."""
    return in_lang_ctx(lang, "figure", "provisional")


SEPARATORS = {"vi": (".", ","), "en": (",", ".")}  # (thousands, decimals), as Babel's locales


def number(value: float, lang: Lang, digits: int = 2) -> str:
    """A number in the language's format, with at most `digits` decimals: 1.200; 90,5. Halves
    are rounded up, as people and spreadsheets do: 95,25 to one decimal is 95,3.

    Babel's formatting, written out for vi and en: a thousand units' annex has ten thousand
    figures, which Babel takes seconds to format (a property test holds the two equal)."""
    if not isfinite(value) or lang not in SEPARATORS:
        return babel_number(value, lang, digits)
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    text = f"{rounded if rounded else Decimal(0):,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    thousands, decimals = SEPARATORS[lang]
    return text.replace(",", "\0").replace(".", decimals).replace("\0", thousands)


def babel_number(value: float, lang: Lang, digits: int = 2) -> str:
    """number() as Babel formats it, for any language."""
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    if not isfinite(value):
        return str(format_decimal(value, format=pattern, locale=lang))
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    return str(format_decimal(rounded if rounded else Decimal(0), format=pattern, locale=lang))


Against = tuple[Comparator, float]  # a target's comparison, for numbers read beside its verdict
MORE_DIGITS = 4  # decimals added, at most, so that a rounded number keeps the side it is on
NEARLY = N_("nearly {x}")
JUST_OVER = N_("just over {x}")


def judged_number(value: float, lang: Lang, digits: int = 2, against: Against | None = None) -> str:
    """number(), never rounded across the threshold it is judged against: 99,9999% against "at
    least 100%" reads 99,9999%, not 100%; beyond MORE_DIGITS decimals, "gần 100" (or "nhỉnh
    hơn 0"). A number that holds is likewise never rounded onto the failing side."""
    if against is None or not isfinite(value):
        return number(value, lang, digits)
    comparator, threshold = against
    holds = comparator.holds(value, threshold)
    for places in range(digits, digits + MORE_DIGITS + 1):
        shown = float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))
        if comparator.holds(shown, threshold) == holds:
            return number(value, lang, places)
    near = NEARLY if value < threshold else JUST_OVER  # never equal: the threshold itself reads true
    return in_lang(lang, near).format(x=number(threshold, lang, digits))


def figure(
    value: float, measure: Measure, lang: Lang, digits: int = 2, against: Against | None = None
) -> str:
    """A figure as a reader expects it: 90,5% for a share, 1.200 for a count; `against` the
    target's comparison, never rounded into a pass it misses (judged_number)."""
    text = judged_number(value, lang, digits, against)
    return f"{text}%" if measure is Measure.SHARE else text


def counts_text(found: Figure, lang: Lang | None = None) -> str:
    """A share's counts as written beside it, grouped as the language writes numbers: "38/42",
    "3.512/4.010" (without a language, as typed: "3512/4010"); "" for a figure without counts."""
    if not found.denominator:
        return ""
    if lang is None:
        return f"{found.numerator}/{found.denominator}"
    return f"{number(found.numerator or 0, lang, 0)}/{number(found.denominator, lang, 0)}"


def figure_words(
    found: Figure,
    measure: Measure,
    lang: Lang,
    *,
    counts: bool = True,
    estimate: bool = True,
    against: Against | None = None,
) -> str:
    """A figure as a reader expects it, with its counts and whether it is an estimate:
    "90,48% (38/42) (dự ước)", "1.200". The one place a figure is written with its counts
    (a table that marks estimates its own way asks for no `estimate` word); `against` the
    target's comparison, so that it never reads as meeting a threshold it misses."""
    text = figure(found.value, measure, lang, against=against)
    if counts and found.denominator:
        text += f" ({counts_text(found, lang)})"
    return text + (f" ({provisional_word(lang)})" if estimate and found.provisional else "")


COVERAGE_TEXTS = {  # a partial roll-up: how many of the expected units it adds up
    False: N_("from {reported}/{expected} units"),
    True: N_("{reported}/{expected} units rated"),
}
DISCREPANCY_TEXTS = {  # a committee figure its units contradict
    False: N_("the committee recorded {recorded}, its units' figures add up to {rolled}"),
    True: N_("the committee recorded {recorded}, its units' ratings give {rolled}"),
}


def coverage_words(coverage: tuple[int, int], rated: bool, lang: Lang) -> str:
    """A partial roll-up in words: "tổng hợp từ 3/26 đơn vị"; a rating target's "10/12 đơn vị
    đã xếp loại". `coverage` is (reported, expected)."""
    reported, expected = coverage
    text = in_lang(lang, COVERAGE_TEXTS[rated])
    return text.format(reported=number(reported, lang), expected=number(expected, lang))


def discrepancy_words(found: tuple[float, float], measure: Measure, rated: bool, lang: Lang) -> str:
    """A committee figure against its units' roll-up: "số liệu toàn Đảng bộ ghi 88,7%, tổng
    hợp xếp loại các đơn vị là 91,67%". `found` is (recorded, rolled up)."""
    recorded, rolled = (figure(value, measure, lang) for value in found)
    return in_lang(lang, DISCREPANCY_TEXTS[rated]).format(recorded=recorded, rolled=rolled)


def figure_subject(code: str, unit: str | None) -> str:
    """Whose figure a message is about: "T01", or "T01 (unit SYT)" for a unit's figure (in
    the language of the running command)."""
    return code if unit is None else _("{code} (unit {unit})").format(code=code, unit=unit)


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


def moment_cell_format(lang: Lang) -> str:
    """The number format of a spreadsheet's date cell that shows a moment as `moment_text`
    writes it, with its seconds: "hh:mm:ss dd/mm/yyyy" or "yyyy-mm-dd hh:mm:ss"."""
    return "hh:mm:ss dd/mm/yyyy" if lang == "vi" else "yyyy-mm-dd hh:mm:ss"


SUMMARY_TEXTS: dict[Status, str] = {  # a yearly report names every status
    Status.ON_TRACK: N_("{n} on track"),
    Status.AT_RISK: N_("{n} behind pace"),
    Status.OFF_TRACK: N_("{n} unlikely"),
    Status.MISSED: N_("{n} missed"),
    Status.NO_DATA: N_("{n} without figures"),
    Status.INCOMPLETE: N_("{n} with incomplete figures"),
}
MIDTERM_BEHIND = (Status.AT_RISK, Status.OFF_TRACK, Status.MISSED)  # "chưa đạt"
FINAL_TEXTS: dict[Status, str] = {  # an end-of-term report: "không đạt 2 chỉ tiêu"
    **SUMMARY_TEXTS,
    Status.MISSED: N_("missed {n}"),
}
ESTIMATES_TEXT = N_("{n} judged on estimates")


def summary_line(
    statuses: list[Status], lang: Lang, kind: str = ReportKind.YEARLY, estimates: list[bool] | None = None
) -> str:
    """The summary of a report in the words of its kind: a yearly report "Đạt 6/11 chỉ tiêu;
    2 chỉ tiêu chậm tiến độ; ...", a mid-term review "8/11 chỉ tiêu đạt tiến độ; 3 chỉ tiêu
    chưa đạt", an end-of-term report "Đạt và vượt 8/11 chỉ tiêu; không đạt 2 chỉ tiêu".
    `estimates` (one per status) adds how many verdicts rest on estimates (dự ước)."""
    if kind not in REPORT_KINDS:
        raise ValueError(f"report kind {kind!r} is not one of {', '.join(REPORT_KINDS)}")
    if kind == ReportKind.MIDTERM:
        parts = _midterm_parts(statuses, lang)
    else:
        parts = _counted_parts(statuses, lang, final=kind == ReportKind.FINAL)
    judged = sum(1 for estimate in estimates or () if estimate)
    if judged:
        parts.append(in_lang(lang, ESTIMATES_TEXT).format(n=judged))
    return "; ".join(parts)


def _counted_parts(statuses: list[Status], lang: Lang, *, final: bool) -> list[str]:
    """ "Đạt 6/11 chỉ tiêu" (yearly) or "Đạt và vượt 8/11 chỉ tiêu" (final, "Không có chỉ tiêu
    nào đạt" rather than 0/11), then every other status that occurs, with its count."""
    met, total = statuses.count(Status.MET), len(statuses)
    if not final:
        head = in_lang(lang, "Met {met} of {total} targets")
    elif met:
        head = in_lang(lang, "Met or exceeded {met} of {total} targets")
    else:
        head = in_lang(lang, "No target met")
    texts = FINAL_TEXTS if final else SUMMARY_TEXTS
    parts = [
        in_lang(lang, pattern).format(n=statuses.count(status))
        for status, pattern in texts.items()
        if statuses.count(status)
    ]
    return [head.format(met=met, total=total), *parts]


def _midterm_parts(statuses: list[Status], lang: Lang) -> list[str]:
    """ "8/11 chỉ tiêu đạt tiến độ" (met or on track); "3 chỉ tiêu chưa đạt" (behind, unlikely or
    missed); and the targets without figures, or with too few."""
    on_pace = statuses.count(Status.MET) + statuses.count(Status.ON_TRACK)
    behind = sum(statuses.count(status) for status in MIDTERM_BEHIND)
    if on_pace:
        head = in_lang(lang, "{n} of {total} targets on pace").format(n=on_pace, total=len(statuses))
    else:
        head = in_lang(lang, "No target on pace yet")
    parts = [head]
    if behind:
        parts.append(in_lang(lang, "{n} not yet achieved").format(n=behind))
    for status in (Status.NO_DATA, Status.INCOMPLETE):
        if statuses.count(status):
            parts.append(in_lang(lang, SUMMARY_TEXTS[status]).format(n=statuses.count(status)))
    return parts


def inferred_line(total: int, inferred: int, lang: Lang) -> str:
    """ "11 chỉ tiêu, trong đó 1 chỉ tiêu suy luận cần xác nhận"; "" when no target is inferred."""
    if not inferred:
        return ""
    words = translations(lang)
    targets = words.ngettext("{n} target", "{n} targets", total).format(n=total)
    of_which = words.ngettext(
        "{targets}, of which {n} is inferred and to be confirmed",
        "{targets}, of which {n} are inferred and to be confirmed",
        inferred,
    )
    return of_which.format(targets=targets, n=inferred)
