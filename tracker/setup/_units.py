"""The units of the config loaded into the database by `tracker init`: added, changed, and
removed only when no figure or rating was recorded for them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tracker import store
from tracker.config import UnitConfig
from tracker.errors import TrackerError
from tracker.evaluate import exists_in
from tracker.i18n import _, ngettext
from tracker.setup._config_rows import differences, with_figures, year_span
from tracker.store import Session, Unit


@dataclass(frozen=True)
class UnitChange:
    """One difference between the config's units and the database's, as `tracker init` shows it."""

    code: str
    kind: str  # added, changed, removed, uncounted
    details: tuple[str, ...] = ()
    resolution: bool = False  # never the resolution's own line (as Change)

    def __str__(self) -> str:
        if self.kind == "uncounted":  # as a target's (setup/_init.py Change)
            return "! " + "; ".join(self.details)
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
            store.save_unit(session, resolution_id, fields)
            changes.append(UnitChange(config.code, "added"))
            continue
        changed, details = differences(row, fields)
        if changed:
            store.save_unit(session, resolution_id, changed, row.id)
        if details:
            changes.append(UnitChange(config.code, "changed", details))
            changes += _outside_years(session, row.id, config)
    return changes


def _outside_years(session: Session, unit_id: int, config: UnitConfig) -> list[UnitChange]:
    """The figures and ratings stored for a unit in years its config no longer gives it: kept
    in the database, counted nowhere (a unit reports only inside its years), and said so."""
    years = [
        y
        for y in store.unit_stored_years(session, unit_id)
        if not exists_in(y, config.from_year, config.to_year)
    ]
    if not years:
        return []
    span = year_span(years)
    message = ngettext(
        "{code}: {count} stored figure ({years}) lies outside the unit's years ({span}) and is no "
        "longer counted (the stored figure is kept; widen from_year or to_year to count it again)",
        "{code}: {count} stored figures ({years}) lie outside the unit's years ({span}) and are no "
        "longer counted (the stored figures are kept; widen from_year or to_year to count them again)",
        len(years),
    )
    span_of_unit = f"{config.from_year or ''}-{config.to_year or ''}"
    line = message.format(code=config.code, count=len(years), years=span, span=span_of_unit)
    return [UnitChange(config.code, "uncounted", (line,))]


def _remove_units(session: Session, gone: list[Unit]) -> list[UnitChange]:
    from tracker.store import count_unit_ratings

    ids = [u.id for u in gone]
    counts = store.count_unit_entries(session, ids)
    for unit_id, rated in count_unit_ratings(session, ids).items():
        counts[unit_id] = counts.get(unit_id, 0) + rated
    listed = with_figures([(u.code, counts.get(u.id, 0)) for u in gone])
    if listed:
        message = _(
            "unit {units} is no longer in the config but has recorded figures; it was not deleted and "
            "nothing was changed: put it back and set its to_year instead"
        )
        raise TrackerError(message.format(units=", ".join(listed)))
    accounts = store.unit_accounts(session, ids)
    if accounts:
        message = _(
            "unit {units} is no longer in the config but has accounts of the portal ({names}); it was not "
            "deleted and nothing was changed: put it back and set its to_year instead"
        )
        codes = ", ".join(u.code for u in gone if u.id in accounts)
        names = ", ".join(name for unit_names in accounts.values() for name in unit_names)
        raise TrackerError(message.format(units=codes, names=names))
    for unit in gone:
        store.delete_unit(session, unit.id)
    return [UnitChange(u.code, "removed") for u in gone]
