"""A Word template that tries to run code, read the environment or hang the command: each is
refused in one line naming its placeholder (exit 2), and nothing is written, stored or run.

The template (`document.template`) is a file an office receives from others; Jinja without a
sandbox reaches Python from it (`cycler.__init__.__globals__.os`). The package's own HTML,
Markdown and text templates are drawn in the same sandbox, tested here on their environment.
"""

from __future__ import annotations

import os
import re
import sqlite3
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from docx import Document

from tracker.errors import TrackerError

PASSWORD = "s3cret-smtp-Pw-0427"
# Each route out of a template, as an office's hostile copy would write it.
ROUTES = [
    "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}",
    "{{ joiner.__init__.__globals__.os.environ.get('TRACKER_SMTP_PASSWORD') }}",
    "{{ namespace.__init__.__globals__.os.environ['TRACKER_SMTP_PASSWORD'] }}",
    "{{ labels.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ labels|attr('__globals__') }}",
    "{{ self._TemplateReference__context }}",
    "{% for i in range(10**9) %}x{% endfor %}",
    "{{ 1/0 }}",
    "{{ '{0.__class__.__init__.__globals__}'.format(labels) }}",
    "{{ labels['__class__'] }}",
    "{{ labels.items() }}",
    "{{ (1).__class__.__base__.__subclasses__() }}",
    "{{ 'x' * 10**9 }}",
    "{{ '{:>999999999}'.format(1) }}",
    "{{ 2 ** 99999999 }}",
    "{{ title + 1 }}",
    "{% for a in rows %}{% for b in rows %}{% for c in rows %}{% for d in rows %}{% for e in rows %}"
    "{% for f in years %}x{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
]
ROUTE_IDS = [
    "cycler", "lipsum", "joiner", "namespace", "mro", "str-class", "attr-filter", "template-reference",
    "huge-range", "division-by-zero", "format-string", "dunder-item", "method-call", "int-subclasses",
    "huge-text", "huge-width", "huge-power", "type-error", "nested-loops",
]  # fmt: skip


def hostile_template(run, path: Path, placeholder: str) -> Path:  # type: ignore[no-untyped-def]
    """The default Word template with one more paragraph holding `placeholder`."""
    assert run("report-template", "--out", str(path)).code == 0
    edited = Document(str(path))
    edited.add_paragraph(f"Người ký: {placeholder}")
    edited.save(str(path))
    return path


def use_template(config: Path, name: str) -> None:
    text = config.read_text(encoding="utf-8")
    config.write_text(
        re.sub(r"(?m)^document:.*$", lambda m: f"{m.group(0)}\n  template: {name}", text, count=1),
        encoding="utf-8",
    )


def stored_runs(config: Path) -> int:
    with sqlite3.connect(config.parent / "tracker.db") as db:
        return int(db.execute("SELECT count(*) FROM report_run").fetchone()[0])


