"""One ledger, one rule: every kind of stored change (the committee's figure, a unit's figure, a
rating, a quota), stored by hand or by file (CSV, XLSX), meets the same outcome, exit code and
stored revisions in every case: new, the same value again, another value without --amend,
another value with --amend, --amend to the same value, and a row the rules refuse.

This table is the contract of tracker/records/_ledger.py (docs/data-entry.md, "One rule for
every change"); a path that answers otherwise fails here."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import Result

REASON = ["--amend", "--reason", "Số liệu chính thức"]
LINKED = 1 + 11 + 3  # the links of `init`: the resolution, its targets, its units


@dataclass(frozen=True)
class Kind:
    """How one kind of change is stored by hand and by file, and read back."""

    name: str
    hand: Callable[[str], list[str]]  # a value -> the command line that stores it
    header: list[str]
    row: Callable[[str], list[str]]  # a value -> the file's row that stores it
    command: list[str]  # the command that reads the file (its path is appended)
    first: str
    other: str
    refused: str  # a value its rules refuse
    count: Callable[[dict[str, Any]], int]  # the export -> how many revisions it stored


def _figures(export: dict[str, Any], unit: str | None) -> int:
    return sum(1 for row in export["figures"] if row["code"] == row_code(unit) and row["unit"] == unit)


def row_code(unit: str | None) -> str:
    return "T07" if unit is None else "T03"


KINDS = [
    Kind(
        "committee figure",
        lambda value: ["record", "T07", "2023", value],
        ["code", "year", "value"],
        lambda value: ["T07", "2023", value],
        ["import"],
        "162",
        "170",
        "abc",
        lambda export: _figures(export, None),
    ),
    Kind(
        "unit figure",
        lambda value: ["record", "T03", "2023", value, "--unit", "SYT"],
        ["code", "unit", "year", "value"],
        lambda value: ["T03", "SYT", "2023", value],
        ["import"],
        "38/42",
        "40/42",
        "90",  # a unit's share is given as its counts
        lambda export: _figures(export, "SYT"),
    ),
    Kind(
        "rating",
        lambda value: ["rate", "SYT", "2023", value],
        ["unit", "year", "level"],
        lambda value: ["SYT", "2023", value],
        ["rate", "--from"],
        "tot",
        "xuat-sac",
        "rất tốt",
        lambda export: sum(1 for r in export["ratings"] if (r["unit"], r["year"]) == ("SYT", 2023)),
    ),
    Kind(
        "quota",
        lambda value: ["quota", "T07", "2023", "SYT", value],
        ["target", "year", "unit", "quota"],
        lambda value: ["T07", "2023", "SYT", value],
        ["quota", "--from"],
        "12",
        "15",
        "1,5",  # a quota is a whole number
        lambda export: sum(1 for q in export["quotas"] if (q["code"], q["unit"]) == ("T07", "SYT")),
    ),
]
# case -> (the values stored, each a (value, amend)), the last one's exit code, the revisions left,
# and what the last answer says: "stored", "unchanged" or the refusal's word
CASES: dict[str, tuple[list[tuple[str, bool]], int, int, str]] = {
    "new": ([("first", False)], 0, 1, "stored"),
    "same value": ([("first", False), ("first", False)], 0, 1, "unchanged"),
    "changed without --amend": ([("first", False), ("other", False)], 2, 1, "--amend"),
    "changed with --amend": ([("first", False), ("other", True)], 0, 2, "stored"),
    "--amend to the same value": ([("first", False), ("first", True)], 0, 1, "unchanged"),
    "refused row": ([("refused", False)], 2, 0, "refused"),
}


def write_file(folder: Path, way: str, header: list[str], row: list[str], n: int) -> Path:
    path = folder / f"change-{n}.{way}"
    if way == "csv":
        path.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
        return path
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    sheet.append(row)
    book.save(path)
    return path


def store(units: Any, kind: Kind, way: str, value: str, amend: bool, n: int) -> Result:
    extra = REASON if amend else []
    if way == "hand":
        result: Result = units(*kind.hand(value), *extra)
        return result
    path = write_file(Path(units.config).parent, way, kind.header, kind.row(value), n)
    done: Result = units(*kind.command, str(path), *extra)
    return done


def says(result: Result, word: str) -> bool:
    """Whether the answer is of the kind the table names (in English, as the tests read it)."""
    text = (result.out + result.err).lower()
    if word == "unchanged":
        return "nothing was changed" in text or "1 unchanged" in text
    if word == "stored":
        return result.code == 0 and "nothing was changed" not in text and "1 unchanged" not in text
    if word == "refused":
        return result.code == 2 and len(result.err.strip().splitlines()) >= 1
    return word in text


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("way", ["hand", "csv", "xlsx"])
@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_every_path_stores_alike(units, kind: Kind, way: str, case: str) -> None:  # type: ignore[no-untyped-def]
    steps, code, revisions, word = CASES[case]
    result: Result | None = None
    for n, (which, amend) in enumerate(steps):
        result = store(units, kind, way, getattr(kind, which), amend, n)
        if n < len(steps) - 1:
            assert result.code == 0, result.err
    assert result is not None
    assert result.code == code, result.out + result.err
    assert "Traceback" not in result.err
    assert says(result, word), result.out + result.err
    export = json.loads(units("export", "--revisions", "--format", "json").out)
    assert kind.count(export) == revisions
    verified = json.loads(units("verify", "--format", "json").out)  # a link for each revision, no more
    assert verified["intact"] is True and verified["links"] == LINKED + revisions, verified
