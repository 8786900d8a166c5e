"""Every input that once gave a wrong figure, an internal error or a hang: now a correct
result, or one clear line on stderr, exit 2, and nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.reliability.conftest import Setup


def figures(tracker) -> dict[str, dict[str, float]]:  # type: ignore[no-untyped-def]
    data = json.loads(tracker("status", "--format", "json").out)
    return {t["code"]: t["figures"] for t in data["targets"] if t["figures"] and not t["figures_from"]}


def refused(result, *says: str) -> None:  # type: ignore[no-untyped-def]
    assert result.code == 2 and result.out == "", result.err
    assert result.err.startswith("tracker: error: ") and "Traceback" not in result.err
    for text in says:
        assert text in result.err, result.err


def test_a_thousand_written_as_vietnamese_write_it_is_a_thousand(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert tracker("record", "T07", "2021", "1.000").code == 0  # was stored as 1
    assert tracker("record", "T07", "2022", "2.000").code == 0
    path = tmp_path / "a.csv"
    path.write_text('code,year,value\nT07,2023,"1.200"\nT07,2024,1.500\n', encoding="utf-8")
    assert tracker("import", str(path)).code == 0
    assert figures(tracker) == {"T07": {"2021": 1000, "2022": 2000, "2023": 1200, "2024": 1500}}


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("1,000", "'1,000' is ambiguous"),  # one, or a thousand?
        ("12345678901234567891", "too large for a count"),  # was stored as 1.23457e+19
        ("9007199254740993", "too large for a count"),  # 2^53 + 1
        ("1e400", "is not a number"),  # was an overflow (exit 70)
        ("9e999999999", "is not a number"),  # ran for minutes in C code
    ],
)
def test_counts_that_cannot_be_stored_exactly_are_refused(tracker, value: str, says: str) -> None:  # type: ignore[no-untyped-def]
    refused(tracker("record", "T07", "2021", value), "T07 2021: ", says)
    assert figures(tracker) == {}


def test_a_share_with_a_twenty_digit_denominator_is_refused(tracker) -> None:  # type: ignore[no-untyped-def]
    refused(tracker("record", "T01", "2021", "1/100000000000000000000"), "too large")  # overflowed SQLite
    assert tracker("record", "T01", "2021", "35.599/35.900").code == 0  # counts of a province: fine
    assert figures(tracker)["T01"] == {"2021": round(35599 * 100 / 35900, 4)}


@pytest.mark.parametrize("option", ["--note", "--by", "--source", "--reason"])
def test_bytes_that_are_not_utf8_are_refused(sqlite_setup: Setup, option: str) -> None:
    assert sqlite_setup.run("record", "T07", "2021", "150").returncode == 0
    command = [
        os.fsencode(part)
        for part in sqlite_setup.command("record", "T07", "2021", "160", "--amend", "--reason", "sửa")
    ]
    command += [option.encode(), b"Ghi ch\xfa"]  # Latin-1 bytes from an old terminal
    done = subprocess.run(command, capture_output=True, env=sqlite_setup.environment(), timeout=60)
    assert done.returncode == 2 and done.stdout == b""
    assert f"tracker: error: {option}: a byte that is not UTF-8 text".encode() in done.stderr
    assert sqlite_setup.query("SELECT count(*) FROM entry") == [(1,)]


def test_a_csv_with_a_quote_left_open_is_refused_naming_the_row(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "q.csv"
    path.write_text('code,year,value,note\nT07,2021,160,"Báo cáo\nT07,2022,170,ok\n', encoding="utf-8")
    refused(tracker("import", str(path)), "q.csv: row 2 (line 2): a quoted field is never closed")
    assert figures(tracker) == {}  # was "1 row: 1 added", the next rows swallowed into the note


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("code,year,value,note\nT07,2021\n", "row 2 has 2 fields where the header has 4"),
        ("code,year,value\nT07,2021,1,000\n", "row 2 has 4 fields where the header has 3"),
        ('code,year,value\nT07,2021,"16"0"\n', "a quote inside a quoted field must be doubled"),
        ("code,year,value\nT07,2021,1\x00\n", "row 2, column C (value): T07 2021: '1\\x00' is not a number"),
    ],
)
def test_a_malformed_csv_row_is_refused(tracker, tmp_path: Path, text: str, says: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "m.csv"
    path.write_text(text, encoding="utf-8")
    refused(tracker("import", str(path)), says)
    assert figures(tracker) == {}


def test_utf16_csv_from_excel_unicode_text_is_read(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "unicode.csv"
    path.write_bytes("Mã\tNăm\tSố liệu\tGhi chú\r\nT07\t2021\t160\tBáo cáo năm\r\n".encode("utf-16"))
    assert tracker("import", str(path)).code == 0
    assert figures(tracker) == {"T07": {"2021": 160}}


def test_a_file_with_too_many_rows_is_refused_without_reading_it_all(
    tracker, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from tracker.sheets import _csv as csv_file

    monkeypatch.setattr(csv_file, "MAX_ROWS", 1000)
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("code,year,value\n")
        out.writelines("T07,2021,1\n" for _ in range(50_000))
    refused(tracker("import", str(path)), "big.csv: more than 1000 rows of figures")


@pytest.mark.parametrize(
    ("out", "says"),
    [
        ("tracker.db", "is the database in use"),  # was overwritten: every later command failed
        ("tracker.db-wal", "is the database in use"),
        ("config.yaml", "is the config file in use"),
    ],
)
def test_out_never_replaces_the_database_or_the_config(
    tracker, config_file: Path, out: str, says: str
) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2021", "160")
    target = config_file.parent / out
    before = target.read_bytes() if target.exists() else None
    for args in (["export", "--format", "csv", "--force"], ["template", "2022", "--force"]):
        refused(tracker(*args, "--out", str(target)), says, "nothing was written")
    assert (target.read_bytes() if target.exists() else None) == before
    assert figures(tracker) == {"T07": {"2021": 160}}


def test_an_existing_export_is_replaced_only_with_force_and_only_by_its_kind(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2021", "160")
    csv_file, notes = tmp_path / "e.csv", tmp_path / "ghi-chu.txt"
    notes.write_text("Ghi chú của văn phòng, không phải số liệu\n", encoding="utf-8")
    assert tracker("export", "--out", str(csv_file)).code == 0
    refused(tracker("export", "--out", str(csv_file)), "exists; add --force to replace it")
    assert tracker("export", "--out", str(csv_file), "--force").code == 0
    refused(
        tracker("export", "--out", str(csv_file), "--format", "json", "--force"), "exists and is a CSV file"
    )
    refused(tracker("export", "--out", str(notes), "--format", "json", "--force"), "nothing was written")
    refused(tracker("export", "--out", str(tmp_path), "--format", "csv"), "is a folder")
    assert notes.read_text(encoding="utf-8").startswith("Ghi chú")


def percent_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "year", "value"])
    sheet.append(["T01", 2021, 0.905])  # typed 90.5% in Excel: the cell holds 0.905
    sheet["C2"].number_format = "0.0%"
    sheet.append(["T03", 2021, 0.9])
    sheet["C3"].number_format = "0%"
    book.save(path)
    return path


def test_a_percentage_cell_is_read_as_a_percentage(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert tracker("import", str(percent_workbook(tmp_path / "pct.xlsx"))).code == 0
    assert figures(tracker) == {"T01": {"2021": 90.5}, "T03": {"2021": 90}}  # was 0.905%: "missed"


def test_a_percentage_cell_saved_by_libreoffice_is_read_as_a_percentage(
    tracker, tmp_path: Path, soffice: str
) -> None:  # type: ignore[no-untyped-def]
    source = percent_workbook(tmp_path / "goc.xlsx")
    saved = tmp_path / "lo"
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
         "--convert-to", "xlsx", "--outdir", str(saved), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    assert tracker("import", str(saved / "goc.xlsx")).code == 0
    assert figures(tracker) == {"T01": {"2021": 90.5}, "T03": {"2021": 90}}


def test_a_workbook_without_a_sheet_is_refused(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    whole = percent_workbook(tmp_path / "a.xlsx")
    empty = tmp_path / "khong-co-trang.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(empty, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/workbook.xml":  # a workbook that lists no sheet
                start, end = data.index(b"<sheets>"), data.index(b"</sheets>") + len(b"</sheets>")
                data = data[:start] + b"<sheets/>" + data[end:]
            if not name.startswith("xl/worksheets/"):
                target.writestr(name, data)
    refused(tracker("import", str(empty)), "khong-co-trang.xlsx: ")


def test_a_small_workbook_that_inflates_to_gigabytes_is_refused_at_once(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(percent_workbook(tmp_path / "a.xlsx")) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name, data in parts.items():
            if name == "xl/worksheets/sheet1.xml":
                with target.open(name, "w") as stream:  # 1 GB of blanks, a megabyte zipped
                    stream.write(data[:-20])
                    for _ in range(1024):
                        stream.write(b" " * 2**20)
                    stream.write(data[-20:])
            else:
                target.writestr(name, data)
    assert bomb.stat().st_size < 5 * 2**20
    began = time.monotonic()
    refused(tracker("import", str(bomb)), "would inflate to 1024 MB", "at most 256 MB")
    assert time.monotonic() - began < 5  # refused before anything is inflated


def test_thousands_of_merged_ranges_are_read_quickly(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "year", "value"])
    sheet.append(["T07", 2021, 160])
    for row in range(3, 5003):
        sheet.cell(row=row, column=5, value=None)
        sheet.merge_cells(start_row=row, start_column=5, end_row=row, end_column=6)
    path = tmp_path / "merged.xlsx"
    book.save(path)
    began = time.monotonic()
    assert tracker("import", str(path)).code == 0
    assert time.monotonic() - began < 10  # took half a minute
    assert figures(tracker) == {"T07": {"2021": 160}}


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("threshold: 90\n", "threshold: .nan\n", "targets[0].threshold: must be a finite number"),
        ("threshold: 90\n", "threshold: .inf\n", "targets[0].threshold: must be a finite number"),
        ("threshold: 90\n", "threshold: 1.0e+400\n", "targets[0].threshold: must be a finite number"),
        ("threshold: 90\n", "threshold: true\n", "targets[0].threshold: must be a number"),
        (
            "congress_date: 2020-08-18",
            "congress_date: 2020-02-30",
            "resolution.congress_date: '2020-02-30' is not a day",
        ),
        (
            "reporting_years: [2021, 2022, 2023, 2024, 2025]",
            "reporting_years: [2021, 99999999999999999999]",
            "calendar years",
        ),
        ("language: vi ", "language: vi\nlanguage: en\n#", "the key 'language' is given twice"),
        (
            "# database:\n#   url: sqlite:///tracker.db",
            "database:\n  url: not a url\n#",
            "database.url: 'not a url' is not a database URL",
        ),
        (
            "# database:\n#   url: sqlite:///tracker.db",
            "database:\n  url: mysql://h/db\n#",
            "accepted: SQLite or PostgreSQL",
        ),
    ],
)
def test_a_config_that_cannot_work_is_refused_at_load(
    run, config_file: Path, old: str, new: str, says: str
) -> None:  # type: ignore[no-untyped-def]
    text = config_file.read_text(encoding="utf-8")
    assert old in text
    config_file.write_text(text.replace(old, new, 1), encoding="utf-8")
    for command in (["init"], ["status"]):  # some failed only at the next status
        result = run("--config", str(config_file), *command)
        refused(result, says)
        assert ":" in result.err.split(says)[0]  # with its line
    assert not (config_file.parent / "tracker.db").exists()


def test_a_database_url_in_the_environment_that_is_not_one_is_refused(
    run, config_file: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TRACKER_DATABASE_URL", "hello")
    refused(run("--config", str(config_file), "init"), "TRACKER_DATABASE_URL: 'hello' is not a database URL")


@pytest.mark.parametrize("moment", ["0001-01-01", "9999-12-31T23:59:59-12:00", "1-01-01", "2024-02-30"])
def test_as_recorded_at_the_edges_of_the_calendar_is_refused(tracker, moment: str) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2021", "160")
    refused(tracker("report", "--as-recorded", moment), f"--as-recorded {moment!r}")


def test_a_workbook_with_an_xml_entity_bomb_is_refused_at_once(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10)
    )  # "billion laughs": 10^9 copies once expanded
    bomb = tmp_path / "laughs.xlsx"
    with (
        zipfile.ZipFile(percent_workbook(tmp_path / "a.xlsx")) as source,
        zipfile.ZipFile(bomb, "w") as target,
    ):
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = f"<!DOCTYPE worksheet [{entities}]>".encode() + data.replace(b">T01<", b">&a9;<")
            target.writestr(name, data)
    began = time.monotonic()
    refused(tracker("import", str(bomb)), "laughs.xlsx: not a readable .xlsx workbook")
    assert time.monotonic() - began < 10


def test_overlapping_merged_ranges_are_refused_at_once(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "year", "value"])
    for _ in range(20_000):
        sheet.append(["T07", None, 160])
    book.save(tmp_path / "plain.xlsx")
    ranges = "".join(f'<mergeCell ref="B{first}:B20001"/>' for first in range(2, 2002))  # 40 million cells
    path = tmp_path / "overlap.xlsx"
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</sheetData>", f'</sheetData><mergeCells count="2000">{ranges}</mergeCells>'.encode()
                )
            target.writestr(name, data)
    began = time.monotonic()
    refused(tracker("import", str(path)), "overlap.xlsx: its merged cell ranges overlap")
    assert time.monotonic() - began < 20
