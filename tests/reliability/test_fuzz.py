"""Fuzzing the parts that read what people and their spreadsheets give: the figure parser, the
CSV and XLSX readers, the config loader, and `tracker import` end to end. The property is the
same everywhere: a clear refusal (exit 2, an error of the tool's own) or a correct result;
never an internal error (exit 70), never a hang (each example has a deadline)."""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import re
import shutil
import string
import zipfile
from pathlib import Path

import pytest
from babel.numbers import format_decimal
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.helpers import default_config_text
from tracker.config._parse import parse_config
from tracker.errors import ConfigError, TrackerError
from tracker.evaluate import (
    MAX_COUNT,
    Figure,
    InvalidFigure,
    Measure,
    figure,
    figure_of_number,
    parse_figure,
)
from tracker.sheets import read_sheet

FAST = settings(max_examples=300, deadline=500)
SLOW = settings(max_examples=40, deadline=10_000, suppress_health_check=[HealthCheck.function_scoped_fixture])
NUMBERISH = st.text(alphabet="0123456789.,%/ -+eE٩１", max_size=24)


def well_formed(found: Figure, measure: Measure) -> bool:
    value = found.value
    if measure is Measure.SHARE:
        counts_agree = found.denominator is None or (
            0 <= (found.numerator or 0) <= found.denominator <= MAX_COUNT
            and abs(value - found.numerator * 100 / found.denominator) < 1e-9  # type: ignore[operator]
        )
        return 0 <= value <= 100 and counts_agree
    return value.is_integer() and 0 <= value <= MAX_COUNT and found.denominator is None


@FAST
@given(text=st.one_of(st.text(max_size=60), NUMBERISH), measure=st.sampled_from(Measure))
def test_any_text_is_a_well_formed_figure_or_a_clear_refusal(text: str, measure: Measure) -> None:
    try:
        found = parse_figure(text, measure)
    except InvalidFigure as exc:
        assert str(exc)  # says why
        return
    assert well_formed(found, measure), (text, found)


@FAST
@given(count=st.integers(min_value=0, max_value=MAX_COUNT))
def test_a_count_as_the_tool_itself_writes_it_reads_back_the_same(count: int) -> None:
    vietnamese = str(format_decimal(count, locale="vi"))  # 1.234.567, as the reports print it
    for text in (str(count), vietnamese, figure(count, Measure.COUNT, "vi")):
        assert parse_figure(text, Measure.COUNT).value == count, text


@FAST
@given(hundredths=st.integers(min_value=0, max_value=10_000))
def test_a_share_as_the_tool_itself_writes_it_reads_back_the_same(hundredths: int) -> None:
    value = hundredths / 100
    written = figure(value, Measure.SHARE, "vi")  # "90,5%", as the reports print it
    assert parse_figure(written, Measure.SHARE).value == value, written


@FAST
@given(
    number=st.one_of(
        st.floats(allow_nan=True, allow_infinity=True), st.integers(min_value=-(2**70), max_value=2**70)
    ),
    measure=st.sampled_from(Measure),
    percent=st.booleans(),
)
def test_any_number_cell_is_a_well_formed_figure_or_a_clear_refusal(
    number: float, measure: Measure, percent: bool
) -> None:
    try:
        found = figure_of_number(number, measure, percent=percent)
    except InvalidFigure:
        return
    assert well_formed(found, measure)


def read_or_refuse(path: Path) -> None:
    try:
        with read_sheet(path) as sheet:
            rows = list(sheet.rows)  # read as they are asked for: a problem shows on the way
    except TrackerError as exc:
        assert str(exc)
        return
    assert rows and all(line >= 2 for line, _ in rows)


CELL = st.one_of(
    st.text(alphabet=string.printable + "ăâđêôơưÁÀẢÃẠ\"';,\t", max_size=12),
    st.sampled_from(["code", "year", "value", "mã", "năm", "T07", "2021", "1.200", '"', '""', "\r\n"]),
)


