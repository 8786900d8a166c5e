"""A "trong đó" target (part_of) against its parent as the status shows both: the parent's
figure rolled up from its units when the committee recorded none. The check at entry compares
only figures recorded side by side; this one catches a part that reads 100% beside a parent
its units put at 0%, and flags it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from tracker.evaluate import Excess, Figure, Measure, beyond_whole, figure_words
from tracker.i18n import N_, Lang, in_lang


class _Year(Protocol):
    @property
    def figure(self) -> Figure: ...

    @property
    def partial(self) -> bool: ...


class _Row(Protocol):
    """What is read of a target's status (status/_targets.py TargetStatus)."""

    @property
    def code(self) -> str: ...

    @property
    def measure(self) -> Measure: ...

    @property
    def lang(self) -> Lang: ...

    @property
    def figures(self) -> Mapping[int, _Year]: ...


# the words of the same refusal at entry (records/_links.py)
MORE = N_(
    "{code} {year}: {figure} is more than {parent}'s {parent_figure}; "
    "a 'trong đó' target is part of its parent"
)
OTHER_UNITS = N_(
    "{code} {year}: {figure} is counted over {count} units but {parent}'s {parent_figure} over "
    "{parent_count}; a 'trong đó' target counts the same units as its parent"
)


def beyond_parent(row: _Row, parent: _Row) -> tuple[dict[int, Excess], list[str]]:
    """The years a "trong đó" target's figure contradicts its parent's as the status shows
    both, and what to say of each."""
    conflicts = beyond_whole(_whole(row.figures), _whole(parent.figures))
    return conflicts, [_words(row, parent, year, kind) for year, kind in conflicts.items()]


def _whole(figures: Mapping[int, _Year]) -> dict[int, Figure]:
    """The years' figures as the status judges them (a partial roll-up is not yet a figure)."""
    return {y: f.figure._replace(provisional=False) for y, f in figures.items() if not f.partial}


def _words(row: _Row, parent: _Row, year: int, kind: Excess) -> str:
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
