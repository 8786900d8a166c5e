"""The units' side of a target's status: the committee's figure rolled up from its units' where
it recorded none, who reported for the as-of year, who lags, and a difference between a figure
the committee recorded and its units' roll-up (a discrepancy, which flags the target).

The units' figures are read in one query and rolled up here, in Python (evaluate/rollup.py).
A unit lags when its own share fails the target's threshold; a count target's units are judged
only against quotas, which are not there yet, so none of them lags.

A rating target (`measure: rating_share`) has no units' figures: its units are rated, and its
roll-up is the share of the ratings of its kind at its level or better (evaluate/ratings.py).
Each rated unit is shown with its level, and lags when rated below the level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from tracker.evaluate.model import Comparator, Measure
from tracker.evaluate.ratings import at_least, level_words, rating_share
from tracker.evaluate.rollup import RolledUp, UnitFigure, differs, exists_in, meets, roll_up
from tracker.evaluate.wording import Lang, figure
from tracker.services.revisions import entry_words
from tracker.store import ratings as rating_store
from tracker.store import units as store
from tracker.store.tables import Entry, Rating, Resolution, Target, Unit

RatingsByYear = dict[int, dict[int, Rating]]  # year -> unit id -> the rating that counts


@dataclass(frozen=True)
class UnitResult:
    """One unit's figure for one target and the as-of year (None: it has not reported)."""

    code: str
    name: str
    expected: bool
    figure: Entry | None  # a rating target's: the unit's rating as a share of 1 (1/1 or 0/1)
    meets: bool | None  # None: not judged (no figure, or a count without a quota)
    level: str | None = None  # a rating target's: the unit's rating (tot, xuat-sac, ...)

    @property
    def lagging(self) -> bool:
        return self.meets is False


@dataclass(frozen=True)
class UnitSummary:
    """What a target's units say for the as-of year."""

    results: list[UnitResult]  # lagging first, then the others, then the missing
    rolled_up: RolledUp | None
    discrepancy: tuple[float, float] | None  # (recorded, rolled up)

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
    """The resolution's units and the figure that counts of each (target, year, unit)."""

    units: list[Unit]
    figures: dict[int, dict[int, dict[int, Entry]]]  # target id -> year -> unit id -> entry
    ratings: dict[str, RatingsByYear] = field(default_factory=dict)  # of (agency, party_org) -> ...

    def years(self) -> set[int]:
        rated = {y for by_year in self.ratings.values() for y in by_year}
        return {y for by_year in self.figures.values() for y in by_year} | rated

    def by_year(self, target: Target) -> dict[int, dict[int, Entry]]:
        """The figure that counts of each year and unit: a rating target's from its ratings."""
        if target.rating_of is None:
            return self.figures.get(target.id or 0, {})
        return {
            year: {unit: rated_figure(target, r) for unit, r in by_unit.items()}
            for year, by_unit in self.ratings.get(target.rating_of, {}).items()
        }


def load_unit_data(session: Session, resolution: Resolution, as_recorded: datetime | None = None) -> UnitData:
    assert resolution.id is not None
    figures: dict[int, dict[int, dict[int, Entry]]] = {}
    for e in store.current_unit_entries(session, resolution.id, as_recorded):
        figures.setdefault(e.target_id, {}).setdefault(e.year, {})[e.unit_id or 0] = e
    ratings: dict[str, RatingsByYear] = {}
    for r in rating_store.current_ratings(session, resolution.id, as_recorded):
        ratings.setdefault(r.of, {}).setdefault(r.year, {})[r.unit_id] = r
    units = store.units_of(session, resolution.id) if figures or ratings else []
    return UnitData(units, figures, ratings)


def rated_figure(target: Target, rating: Rating) -> Entry:
    """A unit's rating as its share of one unit (1/1 at the target's level or better, else 0/1),
    so that the units' shares add up to the ratings' share like any share target's."""
    met = at_least(rating.level, target.rating_at_least or rating.level)
    return Entry(
        target_id=target.id or 0,
        unit_id=rating.unit_id,
        year=rating.year,
        revision=rating.revision,
        value=100.0 if met else 0.0,
        numerator=int(met),
        denominator=1,
        recorded_by=rating.recorded_by,
        recorded_at=rating.recorded_at,
    )


def rolled_up_years(target: Target, data: UnitData) -> dict[int, tuple[RolledUp, datetime | None]]:
    """The roll-up of every year the target has units' figures (or ratings) for, with when the
    newest was recorded."""
    if target.rating_of is not None:
        return _rated_years(target, data)
    found: dict[int, tuple[RolledUp, datetime | None]] = {}
    for year, by_unit in data.figures.get(target.id or 0, {}).items():
        rolled = roll_up(Measure(target.measure), (_plain(e) for e in by_unit.values()))
        if rolled is not None:
            found[year] = (rolled, max(e.recorded_at for e in by_unit.values()))
    return found


def _rated_years(target: Target, data: UnitData) -> dict[int, tuple[RolledUp, datetime | None]]:
    found: dict[int, tuple[RolledUp, datetime | None]] = {}
    for year, by_unit in data.ratings.get(target.rating_of or "", {}).items():
        rolled = rating_share((r.level for r in by_unit.values()), target.rating_at_least or "")
        if rolled is not None:
            found[year] = (rolled, max(r.recorded_at for r in by_unit.values()))
    return found


def summarise(target: Target, data: UnitData, year: int, recorded: float | None) -> UnitSummary | None:
    """The units' summary of a target for the as-of year; None when no unit reported any year."""
    by_year = data.by_year(target)
    if not by_year:
        return None
    figures = by_year.get(year, {})
    levels = {u: r.level for u, r in data.ratings.get(target.rating_of or "", {}).get(year, {}).items()}
    results = [
        _result(target, unit, year, figures.get(unit.id or 0), levels.get(unit.id or 0))
        for unit in data.units
    ]
    results = [r for r in results if r.expected or r.figure is not None]
    results.sort(key=lambda r: (not r.lagging, r.figure is None))
    rolled = rolled_up_years(target, data).get(year, (None, None))[0]
    discrepancy = None
    if recorded is not None and rolled is not None and differs(recorded, rolled.value):
        discrepancy = (recorded, rolled.value)
    return UnitSummary(results, rolled, discrepancy)


def _result(target: Target, unit: Unit, year: int, entry: Entry | None, level: str | None) -> UnitResult:
    expected = exists_in(year, unit.from_year, unit.to_year)
    if target.rating_of is not None:
        return UnitResult(
            unit.code, unit.name, expected, entry, None if entry is None else entry.value > 0, level
        )
    judged = entry is not None and target.measure == Measure.SHARE
    verdict = (
        meets(Comparator(target.comparator), target.threshold, _plain(entry)) if judged and entry else None
    )
    return UnitResult(unit.code, unit.name, expected, entry, verdict)


def result_words(
    result: UnitResult, measure: Measure, lang: Lang, counts: bool = True, short: bool = False
) -> str:
    """A unit's figure as a reader sees it: "90,48% (38/42)" (without its counts: "90,48%"), or
    a rating's level in words ("hoàn thành tốt nhiệm vụ"; short: "tốt"); "" when it has none."""
    if result.level is not None:
        return level_words(result.level, lang, short)
    if result.figure is None:
        return ""
    if not counts:
        return figure(result.figure.value, measure, lang)
    return entry_words(result.figure, measure, lang)


def _plain(entry: Entry) -> UnitFigure:
    return UnitFigure(entry.value, entry.numerator, entry.denominator, entry.provisional)
