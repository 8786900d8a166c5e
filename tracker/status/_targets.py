"""The status of every target as of a year: the evaluation fed from the database.

The result is plain data shared by the status table, the JSON output and the reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from tracker import store
from tracker.base import check_year, find_target
from tracker.evaluate import (
    Assessment,
    Comparator,
    Coverage,
    Excess,
    Figure,
    Goal,
    Measure,
    Rule,
    assess_pending,
    code_label,
    coverage_words,
    discrepancy_words,
    explain,
    localized,
    partial_bounds,
    percent_text,
    progress_of_target,
    rests_on_estimate,
    rule_text,
    status_word,
)
from tracker.i18n import DEFAULT_LANG, N_, Lang, in_lang
from tracker.status._parts import beyond_parent
from tracker.status._units import (
    UnitData,
    UnitSummary,
    borrowed_unit_data,
    load_unit_data,
    rolled_up_years,
    summarise,
    with_year_figures,
)
from tracker.store import Resolution, Session, Target, Unit

QUOTED_FROM = N_("per {reference}")  # a press report of the congress, not the resolution's text


@dataclass(frozen=True)
class YearFigure:
    """The figure that counts for one year of a target, and where it comes from: the latest
    revision the committee recorded, or (revision 0) the roll-up of its units' figures."""

    figure: Figure
    revision: int
    source_document: str | None = None
    recorded_at: datetime | None = None
    coverage: Coverage | None = None  # a roll-up's: how many of the expected units it adds up

    @property
    def rolled_up(self) -> bool:
        """The sum of the units' figures: the committee recorded none."""
        return self.revision == 0

    @property
    def partial(self) -> bool:
        """A roll-up of only some of the units expected that year: not yet the committee's
        figure, and judged as a missing year."""
        return self.coverage is not None and not self.coverage.whole


@dataclass(frozen=True)
class TargetStatus:
    target: Target
    goal: Goal
    measure: Measure
    lang: Lang
    figures: dict[int, YearFigure]
    assessment: Assessment
    explanation: str
    units: UnitSummary | None = None  # None: no unit reported a figure of this target
    beyond_parent: dict[int, Excess] = field(default_factory=dict)  # a "trong đó" target's conflicts

    @property
    def flagged(self) -> bool:
        """Flagged by its status or missing years, by a recorded figure its units contradict, or
        (a "trong đó" target) by a figure beyond its parent's as the status shows it."""
        contradicted = self.units is not None and self.units.discrepancy is not None
        return self.assessment.flagged or contradicted or bool(self.beyond_parent)

    @property
    def code(self) -> str:
        return self.target.code

    @property
    def title(self) -> str:
        return localized(self.target.title, self.target.title_en, self.lang)

    @property
    def short_title(self) -> str:
        t = self.target
        return localized(t.short_title or t.title, t.short_title_en or t.title_en, self.lang)

    @property
    def unit(self) -> str:
        return localized(self.target.unit, self.target.unit_en, self.lang)

    @property
    def rule_text(self) -> str:
        return rule_text(self.goal, self.measure, self.lang)

    @property
    def why(self) -> str:
        """Why an inferred target was inferred, in the reader's language."""
        return localized(self.target.source_why or "", self.target.source_why_en, self.lang)

    @property
    def inferred(self) -> bool:
        return self.target.source_kind == "inferred"

    @property
    def label(self) -> str:
        """The code as people read it, marked when inferred: "T11 †"."""
        return code_label(self.code, self.inferred)

    @property
    def provisional_years(self) -> list[int]:
        """The years whose figure is an estimate (dự ước)."""
        return [y for y, f in sorted(self.figures.items()) if f.figure.provisional]

    @property
    def partial(self) -> dict[int, Coverage]:
        """The years whose figure adds up only some of the expected units: shown, not judged."""
        return {y: f.coverage for y, f in self.figures.items() if f.partial and f.coverage is not None}

    def coverage_text(self, year: int) -> str:
        """ "tổng hợp từ 3/26 đơn vị", "10/12 đơn vị đã xếp loại" for a partial year, else ""."""
        found = self.figures.get(year)
        if found is None or not found.partial or found.coverage is None:
            return ""
        return coverage_words(found.coverage, self.target.rating_of is not None, self.lang)

    @property
    def estimate(self) -> bool:
        """Whether the verdict (met or missed) rests on an estimate: "Dự ước đạt"."""
        judged = [y for y in self.provisional_years if y not in self.partial]  # a partial year is not
        return rests_on_estimate(self.goal, self.assessment, judged)

    @property
    def status_text(self) -> str:
        """Đạt, Dự ước không đạt, Đúng tiến độ, ...: the status word a reader sees."""
        return status_word(self.assessment.status, self.lang, self.estimate)

    @property
    def percent_text(self) -> str:
        """ "đạt 95,2% kế hoạch (năm 2022)", "đạt 91,67% (11/12), vượt chỉ tiêu": as the status
        judges, "" when it means nothing."""
        progress = progress_of_target(self.goal, self.assessment)
        shown = self.figures.get(progress.year) if progress and progress.year else None
        return percent_text(
            self.goal, self.assessment, self.lang, self.measure, shown.figure if shown else None
        )

    @property
    def against(self) -> tuple[Comparator, float] | None:
        """The comparison a year's own figure is judged by (every year, or the last): such a
        figure is never shown rounded into a pass it misses. None where a year is a part of a
        total or an average."""
        if self.goal.rule in (Rule.EACH_YEAR, Rule.FINAL_VALUE):
            return (self.goal.comparator, self.goal.threshold)
        return None

    @property
    def quoted_from(self) -> str:
        """Where the quoted words come from: "theo Điện Biên TV, 18/08/2020"; "" when the target
        is inferred or its source has no reference."""
        reference = self.target.source_reference
        if self.inferred or not reference:
            return ""
        return in_lang(self.lang, QUOTED_FROM).format(reference=reference)


