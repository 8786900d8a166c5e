"""Ratings imported from a file (`tracker rate --from FILE`): a CSV or XLSX file with the
columns unit, year, level and optionally of (party_org when empty or absent).

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

from tracker import clock
from tracker.base import check_unit_year, check_year, find_unit
from tracker.errors import TrackerError
from tracker.evaluate import plain_words
from tracker.i18n import _
from tracker.records._import import raise_problems
from tracker.records._import_check import Problems
from tracker.records._ledger import Ledger, Outcome
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
from tracker.sheets import Row, column_letter
from tracker.store import Rating, Resolution, Session

RATING_COLUMNS = ("unit", "year", "level", "of")
# A header in either language (without diacritics, words joined by "-") -> its column.
HEADERS = {
    "unit": "unit",
    "don-vi": "unit",
    "ma-don-vi": "unit",
    "year": "year",
    "nam": "year",
    "level": "level",
    "xep-loai": "level",
    "muc-xep-loai": "level",
    "of": "of",
    "doi-tuong": "of",
}


@dataclass
class RatingFile:
    """What was read of a rating file: its checked rows and every problem."""

    name: str
    headers: list[str]
    columns: dict[str, int]  # a known column's index
    rows: list[RatingRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def fail(self, line: int, column: str, problem: str) -> None:
        """A problem at its place, as `tracker import` places one: "xep-loai.csv: row 3, column C (level)"."""
        index = self.columns.get(column)
        if index is None:
            where = _("{name}: row {row}").format(name=self.name, row=line)
        else:
            where = _("{name}: row {row}, column {column} ({header})").format(
                name=self.name, row=line, column=column_letter(index), header=self.headers[index]
            )
        self.problems.append(f"{where}: {problem}")


def _rows_of(path: Path) -> tuple[list[str], list[Row]]:
    from tracker import sheets

    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        message = _("{name}: unknown file type {suffix!r}; accepted: .csv, .xlsx")
        raise TrackerError(message.format(name=path.name, suffix=suffix or "-"))
    if not path.is_file():
        raise TrackerError(_("no file {path}").format(path=path))
    header: list[str] = []

    def header_read(cells: Sequence[Any], size: int | None) -> None:
        header.extend("" if c is None else str(c).strip() for c in cells)

    reader = sheets.read_csv if suffix == ".csv" else sheets.read_xlsx
    rows = list(reader(path, header_read))  # a rating file is small: one row per unit and year
    return header, rows


def _columns(name: str, header: list[str]) -> dict[str, int]:
    """Each known column's index; an unknown or missing column is refused with the accepted ones."""
    found: dict[str, int] = {}
    unknown = []
    for index, text in enumerate(header):
        column = HEADERS.get(plain_words(text.split("(")[0]))
        if column is None and text:
            unknown.append(text)
        elif column is not None:
            found.setdefault(column, index)
    missing = [c for c in ("unit", "year", "level") if c not in found]
    if missing or unknown:
        message = _("{path}: row 1: the columns are {columns} (missing: {missing}; unknown: {unknown})")
        raise TrackerError(
            message.format(
                path=name,
                columns=", ".join(RATING_COLUMNS),
                missing=", ".join(missing) or "-",
                unknown=", ".join(unknown) or "-",
            )
        )
    return found


def _cell(cells: Sequence[Any], index: int | None) -> str:
    if index is None or index >= len(cells) or cells[index] is None:
        return ""
    value = cells[index]
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()


def _year(text: str, resolution: Resolution) -> int:
    if not text.isdigit() or len(text) != 4:
        raise TrackerError(_("{text!r} is not a year").format(text=text[:40]))
    check_year(resolution, int(text))
    return int(text)


def read_rating_file(session: Session, resolution: Resolution, path: Path) -> RatingFile:
    """Every row of the file checked: its unit, year, level and kind, and no (unit, of, year) twice."""
    header, rows = _rows_of(path)
    if not header:
        message = _("{name} is empty; row 1 must be the header (unit, year, level, of)")
        raise TrackerError(message.format(name=path.name))
    columns = _columns(path.name, header)
    found = RatingFile(path.name, header, columns)
    seen: dict[tuple[int, str, int], int] = {}
    for line, cells in rows:
        row = _checked_row(session, resolution, found, line, cells, columns)
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
    session: Session,
    resolution: Resolution,
    found: RatingFile,
    line: int,
    cells: Sequence[Any],
    columns: dict[str, int],
) -> RatingRow | None:
    """The row's rating, or None with its problems told (each at its column)."""
    values = {name: _cell(cells, columns.get(name)) for name in RATING_COLUMNS}
    checks: dict[str, Callable[[], Any]] = {
        "year": lambda: _year(values["year"], resolution),
        "unit": lambda: find_unit(session, resolution, values["unit"]),
        "level": lambda: checked_level(values["level"]),
        "of": lambda: checked_of(values["of"] or PARTY_ORG),
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
        raise TrackerError(_("{name} has a header but no rows of ratings below it").format(name=path.name))
    units = [row.unit for row in found.rows]
    ledger = Ledger(session, RatingKind(units), by, now or clock.now(), amend, why or None)
    decided = ledger.take(found.rows, write=not found.problems)
    for each in decided:
        if each.outcome is Outcome.REFUSED:
            found.fail(each.row.line, "level", refused_rating(each.row, each.previous))
    if found.problems:
        _refuse(found.problems)
    added = [stored_rating(each, why or None, by, ledger.now) for each in decided if each.outcome.stores]
    return RatingImport(path.name, len(found.rows), added)


def _refuse(problems: list[str]) -> None:
    """Every problem, then what became of the import, as `tracker import` tells them."""
    found = Problems()
    for problem in problems:
        found.add(problem)
    raise_problems(found)
