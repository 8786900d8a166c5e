"""Every file the tool reads goes through one reader: `tracker import`, `rate --from`, `quota
--from`, the config's `units_file:` and a unit's workbook read their headers, years, file
types and limits alike, and refuse what they refuse with one clear line naming the file, the
row and the column, storing nothing (the bugs of the readers that disagreed, one test each)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.helpers import default_config_text
from tests.helpers.workbooks import DAMAGES, damaged, write_xlsm, write_xlsx, zip_bomb
from tracker import store


def count(config: Path, table: str) -> int:
    with sqlite3.connect(config.parent / "tracker.db") as db:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def stored(units: Any) -> dict[str, int]:  # type: ignore[misc]
    """How many figures, ratings and quotas the database holds."""
    return {table: count(units.config, table) for table in ("entry", "rating", "quota")}


NOTHING = {"entry": 0, "rating": 0, "quota": 0}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def errors(result: Any) -> list[str]:  # type: ignore[misc]
    """The lines of a refusal, as a person reads them (exit code 2, never an internal error)."""
    assert result.code == 2 and "Traceback" not in result.err, (result.code, result.err)
    return [line.removeprefix("tracker: error: ") for line in result.err.strip().splitlines()]


# 1. `rate --from` read "Don vi" where `import` and `quota --from` refused it: one dialect now.


def test_headers_without_diacritics_or_in_capitals_are_read_by_every_command(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    figures = write(tmp_path / "so-lieu.csv", "Ma,Don vi,Nam,So lieu (2023)\nT07,SYT,2023,12\n")
    assert units("import", str(figures)).code == 0
    quotas = write(tmp_path / "dinh-muc.csv", "CHỈ TIÊU,Nam,Don vi,Dinh muc\nT07,2023,SYT,15\n")
    assert units("quota", "--from", str(quotas)).code == 0
    ratings = write(tmp_path / "xep-loai.csv", "ĐƠN VỊ,Nam,Xep loai,Doi tuong\nSYT,2023,tot,agency\n")
    assert units("rate", "--from", str(ratings)).code == 0
    assert stored(units) == {"entry": 1, "rating": 1, "quota": 1}


def test_a_unit_file_in_vietnamese_without_diacritics_loads(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        tmp_path / "don-vi.csv",
        "Ma,Ten,Loai,Co quan,Tu nam\nSYT,Đảng bộ Sở Y tế,dang-bo-co-so,Sở Y tế,2022\n",
    )
    config = write(tmp_path / "config.yaml", default_config_text() + "units_file: don-vi.csv\n")
    assert run("--config", str(config), "init").code == 0
    assert "SYT" in run("--config", str(config), "units").out


# 2. `rate --from` stored a full-width year that `import` refused: one year parser now.

NOT_YEARS = ["２０２３", "٢٠٢٣", "+2023", "2023e0"]


@pytest.mark.parametrize("year", NOT_YEARS)
def test_a_year_in_other_digits_is_refused_by_every_command(units, tmp_path: Path, year: str) -> None:  # type: ignore[no-untyped-def]
    said = f"{year!r} is not a year; write it with the digits 0-9, e.g. 2023"
    files = [
        ("rate", write(tmp_path / "xep-loai.csv", f"unit,year,level\nSYT,{year},tot\n")),
        ("quota", write(tmp_path / "dinh-muc.csv", f"target,year,unit,quota\nT07,{year},SYT,12\n")),
        ("import", write(tmp_path / "so-lieu.csv", f"code,year,value\nT07,{year},12\n")),
    ]
    for command, path in files:
        args = [command, str(path)] if command == "import" else [command, "--from", str(path)]
        assert errors(units(*args)) == [
            f"{path.name}: row 2, column B (year): {said}",
            "1 problem found; nothing was imported",
        ]
    assert stored(units) == NOTHING


def test_a_unit_files_year_in_other_digits_is_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / "don-vi.csv", "code,name,kind,from_year\nSYT,Sở Y tế,dang-bo-co-so,２０２２\n")
    config = write(tmp_path / "config.yaml", default_config_text() + "units_file: don-vi.csv\n")
    assert errors(run("--config", str(config), "init")) == [
        f"{path}: row 2, column D (from_year): '２０２２' is not a year; write it with the digits 0-9, "
        "e.g. 2023"
    ]
    assert not (tmp_path / "tracker.db").exists()


def test_a_year_as_a_number_cell_is_read_by_every_command(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ratings = write_xlsx(tmp_path / "xep-loai.xlsx", [["unit", "year", "level"], ["SYT", 2023.0, "tot"]])
    quotas = write_xlsx(
        tmp_path / "dinh-muc.xlsx", [["target", "year", "unit", "quota"], ["T07", 2023.0, "SYT", 9]]
    )
    figures = write_xlsx(tmp_path / "so-lieu.xlsx", [["code", "year", "value"], ["T07", 2023.0, 150]])
    assert units("rate", "--from", str(ratings)).code == 0
    assert units("quota", "--from", str(quotas)).code == 0
    assert units("import", str(figures)).code == 0
    assert stored(units) == {"entry": 1, "rating": 1, "quota": 1}


# 3. `.xlsm` was read by `import` alone, and a folder stood for its .xlsx and .csv only.


def test_an_xlsm_workbook_is_read_by_every_command_and_in_a_folder(units, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ratings = write_xlsm(tmp_path / "xep-loai.xlsm", [["unit", "year", "level"], ["SYT", 2023, "tot"]])
    quotas = write_xlsm(
        tmp_path / "dinh-muc.xlsm", [["target", "year", "unit", "quota"], ["T07", 2023, "SYT", 9]]
    )
    assert units("rate", "--from", str(ratings)).code == 0
    assert units("quota", "--from", str(quotas)).code == 0
    folder = tmp_path / "don-vi-2023"
    folder.mkdir()
    write_xlsm(folder / "1-SYT.xlsm", [["code", "unit", "year", "value"], ["T07", "SYT", 2023, 12]])
    write(folder / "2-SGD.csv", "code,unit,year,value\nT07,SGD,2023,3\n")
    done = units("import", str(folder))
    assert done.code == 0, done.err
    assert "1-SYT.xlsm: 1 row: 1 added" in done.out and "2 files imported together" in done.out
    assert stored(units) == {"entry": 2, "rating": 1, "quota": 1}

    other = tmp_path / "other"
    other.mkdir()
    write_xlsm(other / "don-vi.xlsm", [["code", "name", "kind"], ["SYT", "Đảng bộ Sở Y tế", "dang-bo-co-so"]])
    config = write(other / "config.yaml", default_config_text() + "units_file: don-vi.xlsm\n")
    assert run("--config", str(config), "init").code == 0


def test_an_xls_file_is_refused_alike_by_every_command(units, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old = tmp_path / "cu.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    said = "cu.xls: the old Excel format .xls is not read; save the file as .xlsx"
    for args in (["import", str(old)], ["rate", "--from", str(old)], ["quota", "--from", str(old)]):
        assert errors(units(*args)) == [said], args
    assert stored(units) == NOTHING
    other = tmp_path / "other"
    other.mkdir()
    config = unit_config(other, "cu.xls")
    refused = errors(run("--config", str(config), "init"))  # placed at its line of the config
    assert len(refused) == 1 and refused[0].endswith(f"units_file: {said}"), refused


# 4. `rate --from` and `quota --from` took a column given twice and kept one of its values.


@pytest.mark.parametrize(
    ("command", "text", "said"),
    [
        ("rate", "unit,year,level,xếp loại\nSYT,2023,tot,khong-hoan-thanh\n",
         "tep.csv: row 1, column D: column 'level' appears twice (also column C)"),
        ("quota", "target,year,unit,quota,định mức\nT07,2023,SYT,12,15\n",
         "tep.csv: row 1, column E: column 'quota' appears twice (also column D)"),
        ("import", "code,year,value,số liệu\nT07,2023,12,15\n",
         "tep.csv: row 1, column D: column 'value' appears twice (also column C)"),
    ],
)  # fmt: skip
def test_a_column_given_twice_is_refused_naming_both_by_every_command(
    units, tmp_path: Path, command: str, text: str, said: str
) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / "tep.csv", text)
    refused = errors(
        units(*([command, str(path)] if command == "import" else [command, "--from", str(path)]))
    )
    assert refused[0] == said and len(refused) == 2 and refused[1].startswith("tep.csv: expected columns: ")
    assert stored(units) == NOTHING


# 5. The units_file's CSV reader was the old lenient one.


def unit_config(folder: Path, name: str) -> Path:
    return write(folder / "config.yaml", default_config_text() + f"units_file: {name}\n")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (  # a quote left open swallowed SGD into SYT's agency
            'code,name,kind,agency\nSYT,Đảng bộ Sở Y tế,dang-bo-co-so,"Sở Y tế\n'
            "SGD,Đảng bộ Sở Giáo dục,dang-bo-co-so,Sở Giáo dục\n",
            'row 2 (line 2): a quoted field is never closed (a " is missing before the end of the file)',
        ),
        (
            "code,name,kind\nSYT,Đảng bộ \x1b[31mSở Y tế,dang-bo-co-so\n",
            "row 2, column B (name): the control character ESC at character 9 cannot be stored",
        ),
        (
            "code,name,kind,agency\nSYT,Đảng bộ Sở Y tế,dang-bo-co-so,Sở\u202eY tế\n",
            "row 2, column D (agency): the control character RIGHT-TO-LEFT OVERRIDE at character 3 cannot "
            "be stored",
        ),
        (
            "code,name,kind\nSYT," + "x" * 200_000 + ",dang-bo-co-so\n",
            "row 2 (line 2): a cell is longer than 10000 characters",
        ),
    ],
)  # fmt: skip
def test_a_unit_file_in_csv_is_read_strictly(run, tmp_path: Path, text: str, said: str) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / "don-vi.csv", text)
    assert errors(run("--config", str(unit_config(tmp_path, "don-vi.csv")), "init")) == [f"{path}: {said}"]
    assert not (tmp_path / "tracker.db").exists()


# 6. The units_file's XLSX reader: exit 70 on damaged workbooks, a zip bomb inflated on every command.


@pytest.mark.parametrize("kind", DAMAGES)
def test_a_damaged_unit_workbook_is_a_problem_of_the_config_on_every_command(
    run, tmp_path: Path, kind: str
) -> None:  # type: ignore[no-untyped-def]
    rows = [["code", "name", "kind"], ["SYT", "Đảng bộ Sở Y tế", "dang-bo-co-so"]]
    path = write_xlsx(tmp_path / "don-vi.xlsx", rows)
    config = unit_config(tmp_path, "don-vi.xlsx")
    assert run("--config", str(config), "init").code == 0
    damaged(path, rows, kind)  # the file damaged after init: every command says so
    for args in (["init"], ["units"], ["status"]):
        refused = errors(run("--config", str(config), *args))
        assert len(refused) == 1 and refused[0].startswith(f"{path}: "), refused


def test_a_unit_workbook_that_would_inflate_to_gigabytes_is_refused_at_once(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    zip_bomb(
        tmp_path / "don-vi.xlsx", [["code", "name", "kind"], ["SYT", "Đảng bộ Sở Y tế", "dang-bo-co-so"]]
    )
    assert errors(run("--config", str(unit_config(tmp_path, "don-vi.xlsx")), "init")) == [
        f"{tmp_path / 'don-vi.xlsx'}: the workbook would inflate to 296 MB in 9 parts; at most 256 MB are "
        "read (save the figures alone in a new workbook)"
    ]
    assert not (tmp_path / "tracker.db").exists()


# 7. A unit's workbook whose unit cell was cleared became the committee's figures.


@pytest.fixture
def workbook(units, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """SYT's workbook of 2023 with its T07 filled in (12)."""
    folder = tmp_path / "d"
    assert units("template", "2023", "--units", "--out", str(folder)).code == 0
    path = folder / "2023-SYT.xlsx"
    book = load_workbook(path)
    book.worksheets[0]["H6"] = 12
    book.save(path)
    return path


