"""What every use case stands on: one unit of work per command, and finding a resolution, a
target, a unit or a year the way a person names them (with refusals that list what exists)."""

from __future__ import annotations

from tracker.base._lookup import (
    UnitCodes,
    check_unit_year,
    check_year,
    find_target,
    find_unit,
    load_resolution,
    pick_unit,
    years_text,
)
from tracker.base._work import Database, current_resolution, unit_of_work
from tracker.store import Resolution, Session, Target, Unit

__all__ = [
    "Database",
    "Resolution",
    "Session",
    "Target",
    "Unit",
    "UnitCodes",
    "check_unit_year",
    "check_year",
    "current_resolution",
    "find_target",
    "find_unit",
    "load_resolution",
    "pick_unit",
    "unit_of_work",
    "years_text",
]