@dataclass(frozen=True)
class StatusView:
    resolution: Resolution
    as_of: int
    lang: Lang
    targets: list[TargetStatus]
    units: list[Unit] = field(default_factory=list)  # the resolution's units, in the config's order

    @property
    def data_cutoff(self) -> datetime | None:
        """When the newest figure this view uses was recorded."""
        moments = [f.recorded_at for t in self.targets for f in t.figures.values() if f.recorded_at]
        return max(moments, default=None)

    @property
    def flagged(self) -> list[TargetStatus]:
        return [t for t in self.targets if t.flagged]

    @property
    def unit_targets(self) -> list[TargetStatus]:
        """The targets with units' figures, once each: a target that takes its figures from
        another would repeat its source's column."""
        return [t for t in self.targets if t.units is not None and not t.target.figures_from]


def goal_of(target: Target, years: tuple[int, ...]) -> Goal:
    return Goal(Rule(target.rule), Comparator(target.comparator), target.threshold, years)


def default_as_of(resolution: Resolution, figure_years: Iterable[int]) -> int:
    """The latest reporting year with any figure; the first year when there is none."""
    first, last = resolution.first_year, resolution.last_year
    return max((y for y in figure_years if first <= y <= last), default=first)


def build_status(
    session: Session,
    resolution: Resolution,
    *,
    codes: list[str] | None = None,
    as_of: int | None = None,
    lang: Lang = DEFAULT_LANG,
    as_recorded: datetime | None = None,
) -> StatusView:
    if as_of is not None:
        check_year(resolution, as_of)
    targets = store.targets_of(session, resolution.id)
    sources = _figure_sources(targets)
    if codes:
        targets = [find_target(session, resolution, code) for code in codes]
    entries = store.current_entries(session, resolution.id, as_recorded)
    units = borrowed_unit_data(load_unit_data(session, resolution, as_recorded), sources)
    counted = [e for e in entries if sources.get(e.target_id) == e.target_id]  # not a borrower's own
    years = [*(e.year for e in counted), *units.years()]
    year = as_of if as_of is not None else default_as_of(resolution, years)
    units = borrowed_unit_data(with_year_figures(session, resolution, units, year, as_recorded), sources)
    by_target: dict[int, dict[int, YearFigure]] = {}
    for e in entries:
        year_figure = YearFigure(e.figure, e.revision, e.source_document, e.recorded_at)
        by_target.setdefault(e.target_id, {})[e.year] = year_figure
    by_target = {target_id: by_target.get(source_id, {}) for target_id, source_id in sources.items()}
    every = {t.code: t for t in store.targets_of(session, resolution.id)} if codes else {}
    chosen = {t.code for t in targets}  # the parents of the chosen parts, judged too to compare
    parents = [every[c] for c in {t.part_of for t in targets} - chosen if c in every]
    rows = [_target_status(t, resolution, by_target.get(t.id, {}), year, lang, units) for t in targets]
    extra = [_target_status(t, resolution, by_target.get(t.id, {}), year, lang, units) for t in parents]
    by_code = {r.code: r for r in [*rows, *extra]}
    return StatusView(resolution, year, lang, [_checked_part(r, by_code) for r in rows], units.units)


def _checked_part(row: TargetStatus, by_code: dict[str, TargetStatus]) -> TargetStatus:
    """A "trong đó" target's row with the years it exceeds its parent named and flagged."""
    parent = by_code.get(row.target.part_of or "")
    conflicts, said = beyond_parent(row, parent) if parent is not None else ({}, [])
    if not conflicts:
        return row
    return replace(row, beyond_parent=conflicts, explanation="; ".join([row.explanation, *said]))


def _figure_sources(targets: list[Target]) -> dict[int, int]:
    """Target id -> the id of the target whose figures it is judged on: its own, or its
    figures_from's (whose own figures it then ignores; they stay stored)."""
    ids = {t.code: t.id for t in targets}
    return {t.id: ids.get(t.figures_from, t.id) if t.figures_from else t.id for t in targets}


