"""The three lists of Phụ lục 2, kept apart because they are three different things: the
units that have not sent their figures (as of the report's day: the units' omission), the units
below a target's threshold, their quota or the level of their rating (they sent, and fall short),
and the ratings the Ban Thường vụ has not yet made (its own act, not a unit's report)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tracker.evaluate import short_date
from tracker.i18n import N_, in_lang
from tracker.status import StatusView, result_words
from tracker.store import Unit

LIST_TEXTS = {
    "owed": N_("As of {day}, {count}/{expected} units have not sent all their figures for {year}: {units}."),
    "none_owed": N_("As of {day}, all {expected} units have sent their figures for {year}."),
    "lagging": N_(
        "Units below a target's threshold, their quota or the level of their rating ({count}): {units}."
    ),
    "none_lagging": N_("No unit is below a target's threshold, its quota or the level of its rating."),
    "lagging_item": N_("target {number}: {figure}"),
    "unrated": N_(
        "Ratings for {year} the Standing Committee has not yet made (targets {numbers}): "
        "{count}/{expected} units: {units}."
    ),
    "none_rated": N_("The Standing Committee has not yet rated the units for {year} (targets {numbers})."),
    "unit_figure": N_("{name} ({figure})"),
    "and_others": N_("{units} and {count} other units (listed in {annex})"),
    "annex": N_("Annex 2"),
}
# A sentence of the report's body (the units not reported under the summary, those holding a
# target back under it) names this many units, then counts the others: five long names already
# fill two lines, and a committee of 130 units would fill pages. Phụ lục 2 names every one.
NAMED_UNITS = 5

if TYPE_CHECKING:
    from tracker.i18n import Lang


def some_named(names: list[str], lang: Lang) -> str:
    """The names joined ("A, B, C"); past NAMED_UNITS, the first ones and how many others, with
    the annex that lists them all: "A, B, C, D, E và 125 đơn vị khác (chi tiết tại Phụ lục 2)".
    One name more is written rather than counted: "và 1 đơn vị khác" would be no shorter."""
    if len(names) <= NAMED_UNITS + 1:
        return ", ".join(names)
    named, count = ", ".join(names[:NAMED_UNITS]), len(names) - NAMED_UNITS
    annex = in_lang(lang, LIST_TEXTS["annex"])
    return in_lang(lang, LIST_TEXTS["and_others"]).format(units=named, count=count, annex=annex)


def owed_line(owed: list[str], sending: int, year: int, day: date, lang: Lang) -> str:
    """The units (`owed`, by name) of the `sending` ones that have not sent all their figures,
    as of the report's day; "" when no unit was to send any."""
    if not sending:
        return ""
    values = {"day": short_date(day, lang), "year": year, "expected": sending, "count": len(owed)}
    if not owed:
        return in_lang(lang, LIST_TEXTS["none_owed"]).format(**values)
    return in_lang(lang, LIST_TEXTS["owed"]).format(units=", ".join(owed), **values)


def lagging_line(view: StatusView, expected: list[Unit], numbers: dict[str, int]) -> str:
    """The units below a threshold, their quota or level, each with the targets it fails."""
    lang, found = view.lang, []
    for unit in expected:
        items = [
            in_lang(lang, LIST_TEXTS["lagging_item"]).format(
                number=numbers[t.code], figure=result_words(r, t.measure, lang, counts=False, short=True)
            )
            for t in view.unit_targets
            if t.units and (r := t.units.by_unit.get(unit.code)) is not None and r.lagging
        ]
        if items:
            found.append(
                in_lang(lang, LIST_TEXTS["unit_figure"]).format(name=unit.name, figure="; ".join(items))
            )
    if found:
        return in_lang(lang, LIST_TEXTS["lagging"]).format(count=len(found), units=", ".join(found))
    reported = any(t.units and t.units.reported for t in view.unit_targets)
    return in_lang(lang, LIST_TEXTS["none_lagging"]) if reported else ""


def unrated_line(view: StatusView, expected: list[Unit], numbers: dict[str, int]) -> str:
    """The ratings of the year the Ban Thường vụ has not yet made (its act, not the units')."""
    rated = [(t.code, t.units.results) for t in view.unit_targets if t.units and t.target.rating_of]
    waiting = {r.code for _c, results in rated for r in results if r.expected and r.figure is None}
    if not waiting:
        return ""
    codes = [c for c, results in rated if any(r.expected and r.figure is None for r in results)]
    values = {"year": view.as_of, "numbers": ", ".join(str(numbers[c]) for c in codes)}
    ratable = {r.code for _c, results in rated for r in results if r.expected}
    names = [u.name for u in expected if u.code in waiting]
    if len(waiting) == len(ratable):
        return in_lang(view.lang, LIST_TEXTS["none_rated"]).format(**values)
    return in_lang(view.lang, LIST_TEXTS["unrated"]).format(
        count=len(names), expected=len(ratable), units=", ".join(names), **values
    )
