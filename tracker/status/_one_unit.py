"""One unit's own standing as of a year: its figure of every target with units' figures against
the target's threshold (or its quota), and its ratings: the unit's row of `tracker status --units`
with the verdict of `tracker status CODE --units`, for the unit's page on the portal."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.status._targets import StatusView
from tracker.status._units import result_words


@dataclass(frozen=True)
class UnitStanding:
    """One target as it stands for one unit: its figure in words ("" when the unit has not
    reported it) and whether it meets the target (None: not judged)."""

    code: str  # as people read it: "T11 †"
    title: str
    rule: str  # the target's rule in words: "≥ 90% mỗi năm"
    figure: str
    meets: bool | None
    reported: bool


def unit_standing(view: StatusView, unit_code: str) -> list[UnitStanding]:
    """The unit's figure of each target of `view` that has units' figures (or ratings), in the
    targets' order; a target the unit is not expected on that year is left out."""
    found = []
    for row in view.unit_targets:
        result = row.units.by_unit.get(unit_code) if row.units else None
        if result is None:  # the unit is not expected that year and has no figure
            continue
        words = result_words(result, row.measure, view.lang)
        found.append(
            UnitStanding(
                row.label, row.short_title, row.rule_text, words, result.meets, result.figure is not None
            )
        )
    return found