def _target_status(
    target: Target,
    resolution: Resolution,
    recorded: dict[int, YearFigure],
    as_of: int,
    lang: Lang,
    units: UnitData,
) -> TargetStatus:
    goal = goal_of(target, resolution.years)
    measure = Measure(target.measure)
    shown = {y: f for y, f in _with_rolled_up(target, recorded, units).items() if y <= as_of}
    partial = {y: f.coverage for y, f in shown.items() if f.partial and f.coverage is not None}
    rated = target.rating_of is not None
    judged = {y: f.figure.value for y, f in shown.items() if y not in partial}
    bounds = {y: partial_bounds(measure, shown[y].figure, c, rated) for y, c in partial.items()}
    result = assess_pending(goal, judged, as_of, bounds)
    unit = localized(target.unit, target.unit_en, lang)
    gaps = {y: coverage_words(c, rated, lang) for y, c in partial.items()}
    text = explain(goal, measure, unit, result, lang, gaps)
    own = recorded.get(as_of)
    summary = summarise(target, units, as_of, own.figure.value if own else None)
    if summary is not None and summary.discrepancy is not None:
        text += "; " + discrepancy_words(summary.discrepancy, measure, rated, lang)
    return TargetStatus(target, goal, measure, lang, shown, result, text, summary)


def _with_rolled_up(
    target: Target, recorded: dict[int, YearFigure], units: UnitData
) -> dict[int, YearFigure]:
    """The committee's figures, and the roll-up of its units' for the years it recorded none."""
    figures = dict(recorded)
    for year, found in rolled_up_years(target, units).items():
        if year not in figures:
            figures[year] = YearFigure(found.rolled.figure, 0, None, found.newest, found.coverage)
    return dict(sorted(figures.items()))


def status_json(view: StatusView) -> dict[str, Any]:
    """The stable JSON document of `tracker status --format json` (docs/json.md)."""
    r = view.resolution
    return {
        "resolution": {
            "code": r.code,
            "title": localized(r.title, r.title_en, view.lang),
            "body": r.body,
            "congress_date": r.congress_date.isoformat(),
            "reporting_years": list(r.years),
        },
        "as_of": view.as_of,
        "lang": view.lang,
        "targets": [_target_json(t) for t in view.targets],
    }


def status_json_text(view: StatusView) -> str:
    """The text `tracker status --format json` prints (and the portal's /api/status answers)."""
    import json

    return json.dumps(status_json(view), ensure_ascii=False, indent=2)


def _json_number(value: float) -> float | int:
    return int(value) if value.is_integer() else round(value, 4)


def _target_json(row: TargetStatus) -> dict[str, Any]:
    t = row.target
    return {
        "code": t.code,
        "title": row.title,
        "measure": t.measure,
        "rule": t.rule,
        "comparator": t.comparator,
        "threshold": _json_number(t.threshold),
        "part_of": t.part_of,
        "figures_from": t.figures_from,
        "unit": row.unit,
        "source": {
            "kind": t.source_kind,
            "wording": t.source_wording,
            "why": row.why or None,
            "reference": t.source_reference,
        },
        "status": row.assessment.status.value,
        "estimate": row.estimate,
        "flagged": row.flagged,
        "missing_years": list(row.assessment.missing_years),
        "percent_of_target": _progress_json(row),
        "figures": {str(y): _json_number(f.figure.value) for y, f in sorted(row.figures.items())},
        "provisional_years": row.provisional_years,
        "partial_years": {
            str(y): {"reported": c.reported, "expected": c.expected} for y, c in sorted(row.partial.items())
        },
        "counts": {
            str(y): [f.figure.numerator, f.figure.denominator]
            for y, f in sorted(row.figures.items())
            if f.figure.denominator is not None
        },
        "explanation": row.explanation,
        **_units_json(row),
    }


def _units_json(row: TargetStatus) -> dict[str, Any]:
    """What the units say for the as-of year; nulls and empty lists when no unit reported."""
    found = row.units
    if found is None:
        return {"units_reported": None, "units_expected": None, "lagging_units": [], "missing_units": [],
                "discrepancy": None}  # fmt: skip
    discrepancy = found.discrepancy
    return {
        "units_reported": found.reported,
        "units_expected": found.expected,
        "lagging_units": [
            {
                "code": r.code,
                "name": r.name,
                "figure": r.level or _json_number(r.figure.value),
                "quota": r.quota,
            }
            for r in found.lagging
            if r.figure is not None
        ],
        "missing_units": found.missing,
        "discrepancy": None
        if discrepancy is None
        else {"recorded": _json_number(discrepancy[0]), "rolled_up": _json_number(discrepancy[1])},
    }


def _progress_json(row: TargetStatus) -> dict[str, Any] | None:
    progress = progress_of_target(row.goal, row.assessment)
    if progress is None:
        return None
    return {"value": _json_number(progress.percent), "year": progress.year}
