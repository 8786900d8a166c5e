"""The grassroots units of a resolution (`units:` or `units_file:`, beside `resolution:` and
`targets:`): the party organisations whose figures roll up into the committee's.

A unit has a code (as a target's), a name, a kind (`dang-bo-co-so`, `chi-bo-co-so`, or one of
the config's `unit_kinds:`), the agency it belongs to, and the years it exists (`from_year`,
`to_year`: units are merged, split and dissolved). A unit file is a spreadsheet (.csv, .xlsx,
.xlsm) with the columns code, name, kind, agency, from_year, to_year, read by the reader of every
file the tool reads (tracker/sheets): its problems are named by file, row and column, as the
config's are by line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, Field, ValidationError, model_validator

from tracker.config._errors import wording
from tracker.config._schedules import Strict
from tracker.config._yaml import Problem
from tracker.errors import TrackerError
from tracker.evaluate import InvalidText, check_text
from tracker.i18n import N_, _, in_lang

if TYPE_CHECKING:  # the reader is imported when a unit file is read, not at every start-up
    from tracker.sheets import Columns, Sheet

UNIT_CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$"  # as a target's code
UNIT_KINDS = ("dang-bo-co-so", "chi-bo-co-so")
KIND_WORDS = {  # the kinds as people write them; a kind of the config's `unit_kinds:` as it is given
    "dang-bo-co-so": N_("Grassroots Party committee"),
    "chi-bo-co-so": N_("Grassroots Party cell"),
}
MAX_UNITS = 5_000


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


def unit_kind_words(kind: str, lang: str) -> str:
    """A unit's kind in the reader's words: "Đảng bộ cơ sở", not `dang-bo-co-so`."""
    return in_lang(lang, KIND_WORDS[kind]) if kind in KIND_WORDS else kind


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


YEARS = ("from_year", "to_year")


@cache
def unit_file_columns() -> Columns:
    """The columns of a unit file, read as every file's header is (tracker/sheets/_columns.py): in
    English or Vietnamese (mã, tên, loại, cơ quan, từ năm, đến năm), any case, diacritics optional."""
    from tracker.sheets import Column, Columns

    return Columns(
        (
            Column("code", required=True, aliases=("mã đơn vị",)),
            Column("name", required=True, aliases=("tên đơn vị",)),
            Column("kind", required=True, aliases=("loại đơn vị",)),
            Column("agency"),
            Column("from_year"),
            Column("to_year"),
        ),
        expected=N_("expected columns: code, name, kind, agency, from_year, to_year"),
    )


def spreadsheet_name(name: str | None) -> str | None:
    """`units_file:` names a file of a type the tool reads (.csv, .xlsx, .xlsm)."""
    if name is not None:
        from tracker.sheets import check_file_type

        try:
            check_file_type(Path(name), name)
        except TrackerError as exc:
            raise ValueError(str(exc)) from None
    return name


UnitsFile = Annotated[str | None, AfterValidator(spreadsheet_name)]


def read_unit_file(path: Path, kinds: tuple[str, ...], known_keys: list[str]) -> list[UnitConfig]:
    """The units of a spreadsheet (columns code, name, kind, agency, from_year, to_year), read by
    the reader of every file (its limits, its header's dialect, its refusals of a damaged file);
    every problem placed at the file's row and column."""
    from tracker.evaluate import shown_path
    from tracker.sheets import read_sheet

    if not path.exists():
        message = _("no file {path}; a path is read relative to the config file's folder")
        raise UnitFileError([message.format(path=shown_path(path))])
    records: list[dict[str, Any]] = []
    lines: list[int] = []  # the row of each record
    units: list[UnitConfig] = []
    problems: list[str] = []
    try:
        with read_sheet(path, unit_file_columns(), name=str(path)) as sheet:
            for line, cells in sheet.rows:
                if len(records) == MAX_UNITS:
                    message = _("{path}: more than {count} units")
                    raise UnitFileError([message.format(path=shown_path(path), count=MAX_UNITS)])
                record, bad = _record(sheet, line, cells, problems)
                records.append(record)
                lines.append(line)
                try:
                    units.append(UnitConfig.model_validate(record))
                except ValidationError as exc:
                    for error in exc.errors():
                        column = str(error["loc"][0]) if error["loc"] else None
                        if column not in bad:  # a cell refused is told once
                            said = wording(dict(error), known_keys)
                            problems.append(f"{sheet.where(line, column)}: {said}")
    except TrackerError as exc:
        raise UnitFileError(str(exc).splitlines()) from None
    row = _("row {row}")
    twice = _row_problems(records, kinds, lambda index: row.format(row=lines[index]))
    problems += [f"{sheet.where(lines[i], key)}: {text}" for i, key, text in twice]
    if problems:
        raise UnitFileError(problems)
    return units


def _record(
    sheet: Sheet, line: int, cells: Sequence[Any], problems: list[str]
) -> tuple[dict[str, Any], set[str]]:
    """A row's cells by column, years as numbers and texts checked as every text is (no control
    character), and the columns whose cell is refused (its problem told at its place)."""
    from tracker.sheets import cell_text, cell_year

    record: dict[str, Any] = {}
    bad: set[str] = set()
    for column in unit_file_columns().read():
        cell = sheet.cell(cells, column)
        text = cell_text(cell)
        if not text:
            continue
        try:
            record[column] = cell_year(cell) if column in YEARS else check_text(column, text)
            continue
        except TrackerError as exc:
            said = str(exc)
        except InvalidText as exc:
            said = str(exc).removeprefix(f"{column}: ")
        problems.append(f"{sheet.where(line, column)}: {said}")
        bad.add(column)
    return record, bad
