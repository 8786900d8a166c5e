"""`tracker status --units`: every unit × every target with unit data, for the as-of year.

Plain data built from a StatusView (no query of its own). A row per unit of the resolution:
those with the most figures below their target's threshold first, then those with the most
figures missing, then the others in the config's order; units that do not exist in the
as-of year come last, their cells empty. A column per target that has unit figures in any
year (a target no unit ever reported on has no column), and a last row with the roll-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tracker.evaluate import Figure, RolledUp, exists_in
from tracker.status._targets import StatusView, TargetStatus
from tracker.status._units import UnitResult


@dataclass(frozen=True)
class MatrixCell:
    """One unit's figure of one target: `expected` False leaves the cell blank."""

    expected: bool
    figure: Figure | None
    lagging: bool
    level: str | None = None  # a rating target's: the unit's rating (tot, xuat-sac, ...)

    @property
    def missing(self) -> bool:
        return self.expected and self.figure is None


@dataclass(frozen=True)
class MatrixRow:
    code: str
    name: str
    expected: bool  # the unit exists in the as-of year
    cells: list[MatrixCell]

    @property
    def lagging(self) -> int:
        return sum(1 for c in self.cells if c.lagging)

    @property
    def missing(self) -> int:
        return sum(1 for c in self.cells if c.missing)


@dataclass(frozen=True)
class UnitMatrix:
    as_of: int
    targets: list[TargetStatus]  # the columns
    rows: list[MatrixRow]
    totals: list[RolledUp | None]  # the roll-up of each column


def unit_matrix(view: StatusView) -> UnitMatrix:
    """The units × targets matrix of `view`'s as-of year, lagging-most units first."""
    targets = view.unit_targets
    by_target = [{r.code: r for r in t.units.results} if t.units else {} for t in targets]
    rows = []
    for position, unit in enumerate(view.units):
        expected = exists_in(view.as_of, unit.from_year, unit.to_year)
        cells = [_cell(results.get(unit.code)) for results in by_target]
        rows.append((position, MatrixRow(unit.code, unit.name, expected, cells)))
    rows.sort(key=lambda item: (-item[1].lagging, -item[1].missing, not item[1].expected, item[0]))
    totals = [t.units.rolled_up if t.units else None for t in targets]
    return UnitMatrix(view.as_of, targets, [row for _position, row in rows], totals)


def _cell(result: UnitResult | None) -> MatrixCell:
    if result is None:
        return MatrixCell(False, None, False)
    return MatrixCell(result.expected, result.figure, result.lagging, result.level)


def matrix_json(matrix: UnitMatrix) -> dict[str, Any]:
    """The JSON document of `tracker status --units --format json` (docs/json.md)."""
    codes = [t.code for t in matrix.targets]
    return {
        "as_of": matrix.as_of,
        "targets": codes,
        "units": [
            {
                "code": row.code,
                "name": row.name,
                "expected": row.expected,
                "lagging": row.lagging,
                "missing": row.missing,
                "cells": {code: _cell_json(cell) for code, cell in zip(codes, row.cells, strict=True)},
            }
            for row in matrix.rows
        ],
        "totals": {code: _total_json(total) for code, total in zip(codes, matrix.totals, strict=True)},
    }


def _cell_json(cell: MatrixCell) -> dict[str, Any]:
    found = cell.figure
    return {
        "expected": cell.expected,
        "reported": found is not None,
        "value": found.value if found else None,
        "numerator": found.numerator if found else None,
        "denominator": found.denominator if found else None,
        "provisional": found.provisional if found else False,
        "lagging": cell.lagging,
        "level": cell.level,
    }


def _total_json(total: RolledUp | None) -> dict[str, Any] | None:
    if total is None:
        return None
    return {
        "value": round(total.figure.value, 4),
        "numerator": total.figure.numerator,
        "denominator": total.figure.denominator,
        "provisional": total.figure.provisional,
        "units": total.units,
    }
