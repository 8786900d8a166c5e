"""The one reader of every file the tool reads (tracker/sheets): the columns a reader declares,
the one dialect of headers, one year parser, one list of file types, the same limits, damaged
files and zip bombs refused in one line, and the unit a unit's workbook belongs to."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.workbooks import DAMAGES, damaged, unit_workbook, write_xlsm, write_xlsx, zip_bomb
from tracker.config._units import unit_file_columns
from tracker.errors import TrackerError
from tracker.records._quota_file import QUOTAS
from tracker.records._rating_file import RATINGS
from tracker.sheets import FIGURES, SUFFIXES, Columns, cell_year, map_columns, plain, read_sheet
from tracker.sheets._columns import dialect

UNIT_FILE = unit_file_columns()
DECLARATIONS = {"figures": FIGURES, "ratings": RATINGS, "quotas": QUOTAS, "units_file": UNIT_FILE}


def read(path: Path, columns: Columns = FIGURES) -> tuple[dict[str, int], list[Any], str | None]:
    with read_sheet(path, columns) as sheet:
        return sheet.columns, list(sheet.rows), sheet.unit


def refusal(path: Path, columns: Columns = FIGURES) -> str:
    with pytest.raises(TrackerError) as caught:
        read(path, columns)
    return str(caught.value)


# -- the dialect of headers ---------------------------------------------------------------


@pytest.mark.parametrize("columns", DECLARATIONS.values(), ids=DECLARATIONS.keys())
def test_no_two_columns_of_a_file_share_a_name(columns: Columns) -> None:
    assert dialect(columns)  # builds, or says which name names two columns


@pytest.mark.parametrize(
    ("columns", "headers", "keys"),
    [
        (FIGURES, ["Don vi", "ĐƠN VỊ", "đơn vị", "unit", "Unit (mã)"], ["unit"] * 5),
        (FIGURES, ["Mã", "ma chi tieu", "NĂM", "So lieu (2023)", "last_year", "Số-liệu-năm-trước"],
         ["code", "code", "year", "value", "last_year", "last_year"]),
        (RATINGS, ["Don vi", "nam", "Xep loai", "doi tuong"], ["unit", "year", "level", "of"]),
        (RATINGS, ["đơn vị", "năm", "xếp loại", "đối tượng"], ["unit", "year", "level", "of"]),
        (QUOTAS, ["Chi tieu", "Nam", "Don vi", "Dinh muc"], ["target", "year", "unit", "quota"]),
        (QUOTAS, ["chỉ tiêu", "năm", "đơn vị", "định mức"], ["target", "year", "unit", "quota"]),
        (QUOTAS, ["code", "year", "mã đơn vị", "QUOTA"], ["target", "year", "unit", "quota"]),
        (UNIT_FILE, ["mã", "tên", "loại", "cơ quan", "từ năm", "đến năm"],
         ["code", "name", "kind", "agency", "from_year", "to_year"]),
        (UNIT_FILE, ["CODE", "Name", "kind", "agency", "from-year", "To Year [tùy chọn]"],
         ["code", "name", "kind", "agency", "from_year", "to_year"]),
    ],
)  # fmt: skip
def test_a_header_in_either_language_any_case_with_or_without_diacritics(
    columns: Columns, headers: list[str], keys: list[str]
) -> None:
    names = dialect(columns)
    assert [names[plain(header)][0] for header in headers] == keys


@pytest.mark.parametrize(
    ("columns", "headers", "said"),
    [
        (RATINGS, ["unit", "year", "level", "xếp loại"],
         "column D: column 'level' appears twice (also column C)"),
        (QUOTAS, ["target", "year", "unit", "quota", "Dinh muc"],
         "column E: column 'quota' appears twice (also column D)"),
        (UNIT_FILE, ["code", "name", "kind", "Mã"], "column D: column 'code' appears twice (also column A)"),
        (FIGURES, ["code", "year", "value", "Số liệu"],
         "column D: column 'value' appears twice (also column C)"),
    ],
)  # fmt: skip
def test_a_column_given_twice_is_refused_naming_both_in_every_file(
    columns: Columns, headers: list[str], said: str
) -> None:
    with pytest.raises(TrackerError) as caught:
        map_columns("f.csv", headers, columns)
    lines = str(caught.value).splitlines()
    assert lines[0] == f"f.csv: row 1, {said}" and len(lines) == 2
    assert lines[1] == f"f.csv: {columns.expected}"


def test_an_unknown_column_is_refused_with_the_closest_name_and_ignored_ones_pass() -> None:
    with pytest.raises(TrackerError) as caught:
        map_columns("f.csv", ["unit", "year", "xep loaii", "mood"], RATINGS)
    assert str(caught.value).splitlines() == [
        "f.csv: row 1, column C: unknown column 'xep loaii' (did you mean 'xếp loại'?)",
        "f.csv: row 1, column D: unknown column 'mood'",
        "f.csv: row 1: missing column 'level'",
        "f.csv: expected columns: unit, year, level, of (party_org when absent or empty)",
    ]
    # columns written for people to read are accepted and never read: an import's title, rule...
    assert map_columns("f.csv", ["code", "year", "value", "chỉ tiêu", "Yeu cau"]) == {
        "code": 0, "year": 1, "value": 2, "title": 3, "rule": 4,
    }  # fmt: skip
    with pytest.raises(TrackerError, match="unknown column 'title'"):
        map_columns("f.csv", ["unit", "year", "level", "title"], RATINGS)


# -- years ----------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["2023", " 2023 ", 2023, 2023.0])
def test_a_year_is_the_digits_0_to_9_or_a_whole_number_cell(cell: Any) -> None:
    assert cell_year(cell) == 2023


@pytest.mark.parametrize(
    "cell", ["２０２３", "٢٠٢٣", "۲۰۲۳", "+2023", "-2023", "2e3", "2023.5", 2023.5, -2023, True, "20230", "x"]
)
def test_anything_else_is_not_a_year(cell: Any) -> None:
    with pytest.raises(TrackerError) as caught:
        cell_year(cell)
    assert str(caught.value).endswith(" is not a year; write it with the digits 0-9, e.g. 2023")


@pytest.mark.parametrize("cell", [None, "", "  "])
def test_an_empty_year_cell_says_so(cell: Any) -> None:
    with pytest.raises(TrackerError) as caught:
        cell_year(cell)
    assert str(caught.value) == "empty; write the year, e.g. 2023"


# -- file types -----------------------------------------------------------------------------


def test_one_list_of_file_types(tmp_path: Path) -> None:
    assert SUFFIXES == (".csv", ".xlsx", ".xlsm")
    header = ["unit", "year", "level"]
    (tmp_path / "a.csv").write_text("unit,year,level\nSYT,2023,tot\n", encoding="utf-8")
    write_xlsx(tmp_path / "a.xlsx", [header, ["SYT", 2023, "tot"]])
    write_xlsm(tmp_path / "a.xlsm", [header, ["SYT", 2023, "tot"]])
    write_xlsm(tmp_path / "B.XLSM", [header, ["SYT", 2023, "tot"]])
    for name in ("a.csv", "a.xlsx", "a.xlsm", "B.XLSM"):
        columns, rows, _unit = read(tmp_path / name, RATINGS)
        assert columns == {"unit": 0, "year": 1, "level": 2}, name
        assert [(line, cell_year(cells[1])) for line, cells in rows] == [(2, 2023)], name
    (tmp_path / "a.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "a.ods").write_bytes(b"PK")
    for columns in DECLARATIONS.values():
        assert refusal(tmp_path / "a.xls", columns) == (
            "a.xls: the old Excel format .xls is not read; save the file as .xlsx"
        )
        assert refusal(tmp_path / "a.ods", columns) == (
            "a.ods: unknown file type '.ods'; accepted: .csv, .xlsx, .xlsm"
        )


# -- limits, damaged files ------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_same_limits_for_every_file(tmp_path: Path, suffix: str) -> None:
    long = "x" * 10_001
    wide = [f"c{n}" for n in range(65)]
    for columns, header in ((RATINGS, ["unit", "year", "level"]), (UNIT_FILE, ["code", "name", "kind"])):
        rows = [header, ["SYT", long, "tot"]]
        if suffix == "csv":
            path = tmp_path / "long.csv"
            path.write_text("\n".join(",".join(map(str, r)) for r in rows), encoding="utf-8")
            assert "row 2 (line 2): a cell is longer than 10000 characters" in refusal(path, columns)
            path.write_text(",".join(wide) + "\n", encoding="utf-8")
        else:
            path = write_xlsx(tmp_path / "long.xlsx", rows)
            assert (
                refusal(path, columns) == "long.xlsx: row 2, column B: a cell is longer than 10000 characters"
            )
            path = write_xlsx(tmp_path / "long.xlsx", [wide])
        assert "row 1 has 65 columns; at most 64 are read" in refusal(path, columns)


@pytest.mark.parametrize("kind", DAMAGES)
@pytest.mark.parametrize("columns", DECLARATIONS.values(), ids=DECLARATIONS.keys())
def test_a_damaged_workbook_is_refused_in_one_line(tmp_path: Path, kind: str, columns: Columns) -> None:
    path = damaged(tmp_path / "d.xlsx", [["code", "name", "kind"], ["SYT", "Sở Y tế", "dang-bo-co-so"]], kind)
    said = refusal(path, columns)
    assert said.startswith("d.xlsx: ") and len(said.splitlines()) == 1, said


def test_a_zip_bomb_is_refused_before_anything_is_inflated(tmp_path: Path) -> None:
    path = zip_bomb(tmp_path / "bomb.xlsx", [["unit", "year", "level"], ["SYT", 2023, "tot"]])
    assert path.stat().st_size < 2 * 2**20
    for columns in DECLARATIONS.values():
        started = time.monotonic()
        said = refusal(path, columns)
        assert time.monotonic() - started < 3, "inflated before it was refused"
        assert said.startswith("bomb.xlsx: the workbook would inflate to 296 MB in 9 parts; at most 256 MB")


# -- a unit's workbook ----------------------------------------------------------------------

ROWS = [["code", "year", "value"], ["T07", 2023, 12]]


@pytest.mark.parametrize(
    ("cell", "told", "defined", "unit"),
    [
        ("SYT", "SYT", True, "SYT"),  # as tracker template --units writes it
        ("syt", "SYT", True, "syt"),  # the same code in another case
        (None, "SYT", True, "SYT"),  # the cell cleared: the document property tells
        ("  ", "SYT", True, "SYT"),
        ("SYT", None, True, "SYT"),  # the property removed: the cell tells
        (None, "SYT", False, "SYT"),  # the defined name removed
        (None, None, False, None),  # no mark: not a unit's workbook
    ],
)
def test_a_units_workbook_tells_its_unit_by_its_cell_else_its_property(
    tmp_path: Path, cell: Any, told: str | None, defined: bool, unit: str | None
) -> None:
    path = unit_workbook(tmp_path / "2023-SYT.xlsx", ROWS, cell, told, defined)
    _columns, rows, found = read(path)
    assert found == unit and rows == [(2, ("T07", 2023, 12))]


def test_a_units_workbook_naming_two_units_or_none_is_refused(tmp_path: Path) -> None:
    two = unit_workbook(tmp_path / "2023-SYT.xlsx", ROWS, "SGD", "SYT")
    assert refusal(two) == (
        "2023-SYT.xlsx: the workbook names two units: SGD in its unit cell (Unit!B1) and SYT in its "
        "document property TRACKER_UNIT; a unit's workbook belongs to one unit: write SYT in Unit!B1 "
        "again, or write the figures of SGD in its own workbook (tracker template --units)"
    )
    none = unit_workbook(tmp_path / "2023-X.xlsx", ROWS, None, None)
    assert refusal(none) == (
        "2023-X.xlsx: a unit's workbook (it has the mark TRACKER_UNIT) that names no unit: its unit "
        "cell (Unit!B1) and its document property TRACKER_UNIT are empty; write the unit's code in the "
        "cell, or use the workbook tracker template --units wrote for the unit"
    )
    empty = unit_workbook(tmp_path / "2023-Y.xlsx", ROWS, None, "")
    assert "names no unit" in refusal(empty)
    # only a file of figures has a unit: the other files' readers never look
    ratings = unit_workbook(tmp_path / "r.xlsx", [["unit", "year", "level"], ["SYT", 2023, "tot"]], "A", "B")
    assert read(ratings, RATINGS)[2] is None


def test_every_reader_places_a_problem_by_file_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "xep-loai.csv"
    path.write_text("Don vi,Nam,Xep loai\nSYT,2023,tot\n", encoding="utf-8")
    with read_sheet(path, RATINGS) as sheet:
        assert sheet.where(2, "level") == "xep-loai.csv: row 2, column C (Xep loai)"
        assert sheet.where(2, "of") == "xep-loai.csv: row 2"  # a column the file does not have
        assert sheet.where(5) == "xep-loai.csv: row 5"
