"""What `tracker init` does alike to every kind of row the config declares (the resolution, its
targets, its units): set the config's values and say what changed, and name the rows that
cannot be removed because figures were recorded for them."""

from __future__ import annotations

from typing import Any

from tracker.i18n import ngettext


def differences(stored: Any, wanted: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The wanted values that differ from the stored ones, and what changed as the user reads
    it (`field: old -> new`; a new position alone is not a change worth telling)."""
    changed = {name: value for name, value in wanted.items() if getattr(stored, name) != value}
    told = tuple(
        f"{name}: {_short(getattr(stored, name))} -> {_short(value)}"
        for name, value in changed.items()
        if name != "position"
    )
    return changed, told


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


def year_span(years: list[int]) -> str:
    """Sorted years as a message names them: "2023", or "2023-2024" from the first to the last."""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}-{years[-1]}"
