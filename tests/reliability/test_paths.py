"""File names and files that are not what they seem: a name with control characters never
drives the terminal, a folder's links and pipes are named and never followed, a device or a
pipe is never opened, a name too long is one line, and an empty value is refused. On SQLite and
PostgreSQL (`setup`) where a command reads or writes the database; in-process otherwise."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.conftest import Setup

# What must never reach a terminal: C0 and C1 controls (but the line break ending a line), the
# bidirectional marks and overrides, the Unicode line separators, lone surrogates.
UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
NAMES = {
    "esc": "x\x1b[31mRED",
    "bel": "bell\x07",
    "newline": "two\nlines",
    "rlo": "line\u202ecod",
    "nel": "next\x85line",
    "csi": "csi\x9b2J",
    "separator": "para\u2028graph",
    "not-utf8": os.fsdecode(b"bad\xff"),
}


def clean(result: Any, lines: int | None = 1) -> None:
    """Nothing unsafe on stdout or stderr; every error line is one of the tool's own."""
    out, err = result.out if hasattr(result, "out") else result.stdout, getattr(result, "err", None)
    err = result.stderr if err is None else err
    assert not UNSAFE.search(out) and not UNSAFE.search(err), (out, err)
    said = err.splitlines()
    assert all(line.startswith("tracker: error: ") for line in said), err
    if lines is not None:
        assert len(said) == lines, err


def test_names_with_control_characters_are_shown_printable(setup: Setup, tmp_path: Path) -> None:
    for key, raw in NAMES.items():
        folder = tmp_path / key
        folder.mkdir()
        missing = setup.run("import", str(folder / f"{raw}.csv"))
        assert missing.returncode == 2
        clean(missing)
        bad = folder / f"{raw}.csv"
        bad.write_text("code,year,value\nT99,2021,5\n", encoding="utf-8")
        refused = setup.run("import", str(bad))
        assert refused.returncode == 2 and "row 2" in refused.stderr
        clean(refused, lines=2)  # the row's problem, then "nothing was imported"
        for args in (
            ["export", "--out", str(folder / f"{raw}-out.csv")],
            ["template", "2021", "--out", str(folder / f"{raw}.xlsx")],
            ["report-template", "--out", str(folder / f"{raw}.docx")],
        ):
            done = setup.run(*args)
            assert done.returncode == 0, done.stderr
            clean(done, lines=0)
            assert len(done.stdout.splitlines()) == 1, done.stdout
        config = setup.run("--config", str(folder / f"{raw}.yaml"), "status")
        assert config.returncode == 2
        clean(config)


def test_a_folder_of_names_with_control_characters(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "inbox"
    folder.mkdir()
    for key, raw in NAMES.items():
        if key != "not-utf8":  # the in-process run writes text: the bytes are tested above
            (folder / f"{raw}.csv").write_text(f"code,year,value\nT07,{2021},{len(key)}\n", encoding="utf-8")
    result = tracker("import", str(folder))
    assert result.code == 2
    clean(result, lines=None)
    assert "given" not in result.err


@pytest.mark.parametrize("text", ["\x00", "\x1b[2J", "\x9b31m", "a\u202eb", "a\nb", "\x85"])
def test_texts_read_from_a_file_are_shown_printable(tracker, tmp_path: Path, text: str) -> None:  # type: ignore[no-untyped-def]
    cells = tmp_path / "cells.csv"
    cells.write_text(f'code,year,value,"{text}"\n"T{text}",2021,5,\n', encoding="utf-8")
    result = tracker("import", str(cells))
    assert result.code == 2
    clean(result, lines=None)
    workbook = tmp_path / "units.xlsx"
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["code", "year", "value", "unit"])
    allowed = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "?", text)  # what a workbook may hold
    book.active.append([f"T07{allowed}", 2021, 5, f"X{allowed}"])
    book.save(workbook)
    result = tracker("import", str(workbook))
    assert result.code == 2
    clean(result, lines=None)


