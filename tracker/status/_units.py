"""The units' side of a target's status: the committee's figure rolled up from its units' where
it recorded none, who reported for the as-of year, who lags, and a difference between a figure
the committee recorded and its units' roll-up (a discrepancy, which flags the target).

The database adds up the units' figures of every (target, year) in one query, and the roll-up
is made of those sums (evaluate/rollup.py from_sums); only the as-of year's figures are read
unit by unit (a committee of a thousand units has some 50,000 figures over a term).
A unit lags when its own share fails the target's threshold; a count target's unit when its
count fails the quota it was given for the year (`tracker quota`; a term_total target's quota is
per year). A count without a quota is not judged.

A rating target (`measure: rating_share`) has no units' figures: its units are rated, and its
roll-up is the share of the ratings of its kind at its level or better (evaluate/ratings.py).
Each rated unit is shown with its level, and lags when rated below the level.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from typing import Any, NamedTuple

from tracker import store
from tracker.evaluate import (
    Comparator,
    Coverage,
    Figure,
    Measure,
    RolledUp,
    Sums,
    at_least,
    differs,
    exists_in,
    figure,
    figure_words,
    from_sums,
    level_words,
    meets,
    rating_share_of_counts,
    roll_up,
)
from tracker.i18n import N_, Lang, in_lang
from tracker.store import Rating, Resolution, Session, Target, Unit

QUOTA_BESIDE = N_("{figure} / quota {quota}")
RatingsByYear = dict[int, dict[int, Rating]]  # year -> unit id -> the rating that counts


class LevelCounts(NamedTuple):
    """The ratings of one kind and year that count: how many units have each level."""

    counts: dict[str, int]  # level -> units
    newest: datetime | None


@dataclass(frozen=True)
class UnitResult:
    """One unit's figure for one target and the as-of year (None: it has not reported)."""

    code: str
    name: str
    expected: bool
    figure: Figure | None  # a rating target's: the unit's rating as a share of 1 (1/1 or 0/1)
    meets: bool | None  # None: not judged (no figure, or a count without a quota)
    level: str | None = None  # a rating target's: the unit's rating (tot, xuat-sac, ...)
    quota: int | None = None  # the unit's quota of a count target for the year, if given

    @property
    def lagging(self) -> bool:
        return self.meets is False

    def with_quota(self, text: str, lang: Lang) -> str:
        """A unit's figure as written, with its quota beside it: "9 / chỉ tiêu giao 12"."""
        if self.quota is None:
            return text
        quota = figure(self.quota, Measure.COUNT, lang)
        return in_lang(lang, QUOTA_BESIDE).format(figure=text, quota=quota)


@dataclass(frozen=True)
class UnitSummary:
    """What a target's units say for the as-of year."""

    results: list[UnitResult]  # lagging first, then the others, then the missing
    rolled_up: RolledUp | None
    discrepancy: tuple[float, float] | None  # (recorded, rolled up)

    @cached_property
    def by_unit(self) -> dict[str, UnitResult]:
        """Each unit's result by its code, the first where one is listed twice: a report over a
        thousand units looks each one up for every target, which a scan made quadratic."""
        return {r.code: r for r in reversed(self.results)}

    @property
    def reported(self) -> int:
        return sum(1 for r in self.results if r.figure is not None)

    @property
    def expected(self) -> int:
        return sum(1 for r in self.results if r.expected)

    @property
    def lagging(self) -> list[UnitResult]:
        return [r for r in self.results if r.lagging]

    @property
    def missing(self) -> list[str]:
        return [r.code for r in self.results if r.expected and r.figure is None]


@dataclass(frozen=True)
class UnitData:
    """The resolution's units, the sums of their figures of every (target, year), how many units
    have each rating level of every year, and (once with_year_figures has read them) the figure
    and the rating that count of each unit for one year."""

    units: list[Unit]
    sums: dict[int, dict[int, tuple[Sums, datetime | None]]]  # target id -> year -> (sums, newest)
    figures: dict[int, dict[int, dict[int, Figure]]] = field(default_factory=dict)
    # target id -> year -> unit id -> figure, of the year read only
    roster: tuple[int, list[tuple[int, str, str, bool]]] | None = None
    # (year, [(unit id, code, name, exists that year)]): read once, not once a target
    ratings: dict[str, RatingsByYear] = field(default_factory=dict)  # of (agency, party_org) -> ...
    # of the year read only, as figures
    quotas: dict[tuple[int, int, int], int] = field(default_factory=dict)  # (target, unit, year) -> quota
    levels: dict[str, dict[int, LevelCounts]] = field(default_factory=dict)  # of -> year -> ...
    expected: dict[int, int] = field(default_factory=dict, compare=False)  # year -> units: worked out once

    def years(self) -> set[int]:
        rated = {y for by_year in self.levels.values() for y in by_year}
        return {y for by_year in self.sums.values() for y in by_year} | rated

    def rated(self, target: Target) -> RatingsByYear:
        return self.ratings.get(target.rating_of or "", {}) if target.rating_of else {}

    def rated_levels(self, target: Target) -> dict[int, LevelCounts]:
        """year -> how many units have each level of the target's kind of rating, and when the
        newest was recorded."""
        return self.levels.get(target.rating_of or "", {}) if target.rating_of else {}


