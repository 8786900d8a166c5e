"""The evaluation core: pure functions over plain data (no database, no terminal, no files)."""

from __future__ import annotations

from tracker.evaluate._explain import Progress, explain, percent_of_target, percent_text, progress_of_target
from tracker.evaluate._model import (
    Assessment,
    BestYear,
    Comparator,
    Goal,
    Measure,
    Rule,
    Status,
)
from tracker.evaluate._status import assess, is_worse, projection, rests_on_estimate

__all__ = [
    "Assessment",
    "BestYear",
    "Comparator",
    "Goal",
    "Measure",
    "Progress",
    "Rule",
    "Status",
    "assess",
    "explain",
    "is_worse",
    "percent_of_target",
    "percent_text",
    "progress_of_target",
    "projection",
    "rests_on_estimate",
]
