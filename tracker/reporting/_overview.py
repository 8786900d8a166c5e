"""`tracker overview`: every resolution of the database side by side.

For each resolution: its body, term and as-of year (the latest reporting year with a figure),
how many targets have each status, which are flagged, and how many elapsed years lack a figure.
Every resolution is judged by the same rules as `tracker status` (tracker/evaluate), from a few
queries whatever the number of resolutions, and without the wording of each explanation, which
the overview does not show. As in `tracker status`, a year the committee recorded no figure of
a target counts its units' roll-up (evaluate/rollup.py: the sum of the counts, or Σ numerators
/ Σ denominators of the shares), or for a rating target the share of its ratings; a roll-up of
only some of the units expected that year is partial and judged as status judges it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tracker import clock, store
from tracker.evaluate import (
    Comparator,
    Coverage,
    Goal,
    Measure,
    RolledUp,
    Rule,
    Status,
    assess_pending,
    exists_in,
    from_sums,
    localized,
    partial_bounds,
    rating_share,
)
from tracker.i18n import Lang
from tracker.status import default_as_of, sums_from_row
from tracker.store import Resolution, Session


@dataclass(frozen=True)
class ResolutionSummary:
    """Where one resolution stands, in plain values."""

    code: str
    title: str
    body: str
    first_year: int
    last_year: int
    as_of: int
    targets: int
    counts: dict[Status, int]  # every status, in the order of Status, zeros included
    flagged: tuple[str, ...]  # codes of the targets that need attention
    missing: dict[str, tuple[int, ...]]  # code -> elapsed years without a figure

    @property
    def missing_figures(self) -> int:
        return sum(len(years) for years in self.missing.values())


@dataclass(frozen=True)
class OverviewView:
    lang: Lang
    resolutions: list[ResolutionSummary]

    @property
    def flagged(self) -> bool:
        return any(r.flagged for r in self.resolutions)


@dataclass(frozen=True)
class TargetRule:
    code: str
    goal: Goal


Values = dict[int, dict[int, float]]  # target id -> year -> the figure that counts
Pending = dict[int, dict[int, tuple[float, float]]]  # target id -> year -> a partial year's bounds


@dataclass(frozen=True)
class Found:
    """The figures of every target: those that count, and the partial years of units' roll-ups
    (judged as `tracker status` judges them: evaluate.assess_pending)."""

    values: Values = field(default_factory=lambda: defaultdict(dict))
    pending: Pending = field(default_factory=lambda: defaultdict(dict))

    def add(self, target_id: int, year: int, value: float, bounds: tuple[float, float] | None) -> None:
        """A roll-up for a year the committee recorded no figure of: whole, or partial (bounds)."""
        if year in self.values[target_id]:
            return
        if bounds is None:
            self.values[target_id][year] = value
        else:
            self.pending[target_id][year] = bounds


def build_overview(session: Session, lang: Lang) -> OverviewView:
    """Every resolution of the database, judged as of its own latest year with figures."""
    found = Found()
    for target_id, year, value in store.current_values(session):
        found.values[target_id][year] = value
    expected = _expected_units(store.unit_spans(session))
    _add_rating_shares(session, found, expected)
    rules: dict[int, list[tuple[int, str, str, str, float, str | None]]] = defaultdict(list)
    measures: dict[int, tuple[Measure, int]] = {}
    for target_id, resolution_id, code, rule, comparator, threshold, measure, source in store.target_rules(
        session
    ):
        rules[resolution_id].append((target_id, code, rule, comparator, threshold, source))
        measures[target_id] = (Measure(measure), resolution_id)
    _add_rolled_up(found, measures, expected, store.unit_sums(session))
    summaries = []
    for resolution in store.resolutions(session):
        own, years = rules.get(resolution.id, []), resolution.years
        targets = [
            TargetRule(code, Goal(Rule(rule), Comparator(comparator), threshold, years))
            for _id, code, rule, comparator, threshold, _source in own
        ]
        ids = {code: target_id for target_id, code, *_rest in own}  # figures_from: the source's figures
        sources = [ids.get(source or "", target_id) for target_id, *_rest, source in own]
        figures = [found.values.get(source, {}) for source in sources]
        pending = [found.pending.get(source, {}) for source in sources]
        summaries.append(summarize(resolution, targets, figures, lang, pending))
    return OverviewView(lang, summaries)


Expected = Callable[[int, int], int]  # (resolution id, year) -> how many units exist that year


def _expected_units(spans: Any) -> Expected:
    by_resolution: dict[int, list[tuple[int | None, int | None]]] = defaultdict(list)
    for resolution_id, from_year, to_year in spans:
        by_resolution[resolution_id].append((from_year, to_year))
    return lambda resolution_id, year: sum(
        1 for first, last in by_resolution.get(resolution_id, ()) if exists_in(year, first, last)
    )


def _bounds(
    measure: Measure, rolled: RolledUp, coverage: Coverage, rated: bool
) -> tuple[float, float] | None:
    return None if coverage.whole else partial_bounds(measure, rolled.figure, coverage, rated)


def _add_rolled_up(
    found: Found, measures: dict[int, tuple[Measure, int]], expected: Expected, sums: Any
) -> None:
    """The units' roll-up of each (target, year) the committee has no figure of."""
    for target_id, year, *added, _newest in sums:
        if target_id not in measures:
            continue
        measure, resolution_id = measures[target_id]
        rolled = from_sums(measure, sums_from_row(added))
        if rolled is not None:
            coverage = Coverage(rolled.units, expected(resolution_id, year))
            found.add(target_id, year, rolled.figure.value, _bounds(measure, rolled, coverage, False))


