"""The evaluation core: pure functions over plain data (no database, no terminal, no files)."""

from __future__ import annotations

from tracker.evaluate.explain import explain, percent_of_target
from tracker.evaluate.model import (
    Assessment,
    BestYear,
    Comparator,
    Goal,
    Measure,
    Rule,
    Status,
)
from tracker.evaluate.status import assess, is_worse, projection

__all__ = [
    "Assessment",
    "BestYear",
    "Comparator",
    "Goal",
    "Measure",
    "Rule",
    "Status",
    "assess",
    "explain",
    "is_worse",
    "percent_of_target",
    "projection",
]
