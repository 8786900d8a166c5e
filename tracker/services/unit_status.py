"""The units' side of a target's status: the committee's figure rolled up from its units' where
it recorded none, who reported for the as-of year, who lags, and a difference between a figure
the committee recorded and its units' roll-up (a discrepancy, which flags the target).

The units' figures are read in one query and rolled up here, in Python (evaluate/rollup.py).
A unit lags when its own share fails the target's threshold; a count target's units are judged
only against quotas, which are not there yet, so none of them lags.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from tracker.evaluate.model import Comparator, Measure
from tracker.evaluate.rollup import RolledUp, UnitFigure, differs, exists_in, meets, roll_up
from tracker.store import units as store
from tracker.store.tables import Entry, Resolution, Target, Unit


@dataclass(frozen=True)
class UnitResult:
    """One unit's figure for one target and the as-of year (None: it has not reported)."""

    code: str
    name: str
    expected: bool
    figure: Entry | None
    meets: bool | None  # None: not judged (no figure, or a count without a quota)

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

    def years(self) -> set[int]:
        return {y for by_year in self.figures.values() for y in by_year}


def load_unit_data(session: Session, resolution: Resolution, as_recorded: datetime | None = None) -> UnitData:
    assert resolution.id is not None
    figures: dict[int, dict[int, dict[int, Entry]]] = {}
    for e in store.current_unit_entries(session, resolution.id, as_recorded):
        figures.setdefault(e.target_id, {}).setdefault(e.year, {})[e.unit_id or 0] = e
    units = store.units_of(session, resolution.id) if figures else []
    return UnitData(units, figures)


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
    results = [_result(target, unit, year, figures.get(unit.id or 0)) for unit in data.units]
    results = [r for r in results if r.expected or r.figure is not None]
    results.sort(key=lambda r: (not r.lagging, r.figure is None))
    rolled = roll_up(Measure(target.measure), (_plain(e) for e in figures.values()))
    discrepancy = None
    if recorded is not None and rolled is not None and differs(recorded, rolled.value):
        discrepancy = (recorded, rolled.value)
    return UnitSummary(results, rolled, discrepancy)


def _result(target: Target, unit: Unit, year: int, entry: Entry | None) -> UnitResult:
    judged = entry is not None and target.measure == Measure.SHARE
    verdict = (
        meets(Comparator(target.comparator), target.threshold, _plain(entry)) if judged and entry else None
    )
    return UnitResult(unit.code, unit.name, exists_in(year, unit.from_year, unit.to_year), entry, verdict)


def _plain(entry: Entry) -> UnitFigure:
    return UnitFigure(entry.value, entry.numerator, entry.denominator, entry.provisional)
