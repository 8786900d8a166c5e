"""Units in the config (`units:`, `units_file:`): every problem placed at its line, or at its file,
row and column; what loads is a list of units with kinds and years that make sense."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from tests.helpers import default_config_text

UNITS = """
unit_kinds: [chi-bo-truc-thuoc]
units:
  - {code: SYT, name: Đảng bộ Sở Y tế, kind: dang-bo-co-so, agency: Sở Y tế}
  - {code: SGD, name: Đảng bộ Sở Giáo dục, kind: chi-bo-truc-thuoc, from_year: 2022}
"""


def write_config(folder: Path, extra: str) -> Path:
    path = folder / "config.yaml"
    path.write_text(default_config_text() + extra, encoding="utf-8")
    return path


def test_units_of_the_config_load(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tracker.config import load_settings

    settings = load_settings(write_config(tmp_path, UNITS))
    units = settings.definition.units
    assert [(u.code, u.kind, u.agency, u.from_year) for u in units] == [
        ("SYT", "dang-bo-co-so", "Sở Y tế", None),
        ("SGD", "chi-bo-truc-thuoc", None, 2022),
    ]


def test_every_problem_of_units_is_placed_at_its_line(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = """
units:
  - {code: SYT, name: Đảng bộ Sở Y tế, kind: dang-bo-co-so}
  - {code: syt, name: Trùng, kind: nope}
  - {code: SGD, name: Sở Giáo dục, kind: chi-bo-co-so, from_year: 2024, to_year: 2022}
  - {code: "a b", name: X, kind: chi-bo-co-so, from_year: 1800}
"""
    config = write_config(tmp_path, bad)
    lines = len(default_config_text().splitlines())
    result = run("--config", str(config), "targets")
    assert result.code == 2
    err = result.err
    assert f"config.yaml:{lines + 4}: units[1].code: unit code syt is given twice (also units[0])" in err
    assert f"config.yaml:{lines + 4}: units[1].kind: unknown unit kind 'nope'; accepted: dang-bo-co-so" in err
    assert f"config.yaml:{lines + 5}: units[2]: from_year 2024 is after to_year 2022" in err
    assert f"config.yaml:{lines + 6}: units[3].code: 'a b' is not accepted" in err
    assert f"config.yaml:{lines + 6}: units[3].from_year: must be at least 1900" in err


def test_a_unit_file_in_csv_or_xlsx_loads_relative_to_the_config(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tracker.config import load_settings

    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "don-vi.csv").write_text(
        "code,name,kind,agency,from_year,to_year\nSYT,Đảng bộ Sở Y tế,dang-bo-co-so,Sở Y tế,,2024\n",
        encoding="utf-8-sig",
    )
    settings = load_settings(write_config(tmp_path, "units_file: lists/don-vi.csv\n"))
    assert [(u.code, u.name, u.to_year) for u in settings.definition.units] == [
        ("SYT", "Đảng bộ Sở Y tế", 2024)
    ]

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["code", "name", "kind", "from_year"])
    sheet.append(["SGD", "Đảng bộ Sở Giáo dục", "chi-bo-co-so", 2021])
    book.save(tmp_path / "don-vi.xlsx")
    settings = load_settings(write_config(tmp_path, "units_file: don-vi.xlsx\n"))
    assert [(u.code, u.from_year) for u in settings.definition.units] == [("SGD", 2021)]


def test_a_unit_file_names_its_problems_by_row_and_column(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "don-vi.csv").write_text(
        "code,name,kind,from_year\nA1,Chi bộ A,chi-bo-co-so,2021\nA1,B,,x\n", encoding="utf-8"
    )
    result = run("--config", str(write_config(tmp_path, "units_file: don-vi.csv\n")), "targets")
    assert result.code == 2
    assert "don-vi.csv: row 3, column C (kind): required key is missing" in result.err
    assert "don-vi.csv: row 3, column D (from_year): 'x' is not a year" in result.err
    assert "don-vi.csv: row 3, column A (code): unit code A1 is given twice (also row 2)" in result.err
    missing = run("--config", str(write_config(tmp_path, "units_file: nowhere.xlsx\n")), "targets")
    assert missing.code == 2 and "no file" in missing.err and "nowhere.xlsx" in missing.err


def test_units_and_a_unit_file_together_are_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("--config", str(write_config(tmp_path, UNITS + "units_file: x.csv\n")), "targets")
    assert result.code == 2
    assert "units_file: give the units either in units: or in units_file:, not both" in result.err