def odd_folder(tmp_path: Path) -> tuple[Path, Path]:
    """A folder of workbooks received by mail: one good file, and entries that are not files."""
    secret = tmp_path / "secret.txt"
    secret.write_text("code,year,value\nPASSWORD-LINE,2021,1\n", encoding="utf-8")
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.csv").write_text("code,year,value\nT07,2021,150\n", encoding="utf-8")
    (folder / "outside.csv").symlink_to(secret)
    (folder / "dangling.csv").symlink_to(tmp_path / "gone.csv")
    (folder / "zero.csv").symlink_to("/dev/zero")
    (folder / "loop.csv").symlink_to(folder / "loop.csv")
    os.mkfifo(folder / "pipe.csv")
    return folder, secret


def test_a_folder_import_names_every_entry_that_is_not_a_file(setup: Setup, tmp_path: Path) -> None:
    folder, _secret = odd_folder(tmp_path)
    result = setup.run("import", str(folder))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 6, result.stderr  # five entries, then what became of the import
    for name in ("outside.csv", "dangling.csv", "zero.csv", "loop.csv"):
        assert any(name in line and "a link" in line for line in lines), result.stderr
    assert any("pipe.csv: a named pipe" in line for line in lines)
    assert "5 entries of the folder" in lines[-1] and "nothing was imported" in lines[-1]
    assert "PASSWORD" not in result.stderr
    assert setup.query("SELECT count(*) FROM entry") == [(0,)]
    clean(result, lines=6)


def test_a_loop_of_links_given_by_name_is_one_line(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop)
    folder = tmp_path / "folder"
    folder.symlink_to(folder)
    for args in (["import", str(loop)], ["import", str(folder)], ["import", str(loop), str(loop)]):
        result = tracker(*args)
        assert result.code == 2 and "loop of links" in result.err, result.err
        clean(result)
    result = tracker("report", "--out", str(folder))
    assert result.code == 2 and "loop of links" in result.err
    clean(result)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/full", "link"])
