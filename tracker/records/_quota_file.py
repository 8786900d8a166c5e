"""A file of quotas (`tracker quota --from FILE`): a spreadsheet (.csv, .xlsx, .xlsm) with the
columns target, year, unit and quota (or their Vietnamese names: chỉ tiêu, năm, đơn vị, định
mức), read as every file's header is (tracker/sheets/_columns.py).

Every row is checked before anything is stored, every problem named by file, row and column; a
(target, unit, year) given twice is refused. The quotas are then stored together, or none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker import clock, store
from tracker.base import UnitCodes, check_unit_year, check_year
from tracker.errors import TrackerError
from tracker.i18n import N_, _
from tracker.records._ledger import Ledger, Outcome
from tracker.records._problems import Problems, raise_problems
from tracker.records._quotas import QuotaKind, QuotaRow, quota_target, quota_value, refused_quota
from tracker.records._revisions import checked_author
from tracker.sheets import Column, Columns, Sheet, cell_text, cell_year, read_sheet
from tracker.store import Resolution, Session, Target, Unit

QUOTAS = Columns(
    (
        Column("target", required=True, aliases=("code", "mã", "mã chỉ tiêu")),
        Column("year", required=True),
        Column("unit", required=True, aliases=("mã đơn vị",)),
        Column("quota", required=True, aliases=("định mức",)),  # the word files used before "chỉ tiêu giao"
        *(Column(c, ignored=True) for c in ("revision", "recorded_by", "recorded_at", "reason")),
    ),
    expected=N_("expected columns: target, year, unit, quota"),
)


@dataclass(frozen=True)
class QuotaPlan:
    added: int = 0
    changed: int = 0
    unchanged: int = 0


def import_quota_file(
    session: Session,
    resolution: Resolution,
    path: Path,
    recorded_by: str,
    amend: bool,
    reason: str | None,
    now: datetime | None = None,
) -> QuotaPlan:
    """Check every row of the file, decide each against the stored quota (the ledger), then
    store them all, or none when any problem was found."""
    by, why = checked_author(recorded_by, amend, reason, many=True)
    targets = store.targets_of(session, resolution.id)
    sheet, rows = _read(path)
    problems = Problems()
    checked = _checked_rows(session, resolution, targets, sheet, rows, problems)
    raise_problems(problems)
    ledger = Ledger(session, QuotaKind(targets), by, now or clock.now(), amend, why or None)
    decided = ledger.take(checked)
    for found in decided:
        if found.outcome is Outcome.REFUSED:
            problems.add(f"{sheet.where(found.row.line)}: {refused_quota(found.row, found.previous)}")
    raise_problems(problems)
    counts = ledger.counts
    return QuotaPlan(counts[Outcome.NEW], counts[Outcome.CHANGED], counts[Outcome.UNCHANGED])


def _checked_rows(
    session: Session,
    resolution: Resolution,
    targets: list[Target],
    sheet: Sheet,
    rows: list[tuple[int, Sequence[Any]]],
    problems: Problems,
) -> list[QuotaRow]:
    """Every row checked, column by column; a (target, unit, year) twice refused."""
    first: dict[tuple[int, int, int], int] = {}
    checked = []
    units = UnitCodes(store.units_of(session, resolution.id))  # read once, not once a row
    for line, cells in rows:
        row = _Row(sheet, line, cells, problems)
        target = row.cell("target", lambda text: quota_target(targets, text))
        year = row.cell("year", lambda text: _year(resolution, text))
        unit = row.cell("unit", units.pick)
        quota = row.cell("quota", quota_value)
        if unit is not None and year is not None and row.cell("unit", _exists_in(unit, year)) is None:
            continue
        if target is None or year is None or unit is None or quota is None:
            continue
        key = (target.id, unit.id, year)
        if key in first:
            message = _("{target} {unit} {year} is given twice (also row {row}); give each quota once")
            said = message.format(target=target.code, unit=unit.code, year=year, row=first[key])
            problems.add(f"{sheet.where(line)}: {said}")
            continue
        first[key] = line
        checked.append(QuotaRow(target, unit, year, quota, line))
    return checked


class _Row:
    """One row's cells as text, each checked with its problem placed at its column."""

    def __init__(self, sheet: Sheet, line: int, cells: Sequence[Any], problems: Problems):
        self.sheet, self.line, self.problems = sheet, line, problems
        self.values = {c: cell_text(cells[i]) if i < len(cells) else "" for c, i in sheet.columns.items()}

    def cell(self, column: str, check: Callable[[str], Any]) -> Any:
        """The cell checked (what the check returns), or None with its problem told."""
        try:
            if not self.values[column]:
                raise TrackerError(_("empty; write {example}").format(example=_example(column)))
            return check(self.values[column])
        except TrackerError as exc:
            self.problems.add(f"{self.sheet.where(self.line, column)}: {exc}")
            return None


def _exists_in(unit: Unit, year: int) -> Callable[[str], bool]:
    def check(_text: str) -> bool:
        check_unit_year(unit, year)
        return True

    return check


def _example(column: str) -> str:
    return {"target": "T07", "year": "2024", "unit": _("a unit code, e.g. SYT"), "quota": "12"}[column]


def _year(resolution: Resolution, text: str) -> int:
    year = cell_year(text)
    check_year(resolution, year)
    return year


def _read(path: Path) -> tuple[Sheet, list[tuple[int, Sequence[Any]]]]:
    """The file's header mapped to the quota columns, and its rows (a quota file is small)."""
    with read_sheet(path, QUOTAS) as sheet:
        return sheet, list(sheet.rows)
