"""The units' side of a target's status: the committee's figure rolled up from its units' where
it recorded none, who reported for the as-of year, who lags, and a difference between a figure
the committee recorded and its units' roll-up (a discrepancy, which flags the target).

The units' figures are read in one query and rolled up here, in Python (evaluate/rollup.py).
A unit lags when its own share fails the target's threshold; a count target's unit when its
count fails the quota it was given for the year (`tracker quota`; a term_total target's quota is
per year). A count without a quota is not judged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from tracker.evaluate.model import Comparator, Measure
from tracker.evaluate.rollup import RolledUp, UnitFigure, differs, exists_in, meets, roll_up
from tracker.evaluate.wording import Lang, figure
from tracker.i18n import N_, in_lang
from tracker.store import quotas as quota_store
from tracker.store import units as store
from tracker.store.tables import Entry, Resolution, Target, Unit

QUOTA_BESIDE = N_("{figure} / quota {quota}")


@dataclass(frozen=True)
class UnitResult:
    """One unit's figure for one target and the as-of year (None: it has not reported)."""

    code: str
    name: str
    expected: bool
    figure: Entry | None
    meets: bool | None  # None: not judged (no figure, or a count without a quota)
    quota: int | None = None  # the unit's quota of a count target for the year, if given

    @property
    def lagging(self) -> bool:
        return self.meets is False

    def with_quota(self, text: str, lang: Lang) -> str:
        """A unit's figure as written, with its quota beside it: "9 / định mức 12"."""
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
    quotas: dict[tuple[int, int, int], int] = field(default_factory=dict)  # (target, unit, year) -> quota

    def years(self) -> set[int]:
        return {y for by_year in self.figures.values() for y in by_year}


def load_unit_data(session: Session, resolution: Resolution, as_recorded: datetime | None = None) -> UnitData:
    assert resolution.id is not None
    figures: dict[int, dict[int, dict[int, Entry]]] = {}
    for e in store.current_unit_entries(session, resolution.id, as_recorded):
        figures.setdefault(e.target_id, {}).setdefault(e.year, {})[e.unit_id or 0] = e
    units = store.units_of(session, resolution.id) if figures else []
    quotas = {
        (q.target_id, q.unit_id, q.year): q.value
        for q in quota_store.current_quotas(session, resolution.id, as_recorded)
    }
    return UnitData(units, figures, quotas if figures else {})


def borrowed_unit_data(data: UnitData, sources: dict[int, int]) -> UnitData:
    """The units' figures each target is judged on: a target with figures_from has its
    source's (see status._figure_sources), not its own."""
    figures = {target_id: data.figures.get(source_id, {}) for target_id, source_id in sources.items()}
    return UnitData(data.units, {t: by_year for t, by_year in figures.items() if by_year}, data.quotas)


def rolled_up_years(target: Target, data: UnitData) -> dict[int, tuple[RolledUp, datetime | None]]:
    """The roll-up of every year the target has units' figures for, with when the newest was
    recorded."""
    found: dict[int, tuple[RolledUp, datetime | None]] = {}
    for year, by_unit in data.figures.get(target.id or 0, {}).items():
        rolled = roll_up(Measure(target.measure), (_plain(e) for e in by_unit.values()))
        if rolled is not None:
            found[year] = (rolled, max(e.recorded_at for e in by_unit.values()))
    return found


def summarise(target: Target, data: UnitData, year: int, recorded: float | None) -> UnitSummary | None:
    """The units' summary of a target for the as-of year; None when no unit reported any year."""
    by_year = data.figures.get(target.id or 0)
    if not by_year:
        return None
    figures = by_year.get(year, {})
    results = [
        _result(
            target,
            unit,
            year,
            figures.get(unit.id or 0),
            data.quotas.get((target.id or 0, unit.id or 0, year)),
        )
        for unit in data.units
    ]
    results = [r for r in results if r.expected or r.figure is not None]
    results.sort(key=lambda r: (not r.lagging, r.figure is None))
    rolled = roll_up(Measure(target.measure), (_plain(e) for e in figures.values()))
    discrepancy = None
    if recorded is not None and rolled is not None and differs(recorded, rolled.value):
        discrepancy = (recorded, rolled.value)
    return UnitSummary(results, rolled, discrepancy)


def _result(target: Target, unit: Unit, year: int, entry: Entry | None, quota: int | None) -> UnitResult:
    """A unit's figure judged: a share against the target's threshold, a count against the
    unit's quota (not below it, for a "do more" target; not above it, for a "do less" one)."""
    comparator = Comparator(target.comparator)
    verdict = None
    if entry is not None and target.measure == Measure.SHARE:
        verdict = meets(comparator, target.threshold, _plain(entry))
    elif entry is not None and quota is not None:
        verdict = entry.value >= quota if comparator.upward else entry.value <= quota
    shown_quota = quota if target.measure == Measure.COUNT else None
    expected = exists_in(year, unit.from_year, unit.to_year)
    return UnitResult(unit.code, unit.name, expected, entry, verdict, shown_quota)


def _plain(entry: Entry) -> UnitFigure:
    return UnitFigure(entry.value, entry.numerator, entry.denominator, entry.provisional)
