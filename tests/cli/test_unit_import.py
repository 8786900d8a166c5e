"""Units' figures through files: the `unit` column of `tracker import`, several files or a folder
imported together (all or nothing), `tracker template --units` (a workbook per unit, tied to its
unit), and an export of units' figures imported again."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.helpers import UNITS, default_config_text


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def history(units) -> list[str]:  # type: ignore[no-untyped-def]
    """Every revision: target, unit, year, value."""
    figures = json.loads(units("export", "--revisions", "--format", "json").out)["figures"]
    return sorted(f"{f['code']} {f['unit'] or '-'} {f['year']} {round(f['value'], 2)}" for f in figures)


def targets(units, year: str = "2023") -> dict[str, Any]:  # type: ignore[no-untyped-def]
    data = json.loads(units("status", "--format", "json", "--year", year).out)
    return {t["code"]: t for t in data["targets"]}


def problems(result) -> list[str]:  # type: ignore[no-untyped-def]
    assert result.code == 2 and "Traceback" not in result.err, result.err
    return [line.removeprefix("tracker: error: ") for line in result.err.strip().splitlines()]


def test_a_unit_column_stores_units_figures_beside_the_committees(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(
        tmp_path / "so-lieu.csv",
        "code,unit,year,value\nT03,SYT,2023,38/42\nT03,sgd,2023,9/10\nT03,,2023,40/42\nT07,SYT,2023,12\n",
    )
    result = units("import", str(path))
    assert result.code == 0, result.err
    assert "so-lieu.csv: 4 rows: 4 added" in result.out
    assert history(units) == [
        "T03 - 2023 95.24",
        "T03 SGD 2023 90",
        "T03 SYT 2023 90.48",
        "T07 SYT 2023 12",
    ]
    again = units("import", str(path))
    assert "0 added, 0 changed, 4 unchanged (skipped)" in again.out


def test_every_bad_unit_row_is_listed_and_nothing_is_written(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(
        tmp_path / "sai.csv",
        "code,unit,year,value\n"
        "T07,SYT,2023,12\n"  # good, not imported
        "T03,SYX,2023,9/10\n"  # an unknown unit: the close ones named
        "T03,SGD,2021,9/10\n"  # before the unit existed
        'T03,SYT,2023,"90,5"\n'  # a unit's share without its counts
        "T07,CBX,2024,3\n",  # after the unit ended
    )
    assert problems(units("import", str(path))) == [
        "sai.csv: row 3, column B (unit): unknown unit 'SYX'; did you mean: SYT? "
        "(`tracker units` lists them)",
        "sai.csv: row 4, column B (unit): unit SGD does not exist in 2021 (its years: 2022-); it has figures "
        "only for those",
        "sai.csv: row 5, column D (value): T03 (unit SYT) 2023: a unit's share is given as its counts, e.g. "
        "38/42, not '90,5': the committee's share adds the units' counts, and a percentage alone cannot "
        "be added",
        "sai.csv: row 6, column B (unit): unit CBX does not exist in 2024 (its years: -2023); it has figures "
        "only for those",
        "4 problems found; nothing was imported",
    ]
    assert history(units) == []


def test_a_unit_figure_changed_by_a_file_needs_amend_and_reason(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert units("record", "T07", "2023", "12", "--unit", "SYT").code == 0
    path = write_csv(tmp_path / "sua.csv", "code,unit,year,value\nT07,SYT,2023,14\n")
    refused = problems(units("import", str(path)))
    assert refused[0].startswith("sua.csv: row 2: T07 (unit SYT) 2023 already has a figure: 12, revision 1")
    dry = units("import", str(path), "--dry-run", "--amend", "--reason", "Đính chính")
    assert "~ row 2: T07 (unit SYT) 2023: 12 -> 14" in dry.out and "nothing was saved" in dry.out
    assert units("import", str(path), "--amend", "--reason", "Đính chính").code == 0
    assert history(units) == ["T07 SYT 2023 12", "T07 SYT 2023 14"]


def test_files_are_imported_together_or_not_at_all(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = write_csv(tmp_path / "a.csv", "code,unit,year,value\nT07,SYT,2023,12\nT03,SYT,2023,38/42\n")
    bad = write_csv(tmp_path / "b.csv", "code,unit,year,value\nT07,SGD,2023,x\nT99,SGD,2023,5\n")
    assert problems(units("import", str(good), str(bad))) == [
        "b.csv: row 2, column D (value): T07 2023: 'x' is not a number (accepted: 162, 1.200, 90,5, 90.5, "
        "90,5% or 38/42 (counts of a share))",
        "b.csv: row 3, column A (code): unknown target code 'T99'; valid codes: T01, T02, T03, T04, T05, "
        "T06, T07, T08, T09, T10, T11",
        "2 problems found; nothing was imported",
    ]
    assert history(units) == []  # nothing of the good file either
    dry = units("import", str(good), str(tmp_path / "c.csv"), str(bad), "--dry-run")
    listed = problems(dry)
    assert (
        listed[0] == f"no file {tmp_path / 'c.csv'}"
        and listed[-1] == "3 problems found; nothing was imported"
    )
    fixed = write_csv(tmp_path / "b.csv", "code,unit,year,value\nT07,SGD,2023,7\n")
    dry = units("import", str(good), str(fixed), "--dry-run")
    assert dry.code == 0, dry.err
    assert (
        "+ a.csv: row 2: T07 (unit SYT) 2023: 12" in dry.out
        and "+ b.csv: row 2: T07 (unit SGD) 2023: 7" in dry.out
    )
    assert history(units) == []
    done = units("import", str(good), str(fixed))
    assert "a.csv: 2 rows: 2 added" in done.out and "b.csv: 1 row: 1 added" in done.out
    assert "2 files imported together" in done.out
    assert history(units) == ["T03 SYT 2023 90.48", "T07 SGD 2023 7", "T07 SYT 2023 12"]


def test_a_figure_in_two_files_is_refused_naming_both(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = write_csv(tmp_path / "a.csv", "code,unit,year,value\nT07,SYT,2023,12\nT07,,2023,150\n")
    second = write_csv(
        tmp_path / "b.csv", "code,unit,year,value\nT07,SGD,2023,3\nT07,syt,2023,13\nT07,,2023,150\n"
    )
    assert problems(units("import", str(first), str(second))) == [
        "b.csv: row 3: T07 (unit SYT) 2023 is also in a.csv, row 2; keep one of the two rows",
        "b.csv: row 4: T07 2023 is also in a.csv, row 3; keep one of the two rows",
        "2 problems found; nothing was imported",
    ]
    assert problems(units("import", str(first), str(tmp_path / "." / "a.csv"))) == [
        f"{tmp_path / '.' / 'a.csv'} is given twice; import each file once"
    ]
    assert history(units) == []


def test_a_folder_stands_for_its_spreadsheets(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "don-vi"
    folder.mkdir()
    write_csv(folder / "2-SGD.csv", "code,unit,year,value\nT07,SGD,2023,3\n")
    write_csv(folder / "1-SYT.csv", "code,unit,year,value\nT07,SYT,2023,12\n")
    (folder / "~$1-SYT.xlsx").write_bytes(b"Excel's lock file")
    (folder / "ghi-chu.txt").write_text("not figures", encoding="utf-8")
    done = units("import", str(folder))
    assert done.code == 0, done.err
    assert done.out.splitlines() == [
        "1-SYT.csv: 1 row: 1 added, 0 changed, 0 unchanged (skipped), 0 without a figure (skipped)",
        "2-SGD.csv: 1 row: 1 added, 0 changed, 0 unchanged (skipped), 0 without a figure (skipped)",
        "2 files imported together",
    ]
    assert targets(units)["T07"]["figures"] == {"2023": 15}
    empty = tmp_path / "trong"
    empty.mkdir()
    assert problems(units("import", str(empty))) == [
        f"the folder {empty} holds no spreadsheet to import (.csv, .xlsx, .xlsm)"
    ]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_an_export_with_units_imports_into_an_empty_database_the_same(
    units, run, tmp_path: Path, suffix
) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ("T07", "2022", "150"),
        ("T07", "2022", "12", "--unit", "SYT"),
        ("T03", "2022", "9/10", "--unit", "SGD", "--provisional"),
        ("T03", "2023", "38/42", "--unit", "SYT", "--note", "Báo cáo"),
        ("T03", "2022", "20/21", "--unit", "CBX"),
    ):
        assert units("record", *args).code == 0
    out = tmp_path / f"so-lieu.{suffix}"
    assert units("export", "--out", str(out)).code == 0
    other = tmp_path / "other"
    other.mkdir()
    (other / "config.yaml").write_text(default_config_text() + UNITS, encoding="utf-8")

    def empty(*args: str):  # type: ignore[no-untyped-def]
        return run("--config", str(other / "config.yaml"), *args)

    assert empty("init").code == 0
    imported = empty("import", str(out))
    assert imported.code == 0, imported.err
    assert "5 rows: 5 added" in imported.out
    for year in ("2022", "2023"):
        assert targets(empty, year) == targets(units, year)
    assert "5 unchanged (skipped)" in empty("import", str(out)).out
    assert (
        empty("status", "T03", "--units", "--year", "2022").out
        == units("status", "T03", "--units", "--year", "2022").out
    )


def fill(path: Path, cells: dict[str, Any]) -> None:
    book = load_workbook(path)
    sheet = book.worksheets[0]
    for cell, value in cells.items():
        sheet[cell] = value
    book.save(path)


def test_template_units_writes_a_workbook_per_unit_and_reads_them_back(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert units("record", "T03", "2022", "38/42", "--unit", "SYT").code == 0
    folder = tmp_path / "don-vi-2023"
    result = units("template", "2023", "--units", "--out", str(folder))
    assert result.code == 0, result.err
    assert result.out == f"templates for 2023: 3 units' workbooks in {folder}\n"
    assert sorted(p.name for p in folder.iterdir()) == ["2023-CBX.xlsx", "2023-SGD.xlsx", "2023-SYT.xlsx"]
    book = load_workbook(folder / "2023-SYT.xlsx")
    assert book.sheetnames == ["Figures", "Instructions", "Unit"]
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["code", "unit", "year"] and "value (2023)" in header
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    rated = {"T01", "T02", "T11"}  # counted from the units' ratings: `tracker rate`, not a workbook
    borrowing = {"T08"}  # takes its figures from T07
    expected = [f"T{n:02d}" for n in range(1, 12) if f"T{n:02d}" not in rated | borrowing]
    assert [r[0] for r in rows] == expected and {r[1] for r in rows} == {"SYT"}
    assert rows[0][6] == "90.48% (38/42)" and rows[1][6] is None  # the unit's own figure of 2022
    assert book["Instructions"]["A1"].value == "Unit: Đảng bộ Sở Y tế (SYT)"
    assert [tuple(r) for r in book["Unit"].iter_rows(values_only=True)][:2] == [
        ("Unit code", "SYT"),
        ("Unit name", "Đảng bộ Sở Y tế"),
    ]
    rules = {
        (v.type, v.formula1, cell.coordinate if hasattr(cell, "coordinate") else cell)
        for v in sheet.data_validations.dataValidation
        for cells in v.sqref.ranges
        for cell in cells.cells
    }
    assert ("textLength", "0", (2, 8)) in rules  # a unit's share: no value, its counts
    assert ("whole", "0", (6, 8)) in rules and ("whole", "0", (2, 9)) in rules
    fill(folder / "2023-SYT.xlsx", {"I2": 40, "J2": 42, "H6": 12})
    fill(folder / "2023-CBX.xlsx", {"I2": 9, "J2": 10, "B6": None, "H6": 3})  # an empty unit: the workbook's
    imported = units("import", str(folder))
    assert imported.code == 0, imported.err
    assert (
        "2023-SGD.xlsx: 7 rows: 0 added, 0 changed, 0 unchanged (skipped), 7 without a figure" in imported.out
    )
    found = targets(units)
    assert found["T03"]["figures"] == {"2022": 90.4762, "2023": 94.2308} and found["T03"]["counts"][
        "2023"
    ] == [49, 52]
    assert found["T07"]["figures"] == {"2023": 15}
    assert (found["T03"]["units_reported"], found["T03"]["missing_units"]) == (2, ["SGD"])


def test_a_units_workbook_refuses_another_units_rows_and_an_unknown_unit(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "d"
    assert units("template", "2023", "--units", "--out", str(folder)).code == 0
    fill(folder / "2023-SYT.xlsx", {"I2": 40, "J2": 42, "B3": "CBX", "I3": 1, "J3": 2})
    gone = folder / "2023-CBX.xlsx"
    book = load_workbook(gone)
    book["Unit"]["B1"] = "XYZ"  # a unit the config does not know, in the cell and the property
    next(p for p in book.custom_doc_props if p.name == "TRACKER_UNIT").value = "XYZ"
    book.worksheets[0]["H8"] = 3
    book.save(gone)
    assert problems(units("import", str(folder))) == [
        "2023-CBX.xlsx: the workbook belongs to unit XYZ, which is not in the config; known units: "
        "SYT, SGD, CBX",
        "2023-SYT.xlsx: row 3, column B (unit): unit CBX in the workbook of unit SYT (Đảng bộ Sở Y tế): "
        "a file of another unit; send each unit's figures in its own workbook",
        "2 problems found; nothing was imported",
    ]
    assert history(units) == []


def test_template_units_refusals_and_force(units, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "d"
    assert units("template", "2023", "--units", "--out", str(folder)).code == 0
    again = units("template", "2023", "--units", "--out", str(folder))
    assert problems(again) == [f"--out {folder / '2023-SYT.xlsx'} exists; add --force to replace it"]
    assert units("template", "2023", "--units", "--out", str(folder), "--force").code == 0
    a_file = tmp_path / "a.xlsx"
    a_file.write_bytes(b"")
    assert problems(units("template", "2023", "--units", "--out", str(a_file)))[0].startswith(
        f"--out {a_file} is a file; with --units give a folder"
    )
    assert "outside the reporting years" in units("template", "2030", "--units", "--out", str(folder)).err
    (tmp_path / "plain").mkdir()
    plain = tmp_path / "plain" / "config.yaml"
    plain.write_text(default_config_text(), encoding="utf-8")
    assert run("--config", str(plain), "init").code == 0
    assert problems(
        run("--config", str(plain), "template", "2023", "--units", "--out", str(tmp_path / "x"))
    ) == ["no unit exists in 2023; declare the units in the config (units:) and run tracker init"]
    assert not (tmp_path / "x").exists()


def test_template_units_in_vietnamese_names_only_the_units_of_the_year(
    units, tmp_path: Path, vietnamese
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "d"
    result = units("template", "2021", "--units", "--out", str(folder))
    assert result.out == f"mẫu nhập năm 2021: 2 tệp Excel của đơn vị trong {folder}\n"
    assert sorted(p.name for p in folder.iterdir()) == ["2021-CBX.xlsx", "2021-SYT.xlsx"]  # SGD: from 2022
    book = load_workbook(folder / "2021-CBX.xlsx")
    assert book.sheetnames == ["Số liệu", "Hướng dẫn", "Đơn vị"]
    assert [c.value for c in book.worksheets[0][1]][:3] == ["mã", "đơn vị", "năm"]
    assert book["Hướng dẫn"]["A1"].value == "Đơn vị: Chi bộ Công ty X (CBX)"


def test_a_progress_bar_for_many_units(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "config.yaml"
    listed = "".join(f"  - {{code: U{n:02d}, name: Đơn vị {n}, kind: chi-bo-co-so}}\n" for n in range(25))
    config.write_text(default_config_text() + "units:\n" + listed, encoding="utf-8")
    assert run("--config", str(config), "init").code == 0
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # stderr counts as a terminal: the bar is drawn
    result = run("--config", str(config), "template", "2023", "--units", "--out", str(tmp_path / "d"))
    assert result.code == 0, result.err
    assert "workbooks of the units for 2023" in result.err and "25/25" in result.err
    assert len(list((tmp_path / "d").iterdir())) == 25


def test_a_units_workbook_saved_again_by_libreoffice_keeps_its_unit(
    units, tmp_path: Path, soffice: str
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "d"
    assert units("template", "2023", "--units", "--out", str(folder)).code == 0
    source = folder / "2023-SYT.xlsx"
    book = load_workbook(source)
    sheet = book.worksheets[0]
    sheet.delete_cols(2)  # the unit column gone: the workbook's own unit still says whose rows they are
    sheet["H2"], sheet["I2"], sheet["G6"] = 40, 42, 12
    book.save(source)
    saved = tmp_path / "lo"
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
         "--convert-to", "xlsx", "--outdir", str(saved), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    resaved = saved / "2023-SYT.xlsx"
    assert "TRACKER_UNIT" in load_workbook(resaved).defined_names
    imported = units("import", str(resaved), "--dry-run")
    assert imported.code == 0, imported.err
    assert "+ row 2: T03 (unit SYT) 2023: 95.24% (40/42)" in imported.out
    assert "+ row 6: T07 (unit SYT) 2023: 12" in imported.out
    book = load_workbook(resaved)
    book["Unit"]["B1"] = "ABC"  # the document property, kept by LibreOffice, still says SYT
    book.save(resaved)
    assert problems(units("import", str(resaved)))[0].startswith(
        "2023-SYT.xlsx: the workbook names two units: ABC in its unit cell (Unit!B1) and SYT in its "
        "document property TRACKER_UNIT"
    )
    book["Unit"]["B1"] = None  # the cell cleared: the property tells whose figures they are
    book.save(resaved)
    imported = units("import", str(resaved), "--dry-run")
    assert imported.code == 0, imported.err
    assert "+ row 6: T07 (unit SYT) 2023: 12" in imported.out


@pytest.mark.postgres
def test_units_figures_through_files_on_postgresql(
    run, tmp_path: Path, postgres_url: str, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TRACKER_DATABASE_URL", postgres_url)
    config = tmp_path / "config.yaml"
    config.write_text(default_config_text() + UNITS, encoding="utf-8")

    def units(*args: str):  # type: ignore[no-untyped-def]
        return run("--config", str(config), *args)

    assert units("init").code == 0
    assert units("record", "T07", "2023", "12", "--unit", "SYT").code == 0
    first = write_csv(tmp_path / "a.csv", "code,unit,year,value\nT07,SYT,2023,14\nT07,,2023,150\n")
    second = write_csv(tmp_path / "b.csv", "code,unit,year,value\nT03,CBX,2023,9/10\n")
    assert "already has a figure" in units("import", str(first), str(second)).err
    done = units("import", str(first), str(second), "--amend", "--reason", "Đính chính")
    assert done.code == 0, done.err
    assert history(units) == ["T03 CBX 2023 90", "T07 - 2023 150", "T07 SYT 2023 12", "T07 SYT 2023 14"]
