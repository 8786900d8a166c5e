"""The grassroots units of a resolution (`units:` or `units_file:`, beside `resolution:` and
`targets:`): the party organisations whose figures roll up into the committee's.

A unit has a code (as a target's), a name, a kind (`dang-bo-co-so`, `chi-bo-co-so`, or one of
the config's `unit_kinds:`), the agency it belongs to, and the years it exists (`from_year`,
`to_year`: units are merged, split and dissolved). A unit file is a CSV or XLSX file with the
columns code, name, kind, agency, from_year, to_year; its problems are named by file, row and
column, as the config's are by line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, model_validator

from tracker.config._errors import wording
from tracker.config._schedules import Strict
from tracker.config._yaml import Problem
from tracker.i18n import _
from tracker.reasons import system_reason

UNIT_CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$"  # as a target's code
UNIT_KINDS = ("dang-bo-co-so", "chi-bo-co-so")
UNIT_COLUMNS = ("code", "name", "kind", "agency", "from_year", "to_year")
MAX_UNITS = 5_000
MAX_FILE_BYTES = 8 * 1024 * 1024


class UnitConfig(Strict):
    """One grassroots party organisation."""

    code: str = Field(pattern=UNIT_CODE_PATTERN)
    name: str = Field(min_length=1, max_length=200)
    kind: str = Field(min_length=1, max_length=32)
    agency: str | None = Field(default=None, max_length=200)
    from_year: int | None = Field(default=None, ge=1900, le=2200)
    to_year: int | None = Field(default=None, ge=1900, le=2200)

    @model_validator(mode="after")
    def _years_in_order(self) -> UnitConfig:
        if self.from_year is not None and self.to_year is not None and self.from_year > self.to_year:
            message = _(
                "from_year {first} is after to_year {last}: a unit exists from one year to a later one"
            )
            raise ValueError(message.format(first=self.from_year, last=self.to_year))
        return self


def unit_problems(raw: dict[str, Any]) -> list[Problem]:
    """What is wrong with `units:` beyond each unit's own fields: a code given twice, a kind
    the config does not declare, and `units:` beside `units_file:`."""
    units = raw.get("units")
    if not isinstance(units, list):
        return []
    found: list[Problem] = []
    if raw.get("units_file") is not None:
        found.append((("units_file",), _("give the units either in units: or in units_file:, not both")))
    kinds = known_kinds(raw.get("unit_kinds"))
    problems = _row_problems(units, kinds, lambda index: f"units[{index}]")
    found += [(("units", i, key), text) for i, key, text in problems]
    return found


def known_kinds(declared: Any) -> tuple[str, ...]:
    extra = tuple(k for k in declared if isinstance(k, str)) if isinstance(declared, list) else ()
    return UNIT_KINDS + extra


def _row_problems(
    units: list[Any], kinds: tuple[str, ...], label: Callable[[int], str]
) -> list[tuple[int, str, str]]:
    """(index, key, problem) of the units given twice or of an unknown kind; `label` names the
    first of two equal codes (units[0], row 2)."""
    first: dict[str, int] = {}
    found = []
    for index, item in enumerate(units):
        if not isinstance(item, dict):
            continue
        code, kind = item.get("code"), item.get("kind")
        if isinstance(code, str):
            key = code.casefold()
            if key in first:
                message = _("unit code {code} is given twice (also {place}); each unit needs its own")
                found.append((index, "code", message.format(code=code, place=label(first[key]))))
            first.setdefault(key, index)
        if isinstance(kind, str) and kind not in kinds:
            message = _("unknown unit kind {kind!r}; accepted: {kinds} (or declare it in unit_kinds:)")
            found.append((index, "kind", message.format(kind=kind, kinds=", ".join(kinds))))
    return found


class UnitFileError(Exception):
    """Every problem of a unit file, each naming the file, the row and the column."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def read_unit_file(path: Path, kinds: tuple[str, ...], known_keys: list[str]) -> list[UnitConfig]:
    """The units of a CSV or XLSX file (columns code, name, kind, agency, from_year, to_year)."""
    rows = _rows(path)
    if not rows:
        raise UnitFileError([_("{path}: the file has no header row ({columns})").format(
            path=path, columns=", ".join(UNIT_COLUMNS))])  # fmt: skip
    header = [str(cell or "").strip().casefold() for cell in rows[0]]
    missing = [c for c in ("code", "name", "kind") if c not in header]
    unknown = [c for c in header if c and c not in UNIT_COLUMNS]
    if missing or unknown:
        message = _("{path}: row 1: the columns are {columns} (missing: {missing}; unknown: {unknown})")
        raise UnitFileError([message.format(path=path, columns=", ".join(UNIT_COLUMNS),
            missing=", ".join(missing) or "-", unknown=", ".join(unknown) or "-")])  # fmt: skip
    records = [_record(header, row) for row in rows[1:] if any(str(c or "").strip() for c in row)]
    if len(records) > MAX_UNITS:
        raise UnitFileError([_("{path}: more than {count} units").format(path=path, count=MAX_UNITS)])
    units, problems = [], []
    for number, record in enumerate(records, start=2):
        try:
            units.append(UnitConfig.model_validate(record))
        except ValidationError as exc:
            problems += [_cell(path, number, e["loc"], wording(dict(e), known_keys)) for e in exc.errors()]
    row = _("row {row}")
    twice = _row_problems(records, kinds, lambda index: row.format(row=index + 2))
    problems += [_cell(path, i + 2, (key,), text) for i, key, text in twice]
    if problems:
        raise UnitFileError(problems)
    return units


