"""`tracker import` of files longer than one chunk (CHUNK_ROWS made 3 rows here), on SQLite and on
PostgreSQL: still all or nothing, every problem of every chunk told, duplicates and corrections
found across chunks, a dry run that stores nothing; and a reader that reads only as the import
asks, so that the memory holds a chunk, not the file."""

from __future__ import annotations

import json
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import Result, unlinked_config_text
from tracker.records import _import as importing
from tracker.records import _revisions as revisions
from tracker.sheets._read import read_sheet
from tracker.sheets._sheet import Row

CHUNK = 3
Tracker = Callable[..., Result]


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    """Figures of two count targets: T07 and T08, which holds figures of its own here."""
    path = tmp_path / "config.yaml"
    path.write_text(unlinked_config_text(), encoding="utf-8")
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def tracker(
    request: pytest.FixtureRequest, run: Tracker, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> Tracker:
    """The command line on an initialised database of each kind; imports in chunks of 3 rows."""
    if request.param == "postgresql":
        monkeypatch.setenv("TRACKER_DATABASE_URL", request.getfixturevalue("postgres_url"))
    monkeypatch.setattr(importing, "CHUNK_ROWS", CHUNK)

    def invoke(*args: str) -> Result:
        return run("--config", str(config_file), *args)

    assert invoke("init").code == 0
    return invoke


@pytest.fixture
def stores(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many revisions each store of the import wrote, in order."""
    counted: list[int] = []
    write = revisions.write_revisions

    def counting(session: Any, values: list[Any], *args: Any) -> int:
        counted.append(len(values))
        return write(session, values, *args)

    monkeypatch.setattr(revisions, "write_revisions", counting)
    return counted


def write_csv(folder: Path, rows: list[str], name: str = "so-lieu.csv") -> str:
    path = folder / name
    path.write_text("code,year,value,note\n" + "".join(row + "\n" for row in rows), encoding="utf-8")
    return str(path)


def stored(tracker: Tracker) -> list[tuple[str, int, float, int]]:
    """Every revision: code, year, value, revision."""
    figures = json.loads(tracker("export", "--revisions", "--format", "json").out)["figures"]
    return sorted((f["code"], f["year"], f["value"], f["revision"]) for f in figures)


# Eleven good rows: four chunks of three rows (the last of two), figures of T07 and T08.
GOOD = [f"T0{7 + n // 5},{2021 + n % 5},{150 + n},ghi chú {n}" for n in range(10)] + ["T01,2021,90,"]


def test_a_bad_row_in_the_last_chunk_leaves_nothing_of_the_chunks_stored_before(
    tracker: Tracker, tmp_path: Path, stores: list[int]
) -> None:
    path = write_csv(tmp_path, [*GOOD[:9], "T01,2022,101,"])  # row 11: a share over 100
    result = tracker("import", path)
    assert result.code == 2
    assert "so-lieu.csv: row 11, column C (value): T01 2022: a share is a percentage" in result.err
    assert result.err.strip().splitlines()[-1] == "tracker: error: 1 problem found; nothing was imported"
    assert stores == [3, 3, 3]  # the first three chunks were stored, then rolled back
    assert stored(tracker) == []


def test_problems_of_every_chunk_are_listed_and_nothing_more_is_stored_after_the_first(
    tracker: Tracker, tmp_path: Path, stores: list[int]
) -> None:
    rows = [*GOOD[:3], "T99,2021,5,", *GOOD[3:5], "T07,2019,5,", *GOOD[5:8], "T08,2023,1.5,"]
    result = tracker("import", write_csv(tmp_path, rows))
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert lines == [
        "tracker: error: so-lieu.csv: row 5, column A (code): unknown target code 'T99'; valid codes: "
        "T01, T02, T03, T04, T05, T06, T07, T08, T09, T10, T11",
        "tracker: error: so-lieu.csv: row 8, column B (year): year 2019 is outside the reporting years "
        "2021-2025",
        "tracker: error: so-lieu.csv: row 12, column C (value): T08 2023: this target counts a whole number; "
        "'1.5' is not one (e.g. 1200 or 1.200)",
        "tracker: error: 3 problems found; nothing was imported",
    ]
    assert stores == [3]  # the first chunk only: the second had a problem
    assert stored(tracker) == []


def test_the_same_figure_twice_is_found_across_chunks(tracker: Tracker, tmp_path: Path) -> None:
    rows = [*GOOD[:8], "T07,2022,170,"]  # row 10 repeats row 3, two chunks before
    result = tracker("import", write_csv(tmp_path, rows))
    assert result.code == 2
    assert "so-lieu.csv: row 10: T07 2022 is also in row 3; keep one of the two rows" in result.err
    assert "1 problem found; nothing was imported" in result.err
    assert stored(tracker) == []


def test_a_dry_run_across_chunks_stores_nothing_and_tells_the_plan_of_the_import(
    tracker: Tracker, tmp_path: Path
) -> None:
    tracker("record", "T07", "2021", "150", "--note", "ghi chú 0")  # row 2: unchanged
    tracker("record", "T08", "2024", "100")  # row 10: a correction
    path = write_csv(tmp_path, GOOD)
    amend = ["--amend", "--reason", "Số liệu chính thức"]
    dry = tracker("import", path, "--dry-run", *amend)
    assert dry.code == 0, dry.err
    lines = dry.out.strip().splitlines()
    assert lines[-1] == (
        "so-lieu.csv: 11 rows: 9 would add, 1 would change, 1 unchanged (skipped), "
        "0 without a figure (skipped); dry run: nothing was saved"
    )
    added = [line for line in lines if line.startswith("+ ")]
    assert added[0] == "+ row 3: T07 2022: 151" and added[-1] == "+ row 12: T01 2021: 90%"
    assert len(added) == 9 and lines[9] == "~ row 10: T08 2024: 100 -> 158"  # the changes after
    assert stored(tracker) == [("T07", 2021, 150.0, 1), ("T08", 2024, 100.0, 1)]
    done = tracker("import", path, *amend)
    assert done.out.strip() == (
        "so-lieu.csv: 11 rows: 9 added, 1 changed, 1 unchanged (skipped), 0 without a figure (skipped)"
    )
    assert len(stored(tracker)) == 12


def test_corrections_in_several_chunks_need_amend_and_are_stored_with_it(
    tracker: Tracker, tmp_path: Path
) -> None:
    tracker("record", "T07", "2022", "1", "--note", "ghi chú cũ")  # row 3, the first chunk
    tracker("record", "T08", "2025", "2")  # row 11, the last chunk but one
    path = write_csv(tmp_path, [*GOOD[:9], "T08,2025,159,", GOOD[10]])
    refused = tracker("import", path)
    assert refused.code == 2
    lines = refused.err.strip().splitlines()
    assert len(lines) == 3 and lines[-1] == "tracker: error: 2 problems found; nothing was imported"
    assert "so-lieu.csv: row 3: T07 2022 already has a figure: 1, revision 1" in lines[0]
    assert "the new figure is 151; to correct it use --amend --reason TEXT" in lines[0]
    assert "so-lieu.csv: row 11: T08 2025 already has a figure: 2, revision 1" in lines[1]
    assert len(stored(tracker)) == 2
    done = tracker("import", path, "--amend", "--reason", "Đính chính")
    assert "11 rows: 9 added, 2 changed, 0 unchanged" in done.out
    revisions = stored(tracker)
    assert ("T07", 2022, 151.0, 2) in revisions and ("T08", 2025, 159.0, 2) in revisions
    history = tracker("history", "T08", "--year", "2025").out
    assert "Đính chính" in history


def test_merged_cells_of_a_workbook_spread_across_chunks(tracker: Tracker, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["code", "year", "value"])
    for year in range(2021, 2026):
        sheet.append(["T07", year, 150 + year % 10])
    sheet.append(["T08", 2023, 160])
    sheet.append([None, 2024, 161])
    sheet.append([None, 2025, 162])
    sheet.merge_cells("A7:A9")  # T08 written once for three rows, across two chunks
    path = tmp_path / "so-lieu.xlsx"
    book.save(path)
    result = tracker("import", str(path))
    assert result.code == 0, result.err
    assert "8 rows: 8 added" in result.out
    assert ("T08", 2025, 162.0, 1) in stored(tracker)


# ---------------------------------------------------------------------------------------------
# The reader is lazy: the import holds a chunk, never the file.
# ---------------------------------------------------------------------------------------------


def test_the_rows_of_a_sheet_are_read_as_they_are_asked_for(tmp_path: Path) -> None:
    from tracker.errors import TrackerError

    path = tmp_path / "lon.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("code,year,value\n")
        out.writelines(f"T07,2021,{n}\n" for n in range(5000))
        out.write('T07,2021,"5\n')  # a quote never closed, at the very end
    with read_sheet(path) as sheet:  # the header and the first row: the end is not read yet
        assert isinstance(sheet.rows, types.GeneratorType)
        assert next(sheet.rows) == (2, ["T07", "2021", "0"])
        with pytest.raises(TrackerError, match=r"row 5002 \(line 5002\): a quoted field is never closed"):
            for _row in sheet.rows:
                pass


def test_the_import_reads_a_chunk_then_stores_it(
    run: Tracker, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows are read as the import takes them: never more than a chunk ahead of what it
    stores, whatever the length of the file."""
    from tracker.cli.common import current_resolution, unit_of_work
    from tracker.config import load_settings
    from tracker.progress import NoProgress

    assert run("--config", str(config_file), "init").code == 0
    monkeypatch.setattr(importing, "CHUNK_ROWS", CHUNK)
    read: list[int] = []
    at_store: list[tuple[int, int]] = []  # rows read, rows given, at each store

    def rows() -> Iterator[Row]:
        for n, line in enumerate(GOOD, start=2):
            code, year, value, note = line.split(",")
            read.append(n)
            yield n, [code, year, value, note]

    take = importing._Store.take

    def watched(store: Any, given: list[Any]) -> None:
        at_store.append((len(read), len(given)))
        take(store, given)

    monkeypatch.setattr(importing._Store, "take", watched)
    path = Path(write_csv(config_file.parent, GOOD))
    settings = load_settings(config_file)
    with read_sheet(path) as sheet, unit_of_work(settings) as session:
        sheet.rows = rows()  # type: ignore[assignment]
        plan = importing.import_sheet(
            session, current_resolution(session, settings), sheet, importing.ImportOptions("An"), NoProgress()
        )
    assert plan.added == 11
    assert at_store == [(3, 3), (6, 3), (9, 3), (11, 2)]