def change(path: Path, cell: Any = "SYT", told: str | None = "SYT", delete_unit_column: bool = False) -> None:
    book = load_workbook(path)
    book["Unit"]["B1"] = cell
    if told is None:
        del book.custom_doc_props["TRACKER_UNIT"]
    else:
        book.custom_doc_props["TRACKER_UNIT"].value = told
    if delete_unit_column:
        book.worksheets[0].delete_cols(2)
    book.save(path)


def figures(units: Any) -> list[tuple[Any, ...]]:  # type: ignore[misc]
    with sqlite3.connect(units.config.parent / "tracker.db") as db:
        query = (
            "SELECT unit.code, entry.year, entry.value FROM entry LEFT JOIN unit ON unit.id = entry.unit_id"
        )
        return list(db.execute(query).fetchall())


@pytest.mark.parametrize("delete_unit_column", [False, True])
def test_a_units_workbook_with_its_unit_cell_cleared_stays_the_units(
    units, workbook: Path, delete_unit_column: bool
) -> None:  # type: ignore[no-untyped-def]
    change(workbook, cell=None, delete_unit_column=delete_unit_column)
    if not delete_unit_column:
        book = load_workbook(workbook)
        book.worksheets[0]["B6"] = None  # the row's unit emptied too
        book.save(workbook)
    done = units("import", str(workbook))
    assert done.code == 0, done.err
    assert figures(units) == [("SYT", 2023, 12.0)]  # never the committee's own (unit NULL)