def _cell(path: Path, row: int, loc: tuple[Any, ...], message: str) -> str:
    column = str(loc[0]) if loc else ""
    if not column:
        return f"{path}: " + _("row {row}").format(row=row) + f": {message}"
    return _("{path}: row {row}, column {column}").format(path=path, row=row, column=column) + f": {message}"


def _record(header: list[str], row: tuple[Any, ...]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for name, cell in zip(header, row, strict=False):
        if not name or cell is None or str(cell).strip() == "":
            continue
        if name in ("from_year", "to_year"):
            record[name] = _year(cell)
        else:
            record[name] = str(cell).strip() if not isinstance(cell, float) else f"{cell:g}"
    return record


def _year(cell: Any) -> Any:
    """A year cell as a whole number when it is one (Excel stores 2021 as 2021.0); else as it is."""
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    text = str(cell).strip()
    return int(text) if text.isdigit() and text.isascii() else text


def _rows(path: Path) -> list[tuple[Any, ...]]:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UnitFileError([_("{path}: the file is larger than 8 MB").format(path=path)])
        if path.suffix.casefold() == ".xlsx":
            return _xlsx_rows(path)
        if path.suffix.casefold() != ".csv":
            raise UnitFileError([_("{path}: a unit file is a .csv or .xlsx file").format(path=path)])
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        message = _("no file {path}; a path is read relative to the config file's folder")
        raise UnitFileError([message.format(path=path)]) from None
    except (OSError, UnicodeDecodeError) as exc:
        message = _("cannot read {path} ({reason})")
        raise UnitFileError([message.format(path=path, reason=system_reason(exc))]) from None
    return [tuple(row) for row in csv.reader(io.StringIO(text, newline=""))]


def _xlsx_rows(path: Path) -> list[tuple[Any, ...]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        message = _("cannot read {path} ({reason})")
        raise UnitFileError([message.format(path=path, reason=system_reason(exc))]) from None
    try:
        sheet = book.worksheets[0]
        return [
            tuple(row)
            for _n, row in zip(range(MAX_UNITS + 2), sheet.iter_rows(values_only=True), strict=False)
        ]
    finally:
        book.close()
