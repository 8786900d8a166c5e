"""What `tracker init` does alike to every kind of row the config declares (the resolution, its
targets, its units): set the config's values and say what changed, and name the rows that
cannot be removed because figures were recorded for them."""

from __future__ import annotations

from typing import Any

from tracker.i18n import ngettext


def apply_fields(row: Any, wanted: dict[str, Any]) -> tuple[str, ...]:
    """Set the wanted values on a row; return what changed, as `field: old -> new`."""
    changed = []
    for name, value in wanted.items():
        old = getattr(row, name)
        if old != value:
            if name != "position":
                changed.append(f"{name}: {_short(old)} -> {_short(value)}")
            setattr(row, name, value)
    return tuple(changed)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def with_figures(counted: list[tuple[str, int]]) -> list[str]:
    """ "T07 (3 figures)" for each (code, count of figures) with figures."""
    return [
        ngettext("{code} ({count} figure)", "{code} ({count} figures)", n).format(code=code, count=n)
        for code, n in counted
        if n
    ]
