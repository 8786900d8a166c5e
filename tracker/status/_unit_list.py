"""Units of a resolution: loaded from the config by `tracker init`, found by their code, and
listed with what they reported (`tracker units`)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from tracker.config._units import UnitConfig
from tracker.errors import TrackerError
from tracker.evaluate._rollup import exists_in
from tracker.i18n import _
from tracker.setup._config_rows import apply_fields, with_figures
from tracker.store import _unit_figures as unit_figures
from tracker.store import _units as store
from tracker.store._tables import Resolution, Unit


@dataclass(frozen=True)
class UnitChange:
    """One difference between the config's units and the database's, as `tracker init` shows it."""

    code: str
    kind: str  # added, changed, removed
    details: tuple[str, ...] = ()
    resolution: bool = False  # never the resolution's own line (as Change)

    def __str__(self) -> str:
        line = {
            "added": _("+ unit {code} added"),
            "changed": _("~ unit {code} changed"),
            "removed": _("- unit {code} removed"),
        }[self.kind].format(code=self.code)
        return line + (f": {'; '.join(self.details)}" if self.details else "")


def unit_fields(config: UnitConfig, position: int) -> dict[str, Any]:
    return {
        "code": config.code,
        "position": position,
        "name": config.name,
        "kind": config.kind,
        "agency": config.agency,
        "from_year": config.from_year,
        "to_year": config.to_year,
    }


def sync_units(session: Session, resolution_id: int, wanted: list[UnitConfig]) -> list[UnitChange]:
    """Make the resolution's units equal to the config's; a unit with figures is never deleted."""
    existing = {u.code: u for u in store.units_of(session, resolution_id)}
    codes = {u.code for u in wanted}
    changes = _remove_units(session, [u for code, u in existing.items() if code not in codes])
    for position, config in enumerate(wanted, start=1):
        fields, row = unit_fields(config, position), existing.get(config.code)
        if row is None:
            store.save_unit(session, Unit(resolution_id=resolution_id, **fields))
            changes.append(UnitChange(config.code, "added"))
            continue
        details = apply_fields(row, fields)
        store.save_unit(session, row)
        if details:
            changes.append(UnitChange(config.code, "changed", details))
    return changes


def _remove_units(session: Session, gone: list[Unit]) -> list[UnitChange]:
    from tracker.store._ratings import count_unit_ratings

    ids = [u.id for u in gone if u.id is not None]
    counts = store.count_unit_entries(session, ids)
    for unit_id, rated in count_unit_ratings(session, ids).items():
        counts[unit_id] = counts.get(unit_id, 0) + rated
    listed = with_figures([(u.code, counts.get(u.id or 0, 0)) for u in gone])
    if listed:
        message = _(
            "unit {units} is no longer in the config but has recorded figures; it was not deleted and "
            "nothing was changed: put it back and set its to_year instead"
        )
        raise TrackerError(message.format(units=", ".join(listed)))
    for unit in gone:
        store.delete_unit(session, unit)
    return [UnitChange(u.code, "removed") for u in gone]


def find_unit(session: Session, resolution: Resolution, code: str) -> Unit:
    """The unit with this code (any case), or an error naming the closest codes."""
    assert resolution.id is not None
    return pick_unit(store.units_of(session, resolution.id), code)


def pick_unit(units: list[Unit], code: str) -> Unit:
    """The unit of `units` with this code (any case), or an error naming the closest codes."""
    wanted = code.strip().casefold()
    for unit in units:
        if unit.code.casefold() == wanted:
            return unit
    if not units:
        raise TrackerError(
            _("unknown unit {code!r}: the resolution has no units; declare them in the config").format(
                code=code
            )
        )
    by_key = {u.code.casefold(): u.code for u in units}
    close = [by_key[k] for k in difflib.get_close_matches(wanted, list(by_key), n=5, cutoff=0.5)]
    if close:
        message = _("unknown unit {code!r}; did you mean: {close}? (`tracker units` lists them)")
        raise TrackerError(message.format(code=code, close=", ".join(close)))
    raise TrackerError(_("unknown unit {code!r}; `tracker units` lists them").format(code=code))


def check_unit_year(unit: Unit, year: int) -> None:
    """A unit reports only for the years it exists."""
    if exists_in(year, unit.from_year, unit.to_year):
        return
    message = _("unit {code} does not exist in {year} (its years: {years}); it has figures only for those")
    raise TrackerError(message.format(code=unit.code, year=year, years=years_text(unit)))


def years_text(unit: Unit) -> str:
    """The years a unit exists: "2021-2024", "2022-", "-2023", or "" for always."""
    if unit.from_year is None and unit.to_year is None:
        return ""
    return f"{unit.from_year or ''}-{unit.to_year or ''}"


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
    from tracker.status._targets import default_as_of
    from tracker.store import _figures as repository
    from tracker.store import _ratings as rating_store

    assert resolution.id is not None
    ratings = rating_store.current_ratings(session, resolution.id)
    targets = repository.targets_of(session, resolution.id)
    years = [*unit_figures.unit_figure_years(session, resolution.id), *(r.year for r in ratings)]
    year = as_of if as_of is not None else default_as_of(resolution, years)
    reported = _reported(unit_figures.current_unit_figures(session, resolution.id, year), year)
    rating_targets: dict[str, set[int]] = {}
    for target in targets:
        if target.rating_of is not None:
            rating_targets.setdefault(target.rating_of, set()).add(target.id or 0)
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
            len(reported.get(u.id or 0, ())),
        )
        for u in store.units_of(session, resolution.id)
    ]
    return UnitsView(year, len(targets), lines)


def _reported(entries: Iterable[unit_figures.UnitFigureRow], year: int) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for e in entries:
        if e.year == year:
            found.setdefault(e.unit_id, set()).add(e.target_id)
    return found