def test_a_units_workbook_naming_two_units_or_none_is_refused(units, workbook: Path) -> None:  # type: ignore[no-untyped-def]
    change(workbook, cell="SGD", told="SYT")
    assert errors(units("import", str(workbook))) == [
        "2023-SYT.xlsx: the workbook names two units: SGD in its unit cell (Unit!B1) and SYT in its document "
        "property TRACKER_UNIT; a unit's workbook belongs to one unit: write SYT in Unit!B1 again, or write "
        "the figures of SGD in its own workbook (tracker template --units)"
    ]
    change(workbook, cell=None, told=None)
    assert errors(units("import", str(workbook))) == [
        "2023-SYT.xlsx: a unit's workbook (it has the mark TRACKER_UNIT) that names no unit: its unit cell "
        "(Unit!B1) and its document property TRACKER_UNIT are empty; write the unit's code in the cell, or "
        "use the workbook tracker template --units wrote for the unit"
    ]
    assert stored(units) == NOTHING


# 8. `rate --from` and `quota --from` read every unit from the database once a row.


def test_a_file_of_ratings_or_quotas_reads_the_units_once(units, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    reads = []
    units_of = store.units_of

    def counted(*args: Any) -> Any:
        reads.append(args)
        return units_of(*args)

    monkeypatch.setattr(store, "units_of", counted)
    years = range(2022, 2024)
    ratings = "".join(
        f"{u},{y},tot,{of}\n" for u in ("SYT", "SGD", "CBX") for y in years for of in ("agency", "party_org")
    )
    assert units("rate", "--from", str(write(tmp_path / "r.csv", "unit,year,level,of\n" + ratings))).code == 0
    assert len(reads) == 1
    quotas = "".join(f"T07,{y},{u},5\n" for u in ("SYT", "SGD", "CBX") for y in years)
    assert (
        units("quota", "--from", str(write(tmp_path / "q.csv", "target,year,unit,quota\n" + quotas))).code
        == 0
    )
    assert len(reads) == 2
    assert stored(units) == {"entry": 0, "rating": 12, "quota": 6}
