"""`tracker export`: the current figures or every revision, as CSV, XLSX or JSON; an export
imported into an empty database gives the same status."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers import default_config_text


def fill(tracker) -> None:  # type: ignore[no-untyped-def]
    """Figures of every kind: counts, decimals, estimates, corrections, notes with diacritics."""
    for args in (
        ("T07", "2021", "160", "--note", "Báo cáo tổng kết, năm 2021", "--source", "25-BC/ĐUK"),
        ("T07", "2022", "170"),
        ("T07", "2023", "110", "--provisional"),
        ("T04", "2021", "25", "--note", "Sơ bộ; chờ tổng kết"),
        ("T01", "2021", "38/42"),
        ("T01", "2022", "39/42", "--provisional"),
        ("T03", "2021", "90,5"),
        ("T03", "2022", "86.123456789", "--note", 'Theo "25-BC";\tđã rà soát'),
        ("T11", "2021", "88"),
    ):
        assert tracker("record", *args).code == 0
    assert tracker("record", "T07", "2022", "172", "--amend", "--reason", "Số liệu chính thức").code == 0


@pytest.fixture
def empty(run, tmp_path, templates):  # type: ignore[no-untyped-def]
    """The command line on a second, empty database with the same config (initialised: a copy
    of the session's template)."""
    folder = tmp_path / "empty"
    folder.mkdir()
    config = folder / "config.yaml"
    config.write_text(default_config_text(), encoding="utf-8")
    templates(default_config_text()).copy_to(config)

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return run("--config", str(config), *args)

    return invoke


def status_of(invoke) -> list[dict]:  # type: ignore[no-untyped-def]
    """The status as of each year with figures (JSON)."""
    return [
        json.loads(invoke("status", "--format", "json", "--year", y).out) for y in ("2021", "2022", "2023")
    ]


def test_csv_export_to_stdout_has_the_import_columns(tracker) -> None:  # type: ignore[no-untyped-def]
    fill(tracker)
    result = tracker("export")
    assert result.code == 0
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert list(rows[0])[:9] == [
        "code",
        "unit",
        "year",
        "value",
        "numerator",
        "denominator",
        "provisional",
        "note",
        "source",
    ]
    assert len(rows) == 9  # current figures only: T07 2022 once, at revision 2
    t07 = [r for r in rows if r["code"] == "T07"]
    assert [(r["year"], r["value"], r["revision"]) for r in t07] == [
        ("2021", "160", "1"),
        ("2022", "172", "2"),
        ("2023", "110", "1"),
    ]
    assert t07[0]["note"] == "Báo cáo tổng kết, năm 2021" and t07[0]["source"] == "25-BC/ĐUK"
    assert t07[2]["provisional"] == "yes" and t07[1]["reason"] == "Số liệu chính thức"
    t01 = next(r for r in rows if r["code"] == "T01")
    assert (t01["numerator"], t01["denominator"]) == ("38", "42")


def test_revisions_export_every_revision_as_json(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fill(tracker)
    out = tmp_path / "lich-su.json"
    result = tracker("export", "--revisions", "--out", str(out))
    assert result.code == 0 and "exported 10 revisions" in result.out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["resolution"] == "DHIX-DUK-DB" and data["revisions"] is True
    t07_2022 = [f for f in data["figures"] if f["code"] == "T07" and f["year"] == 2022]
    assert [(f["value"], f["revision"], f["reason"]) for f in t07_2022] == [
        (170, 1, None),
        (172, 2, "Số liệu chính thức"),
    ]
    assert next(f for f in data["figures"] if f["code"] == "T07" and f["year"] == 2023)["provisional"] is True


def test_csv_file_has_a_bom_for_excel(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fill(tracker)
    out = tmp_path / "so-lieu.csv"
    assert tracker("export", "--out", str(out)).code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfcode,unit,year,value")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--format", "xlsx"], "an xlsx export is a file: give --out FILE.xlsx"),
        (["--format", "pdf"], "unknown export format 'pdf'; accepted: csv, xlsx, json"),
        (["--out", "x.txt"], "unknown export format 'txt'"),
    ],
)
def test_bad_export_options(tracker, args, says) -> None:  # type: ignore[no-untyped-def]
    result = tracker("export", *args)
    assert result.code == 2 and says in result.err


@pytest.mark.parametrize(
    ("fmt", "name", "says"),
    [
        ("xlsx", "n.csv", "--out {path} would hold an Excel workbook; name it *.xlsx (nothing was written)"),
        ("xlsx", "n.xlsm", "--out {path} would hold an Excel workbook; name it *.xlsx (nothing was written)"),
        ("csv", "n.json", "--out {path} would hold a CSV file; name it *.csv (nothing was written)"),
        ("json", "n.xlsx", "--out {path} would hold a JSON file; name it *.json (nothing was written)"),
    ],
)
def test_a_file_is_never_written_under_another_kinds_name(tracker, tmp_path: Path, fmt, name, says) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / name
    result = tracker("export", "--format", fmt, "--out", str(out))
    assert (result.code, result.err) == (2, "tracker: error: " + says.format(path=out) + "\n")
    assert not out.exists()


@pytest.mark.parametrize(("suffix", "options"), [("csv", ()), ("csv", ("--excel-vi",)), ("xlsx", ())])
def test_export_then_import_into_an_empty_database_gives_the_same_status(
    tracker, empty, tmp_path, suffix, options
) -> None:  # type: ignore[no-untyped-def]
    fill(tracker)
    out = tmp_path / f"so-lieu.{suffix}"
    assert tracker("export", *options, "--out", str(out)).code == 0
    imported = empty("import", str(out))
    assert imported.code == 0, imported.err
    assert "9 rows: 9 added" in imported.out
    assert status_of(empty) == status_of(tracker)
    assert empty("import", str(out)).out.count("9 unchanged (skipped)") == 1


