"""A "trong đó" target (part_of) against its parent as the status shows both: the parent's
figure rolled up from its units when the committee recorded none. The check at entry compares
only figures recorded side by side; this one catches a part that reads 100% beside a parent
its units put at 0%, and flags it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from tracker.evaluate import Excess, Figure, beyond_whole, figure_words
from tracker.i18n import N_, in_lang

if TYPE_CHECKING:
    from tracker.status._targets import TargetStatus, YearFigure

# the words of the same refusal at entry (records/_links.py)
MORE = N_(
    "{code} {year}: {figure} is more than {parent}'s {parent_figure}; "
    "a 'trong đó' target is part of its parent"
)
OTHER_UNITS = N_(
    "{code} {year}: {figure} is counted over {count} units but {parent}'s {parent_figure} over "
    "{parent_count}; a 'trong đó' target counts the same units as its parent"
)


def checked_parts(
    rows: list[TargetStatus], row_of: Callable[[str], TargetStatus | None]
) -> list[TargetStatus]:
    """The rows, each "trong đó" target's with the years it exceeds its parent named and flagged."""
    found = []
    for row in rows:
        parent = row_of(row.target.part_of) if row.target.part_of else None
        conflicts = beyond_whole(_whole(row.figures), _whole(parent.figures)) if parent else {}
        if parent is not None and conflicts:
            said = [_words(row, parent, year, kind) for year, kind in conflicts.items()]
            row = replace(row, beyond_parent=conflicts, explanation="; ".join([row.explanation, *said]))
        found.append(row)
    return found


def _whole(figures: Mapping[int, YearFigure]) -> dict[int, Figure]:
    """The years' figures as the status judges them (a partial roll-up is not yet a figure)."""
    return {y: f.figure._replace(provisional=False) for y, f in figures.items() if not f.partial}


def _words(row: TargetStatus, parent: TargetStatus, year: int, kind: Excess) -> str:
    part, whole = row.figures[year].figure, parent.figures[year].figure
    words = {
        "code": row.code,
        "year": year,
        "parent": parent.code,
        "figure": figure_words(part, row.measure, row.lang),
        "parent_figure": figure_words(whole, parent.measure, row.lang),
    }
    if kind is Excess.OTHER_UNITS:
        return in_lang(row.lang, OTHER_UNITS).format(
            **words, count=part.denominator, parent_count=whole.denominator
        )
    return in_lang(row.lang, MORE).format(**words)
