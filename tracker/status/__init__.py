from __future__ import annotations

from tracker.status._cells import YearCell, counted_figure, figure_source, status_cell, year_cell
from tracker.status._kept import KeptViews
from tracker.status._matrix import MatrixCell, UnitMatrix, matrix_json, unit_matrix
from tracker.status._one_unit import UnitStanding, unit_standing
from tracker.status._targets import (
    StatusView,
    TargetStatus,
    YearFigure,
    build_status,
    default_as_of,
    goal_of,
    status_json,
    status_json_text,
)
from tracker.status._unit_list import UnitsView, units_view
from tracker.status._units import UnitResult, result_words, sums_from_row

__all__ = [
    "KeptViews",
    "MatrixCell",
    "StatusView",
    "TargetStatus",
    "UnitMatrix",
    "UnitResult",
    "UnitStanding",
    "UnitsView",
    "YearCell",
    "YearFigure",
    "build_status",
    "counted_figure",
    "default_as_of",
    "figure_source",
    "goal_of",
    "matrix_json",
    "result_words",
    "status_cell",
    "status_json",
    "status_json_text",
    "sums_from_row",
    "unit_matrix",
    "unit_standing",
    "units_view",
    "year_cell",
]
