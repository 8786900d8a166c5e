"""A figure far from its own history, as the faces show it (found by tracker/records/_far.py)."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.evaluate import Far, figure_subject


@dataclass(frozen=True)
class FarValue:
    """A stored (or about to be stored) figure far from its history, with the sentence that
    says so: "T07 (đơn vị SYT) 2024: 1.200 gấp hơn 5 lần ..."; `file` and `line` place an
    imported row."""

    code: str
    unit: str | None  # the unit's code; None: the committee's own figure
    year: int
    far: Far
    words: str
    line: int = 0
    file: str = ""

    @property
    def subject(self) -> str:
        return figure_subject(self.code, self.unit)