def load_unit_data(session: Session, resolution: Resolution, as_recorded: datetime | None = None) -> UnitData:
    """The units, the sums of their figures and their ratings; with_year_figures adds a year's
    own figures."""
    sums: dict[int, dict[int, tuple[Sums, datetime | None]]] = {}
    for target_id, year, *added, newest in store.unit_sums(session, resolution.id, as_recorded):
        sums.setdefault(target_id, {})[year] = (sums_from_row(added), newest)
    levels: dict[str, dict[int, LevelCounts]] = {}
    for of, year, level, count, newest in store.rating_levels(session, resolution.id, as_recorded):
        found = levels.setdefault(of, {}).setdefault(year, LevelCounts({}, newest))
        found.counts[level] = count
        if newest is not None and (found.newest is None or newest > found.newest):
            levels[of][year] = found._replace(newest=newest)
    units = store.units_of(session, resolution.id) if sums or levels else []
    quotas = {
        (q.target_id, q.unit_id, q.year): q.value
        for q in (store.current_quotas(session, resolution.id, as_recorded) if sums else [])
    }
    return UnitData(units, sums, quotas=quotas, levels=levels)


def borrowed_unit_data(data: UnitData, sources: dict[int, int]) -> UnitData:
    """The units' figures each target is judged on: a target with figures_from has its
    source's (see status._figure_sources), not its own."""
    sums = {target_id: data.sums.get(source_id, {}) for target_id, source_id in sources.items()}
    figures = {target_id: data.figures.get(source_id, {}) for target_id, source_id in sources.items()}
    return replace(
        data,
        sums={t: by_year for t, by_year in sums.items() if by_year},
        figures={t: by_year for t, by_year in figures.items() if by_year},
        expected={},
    )


def sums_from_row(row: Sequence[Any]) -> Sums:
    """Sums from the columns of store.unit_sums after the target and the year."""
    figures, total, provisional, weighed, numerator, denominator, weighed_provisional = row
    return Sums(
        int(figures),
        float(total or 0),
        bool(provisional),
        int(weighed),
        int(numerator or 0),
        int(denominator or 0),
        bool(weighed_provisional),
    )


def with_year_figures(
    session: Session, resolution: Resolution, data: UnitData, year: int, as_recorded: datetime | None = None
) -> UnitData:
    """`data` with each unit's own figure and rating of `year` (who reported, who lags)."""
    if not data.sums and not data.levels:
        return data
    figures: dict[int, dict[int, dict[int, Figure]]] = {}
    if data.sums:
        of_year = store.unit_figures_of_year(session, resolution.id, year, as_recorded)
        for target_id, unit_id, found in of_year:
            figures.setdefault(target_id, {}).setdefault(year, {})[unit_id] = found
    ratings: dict[str, RatingsByYear] = {}
    if data.levels:
        for r in store.current_ratings(session, resolution.id, as_recorded, year=year):
            ratings.setdefault(r.of, {}).setdefault(r.year, {})[r.unit_id] = r
    roster = (year, _roster(data.units, year))
    return replace(data, figures=figures, roster=roster, ratings=ratings, expected={})


def _roster(units: list[Unit], year: int) -> list[tuple[int, str, str, bool]]:
    return [(u.id, u.code, u.name, exists_in(year, u.from_year, u.to_year)) for u in units]


def rated_figure(target: Target, rating: Rating) -> Figure:
    """A unit's rating as its share of one unit (1/1 at the target's level or better, else 0/1),
    so that the units' shares add up to the ratings' share like any share target's."""
    met = at_least(rating.level, target.rating_at_least or rating.level)
    return Figure(100.0 if met else 0.0, int(met), 1)


class RolledYear(NamedTuple):
    """The roll-up of one year: the figure, when its newest part was recorded, and how many of
    the units expected that year it adds up."""

    rolled: RolledUp
    newest: datetime | None
    coverage: Coverage


def expected_units(data: UnitData, year: int) -> int:
    """How many of the resolution's units exist in `year`: those expected to report it."""
    if year not in data.expected:
        data.expected[year] = sum(1 for u in data.units if exists_in(year, u.from_year, u.to_year))
    return data.expected[year]


