from __future__ import annotations

from tracker.transfer._export import choose_format, collect, part_path, parts_of, write_export
from tracker.transfer._outputs import check_out
from tracker.transfer._template import write_template
from tracker.transfer._unit_template import reporting_deadline, unit_workbooks, write_unit_workbooks

__all__ = [
    "check_out",
    "choose_format",
    "collect",
    "part_path",
    "parts_of",
    "reporting_deadline",
    "unit_workbooks",
    "write_export",
    "write_template",
    "write_unit_workbooks",
]