def test_xlsx_export_is_a_workbook_with_numbers(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fill(tracker)
    out = tmp_path / "so-lieu.xlsx"
    assert tracker("export", "--out", str(out)).code == 0
    sheet = load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("code", "unit", "year", "value") and len(rows) == 10
    t03 = [r for r in rows if r[0] == "T03"]
    assert t03[1][3] == pytest.approx(86.123456789) and isinstance(t03[1][3], float)


def test_an_empty_database_exports_just_the_header(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert tracker("export").out.startswith("code,unit,year,value")
    assert json.loads(tracker("export", "--format", "json").out)["figures"] == []


def test_every_file_written_is_readable_by_others_per_umask(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import os
    import stat

    tracker("record", "T07", "2021", "160")
    previous = os.umask(0o022)
    try:
        for name in ("so-lieu.csv", "so-lieu.xlsx", "so-lieu.json"):
            assert tracker("export", "--out", str(tmp_path / name)).code == 0
        assert tracker("template", "2022", "--out", str(tmp_path / "mau.xlsx")).code == 0
    finally:
        os.umask(previous)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir() if p.suffix != ".db"}
    assert {name: mode for name, mode in modes.items() if name.startswith(("so-lieu", "mau"))} == {
        "so-lieu.csv": 0o644, "so-lieu.xlsx": 0o644, "so-lieu.json": 0o644, "mau.xlsx": 0o644,
    }  # fmt: skip
    assert load_workbook(tmp_path / "so-lieu.xlsx").active["A2"].value == "T07"


def as_calc_splits(line: str) -> list[str]:
    """A CSV line's cells as LibreOffice Calc's default text import cuts them: at every tab,
    comma and semicolon outside quotes (the quotes left on)."""
    cells, cell, quoted = [], "", False
    for char in line:
        if char in ",;\t" and not quoted:
            cells.append(cell)
            cell = ""
            continue
        quoted ^= char == '"'  # a doubled quote inside a quoted field toggles twice
        cell += char
    return [*cells, cell]


@pytest.mark.parametrize("options", [(), ("--excel-vi",)])
def test_every_csv_line_keeps_its_cells_where_calc_splits_at_tab_comma_and_semicolon(
    tracker, tmp_path, options
) -> None:  # type: ignore[no-untyped-def]
    fill(tracker)
    out = tmp_path / "so-lieu.csv"
    assert tracker("export", *options, "--out", str(out)).code == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert {len(as_calc_splits(line)) for line in lines} == {15}
    t03 = next(line for line in lines if line.startswith(("T03,,2022", "T03;;2022")))
    cells = as_calc_splits(t03)
    assert cells[7] == '"Theo ""25-BC"";\tđã rà soát"'  # the note whole, its quotes doubled
    assert (
        cells[13]
        == '"More than 85% of cadres, civil servants, public employees and workers fulfil their duties well"'
    )
    assert cells[3] == ('"86,123456789"' if options else "86.123456789")  # a decimal comma is quoted
    t04 = next(line for line in lines if line.startswith(("T04,,2021", "T04;;2021")))
    assert as_calc_splits(t04)[7] == '"Sơ bộ; chờ tổng kết"'


def test_excel_vi_on_standard_output_starts_with_a_bom_as_the_docs_say(tracker) -> None:  # type: ignore[no-untyped-def]
    fill(tracker)
    assert tracker("export", "--excel-vi").out.startswith("\ufeffcode;unit;year;value")
    assert tracker("export").out.startswith("code,unit,year,value")  # for scripts: none


def test_xlsx_export_is_laid_out_to_read_and_filter(tracker, tmp_path, clock, vietnamese) -> None:  # type: ignore[no-untyped-def]
    clock(datetime(2024, 1, 15, 2, 30, 5, tzinfo=UTC))
    fill(tracker)
    out = tmp_path / "so-lieu.xlsx"
    assert tracker("export", "--out", str(out)).code == 0
    sheet = load_workbook(out).worksheets[0]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:O10"
    header = [cell.value for cell in sheet[1]]
    width = {cell.value: sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]}
    assert 8 <= width["mã"] < width["ghi chú"] < width["chỉ tiêu"] == 60  # the longest title: bounded
    assert width["ghi chú"] == len("Báo cáo tổng kết, năm 2021") + 3
    rows = {(row[0].value, row[2].value): row for row in sheet.iter_rows(min_row=2)}
    recorded = rows[("T07", 2021)][header.index("thời điểm ghi")]
    assert recorded.is_date and recorded.value == datetime(2024, 1, 15, 9, 30, 5)  # Hà Nội's time
    assert recorded.number_format == "hh:mm:ss dd/mm/yyyy"
    share = rows[("T01", 2021)][3]  # 38/42
    assert share.value == pytest.approx(90.47619047619048) and share.number_format == "0.00"
    assert rows[("T03", 2021)][3].number_format == "0.0"  # 90,5: the places it has
    assert rows[("T07", 2021)][3].number_format == "General"  # a count


def test_xlsx_export_in_english_shows_moments_year_first(tracker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fill(tracker)
    out = tmp_path / "so-lieu.xlsx"
    assert tracker("export", "--out", str(out)).code == 0
    recorded = load_workbook(out).worksheets[0]["L2"]
    assert recorded.is_date and recorded.number_format == "yyyy-mm-dd hh:mm:ss"
