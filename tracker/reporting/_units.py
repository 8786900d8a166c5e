"""What a report says about the units: plain data, every word already in the reader's language.

- Under each flagged target, the units that hold it back: those whose own share fails the
  target's threshold ("Đơn vị chưa đạt: Đảng bộ Sở Y tế (80%), ...").
- The completeness line of the as-of year: a unit has reported when it gave a figure for every
  target with unit data it was expected on; the others are named.
- The annex of units × targets: one row per unit expected in the as-of year, one column per
  target with unit data; a share shows its counts beside it ("90,48% (38/42)"); a figure
  failing the threshold is marked, a missing one says so; a last row holds the roll-up of
  each target (all units together, with the counts).
- For the mid-term and end-of-term reports, each unit's score ("... đạt 9/11 chỉ tiêu"). The
  rule: a unit is scored on the targets it can be judged on alone, the share targets with unit
  data it reported or was expected on, and the count targets it was given a quota of; it
  meets one when its own share meets the threshold or its count its quota, and a missing figure
  counts as not met. A count target without a quota is left out of the score (a unit's count
  cannot meet the committee's total); a unit with no such target has no score line.

Everything is empty when no unit reported any figure, so such reports are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.evaluate import Measure, ReportKind, counts_text, figure, level_words
from tracker.i18n import N_, Lang, in_lang
from tracker.status import StatusView, TargetStatus, UnitResult, result_words
from tracker.store import Unit

TEXTS = {
    "behind": N_("Units below the threshold: {units}."),
    "rated_below": N_("Units rated below “{level}”: {units}."),
    "unit_figure": N_("{name} ({figure})"),
    "complete": N_("{reported}/{expected} units reported their figures for {year}."),
    "incomplete": N_("{reported}/{expected} units reported their figures for {year}; not reported: {units}."),
    "score": N_("{name} met {met}/{of} targets."),
    "fails_mark": N_("(!)"),
}
LABELS = {
    "units_annex": N_("Annex 2: Results by unit"),
    "units_annex_title": N_("The units' own figures, as of {0}"),
    "unit": N_("Unit"),
    "units_note": N_(
        "(!): the unit's figure fails the target's threshold, or its rating is below the target's level; "
        "missing: not reported."
    ),
    "unit_scores": N_("The units' results:"),
    "units_total": N_("All units"),
}


@dataclass(frozen=True)
class UnitCell:
    text: str  # "80%", "80% (!)" when it fails the threshold, "thiếu" when missing, "" when not expected
    fails: bool
    missing: bool
    counts: str = ""  # a share's "8/10"; "" for a count or without a figure
    with_counts: str = ""  # "80% (8/10) (!)"; "" when there are no counts

    @property
    def full(self) -> str:
        """The figure with its counts when it has them: "80% (8/10) (!)"."""
        return self.with_counts or self.text


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    cells: list[UnitCell]


@dataclass(frozen=True)
class UnitReport:
    completeness: str = ""
    heads: list[str] = field(default_factory=list)  # the codes of the targets with unit data
    rows: list[UnitRow] = field(default_factory=list)
    totals: UnitRow | None = None  # the roll-up of each target, all units together
    scores: list[str] = field(default_factory=list)  # midterm and final reports only
    labels: dict[str, str] = field(default_factory=dict)


def behind_line(target: TargetStatus) -> str:
    """ "Đơn vị chưa đạt: Đảng bộ Sở Y tế (80%), ..." for a flagged target; "" otherwise."""
    if not target.flagged or target.units is None or not target.units.lagging:
        return ""
    lang = target.lang
    named = ", ".join(_named(r, target.measure, lang) for r in target.units.lagging)
    lowest = target.target.rating_at_least
    if lowest is not None:
        return in_lang(lang, TEXTS["rated_below"]).format(level=level_words(lowest, lang), units=named)
    return in_lang(lang, TEXTS["behind"]).format(units=named)


def _named(result: UnitResult, measure: Measure, lang: Lang) -> str:
    value = result_words(result, measure, lang, counts=False)
    return in_lang(lang, TEXTS["unit_figure"]).format(name=result.name, figure=value)


def unit_report(view: StatusView, kind: str, missing_word: str) -> UnitReport:
    """What a report of `kind` says about the units of `view`; empty when no unit reported."""
    targets = view.unit_targets
    if not targets:
        return UnitReport()
    lang = view.lang
    by_target = {t.code: {r.code: r for r in t.units.results} for t in targets if t.units}
    expected = [u for u in view.units if _expected_somewhere(u.code, by_target)]
    rows = [
        UnitRow(u.code, u.name, [_cell(t, by_target[t.code].get(u.code), missing_word) for t in targets])
        for u in expected
    ]
    scored = expected if ReportKind(kind).reviews_the_term else []
    scores = [_score(u.name, u.code, targets, by_target, lang) for u in scored]
    return UnitReport(
        completeness=_completeness(view, expected, by_target),
        heads=[t.label for t in targets],
        rows=rows,
        totals=UnitRow("", in_lang(lang, LABELS["units_total"]), [_total(t) for t in targets]),
        scores=[s for s in scores if s],
        labels={key: in_lang(lang, text) for key, text in LABELS.items()},
    )


def units_not_reported(view: StatusView) -> list[Unit]:
    """The units expected in the as-of year that miss a figure of a target with unit data, in
    the config's order (the reminder names them)."""
    by_target = {t.code: {r.code: r for r in t.units.results} for t in view.unit_targets if t.units}
    return [u for u in view.units if _missing_any(u.code, by_target)]