@SLOW
@given(rows=st.lists(st.lists(CELL, max_size=6), max_size=8), separator=st.sampled_from([",", ";", "\t"]))
def test_any_csv_text_is_read_or_refused(tmp_path_factory, rows: list[list[str]], separator: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("csv") / "f.csv"
    header = separator.join(["code", "year", "value"])
    path.write_text(header + "\n" + "\n".join(separator.join(row) for row in rows), encoding="utf-8")
    read_or_refuse(path)


@SLOW
@given(data=st.binary(max_size=400))
def test_any_bytes_named_csv_are_read_or_refused(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("bytes") / "f.csv"
    path.write_bytes(b"code,year,value\n" + data)
    read_or_refuse(path)


def workbook_bytes(
    rows: list[list[object]], percent_cells: list[int], merges: list[tuple[int, int]]
) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["code", "year", "value", "note"])
    for row in rows:
        sheet.append(row)
    for index in percent_cells:
        sheet.cell(row=2 + index % max(len(rows), 1), column=3).number_format = "0.0%"
    for first, height in merges:
        sheet.merge_cells(start_row=2 + first, start_column=2, end_row=2 + first + height, end_column=2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX_CELL = st.one_of(
    st.none(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(alphabet=string.ascii_letters + string.digits + ".,%/=- ", max_size=8),
)


@SLOW
@given(
    rows=st.lists(st.lists(XLSX_CELL, min_size=1, max_size=4), max_size=6),
    percent_cells=st.lists(st.integers(min_value=0, max_value=10), max_size=3),
    merges=st.lists(st.tuples(st.integers(0, 6), st.integers(1, 3)), max_size=2, unique_by=lambda m: m[0]),
    damage=st.one_of(st.none(), st.tuples(st.integers(min_value=0), st.binary(min_size=1, max_size=8))),
)
def test_any_workbook_whole_or_damaged_is_read_or_refused(
    tmp_path_factory, rows, percent_cells, merges, damage
) -> None:  # type: ignore[no-untyped-def]
    assume(len({m[0] for m in merges}) == len(merges))
    spans = sorted((first, first + height) for first, height in merges)
    assume(all(a[1] < b[0] for a, b in itertools.pairwise(spans)))  # Excel never overlaps them
    data = workbook_bytes(rows, percent_cells, merges)
    if damage is not None:
        at, junk = damage
        at %= len(data)
        data = data[:at] + junk + data[at + len(junk) :]
    path = tmp_path_factory.mktemp("xlsx") / "f.xlsx"
    path.write_bytes(data)
    read_or_refuse(path)


def test_a_workbook_missing_its_sheet_part_is_refused(tmp_path: Path) -> None:
    whole = workbook_bytes([["T07", 2021, 160, None]], [], [])
    path = tmp_path / "f.xlsx"
    with zipfile.ZipFile(io.BytesIO(whole)) as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            if name != "xl/worksheets/sheet1.xml":
                target.writestr(name, source.read(name))
    try:
        read_sheet(path)
    except TrackerError as exc:
        assert "f.xlsx" in str(exc)
    else:
        raise AssertionError("a workbook without its sheet was read")


YAML_VALUE = st.one_of(
    st.sampled_from(
        [
            ".nan",
            ".inf",
            "-.inf",
            "1.0e+400",
            "true",
            "null",
            "~",
            "''",
            "[]",
            "{}",
            "2020-02-30",
            "0x1F",
            "1_000",
            "12:30",
            "!!binary aGk=",
            "*nothing",
            "&a x",
            "'\\x1b[31m'",
            '"\\e"',
            "- a",
            ": b",
            "9" * 30,
        ]
    ),
    st.integers().map(str),
    st.floats().map(repr),
    st.text(alphabet=string.printable, max_size=15),
)


@SLOW
@given(line=st.integers(min_value=0, max_value=400), value=YAML_VALUE)
def test_any_config_change_is_refused_with_its_place_or_works(
    run, tmp_path_factory, line: int, value: str
) -> None:  # type: ignore[no-untyped-def]
    lines = default_config_text().splitlines()
    index = line % len(lines)
    key, colon, _ = lines[index].partition(":")
    lines[index] = f"{key}: {value}" if colon else value
    text = "\n".join(lines) + "\n"
    try:
        parse_config(text)
    except ConfigError as exc:
        assert all(problem.startswith("config.yaml") for problem in exc.problems), exc.problems
        return
    folder = tmp_path_factory.mktemp("config")
    (folder / "config.yaml").write_text(text, encoding="utf-8")
    for command in (["init"], ["status"], ["report", "--format", "txt"]):
        result = run("--config", str(folder / "config.yaml"), *command)
        assert result.code in (0, 1, 2), (value, command, result.err)  # never 70


FIGURE_TEXT = st.one_of(NUMBERISH, st.sampled_from(["160", "1.200", "90,5", "38/42", "100%", "1,000", ""]))


@SLOW
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["T01", "T03", "T07", "T99", "t07", ""]),
            st.sampled_from(["2021", "2022", "1999", "x"]),
            FIGURE_TEXT,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_import_is_refused_whole_or_stored_exactly(run, tmp_path_factory, template, rows) -> None:  # type: ignore[no-untyped-def]
    import json

    folder = tmp_path_factory.mktemp("import")
    config = folder / "config.yaml"
    shutil.copy(template / "config.yaml", config)
    shutil.copy(template / "tracker.db", folder / "tracker.db")
    lines = ["code,year,value"] + [f'{c},{y},"{v}"' for c, y, v in rows]
    (folder / "f.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("--config", str(config), "import", str(folder / "f.csv"))
    assert result.code in (0, 2), result.err
    stored = json.loads(run("--config", str(config), "export", "--format", "json").out)["figures"]
    if result.code == 2:
        assert stored == [] and result.err.startswith("tracker: error: ")  # all or nothing
        return
    wanted = {}
    for code, year, text in rows:
        measure = Measure.COUNT if code.upper() == "T07" else Measure.SHARE
        if text.strip():
            wanted[(code.upper(), int(year))] = parse_figure(text, measure).value
    assert {(f["code"], f["year"]): float(f["value"]) for f in stored} == wanted


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """One initialised database, copied for each example (an `init` per example is slow)."""
    from tracker.cli import main

    folder = tmp_path_factory.mktemp("template")
    (folder / "config.yaml").write_text(default_config_text(), encoding="utf-8")
    try:
        main(["--config", str(folder / "config.yaml"), "init"])
    except SystemExit as exc:
        assert exc.code in (0, None)
    return folder


# Names as a folder of workbooks received by mail may hold them: control characters, line and
# paragraph separators, bidirectional overrides, names too long for the file system.
NAME_CHARS = st.sampled_from(
    [*"ab-_.é ", "\x1b", "\x07", "\n", "\t", "\r", "\x85", "\x9b", "\u202e", "\u2028"]
)
FILE_NAME = st.one_of(
    st.text(alphabet=NAME_CHARS, min_size=1, max_size=20),
    st.integers(min_value=250, max_value=400).map(lambda n: "x" * n),
)
ENTRY_KINDS = ("file", "pipe", "loop", "dangling", "folder", "device")
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\ud800-\udfff]")


def make_entry(path: Path, kind: str) -> None:
    """An entry of the folder: a file of figures, or something that only looks like one."""
    if kind == "file":
        path.write_text("code,year,value\nT07,2021,150\n", encoding="utf-8")
    elif kind == "pipe":
        os.mkfifo(path)
    elif kind == "loop":
        path.symlink_to(path)
    elif kind == "dangling":
        path.symlink_to(path.with_name("gone"))
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to("/dev/zero")


@SLOW
@given(
    entries=st.lists(st.tuples(FILE_NAME, st.sampled_from(ENTRY_KINDS)), min_size=1, max_size=4),
    by_name=st.booleans(),
)
def test_any_folder_or_name_is_imported_or_refused_in_clear_lines(
    run, tmp_path_factory, template, entries, by_name
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("names")
    shutil.copy(template / "config.yaml", folder / "config.yaml")
    shutil.copy(template / "tracker.db", folder / "tracker.db")
    inbox = folder / "inbox"
    inbox.mkdir()
    paths = []
    for index, (name, kind) in enumerate(entries):
        path = inbox / f"{index}{name}.csv"
        with contextlib.suppress(OSError):  # too long for the file system: only named in argv
            make_entry(path, kind)
        paths.append(str(path))
    args = paths if by_name else [str(inbox)]
    result = run("--config", str(folder / "config.yaml"), "import", *args)
    assert result.code in (0, 2), result.err  # never 70, never a hang
    assert not UNSAFE.search(result.err) and not UNSAFE.search(result.out), result.err
    assert all(line.startswith("tracker: error: ") for line in result.err.splitlines()), result.err


# Pieces of placeholders: the report's names, Jinja's own, Python's insides, operators, filters.
PLACEHOLDER_PART = st.sampled_from(
    [
        "labels", "rows", "title", "document", "years", "cycler", "lipsum", "joiner", "namespace",
        "range(10**9)", "self", "loop", "''", "1", "0", "10**9", ".__class__", ".__mro__[1]",
        ".__subclasses__()", ".__init__.__globals__", "._TemplateReference__context", ".party",
        ".items()", "|attr('__globals__')", "|upper", "|join(',')", "|length", "/", "*", "**", "~",
        "+", "%", "'{0.__class__}'.format(labels)", "'{:>99999999}'.format(1)", "[0]", "['_x']",
        "(", ")", ".format(1)", " if ", " else ", "[", "]", ",",
    ]
)  # fmt: skip
PLACEHOLDER = st.one_of(
    st.lists(PLACEHOLDER_PART, min_size=1, max_size=6).map(lambda parts: "{{ " + " ".join(parts) + " }}"),
    st.lists(PLACEHOLDER_PART, min_size=1, max_size=4).map(
        lambda parts: "{% for x in " + " ".join(parts) + " %}{{ x }}{% endfor %}"
    ),
    st.sampled_from(
        [
            "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
            "{{ lipsum.__globals__['os'].popen('id').read() }}",
            "{{ self._TemplateReference__context }}",
            "{% for a in rows %}{% for b in rows %}{% for c in rows %}{% for d in rows %}{% for e in rows %}"
            "{% for f in rows %}x{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
            "{{ 1/0 }}",
            "{% if %}",
            "{{ }}",
            "{{ labels.party }",
        ]
    ),
)


@pytest.fixture(scope="module")
def word_template() -> bytes:
    """The default Word template's bytes, made once."""
    from tracker.render.docx import default_template

    return default_template("vi")


@SLOW
@given(placeholder=PLACEHOLDER)
def test_any_placeholder_in_a_word_template_is_drawn_or_refused(
    run, tmp_path_factory, template, word_template, placeholder: str
) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    folder = tmp_path_factory.mktemp("word")
    shutil.copy(template / "tracker.db", folder / "tracker.db")
    text = (template / "config.yaml").read_text(encoding="utf-8")
    (folder / "config.yaml").write_text(
        text.replace("\ndocument:", "\ndocument:\n  template: mau.docx\n  # ", 1), encoding="utf-8"
    )
    edited = Document(io.BytesIO(word_template))
    edited.add_paragraph(placeholder)
    edited.save(str(folder / "mau.docx"))
    result = run(
        "--config", str(folder / "config.yaml"), "report", "--format", "docx", "--out", str(folder / "out")
    )
    assert result.code in (0, 2), (placeholder, result.err)  # never 70
    if result.code == 2:
        assert len(result.err.strip().splitlines()) == 1 and "mau.docx" in result.err, result.err
        assert not (folder / "out").exists() or not list((folder / "out").iterdir())
    assert not Path("PWNED").exists()
