"""`tracker init`, the database checks every command makes, and the global options."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.errors import TrackerError
from tracker.store._engine import SCHEMA_HEAD

COMMANDS = ["init", "demo", "record", "history", "targets", "status"]


def test_init_creates_then_changes_nothing(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    first = run("--config", str(config_file), "init")
    assert first.code == 0, first.err
    assert (
        f"schema created ({SCHEMA_HEAD})" in first.out
        and "+ T01 added" in first.out
        and "+ T11 added" in first.out
    )
    assert (config_file.parent / "tracker.db").exists()
    second = run("--config", str(config_file), "init")
    assert second.code == 0
    assert "schema up to date" in second.out and "no changes" in second.out and "added" not in second.out


def test_a_changed_definition_is_shown_and_applied(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(text.replace("threshold: 90\n", "threshold: 95\n", 1), encoding="utf-8")
    result = tracker("init")
    assert result.code == 0 and "~ T01 changed: threshold: 90.0 -> 95.0" in result.out
    assert "≥ 95% each year" in tracker("targets").out
    assert "≥ 95% mỗi năm" in tracker("targets", "--lang", "vi").out


def without_t11(text: str) -> str:
    return text[: text.index("  - code: T11")]


def test_a_removed_target_with_figures_is_refused_and_kept(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    assert tracker("record", "T11", "2021", "91").code == 0
    config_file.write_text(without_t11(config_file.read_text(encoding="utf-8")), encoding="utf-8")
    result = tracker("init")
    assert result.code == 2
    assert "target T11 (1 figure) is no longer in the config but has recorded figures" in result.err
    assert "T11" in tracker("history").out


def test_a_removed_target_without_figures_is_removed(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    config_file.write_text(without_t11(config_file.read_text(encoding="utf-8")), encoding="utf-8")
    assert "- T11 removed" in tracker("init").out
    data = json.loads(tracker("status", "--format", "json").out)
    assert [t["code"] for t in data["targets"]][-1] == "T10"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_init_into_a_missing_folder_names_it_and_creates_nothing(run, config_file: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    folder = config_file.parent / "nowhere"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(f"database:\n  url: sqlite:///{folder / 'tracker.db'}\n" + text, encoding="utf-8")
    result = run("--config", str(config_file), "--lang", lang, "init")
    assert result.code == 2 and str(folder) in result.err and len(result.err.strip().splitlines()) == 1
    said = {"en": "there is no folder", "vi": "không có thư mục"}[lang]
    assert said in result.err and "Traceback" not in result.err
    assert not folder.exists()


@pytest.mark.parametrize("command", [["status"], ["targets"], ["history"], ["record", "T07", "2021", "1"]])
def test_commands_refuse_a_missing_database_and_create_nothing(run, config_file: Path, command) -> None:  # type: ignore[no-untyped-def]
    result = run("--config", str(config_file), *command)
    assert result.code == 2
    assert result.err.strip() == f"tracker: error: no database at {config_file.parent / 'tracker.db'}; " + (
        "run `tracker init` first"
    )
    assert not (config_file.parent / "tracker.db").exists()


def test_a_database_behind_the_code_asks_for_init(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    with sqlite3.connect(config_file.parent / "tracker.db") as db:
        db.execute("UPDATE alembic_version SET version_num = '0000'")
    result = tracker("status")
    assert (
        result.code == 2
        and "is at schema 0000" in result.err
        and "run `tracker init` to upgrade" in result.err
    )


def test_a_database_without_tables_asks_for_init(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    sqlite3.connect(config_file.parent / "tracker.db").close()
    result = run("--config", str(config_file), "status")
    assert result.code == 2 and "has no tracker tables; run `tracker init` first" in result.err


def test_a_malformed_config_lists_every_problem_and_writes_nothing(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(
        text.replace("threshold: 90", "threshold: 190").replace("language: vi", "languag: vi")
    )
    result = run("--config", str(config_file), "init")
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith(f"tracker: error: {config_file}:") for line in lines)
    assert "languag: unknown key (did you mean 'language'?)" in result.err
    assert not (config_file.parent / "tracker.db").exists()


def test_a_missing_config_file_says_how_to_pick_one(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("--config", str(tmp_path / "nope.yaml"), "status")
    assert result.code == 2 and "no config file here; pass --config PATH or set TRACKER_CONFIG" in result.err


def test_tracker_config_environment_variable(run, config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TRACKER_CONFIG", str(config_file))
    assert run("init").code == 0
    assert (config_file.parent / "tracker.db").exists()


def test_debug_shows_the_traceback(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TrackerError, match="no database"):
        run("--debug", "--config", str(config_file), "status")


def test_usage_errors_are_one_line(run) -> None:  # type: ignore[no-untyped-def]
    result = run("record", "T07", "twenty", "5")
    assert result.code == 2 and len(result.err.splitlines()) == 1
    assert "'YEAR': the value is not accepted (a whole number is needed, e.g. 2023)" in result.err
    assert "see `tracker record --help`" in result.err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ["stauts"],
            "tracker: error: no such command 'stauts' (did you mean 'status', 'targets'?)"
            " (see `tracker --help`)",
        ),
        (
            ["statu"],
            "tracker: error: no such command 'statu' (did you mean 'status'?) (see `tracker --help`)",
        ),
        (
            ["status", "--yaer"],
            "tracker: error: no such option: --yaer (did you mean '--year'?) (see `tracker status --help`)",
        ),
        (
            ["status", "--x\x1b[31m"],
            "tracker: error: no such option: --x\ufffd[31m (see `tracker status --help`)",
        ),
    ],
)
def test_a_mistyped_command_or_option_is_told_with_what_was_meant(run, args, says) -> None:  # type: ignore[no-untyped-def]
    result = run(*args)
    assert result.code == 2 and result.err == says + "\n"


def test_one_database_holds_several_resolutions(tracker, config_file: Path, run) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2021", "160")
    other = config_file.parent / "other.yaml"
    text = config_file.read_text(encoding="utf-8").replace("code: DHIX-DUK-DB", "code: DHX-DUK-DB")
    other.write_text(
        text.replace("# database:", f"database:\n  url: sqlite:///{config_file.parent}/tracker.db\n#")
    )
    assert run("--config", str(other), "init").code == 0
    assert run("--config", str(other), "record", "T07", "2021", "90").code == 0
    mine = json.loads(tracker("status", "T07", "--format", "json").out)
    theirs = json.loads(run("--config", str(other), "status", "T07", "--format", "json").out)
    assert mine["targets"][0]["figures"] == {"2021": 160}
    assert theirs["targets"][0]["figures"] == {"2021": 90}


def test_version_and_python_dash_m() -> None:
    from tracker import __version__

    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.strip() == f"tracker {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(run, command: str) -> None:  # type: ignore[no-untyped-def]
    result = run(command, "--help")
    assert result.code == 0 and "Examples:" in result.out and f"tracker {command}" in result.out


def test_bare_tracker_shows_help(run) -> None:  # type: ignore[no-untyped-def]
    result = run()
    assert result.code == 0 and all(c in result.out for c in COMMANDS)