def _expected_somewhere(code: str, by_target: dict[str, dict[str, UnitResult]]) -> bool:
    return any(code in results and results[code].expected for results in by_target.values())


def _cell(target: TargetStatus, result: UnitResult | None, missing_word: str) -> UnitCell:
    if result is None or (result.figure is None and not result.expected):
        return UnitCell("", False, False)
    if result.figure is None:
        return UnitCell(missing_word, False, True)
    if result.level is not None:  # a rating target's unit: its level, no counts
        text, counts, full = result_words(result, target.measure, target.lang, short=True), "", ""
    else:
        text = result.with_quota(figure(result.figure.value, target.measure, target.lang), target.lang)
        counts = counts_text(result.figure)
        full = f"{text} ({counts})" if counts else ""
    if result.lagging:
        mark = in_lang(target.lang, TEXTS["fails_mark"])
        text, full = f"{text} {mark}", f"{full} {mark}" if full else ""
    return UnitCell(text, result.lagging, False, counts, full)


def _total(target: TargetStatus) -> UnitCell:
    """The units' roll-up of the target for the as-of year; empty when none reported that year."""
    rolled = target.units.rolled_up if target.units else None
    if rolled is None:
        return UnitCell("", False, False)
    text = figure(rolled.figure.value, target.measure, target.lang)
    counts = counts_text(rolled.figure)
    return UnitCell(text, False, False, counts, f"{text} ({counts})" if counts else "")


def _completeness(view: StatusView, expected: list[Unit], by_target: dict[str, dict[str, UnitResult]]) -> str:
    missing = [u.name for u in expected if _missing_any(u.code, by_target)]
    values = {"reported": len(expected) - len(missing), "expected": len(expected), "year": view.as_of}
    if not missing:
        return in_lang(view.lang, TEXTS["complete"]).format(**values)
    return in_lang(view.lang, TEXTS["incomplete"]).format(units=", ".join(missing), **values)


def _missing_any(code: str, by_target: dict[str, dict[str, UnitResult]]) -> bool:
    found = [results.get(code) for results in by_target.values()]
    return any(r is not None and r.expected and r.figure is None for r in found)


def _score(
    name: str, code: str, targets: list[TargetStatus], by_target: dict[str, dict[str, UnitResult]], lang: Lang
) -> str:
    found = [(t, by_target[t.code].get(code)) for t in targets]
    judged = [r for t, r in found if r is not None and (t.measure is Measure.SHARE or r.quota is not None)]
    counted = [r for r in judged if r.expected or r.figure is not None]
    if not counted:
        return ""
    met = sum(1 for r in counted if r.meets is True)
    return in_lang(lang, TEXTS["score"]).format(name=name, met=met, of=len(counted))
