"""The units' side of a target's status: the committee's figure rolled up from its units' where
it recorded none, who reported for the as-of year, who lags, and a difference between a figure
the committee recorded and its units' roll-up (a discrepancy, which flags the target).

The database adds up the units' figures of every (target, year) in one query, and the roll-up
is made of those sums (evaluate/rollup.py from_sums); only the as-of year's figures are read
unit by unit (a committee of a thousand units has some 50,000 figures over a term).
A unit lags when its own share fails the target's threshold; a count target's unit when its
count fails the quota it was given for the year (`tracker quota`; a term_total target's quota is
per year). A count without a quota is not judged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session

from tracker.evaluate.model import Comparator, Measure
from tracker.evaluate.rollup import RolledUp, Sums, differs, exists_in, from_sums, meets, roll_up
from tracker.evaluate.wording import Lang, figure
from tracker.i18n import N_, in_lang
from tracker.store import quotas as quota_store
from tracker.store import unit_figures
from tracker.store import units as store
from tracker.store.tables import Resolution, Target, Unit
from tracker.store.unit_figures import UnitFigureRow

QUOTA_BESIDE = N_("{figure} / quota {quota}")


@dataclass(frozen=True)
class UnitResult:
    """One unit's figure for one target and the as-of year (None: it has not reported)."""

    code: str
    name: str
    expected: bool
    figure: UnitFigureRow | None
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
    """The resolution's units, the sums of their figures of every (target, year), and (once
    with_year_figures has read them) the figure that counts of each unit for one year."""

    units: list[Unit]
    sums: dict[int, dict[int, tuple[Sums, datetime | None]]]  # target id -> year -> (sums, newest)
    figures: dict[int, dict[int, dict[int, UnitFigureRow]]] = field(default_factory=dict)
    # target id -> year -> unit id -> figure, of the year read only
    roster: tuple[int, list[tuple[int, str, str, bool]]] | None = None
    # (year, [(unit id, code, name, exists that year)]): read once, not once a target
    quotas: dict[tuple[int, int, int], int] = field(default_factory=dict)  # (target, unit, year) -> quota

    def years(self) -> set[int]:
        return {y for by_year in self.sums.values() for y in by_year}


def load_unit_data(session: Session, resolution: Resolution, as_recorded: datetime | None = None) -> UnitData:
    """The units and the sums of their figures; with_year_figures adds a year's own figures."""
    assert resolution.id is not None
    sums: dict[int, dict[int, tuple[Sums, datetime | None]]] = {}
    for target_id, year, *added, newest in unit_figures.unit_sums(session, resolution.id, as_recorded):
        sums.setdefault(target_id, {})[year] = (sums_from_row(added), newest)
    units = store.units_of(session, resolution.id) if sums else []
    quotas = {
        (q.target_id, q.unit_id, q.year): q.value
        for q in (quota_store.current_quotas(session, resolution.id, as_recorded) if sums else [])
    }
    return UnitData(units, sums, quotas=quotas)


def borrowed_unit_data(data: UnitData, sources: dict[int, int]) -> UnitData:
    """The units' figures each target is judged on: a target with figures_from has its
    source's (see status._figure_sources), not its own."""
    sums = {target_id: data.sums.get(source_id, {}) for target_id, source_id in sources.items()}
    figures = {target_id: data.figures.get(source_id, {}) for target_id, source_id in sources.items()}
    return UnitData(
        data.units,
        {t: by_year for t, by_year in sums.items() if by_year},
        {t: by_year for t, by_year in figures.items() if by_year},
        data.roster,
        data.quotas,
    )


def sums_from_row(row: Sequence[Any]) -> Sums:
    """Sums from the columns of unit_figures.unit_sums after the target and the year."""
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
    """`data` with each unit's own figure of `year` (who reported, who lags)."""
    assert resolution.id is not None
    if not data.sums:
        return data
    figures: dict[int, dict[int, dict[int, UnitFigureRow]]] = {}
    for e in unit_figures.current_unit_figures(session, resolution.id, year, as_recorded):
        figures.setdefault(e.target_id, {}).setdefault(e.year, {})[e.unit_id] = e
    return UnitData(data.units, data.sums, figures, (year, _roster(data.units, year)), data.quotas)


def _roster(units: list[Unit], year: int) -> list[tuple[int, str, str, bool]]:
    return [(u.id or 0, u.code, u.name, exists_in(year, u.from_year, u.to_year)) for u in units]


def rolled_up_years(target: Target, data: UnitData) -> dict[int, tuple[RolledUp, datetime | None]]:
    """The roll-up of every year the target has units' figures for, with when the newest was
    recorded."""
    found: dict[int, tuple[RolledUp, datetime | None]] = {}
    for year, (sums, newest) in data.sums.get(target.id or 0, {}).items():
        rolled = from_sums(Measure(target.measure), sums)
        if rolled is not None:
            found[year] = (rolled, newest)
    return found


def summarise(target: Target, data: UnitData, year: int, recorded: float | None) -> UnitSummary | None:
    """The units' summary of a target for the as-of year (the year with_year_figures read);
    None when no unit reported any year."""
    by_year = data.sums.get(target.id or 0)
    if not by_year:
        return None
    figures = data.figures.get(target.id or 0, {}).get(year, {})
    judge = _judge(target)
    roster = data.roster[1] if data.roster and data.roster[0] == year else _roster(data.units, year)
    results = []
    for unit_id, code, name, expected in roster:
        found = figures.get(unit_id)
        if expected or found is not None:
            quota = (
                data.quotas.get((target.id or 0, unit_id, year)) if target.measure == Measure.COUNT else None
            )
            verdict = judge(found, quota) if found is not None else None
            results.append(UnitResult(code, name, expected, found, verdict, quota))
    results.sort(key=lambda r: (not r.lagging, r.figure is None))
    rolled = roll_up(Measure(target.measure), figures.values())  # as from_sums(by_year[year])
    discrepancy = None
    if recorded is not None and rolled is not None and differs(recorded, rolled.value):
        discrepancy = (recorded, rolled.value)
    return UnitSummary(results, rolled, discrepancy)


def _judge(target: Target) -> Callable[[UnitFigureRow, int | None], bool | None]:
    """Whether a unit's own figure meets the target: a share against the target's threshold, a
    count against the unit's quota (not below it, for a "do more" target; not above it, for a
    "do less" one); None (not judged) for a count without a quota."""
    comparator, threshold = Comparator(target.comparator), target.threshold
    if target.measure != Measure.SHARE:
        return lambda figure, quota: (
            None if quota is None else (figure.value >= quota if comparator.upward else figure.value <= quota)
        )
    return lambda figure, _quota: meets(comparator, threshold, figure)