def test_an_output_that_is_a_device_is_refused_unread(setup: Setup, tmp_path: Path, device: str) -> None:
    target = Path(device)
    if device == "link":
        target = tmp_path / "so-lieu.csv"
        target.symlink_to("/dev/zero")
    for args in (
        ["export", "--out", str(target)],
        ["export", "--out", str(target), "--force"],
        ["template", "2021", "--out", str(target)],
        ["report-template", "--out", str(target)],
        ["report", "--out", str(target), "--format", "md"],
        ["template", "2021", "--units", "--out", str(target)],
    ):
        result = setup.run(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert "a device" in result.stderr or "exists" in result.stderr, result.stderr
        clean(result)


def test_an_input_that_is_a_pipe_or_a_device_is_refused_unopened(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    narrative = tmp_path / "narrative.md"
    os.mkfifo(narrative)
    config = tmp_path / "pipe.yaml"
    os.mkfifo(config)
    for args in (
        ["import", str(pipe)],
        ["rate", "--from", str(pipe)],
        ["quota", "--from", str(pipe)],
        ["report", "--narrative", str(narrative)],
        ["report", "--narrative", "/dev/zero"],
    ):
        result = tracker(*args)
        assert result.code == 2 and "not a file" in result.err, (args, result.err)
        clean(result)
    from tests.conftest import exit_code

    assert exit_code(["--config", str(config), "status"]) == 2


def test_a_pipe_as_config_never_blocks(sqlite_setup: Setup, tmp_path: Path) -> None:
    pipe = tmp_path / "config.yaml"
    os.mkfifo(pipe)
    done = subprocess.run(
        [*sqlite_setup.command("status")[:3], "--config", str(pipe), "status"],
        capture_output=True, text=True, timeout=60, env=sqlite_setup.environment(),
    )  # fmt: skip
    assert done.returncode == 2 and "a named pipe, not a file" in done.stderr, done.stderr


def test_names_too_long_and_a_demo_folder_that_is_a_file(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    long = str(tmp_path / ("x" * 300))
    for args in (
        ["import", long + ".csv"],
        ["import", long],
        ["export", "--out", long + ".csv"],
        ["template", "2021", "--out", long + ".xlsx"],
        ["template", "2021", "--units", "--out", long],
        ["report", "--out", long, "--format", "md"],
        ["report-template", "--out", long + ".docx"],
        ["demo", "--dir", long],
        ["report", "--narrative", long + ".md"],
    ):
        result = tracker(*args)
        assert result.code == 2 and "too long" in result.err, (args, result.err)
        clean(result)
        assert len(result.err) < 400  # the middle of the name is left out
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    result = tracker("demo", "--dir", str(a_file))
    assert result.code == 2 and "it is a file, not a folder" in result.err
    clean(result)


def test_debug_as_the_value_of_an_option_shows_no_traceback(setup: Setup) -> None:
    given = setup.run("record", "T99", "2021", "160", "--amend", "--reason", "--debug")
    assert given.returncode == 2 and "Traceback" not in given.stderr, given.stderr
    clean(given)
    flag = setup.run("--debug", "record", "T99", "2021", "160", "--amend", "--reason", "x")
    assert flag.returncode == 1 and "Traceback" in flag.stderr  # the real flag: the traceback


def parameters() -> list[tuple[list[str], str, str]]:
    """(command path, option or argument, kind) for every parameter taking a value."""
    from tracker.cli import commands  # noqa: F401
    from tracker.cli.app import app
    from tracker.cli.language import translated_command
    from tracker.cli.values import MAY_BE_EMPTY

    found: list[tuple[list[str], str, str]] = []

    def walk(command: Any, path: list[str]) -> None:
        for param in command.params:
            if getattr(param, "is_flag", False) or param.name in MAY_BE_EMPTY:
                continue
            name = max(param.opts, key=len) if param.param_type_name == "option" else param.name
            found.append((path, name, param.param_type_name))
        for sub_name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, sub_name])

    walk(translated_command(app), [])
    return found


def arguments_before(path: list[str], name: str) -> list[str]:
    """Placeholders for the arguments before `name`, so that `name` receives the ''."""
    from tracker.cli import commands  # noqa: F401
    from tracker.cli.app import app
    from tracker.cli.language import translated_command

    command = translated_command(app)
    for part in path:
        command = command.commands[part]
    before = []
    for param in command.params:
        if param.param_type_name == "argument":
            if param.name == name:
                return before
            before.append("2021")
    return before


PARAMETERS = parameters()


@pytest.mark.parametrize(
    ("path", "name", "kind"), PARAMETERS, ids=[f"{' '.join(p)} {n}" for p, n, _k in PARAMETERS]
)
def test_an_empty_value_is_refused(tracker, path: list[str], name: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    given = [*arguments_before(path, name), ""] if kind == "argument" else [name, ""]
    args = [*given, *path] if not path else [*path, *given]
    result = tracker(*args)
    assert result.code == 2 and "the value is empty" in result.err, (args, result.err)
    clean(result)


def test_empty_free_texts_mean_none(tracker) -> None:  # type: ignore[no-untyped-def]
    assert tracker("record", "T07", "2021", "150", "--note", "", "--source", "").code == 0
    assert tracker("report", "--as-recorded", "").code == 2


@pytest.mark.parametrize("text", ["\x9b2J", "\x85", "\u202eTYS", "a\u2028b", "\u200fSYT"])
def test_the_unit_of_a_unit_workbook_is_shown_printable(units, tmp_path: Path, text: str) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    folder = tmp_path / "books"
    assert units("template", "2022", "--units", "--out", str(folder)).code == 0
    path = sorted(folder.glob("*.xlsx"))[0]
    book = load_workbook(path)
    title, ref = next(iter(book.defined_names["TRACKER_UNIT"].destinations))
    book[title][ref.replace("$", "")].value = f"X{text}Y"
    book.save(path)
    result = units("import", str(path))
    assert result.code == 2 and "the workbook names two units" in result.err, result.err
    clean(result)
