"""The units of a resolution listed with what they reported for a year (`tracker units`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tracker import store
from tracker.base import years_text
from tracker.evaluate import exists_in
from tracker.store import Resolution, Session


@dataclass(frozen=True)
class UnitLine:
    """One unit as `tracker units` lists it."""

    code: str
    name: str
    kind: str
    agency: str
    years: str
    expected: bool  # it exists in the as-of year
    reported: int  # targets it has a figure for in the as-of year


@dataclass(frozen=True)
class UnitsView:
    as_of: int
    targets: int
    units: list[UnitLine]


def units_view(session: Session, resolution: Resolution, as_of: int | None) -> UnitsView:
    """Every unit of the resolution with how many targets it reported for the as-of year
    (default: the latest reporting year that has a unit's figure or rating); a rating target
    counts as reported when the unit is rated (of the target's kind) that year."""
    from tracker import store
    from tracker.status._targets import default_as_of

    targets = store.targets_of(session, resolution.id)
    if as_of is None:
        ratings = store.current_ratings(session, resolution.id)
        years = [*store.unit_figure_years(session, resolution.id), *(r.year for r in ratings)]
        year = default_as_of(resolution, years)
    else:  # the as-of year's ratings only (a committee of 1,000 units has many)
        year, ratings = as_of, store.current_ratings(session, resolution.id, year=as_of)
    reported = _reported(store.current_unit_figures(session, resolution.id, year), year)
    rating_targets: dict[str, set[int]] = {}
    for target in targets:
        if target.rating_of is not None:
            rating_targets.setdefault(target.rating_of, set()).add(target.id)
    for r in ratings:
        if r.year == year:
            reported.setdefault(r.unit_id, set()).update(rating_targets.get(r.of, set()))
    lines = [
        UnitLine(
            u.code,
            u.name,
            u.kind,
            u.agency or "",
            years_text(u),
            exists_in(year, u.from_year, u.to_year),
            len(reported.get(u.id, ())),
        )
        for u in store.units_of(session, resolution.id)
    ]
    return UnitsView(year, len(targets), lines)


def _reported(entries: Iterable[store.UnitFigure], year: int) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for e in entries:
        if e.year == year:
            found.setdefault(e.unit_id, set()).add(e.target_id)
    return found