@pytest.fixture
def office(tracker, config_file: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """An initialised database, the mail password in the environment, the folder as the
    working directory (where a `touch PWNED` would land)."""
    monkeypatch.setenv("TRACKER_SMTP_PASSWORD", PASSWORD)
    monkeypatch.chdir(config_file.parent)
    return tracker


def assert_refused(result, config: Path, runs: int, *named: str) -> str:  # type: ignore[no-untyped-def]
    """Exit 2, one line naming the template and what is given, nothing written, nothing run."""
    assert result.code == 2, (result.code, result.err)
    assert "Traceback" not in result.err
    (line,) = result.err.strip().splitlines()
    for text in named:
        assert text in line, line
    out = config.parent / "bao-cao"
    assert not out.exists() or not list(out.iterdir())
    assert stored_runs(config) == runs
    assert not (config.parent / "PWNED").exists()
    assert PASSWORD not in result.out + result.err
    for path in config.parent.rglob("*"):
        assert not path.is_file() or PASSWORD.encode() not in path.read_bytes(), path
    return line


def report(office, *args: str):  # type: ignore[no-untyped-def]
    return office("report", "--format", "docx,html", "--out", "bao-cao", *args)


@pytest.mark.parametrize("placeholder", ROUTES, ids=ROUTE_IDS)
def test_a_hostile_word_template_is_refused_by_its_placeholder(
    run, office, config_file: Path, placeholder: str
) -> None:  # type: ignore[no-untyped-def]
    hostile_template(run, config_file.parent / "mau.docx", placeholder)
    use_template(config_file, "mau.docx")
    runs = stored_runs(config_file)
    shown = placeholder if placeholder.startswith("{{") else placeholder[: placeholder.index("%}") + 2]
    if placeholder.count("{% for") > 1:
        shown = "{% for "  # the loop that goes past the limit, one of the nested ones
    assert_refused(report(office), config_file, runs, "mau.docx: ", shown)


@pytest.mark.usefixtures("vietnamese")
def test_the_refusal_is_said_in_vietnamese(run, office, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.cli.test_vietnamese import english_left

    hostile_template(run, config_file.parent / "mau.docx", "{{ 1/0 }}")
    use_template(config_file, "mau.docx")
    line = assert_refused(report(office), config_file, stored_runs(config_file), "{{ 1/0 }}")
    assert not english_left(line), line


def test_the_default_template_still_draws(office, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    result = report(office)
    assert result.code == 0, result.err
    assert {Path(p).suffix for p in result.out.split()} == {".docx", ".html"}


# -- The template file itself: a regular file, of a Word template's size ----------------------


def test_a_template_that_is_a_pipe_is_refused_without_waiting(office, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    os.mkfifo(config_file.parent / "mau.docx")  # opened for reading, it would wait for a writer
    use_template(config_file, "mau.docx")
    assert_refused(report(office), config_file, stored_runs(config_file), "mau.docx", ".docx")


@pytest.mark.parametrize("target", ["folder", "/dev/zero"])
def test_a_template_that_is_a_folder_or_a_device_is_refused(office, config_file: Path, target: str) -> None:  # type: ignore[no-untyped-def]
    if target == "folder":
        (config_file.parent / "mau.docx").mkdir()
        name = "mau.docx"
    else:
        name = target
    use_template(config_file, name)
    assert_refused(report(office), config_file, stored_runs(config_file), ".docx")


def test_a_template_larger_than_the_limit_is_refused_unread(office, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    from tracker.render.docx._source import MAX_TEMPLATE_BYTES

    with open(config_file.parent / "mau.docx", "wb") as big:
        big.truncate(MAX_TEMPLATE_BYTES + 1)  # sparse: nothing is really written
    use_template(config_file, "mau.docx")
    assert_refused(report(office), config_file, stored_runs(config_file), "mau.docx", "20 MB")


def bomb(run, path: Path, declared: int | None = None) -> None:  # type: ignore[no-untyped-def]
    """The default template with one more part of 101 MB of zeros (about 100 KB zipped); its
    size in the zip's directory and local header set to `declared` when given (a lying zip)."""
    from tracker.render.docx._source import MAX_UNZIPPED_BYTES

    assert run("report-template", "--out", str(path)).code == 0
    chunk = b"\0" * (1024 * 1024)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/bomb.xml", "w") as part,
    ):
        for _ in range(MAX_UNZIPPED_BYTES // len(chunk) + 1):
            part.write(chunk)
    if declared is not None:
        data = bytearray(path.read_bytes())
        local = data.rindex(b"PK\x03\x04")  # the last part's local header
        central = data.rindex(b"PK\x01\x02")  # and its entry in the directory
        struct.pack_into("<I", data, local + 22, declared)
        struct.pack_into("<I", data, central + 24, declared)
        path.write_bytes(bytes(data))


def test_a_zip_bomb_is_refused_by_its_directory(run, office, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    bomb(run, config_file.parent / "mau.docx")
    use_template(config_file, "mau.docx")
    assert_refused(report(office), config_file, stored_runs(config_file), "mau.docx", "100 MB")


def test_a_zip_bomb_whose_directory_lies_is_refused(run, office, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    bomb(run, config_file.parent / "mau.docx", declared=1000)
    use_template(config_file, "mau.docx")
    assert_refused(report(office), config_file, stored_runs(config_file), "mau.docx")


def test_reading_the_parts_through_stops_at_the_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The parts are counted as they unzip, not only from the directory: with a directory that
    says nothing, the reading still stops at the limit."""
    from tracker.render.docx import _source

    path = tmp_path / "t.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w/>" * 5000)
    monkeypatch.setattr(_source, "MAX_UNZIPPED_BYTES", 19_999)
    monkeypatch.setattr(_source, "declared_size", lambda parts: 0)
    with pytest.raises(TrackerError, match=r"t\.docx"):
        _source.check_unzipped("t.docx", path.read_bytes())


# -- The package's own templates: the same sandbox ----------------------------------------------


@dataclass(frozen=True)
class Row:
    """A row of the overview, with what its Markdown table's rule is measured on."""

    code: str = "T01"
    title: str = "Kết nạp đảng viên"
    body: str = "Đảng bộ tỉnh"
    term: str = "2020-2025"
    as_of: int = 2022
    statuses: tuple[str, ...] = ("3 đạt",)
    flagged: str = "0"
    missing: str = "0"


OVERVIEW_HEADS = dict.fromkeys(("code", "resolution", "term", "as_of", "statuses", "flagged", "missing"), "x")


@dataclass(frozen=True)
class Overview:
    labels: dict[str, str] = field(default_factory=lambda: {"title": "Tổng hợp"} | OVERVIEW_HEADS)
    rows: list[Row] = field(default_factory=lambda: [Row(f"T{n:02}") for n in range(1, 21)])
    years: list[int] = field(default_factory=lambda: [2021, 2022])
    title: str = "Nghị quyết"


@pytest.mark.parametrize("fmt", ["html", "md", "txt"])
@pytest.mark.parametrize("placeholder", ROUTES, ids=ROUTE_IDS)
def test_the_text_templates_are_drawn_in_the_same_sandbox(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fmt: str, placeholder: str
) -> None:
    from jinja2 import DictLoader

    from tracker.render import render
    from tracker.render._templates import environment

    monkeypatch.setenv("TRACKER_SMTP_PASSWORD", PASSWORD)
    monkeypatch.chdir(tmp_path)
    name = f"overview.{fmt}.j2"
    source = f"{{{{ title }}}}\n{{% for row in rows %}}{{{{ row.code }}}} {placeholder}\n{{% endfor %}}"
    monkeypatch.setattr(environment(), "loader", DictLoader({name: source}))
    with pytest.raises(TrackerError) as refused:
        render(fmt, Overview(), "overview")
    (line,) = str(refused.value).splitlines()
    shown = placeholder if placeholder.startswith("{{") else "{% for "
    assert line.startswith(f"{name}: ") and shown in line, line
    assert PASSWORD not in line and not (tmp_path / "PWNED").exists()


def test_the_text_templates_draw_their_own_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    from jinja2 import DictLoader

    from tracker.render import render
    from tracker.render._templates import environment

    source = "{% for row in rows %}{{ row.code }}: {{ row.title|upper }}{% if not loop.last %}; {% endif %}"
    source += "{% endfor %}"
    monkeypatch.setattr(environment(), "loader", DictLoader({"overview.txt.j2": source}))
    drawn = render("txt", Overview(rows=[Row(), Row("T02")]), "overview")
    assert drawn == "T01: KẾT NẠP ĐẢNG VIÊN; T02: KẾT NẠP ĐẢNG VIÊN"


def test_a_template_whose_name_holds_control_characters_is_refused_printably(
    run, office, config_file: Path
) -> None:  # type: ignore[no-untyped-def]
    hostile_template(run, config_file.parent / "mau\x1b[2J\u202e.docx", "{{ 1/0 }}")
    use_template(config_file, '"mau\\e[2J\\u202e.docx"')  # YAML's escapes: ESC, RIGHT-TO-LEFT OVERRIDE
    line = assert_refused(report(office), config_file, stored_runs(config_file), "document.template")
    assert "\x1b" not in line and "\u202e" not in line, repr(line)


def test_a_failing_template_is_named_printably(office, run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    from tracker.render.docx._source import read_template

    path = hostile_template(run, config_file.parent / "mau\x1b[2J.docx", "{{ 1/0 }}")
    name, _data = read_template(str(path))
    assert "\x1b" not in name and name.endswith("[2J.docx"), repr(name)


@pytest.mark.parametrize("typo", ["{{ labels.party }", "{% if rows %", "{{ title"])
def test_a_placeholder_left_open_is_named_as_typed(run, office, config_file: Path, typo: str) -> None:  # type: ignore[no-untyped-def]
    """Not the kilobytes of Word markup up to the next closing braces (the footer's history code)."""
    hostile_template(run, config_file.parent / "mau.docx", typo)
    use_template(config_file, "mau.docx")
    line = assert_refused(report(office), config_file, stored_runs(config_file), "mau.docx: ", typo)
    assert "<w:" not in line and len(line) < 400, line
