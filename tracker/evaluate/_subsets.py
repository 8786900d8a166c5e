"""A "trong đó" target's figure against its parent's (part_of): pure comparison of two figures.

T02's units rated excellent are among T01's rated good, counted over the same units: a figure
of the part can never exceed the whole's. Given as counts, the numerators are compared and the
denominators must be equal; otherwise the values (a count, or a percentage) are compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from tracker.evaluate._model import Figure

TOLERANCE = 1e-9  # the values are floats: a part equal to its whole is not "more"


class Excess(StrEnum):
    MORE = "more"  # the part is larger than the whole
    OTHER_UNITS = "other_units"  # both given as counts, over a different number of units


def excess(part: Figure, whole: Figure) -> Excess | None:
    """How a part's figure contradicts its whole's; None when it does not."""
    if part.denominator is not None and whole.denominator is not None:
        if part.denominator != whole.denominator:
            return Excess.OTHER_UNITS
        return Excess.MORE if (part.numerator or 0) > (whole.numerator or 0) else None
    if part.value > whole.value + TOLERANCE * max(1.0, abs(whole.value)):
        return Excess.MORE
    return None


def beyond_whole(part: Mapping[int, Figure], whole: Mapping[int, Figure]) -> dict[int, Excess]:
    """The years a "trong đó" target's figure contradicts its parent's, both as the status shows
    them (the committee's recorded figure, else its units' roll-up; a year either side lacks,
    or knows only partly, is not compared): one rule whichever way each figure was obtained."""
    found = {year: excess(figure, whole[year]) for year, figure in part.items() if year in whole}
    return {year: kind for year, kind in sorted(found.items()) if kind is not None}