def _add_rating_shares(session: Session, found: Found, expected: Expected) -> None:
    """The share of the ratings of a rating target for the years the committee recorded no
    figure of it, as `tracker status` counts it (the committee's own figure comes first)."""
    rated = store.rating_targets(session)
    if not rated:
        return
    levels: dict[tuple[int, str], dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for resolution_id, of, year, level in store.current_levels(session):
        levels[(resolution_id, of)][year].append(level)
    for target_id, resolution_id, of, lowest in rated:
        for year, given in levels.get((resolution_id, of), {}).items():
            share = rating_share(given, lowest)
            if share is not None:
                coverage = Coverage(share.units, expected(resolution_id, year))
                found.add(target_id, year, share.figure.value, _bounds(Measure.SHARE, share, coverage, True))


def summarize(
    resolution: Resolution,
    targets: list[TargetRule],
    figures: list[dict[int, float]],
    lang: Lang,
    pending: list[dict[int, tuple[float, float]]] | None = None,
) -> ResolutionSummary:
    """One resolution's summary from its targets and their figures (year -> value), in order,
    and the bounds of their partial years (year -> (low, high)), if any."""
    waiting = pending or [{} for _target in targets]
    years = {year for own in figures for year in own} | {year for own in waiting for year in own}
    as_of = default_as_of(resolution, years)
    counts = dict.fromkeys(Status, 0)
    flagged: list[str] = []
    missing: dict[str, tuple[int, ...]] = {}
    for target, own, bounds in zip(targets, figures, waiting, strict=True):
        result = assess_pending(target.goal, own, as_of, bounds)  # it ignores the years after as_of
        counts[result.status] += 1
        if result.flagged:
            flagged.append(target.code)
        if result.missing_years:
            missing[target.code] = result.missing_years
    return ResolutionSummary(
        resolution.code,
        localized(resolution.title, resolution.title_en, lang),
        resolution.body,
        resolution.first_year,
        resolution.last_year,
        as_of,
        len(targets),
        counts,
        tuple(flagged),
        missing,
    )


def overview_json(view: OverviewView) -> dict[str, Any]:
    """The stable JSON document of `tracker overview --format json` (see docs/resolutions.md)."""
    return {
        "lang": view.lang,
        "resolutions": [
            {
                "code": r.code,
                "title": r.title,
                "body": r.body,
                "reporting_years": [r.first_year, r.last_year],
                "as_of": r.as_of,
                "targets": r.targets,
                "counts": {status.value: n for status, n in r.counts.items()},
                "flagged": list(r.flagged),
                "missing_figures": r.missing_figures,
                "missing_years": {code: list(years) for code, years in r.missing.items()},
            }
            for r in view.resolutions
        ],
    }


def counts_words(summary: ResolutionSummary, lang: Lang) -> list[str]:
    """The statuses that occur, with how many targets have each: ["3 Đạt", "1 Chậm tiến độ"]."""
    from tracker.evaluate import number, status_word

    return [f"{number(n, lang, 0)} {status_word(s, lang)}" for s, n in summary.counts.items() if n]


@dataclass(frozen=True)
class OverviewRow:
    code: str
    body: str
    title: str
    term: str
    as_of: int
    statuses: list[str]
    flagged: str
    missing: str
    needs_attention: bool


@dataclass(frozen=True)
class OverviewContext:
    """What an overview report draws: every word and number already in the reader's language."""

    lang: Lang
    labels: dict[str, str]
    generated_on: str
    generated_stamp: str
    summary: list[str]
    rows: list[OverviewRow]
    margins: str


def overview_context(view: OverviewView, now: datetime, zone: ZoneInfo, margins: str) -> OverviewContext:
    from tracker.evaluate import long_date, moment_text, number
    from tracker.reporting._labels import overview_labels

    lang, labels = view.lang, overview_labels(view.lang)
    rows = [
        OverviewRow(
            r.code,
            r.body,
            r.title,
            f"{r.first_year}-{r.last_year}",
            r.as_of,
            counts_words(r, lang),
            ", ".join(r.flagged) or "-",
            number(r.missing_figures, lang, 0),
            bool(r.flagged),
        )
        for r in view.resolutions
    ]
    flagged = sum(1 for r in view.resolutions if r.flagged)
    summary = [
        labels["count"].format(number(len(rows), lang, 0)),
        labels["flagged_count"].format(number(flagged, lang, 0)),
    ]
    return OverviewContext(
        lang,
        labels,
        long_date(now.astimezone(zone).date(), lang),
        moment_text(now, zone, lang),
        summary,
        rows,
        margins,
    )


def make_overview_report(
    session: Session, formats: tuple[str, ...], lang: Lang, out_dir: Path, zone: ZoneInfo, margins: str
) -> list[Path]:
    """Write the overview in each format, named after the moment it was made
    (`overview-20261127T203000Z-vi.html`); a name in use is never replaced."""
    from tracker.files import write_all_atomic
    from tracker.render import render_format

    now = clock.now()
    context = overview_context(build_overview(session, lang), now, zone, margins)
    stem = f"overview-{now:%Y%m%dT%H%M%SZ}-{lang}"
    files: list[tuple[Path, str | bytes]] = [
        (out_dir / f"{stem}.{fmt}", render_format(fmt, context, kind="overview")) for fmt in formats
    ]
    write_all_atomic(files, replace=False)
    return [path for path, _text in files]


def overview_text(view: OverviewView, zone: ZoneInfo, margins: str) -> str:
    """The overview as the text report writes it: a block of lines per resolution, flagged ones
    marked "!" (for many resolutions, to read in a pager or search with grep)."""
    from tracker.render import render

    return render("txt", overview_context(view, datetime.now(UTC), zone, margins), kind="overview")
