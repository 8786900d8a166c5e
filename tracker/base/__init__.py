from __future__ import annotations

from tracker.base._lookup import (
    check_unit_year,
    check_year,
    find_target,
    find_unit,
    load_resolution,
    pick_unit,
    years_text,
)

__all__ = [
    "check_unit_year",
    "check_year",
    "find_target",
    "find_unit",
    "load_resolution",
    "pick_unit",
    "years_text",
]
