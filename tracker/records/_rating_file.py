"""Ratings imported from a file (`tracker rate --from FILE`): a spreadsheet (.csv, .xlsx, .xlsm)
with the columns unit, year, level and optionally of (party_org when empty or absent), read as
every file's header is (tracker/sheets/_columns.py).

Every row is checked before any is stored, and every problem is told together, by file, row
and column; one problem and nothing is stored. A (unit, of, year) given twice in the file is
refused, as is a level that changes a stored rating without --amend --reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker import clock, store
from tracker.base import UnitCodes, check_unit_year, check_year
from tracker.errors import TrackerError
from tracker.evaluate import printable, shown_path
from tracker.i18n import N_, _
from tracker.records._ledger import Ledger, Outcome
from tracker.records._problems import Problems, raise_problems
from tracker.records._ratings import (
    PARTY_ORG,
    RatingKind,
    RatingRow,
    checked_level,
    checked_of,
    refused_rating,
    stored_rating,
    subject,
)
from tracker.records._revisions import checked_author
from tracker.sheets import Column, Columns, Row, Sheet, cell_text, cell_year, read_sheet
from tracker.store import Rating, Resolution, Session

# The columns of a file of ratings; their names in either language are the catalog's (đơn vị,
# năm, xếp loại, đối tượng), read as every file's header is (tracker/sheets/_columns.py).
RATINGS = Columns(
    (
        Column("unit", required=True, aliases=("mã đơn vị",)),
        Column("year", required=True),
        Column("level", required=True, aliases=("mức xếp loại",)),
        Column("of"),
        *(Column(c, ignored=True) for c in ("revision", "recorded_by", "recorded_at", "reason")),
    ),
    expected=N_("expected columns: unit, year, level, of (party_org when absent or empty)"),
)
RATING_COLUMNS = RATINGS.read()  # unit, year, level, of


@dataclass
class RatingFile:
    """What was read of a rating file: its checked rows and every problem."""

    name: str
    headers: list[str]
    columns: dict[str, int]  # a known column's index
    rows: list[RatingRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def fail(self, line: int, column: str, problem: str) -> None:
        """A problem at its place, as every file's: "xep-loai.csv: row 3, column C (level)"."""
        where = Sheet(self.name, self.headers, self.columns).where(line, column)
        self.problems.append(printable(f"{where}: {problem}", multiline=False))


def _rows_of(path: Path) -> tuple[Sheet, list[Row]]:
    """The file's header mapped to the rating columns, and its rows (a rating file is small:
    one row per unit and year)."""
    with read_sheet(path, RATINGS) as sheet:
        return sheet, list(sheet.rows)


def _year(value: Any, resolution: Resolution) -> int:
    year = cell_year(value)
    check_year(resolution, year)
    return year


def read_rating_file(session: Session, resolution: Resolution, path: Path) -> RatingFile:
    """Every row of the file checked: its unit, year, level and kind, and no (unit, of, year) twice."""
    sheet, rows = _rows_of(path)
    found = RatingFile(sheet.name, sheet.headers, sheet.columns)
    units = UnitCodes(store.units_of(session, resolution.id))
    seen: dict[tuple[int, str, int], int] = {}
    for line, cells in rows:
        row = _checked_row(units, resolution, found, line, [sheet.cell(cells, c) for c in RATING_COLUMNS])
        if row is None:
            continue
        if row.key in seen:
            message = _("{what} is given twice (also row {row}); give each unit's rating once")
            found.fail(line, "unit", message.format(what=subject(row), row=seen[row.key]))
            continue
        seen[row.key] = line
        found.rows.append(row)
    return found


def _checked_row(
    units: UnitCodes, resolution: Resolution, found: RatingFile, line: int, cells: Sequence[Any]
) -> RatingRow | None:
    """The row's rating, or None with its problems told (each at its column); `cells` are those
    of RATING_COLUMNS."""
    values = dict(zip(RATING_COLUMNS, cells, strict=True))
    checks: dict[str, Callable[[], Any]] = {
        "year": lambda: _year(values["year"], resolution),
        "unit": lambda: units.pick(cell_text(values["unit"])),
        "level": lambda: checked_level(cell_text(values["level"])),
        "of": lambda: checked_of(cell_text(values["of"]) or PARTY_ORG),
    }
    checked: dict[str, Any] = {}
    for column, check in checks.items():
        try:
            checked[column] = check()
        except TrackerError as exc:
            found.fail(line, column, str(exc))
    if len(checked) < len(checks):
        return None
    try:
        check_unit_year(checked["unit"], checked["year"])
    except TrackerError as exc:
        found.fail(line, "year", str(exc))
        return None
    return RatingRow(line, checked["unit"], checked["of"], checked["year"], checked["level"])


@dataclass(frozen=True)
class RatingImport:
    name: str
    rows: int
    added: list[Rating]


def import_ratings(
    session: Session,
    resolution: Resolution,
    path: Path,
    recorded_by: str,
    amend: bool,
    reason: str | None,
    now: datetime | None = None,
) -> RatingImport:
    """Check every row of the file, decide each against the stored rating (the ledger), then
    store them all, or none when any problem was found."""
    by, why = checked_author(recorded_by, amend, reason, many=True)
    found = read_rating_file(session, resolution, path)
    if not found.rows and not found.problems:
        raise TrackerError(
            _("{name} has a header but no rows of ratings below it").format(name=shown_path(path.name))
        )
    units = [row.unit for row in found.rows]
    ledger = Ledger(session, RatingKind(units), by, now or clock.now(), amend, why or None)
    decided = ledger.take(found.rows, write=not found.problems)
    for each in decided:
        if each.outcome is Outcome.REFUSED:
            found.fail(each.row.line, "level", refused_rating(each.row, each.previous))
    if found.problems:
        _refuse(found.problems)
    added = [stored_rating(each, why or None, by, ledger.now) for each in decided if each.outcome.stores]
    return RatingImport(shown_path(path.name), len(found.rows), added)


def _refuse(problems: list[str]) -> None:
    """Every problem, then what became of the import, as `tracker import` tells them."""
    found = Problems()
    for problem in problems:
        found.add(problem)
    raise_problems(found)
