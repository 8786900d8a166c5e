"""`tracker import` and `tracker template`: every row checked first, all problems at once,
nothing imported from a bad file; spreadsheets read the way people fill them."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook


def statuses(tracker) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    data = json.loads(tracker("status", "--format", "json").out)
    return {t["code"]: t for t in data["targets"]}


def revisions(tracker) -> int:  # type: ignore[no-untyped-def]
    out = tracker("export", "--revisions", "--format", "json").out
    return len(json.loads(out)["figures"])


def write_csv(path: Path, text: str, bom: bool = False) -> Path:
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def write_xlsx(path: Path, rows: list[list[Any]], merge: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path


@pytest.mark.parametrize("bom", [True, False])
def test_csv_with_and_without_bom_diacritics_decimal_commas_and_counts(tracker, tmp_path, bom) -> None:  # type: ignore[no-untyped-def]
    text = (
        "code,year,value,numerator,denominator,note,source,provisional\n"
        'T07,2021,162,,,"Kết nạp đảng viên, năm đầu",25-BC/ĐUK,\n'
        'T03,2021,"90,5",,,,,\n'
        "T01,2021,,38,42,Báo cáo tổng kết,,không\n"
        "T02,2021,21/42,,,,,có\n"
    )
    result = tracker("import", str(write_csv(tmp_path / "so-lieu.csv", text, bom)))
    assert result.code == 0, result.err
    assert "so-lieu.csv: 4 rows: 4 added, 0 changed" in result.out
    found = statuses(tracker)
    assert found["T07"]["figures"] == {"2021": 162}
    assert found["T03"]["figures"] == {"2021": 90.5}
    assert found["T01"]["counts"] == {"2021": [38, 42]}
    assert found["T02"]["counts"] == {"2021": [21, 42]} and found["T02"]["provisional_years"] == [2021]
    history = tracker("history", "T07").out
    assert "Kết nạp đảng viên, năm đầu" in history and "25-BC/ĐUK" in history


def test_semicolon_csv_from_a_vietnamese_excel(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "excel.csv", "Mã;Năm;Số liệu;Ghi chú\nT03;2022;90,5;Dự ước quý IV\n")
    assert tracker("import", str(path)).code == 0
    assert statuses(tracker)["T03"]["figures"] == {"2022": 90.5}


def test_dry_run_shows_what_would_change_and_saves_nothing(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2021", "150")
    path = write_csv(tmp_path / "a.csv", "code,year,value\nT07,2021,160\nT07,2022,170\n")
    result = tracker("import", str(path), "--dry-run", "--amend", "--reason", "Số liệu chính thức")
    assert result.code == 0, result.err
    assert "+ row 3: T07 2022: 170" in result.out
    assert "~ row 2: T07 2021: 150 -> 160" in result.out
    assert "1 would add, 1 would change" in result.out and "nothing was saved" in result.out
    assert revisions(tracker) == 1


def test_equal_rows_are_skipped_and_counted_changes_need_amend(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = write_csv(tmp_path / "a.csv", "code,year,value\nT07,2021,160\nT01,2021,38/42\n")
    assert tracker("import", str(first)).code == 0
    assert "0 added, 0 changed, 2 unchanged (skipped)" in tracker("import", str(first)).out
    second = write_csv(tmp_path / "b.csv", "code,year,value\nT07,2021,165\nT01,2021,38/42\nT07,2022,170\n")
    refused = tracker("import", str(second))
    assert refused.code == 2
    assert "b.csv: row 2: T07 2021 already has a figure: 160, revision 1" in refused.err
    assert "--amend --reason TEXT" in refused.err and "nothing was imported" in refused.err
    assert revisions(tracker) == 2
    done = tracker("import", str(second), "--amend", "--reason", "Số liệu chính thức")
    assert "1 added, 1 changed, 1 unchanged (skipped)" in done.out
    assert statuses(tracker)["T07"]["figures"] == {"2021": 165, "2022": 170}
    assert "Số liệu chính thức" in tracker("history", "T07", "--year", "2021").out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--amend"], "--amend needs --reason"),
        (["--amend", "--reason", "  "], "--amend needs --reason"),
        (["--reason", "typo"], "--reason goes with --amend"),
        (["--by", " "], "--by cannot be empty: say who records the figures"),
    ],
)
def test_amend_and_reason_go_together(tracker, tmp_path, args, says) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "a.csv", "code,year,value\nT07,2021,160\n")
    result = tracker("import", str(path), *args)
    assert result.code == 2 and says in result.err
    assert revisions(tracker) == 0


def test_every_bad_row_is_listed_with_row_and_column_and_nothing_is_imported(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (
        "code,year,value,provisional\n"
        "T07,2021,160,\n"  # good, but not imported
        "T99,2021,5,\n"
        "T07,2019,5,\n"
        "T07,2022,150.5,\n"
        "T01,2022,101,\n"
        "T07,2021,170,\n"
        "T03,2022,90,maybe\n"
        "T01,,90,\n"
        ",2022,90,\n"
    )
    result = tracker("import", str(write_csv(tmp_path / "bad.csv", text)))
    assert result.code == 2
    lines = result.err.strip().splitlines()
    expected = [
        "bad.csv: row 3, column A (code): unknown target code 'T99'; valid codes: T01, T02",
        "bad.csv: row 4, column B (year): year 2019 is outside the reporting years 2021-2025",
        "bad.csv: row 5, column C (value): T07 2022: this target counts a whole number; '150.5' is not one",
        "bad.csv: row 6, column C (value): T01 2022: a share is a percentage from 0 to 100",
        "bad.csv: row 7: T07 2021 is also in row 2; keep one of the two rows",
        "bad.csv: row 8, column D (provisional): 'maybe' is neither yes nor no",
        "bad.csv: row 9, column B (year): empty; write the year, e.g. 2023",
        "bad.csv: row 10, column A (code): empty; write the target code",
    ]
    for says in expected:
        assert any(says in line for line in lines), (says, lines)
    assert lines[-1] == "tracker: error: 8 problems found; nothing was imported"
    assert all(line.startswith("tracker: error: ") for line in lines) and "Traceback" not in result.err
    assert revisions(tracker) == 0


def test_a_long_list_of_problems_is_cut_after_fifty(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    rows = "".join(f"T07,{2021 + i % 5},bad{i}\n" for i in range(120))
    result = tracker("import", str(write_csv(tmp_path / "many.csv", "code,year,value\n" + rows)))
    lines = result.err.strip().splitlines()
    assert result.code == 2 and len(lines) == 52
    assert "... and 70 more problems" in lines[-2] and "120 problems found" in lines[-1]


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("a.ods", b"x", "a.ods: unknown file type '.ods'; accepted: .csv, .xlsx"),
        ("a.xls", b"x", "a.xls: the old Excel format .xls is not read; save the file as .xlsx"),
        ("a.xlsx", b"not a zip file", "a.xlsx: not a readable .xlsx workbook"),
        ("empty.csv", b"", "empty.csv is empty; row 1 must be the header (expected columns: code, year"),
        ("blank.csv", b"\n\n", "blank.csv is empty"),
        ("header.csv", b"code,year,value\n", "header.csv has a header but no rows of figures"),
        (
            "latin.csv",
            "code,year,value,note\nT07,2021,5,Ghi chú\n".encode("cp1258"),
            "row 2: the file is not UTF-8",
        ),
    ],
)
def test_files_that_cannot_be_read(tracker, tmp_path, name, content, says) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(content)
    result = tracker("import", str(path))
    assert result.code == 2 and says in result.err, result.err
    assert len(result.err.strip().splitlines()) == 1


def test_a_missing_file_is_named(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = tracker("import", str(tmp_path / "nowhere.csv"))
    assert result.code == 2 and "no file" in result.err and "nowhere.csv" in result.err


@pytest.mark.parametrize(
    ("header", "says"),
    [
        ("code,year,vaule", ["row 1, column C: unknown column 'vaule' (did you mean 'value'?)"]),
        ("code,value", ["row 1: missing column 'year'"]),
        ("code,year,note", ["row 1: missing column 'value'"]),
        ("code,year,numerator", ["row 1: missing column 'denominator'"]),
        ("code,year,value,Value", ["row 1, column D: column 'value' appears twice (also column C)"]),
    ],
)
def test_missing_or_misnamed_columns_name_the_expected_ones(tracker, tmp_path, header, says) -> None:  # type: ignore[no-untyped-def]
    result = tracker("import", str(write_csv(tmp_path / "h.csv", header + "\nT07,2021,5\n")))
    assert result.code == 2
    for text in says:
        assert text in result.err
    assert (
        "expected columns: code, year, value (or numerator and denominator), note, source, provisional"
        in (result.err)
    )


def test_provisional_flag_marks_estimates_in_status(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "du-uoc.csv", "code,year,value\nT07,2021,160\nT01,2021,38/42\n")
    assert tracker("import", str(path), "--provisional").code == 0
    assert statuses(tracker)["T07"]["provisional_years"] == [2021]
    table = tracker("status", "--lang", "vi").out
    assert "160*" in table and "dự ước" in table


def test_xlsx_numbers_formulas_and_merged_cells(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ["code", "year", "value", "note"],
        ["T07", 2021, "=150+12", "Công thức"],
        ["T04", None, 62.0, None],
        ["T03", None, 90.5, "Ghi chú có dấu"],
    ]
    path = write_xlsx(tmp_path / "book.xlsx", rows, merge="B2:B4")
    _save_computed_value(path, "150+12", "162")  # as Excel does when it saves a formula
    result = tracker("import", str(path))
    assert result.code == 0, result.err
    found = statuses(tracker)
    assert found["T07"]["figures"] == {"2021": 162}
    assert found["T04"]["figures"] == {"2021": 62}  # the merged year counts for each row
    assert found["T03"]["figures"] == {"2021": 90.5}


def test_xlsx_formula_without_a_computed_value_is_explained(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write_xlsx(tmp_path / "raw.xlsx", [["code", "year", "value"], ["T07", 2021, "=SUM(1,2)"]])
    result = tracker("import", str(path))
    assert result.code == 2
    assert (
        "raw.xlsx: row 2, column C (value): the cell holds the formula =SUM(1,2) but no computed value"
        in (result.err)
    )


def test_xlsx_problems_name_the_row_and_column(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    rows = [["code", "year", "value"], ["T07", 2021, 5], [None, None, None], ["T01", 2021, 120]]
    result = tracker("import", str(write_xlsx(tmp_path / "b.xlsx", rows)))
    assert result.code == 2
    assert "b.xlsx: row 4, column C (value): T01 2021: a share is a percentage from 0 to 100" in result.err


def test_xlsx_header_only_and_empty_workbooks(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    empty = tracker("import", str(write_xlsx(tmp_path / "empty.xlsx", [])))
    assert empty.code == 2 and "empty.xlsx is empty" in empty.err
    header = tracker("import", str(write_xlsx(tmp_path / "header.xlsx", [["code", "year", "value"]])))
    assert header.code == 2 and "header.xlsx has a header but no rows" in header.err


def _save_computed_value(path: Path, formula: str, value: str) -> None:
    """Write the cached result of a formula into the sheet, as a spreadsheet program does."""
    copy = path.with_suffix(".tmp")
    shutil.move(path, copy)
    with zipfile.ZipFile(copy) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                pattern = rf"<f>{re.escape(formula)}</f>\s*(?:<v\s*/>|<v></v>)"  # lxml writes <v></v>
                data = re.sub(pattern.encode(), f"<f>{formula}</f><v>{value}</v>".encode(), data)
            target.writestr(item, data)
    copy.unlink()


def test_template_lists_every_target_and_is_read_back(tracker, tmp_path, vietnamese) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T01", "2022", "38/42")
    out = tmp_path / "so-lieu-2023.xlsx"
    result = tracker("template", "2023", "--out", str(out))
    assert result.code == 0 and "10 chỉ tiêu" in result.out  # not T08: it takes T07's figures
    assert "T08" not in [c.value for c in load_workbook(out).worksheets[0]["A"]]
    book = load_workbook(out)
    sheet = book.worksheets[0]
    assert book.sheetnames == ["Số liệu", "Hướng dẫn"]
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["mã", "năm"] and "số liệu (2023)" in header and "số liệu năm trước (2022)" in header
    first = [c.value for c in sheet[2]]
    assert first[:7] == ["T01", 2023, first[2], "≥ 90% mỗi năm", 90, "90,48% (38/42)", None]
    rules = {
        (v.type, v.formula1, v.formula2, cell)
        for v in sheet.data_validations.dataValidation
        for cells in v.sqref.ranges
        for cell in cells.cells
    }
    assert {
        ("decimal", "0", "100", (2, 7)),
        ("whole", "0", None, (8, 7)),
        ("whole", "0", None, (2, 8)),
    } <= rules
    assert "Hướng dẫn nhập số liệu năm 2023" in book["Hướng dẫn"]["A1"].value
    titles = {row[0].value: row[2].value for row in sheet.iter_rows(min_row=2)}
    assert titles["T11"].endswith(" †") and not titles["T01"].endswith("†")  # the inferred target's mark
    notes = [row[0].value for row in book["Hướng dẫn"].iter_rows()]
    assert "† Chỉ tiêu suy luận, cần xác nhận theo văn bản Nghị quyết" in notes
    sheet["G2"], sheet["H3"], sheet["I3"] = 92.5, 9, 42
    sheet["G8"], sheet["J8"], sheet["K8"] = 170, "có", "Dự ước đến 31/12"
    book.save(out)
    imported = tracker("import", str(out))
    assert imported.code == 0, imported.err
    assert "10 dòng: thêm 3, sửa 0, 0 không đổi (bỏ qua), 7 không có số liệu (bỏ qua)" in imported.out
    found = statuses(tracker)
    assert found["T01"]["figures"] == {"2022": 90.4762, "2023": 92.5}
    assert found["T02"]["counts"] == {"2023": [9, 42]}
    assert found["T07"]["provisional_years"] == [2023]


def test_template_refuses_other_file_types_and_years(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert "name it *.xlsx" in tracker("template", "2023", "--out", str(tmp_path / "a.csv")).err
    assert "outside the reporting years" in tracker("template", "2030", "--out", str(tmp_path / "a.xlsx")).err


def test_no_progress_bar_when_stderr_is_not_a_terminal(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "a.csv", "code,year,value\nT07,2021,160\n")
    result = tracker("import", str(path))
    assert result.code == 0 and result.err == ""


def test_a_correction_keeps_the_note_and_source_unless_the_row_gives_them(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2021", "160", "--note", "Ghi chú gốc", "--source", "12-BC/ĐUK")
    tracker("record", "T03", "2021", "90", "--note", "Ghi chú cũ")
    path = write_csv(tmp_path / "sua.csv", "code,year,value,note\nT07,2021,165,\nT03,2021,91,Ghi chú mới\n")
    assert tracker("import", str(path), "--amend", "--reason", "Đính chính").code == 0
    rows = json.loads(tracker("export", "--format", "json").out)["figures"]
    found = {r["code"]: (r["value"], r["note"], r["source"], r["revision"]) for r in rows}
    assert found["T07"] == (165, "Ghi chú gốc", "12-BC/ĐUK", 2)
    assert found["T03"] == (91, "Ghi chú mới", None, 2)


def test_template_in_english_reads_back_too(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "figures-2023.xlsx"
    assert tracker("template", "2023", "--out", str(out)).code == 0
    book = load_workbook(out)
    assert book.sheetnames == ["Figures", "Instructions"]
    header = [c.value for c in book.worksheets[0][1]]
    assert header[:2] == ["code", "year"] and "value (2023)" in header and "last year (2022)" in header
    assert book["Instructions"]["A1"].value == "How to fill in the figures of 2023"
    book.worksheets[0]["G8"] = 170  # T07
    book.save(out)
    assert "1 added" in tracker("import", str(out)).out
    assert statuses(tracker)["T07"]["figures"] == {"2023": 170}