def rolled_up_years(target: Target, data: UnitData) -> dict[int, RolledYear]:
    """The roll-up of every year the target has units' figures (or ratings) for, with when the
    newest was recorded and how many of the expected units it covers."""
    if target.rating_of is not None:
        found = _rated_years(target, data)
    else:
        found = {}
        for year, (sums, newest) in data.sums.get(target.id, {}).items():
            rolled = from_sums(Measure(target.measure), sums)
            if rolled is not None:
                found[year] = (rolled, newest)
    return {
        year: RolledYear(rolled, newest, Coverage(rolled.units, expected_units(data, year)))
        for year, (rolled, newest) in found.items()
    }


def _rated_years(target: Target, data: UnitData) -> dict[int, tuple[RolledUp, datetime | None]]:
    found: dict[int, tuple[RolledUp, datetime | None]] = {}
    for year, rated in data.rated_levels(target).items():
        rolled = rating_share_of_counts(rated.counts, target.rating_at_least or "")
        if rolled is not None:
            found[year] = (rolled, rated.newest)
    return found


def summarise(target: Target, data: UnitData, year: int, recorded: float | None) -> UnitSummary | None:
    """The units' summary of a target for the as-of year (the year with_year_figures read);
    None when no unit reported (or was rated) any year."""
    if not (data.rated_levels(target) if target.rating_of else data.sums.get(target.id)):
        return None
    rated = data.rated(target)
    figures, levels = _year_figures(target, data, rated, year)
    judge = _judge(target)
    roster = data.roster[1] if data.roster and data.roster[0] == year else _roster(data.units, year)
    results = []
    for unit_id, code, name, expected in roster:
        found = figures.get(unit_id)
        if expected or found is not None:
            quota = data.quotas.get((target.id, unit_id, year)) if target.measure == Measure.COUNT else None
            verdict = judge(found, quota) if found is not None else None
            results.append(UnitResult(code, name, expected, found, verdict, levels.get(unit_id), quota))
    results.sort(key=lambda r: (not r.lagging, r.figure is None))
    rolled = roll_up(Measure(target.measure), figures.values())  # as from_sums(sums[year])
    whole = all(r.figure is not None for r in results if r.expected)
    return UnitSummary(results, rolled, _discrepancy(Measure(target.measure), recorded, rolled, whole))


def _discrepancy(
    measure: Measure, recorded: float | None, rolled: RolledUp | None, whole: bool
) -> tuple[float, float] | None:
    """(recorded, rolled up) when the committee's figure and its units' disagree: the whole
    roll-up differs from it, or (a count) a part of the units already adds up to more. A part
    of the units' share says nothing against the committee's."""
    if recorded is None or rolled is None:
        return None
    value = rolled.figure.value
    if whole and differs(recorded, value):
        return (recorded, value)
    if not whole and measure is Measure.COUNT and value > recorded and differs(recorded, value):
        return (recorded, value)
    return None


def _year_figures(
    target: Target, data: UnitData, rated: RatingsByYear, year: int
) -> tuple[dict[int, Figure], dict[int, str]]:
    """Each unit's figure of `year` (a rating target's: its rating as 1/1 or 0/1), and each
    rated unit's level."""
    if target.rating_of is None:
        return data.figures.get(target.id, {}).get(year, {}), {}
    by_unit = rated.get(year, {})
    figures = {unit: rated_figure(target, r) for unit, r in by_unit.items()}
    return figures, {unit: r.level for unit, r in by_unit.items()}


def _judge(target: Target) -> Callable[[Figure, int | None], bool | None]:
    """Whether a unit's own figure meets the target: a rating at the level, a share against the
    target's threshold, a count against the unit's quota (not below it, for a "do more" target;
    not above it, for a "do less" one); None (not judged) for a count without a quota, and for
    every unit of a "trong đó" target (part_of): 20% of the committee's units excellent is not
    failed by a unit rated good."""
    comparator, threshold = Comparator(target.comparator), target.threshold
    if target.part_of:  # "trong đó": a share of the committee's whole, not a level for each unit
        return lambda _figure, _quota: None
    if target.rating_of is not None:
        return lambda figure, _quota: figure.value > 0
    if target.measure != Measure.SHARE:
        return lambda figure, quota: (
            None if quota is None else (figure.value >= quota if comparator.upward else figure.value <= quota)
        )
    return lambda figure, _quota: meets(comparator, threshold, figure)


def result_words(
    result: UnitResult, measure: Measure, lang: Lang, counts: bool = True, short: bool = False
) -> str:
    """A unit's figure as a reader sees it: "90,48% (38/42)" (without its counts: "90,48%"), or
    a rating's level in words ("hoàn thành tốt nhiệm vụ"; short: "tốt"); "" when it has none."""
    if result.level is not None:
        return level_words(result.level, lang, short)
    found = result.figure
    if found is None:
        return ""
    if not counts:
        return result.with_quota(figure(found.value, measure, lang), lang)
    return result.with_quota(figure_words(found, measure, lang), lang)
