"""`tracker user`: accounts added, listed, reset, disabled and enabled, the sign-in log; every
bad input refused in one line (exit 2, nothing written), in Vietnamese with no English left; a
password never printed nor stored in clear; the history's chain intact after account changes."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli.test_vietnamese import english_left
from tests.helpers import Result

SECRET = "Mat-khau-bi-mat-2026"


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """typed(first, second): what the two prompts read, as if typed on a terminal."""

    def answers(*lines: str) -> list[str]:
        asked: list[str] = []
        queue = list(lines)

        def ask(prompt: str) -> str:
            asked.append(prompt)
            return queue.pop(0)

        monkeypatch.setattr("tracker.cli.users.ask", ask)
        monkeypatch.setattr("tracker.cli.users.terminal", lambda: True)
        return asked

    return answers


def stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


@pytest.fixture
def user(units, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """units("user", ...) with a password on standard input: user(SECRET, "add", ...)."""

    def invoke(password: str | None, *args: str) -> Result:
        if password is not None:
            stdin(monkeypatch, password + "\n")
        return units("user", *args)  # type: ignore[no-any-return]

    invoke.config = units.config  # type: ignore[attr-defined]
    invoke.tracker = units  # type: ignore[attr-defined]
    return invoke


def one_line_error(result: Result) -> str:
    assert result.code == 2 and result.out == "", result
    assert result.err.count("\n") == 1 and result.err.startswith("tracker: error: "), result.err
    return result.err


def test_add_list_password_disable_enable(user, typed) -> None:  # type: ignore[no-untyped-def]
    assert user(SECRET, "add", "VanPhong", "--role", "office", "--password-stdin").out == (
        "account VanPhong added: office\n"
    )
    asked = typed(SECRET, SECRET)
    assert user(None, "add", "syt.ketoan", "--role", "unit", "--unit", "syt").out == (
        "account syt.ketoan added: the account of unit SYT\n"
    )
    assert asked == ["Password: ", "The same password again: "]
    assert user(SECRET, "add", "btv_an", "--role", "viewer", "--password-stdin").code == 0
    listed = user(None, "list").out
    assert [line.split()[:2] for line in listed.splitlines()[3:6]] == [
        ["btv_an", "viewer"], ["syt.ketoan", "unit"], ["VanPhong", "office"]
    ]  # fmt: skip
    assert "SYT" in listed.splitlines()[4]
    typed("Mat-khau-moi-2026", "Mat-khau-moi-2026")
    assert user(None, "password", "SYT.KETOAN").out == "password of account syt.ketoan changed\n"
    assert (
        user(None, "disable", "syt.ketoan").out == "account syt.ketoan disabled: it can no longer sign in\n"
    )
    assert user(None, "disable", "syt.ketoan").out == "account syt.ketoan was disabled already\n"
    found = json.loads(user(None, "list", "--format", "json").out)
    assert [(a["name"], a["role"], a["unit"], a["disabled"]) for a in found] == [
        ("btv_an", "viewer", None, False),
        ("syt.ketoan", "unit", "SYT", True),
        ("VanPhong", "office", None, False),
    ]
    assert (
        found[1]["resolution"] == "DHIX-DUK-DB" and found[1]["password_changed_at"] > found[1]["created_at"]
    )
    assert user(None, "enable", "syt.ketoan").out == "account syt.ketoan enabled: it can sign in again\n"
    assert user(None, "enable", "syt.ketoan").out == "account syt.ketoan was enabled already\n"


def test_the_password_is_never_shown_nor_stored_in_clear(user, typed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outputs = [user(SECRET, "add", "vanphong", "--role", "office", "--password-stdin")]
    typed(SECRET + "x", SECRET + "x")
    outputs += [
        user(None, "password", "vanphong"),
        user(None, "list"),
        user(None, "list", "--format", "json"),
    ]
    typed(SECRET, SECRET + "y")
    outputs += [user(None, "password", "vanphong"), user(None, "log"), user(None, "--help")]
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("tracker.db"))
    assert b"$argon2id$" in stored
    for secret in (SECRET, SECRET + "x"):
        assert secret.encode() not in stored
        assert all(secret not in r.out + r.err for r in outputs)


def test_the_log_shows_sign_ins_and_locks_newest_first(user, vietnamese: None) -> None:  # type: ignore[no-untyped-def]
    from tracker.accounts import authenticate
    from tracker.base import unit_of_work
    from tracker.config import load_settings

    assert user(SECRET, "add", "vanphong", "--role", "office", "--password-stdin").code == 0
    assert user(None, "log").out == "chưa có lần đăng nhập nào\n"
    settings = load_settings(user.config)
    start = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
    with unit_of_work(settings) as session:
        authenticate(session, "vanphong", SECRET, start, "192.0.2.1")
        for minute in range(1, 11):
            authenticate(session, "VanPhong", "sai", start + timedelta(minutes=minute), "192.0.2.66")
        authenticate(session, "vanphong", SECRET, start + timedelta(minutes=12), "192.0.2.1")
        authenticate(session, "ai.do", "sai", start + timedelta(minutes=13), None)
    lines = user(None, "log", "--limit", "4").out.splitlines()
    assert "ai.do" in lines[3] and "không có tài khoản này" in lines[3]
    assert "08:12 01/12/2026" in lines[4] and "bị từ chối: tên đang bị khóa" in lines[4]
    assert "sai mật khẩu; khóa đến 08:25 01/12/2026" in lines[5] and "192.0.2.66" in lines[5]
    assert len(lines) == 3 + 4 + 1
    only = json.loads(user(None, "log", "--name", "VANPHONG", "--format", "json", "--limit", "100").out)
    assert len(only) == 12 and only[-1]["outcome"] == "ok" and only[2]["locked_until"] is None
    assert only[1]["locked_until"] == "2026-12-01T01:25:00+00:00"
    listed = user(None, "list").out
    assert "08:00 01/12/2026" in listed and not english_left(listed)


def test_accounts_stay_out_of_the_chain_and_verify_stays_intact(user) -> None:  # type: ignore[no-untyped-def]
    first = user.tracker("verify")
    assert first.code == 0
    assert user(SECRET, "add", "syt.ketoan", "--role", "unit", "--unit", "SYT", "--password-stdin").code == 0
    assert user(None, "disable", "syt.ketoan").code == 0
    again = user.tracker("verify")
    assert again.code == 0 and again.out == first.out


def bad_inputs() -> list[tuple[str | None, list[str], str]]:
    """(standard input, command line, what the one line names) of every bad input."""
    add = ["add", "moi.ten"]
    return [
        (
            SECRET,
            [*add, "--role", "boss", "--password-stdin"],
            "unknown role 'boss'; accepted: office, unit, viewer",
        ),
        (SECRET, [*add, "--role", "unit", "--password-stdin"], "give its code with --unit CODE"),
        (
            SECRET,
            [*add, "--role", "viewer", "--unit", "SYT", "--password-stdin"],
            "leave --unit out for a viewer",
        ),
        (
            SECRET,
            [*add, "--role", "unit", "--unit", "SYX", "--password-stdin"],
            "unknown unit 'SYX'; did you mean: SYT",
        ),
        (
            SECRET,
            [*add, "--role", "unit", "--unit", "QQQ", "--password-stdin"],
            "unknown unit 'QQQ'; `tracker units`",
        ),
        (SECRET, ["add", "CO.SAN", "--role", "office", "--password-stdin"], "exists already"),
        (
            SECRET,
            ["add", "tên.có.dấu", "--role", "office", "--password-stdin"],
            "account name 'tên.có.dấu' is not",
        ),
        (SECRET, ["add", "ab", "--role", "office", "--password-stdin"], "3 to 64 characters"),
        (SECRET, ["add", "a b\x1bc", "--role", "office", "--password-stdin"], "account name 'a b\ufffdc'"),
        (
            "ngan",
            [*add, "--role", "office", "--password-stdin"],
            "too short: it must have 10 to 1024 characters",
        ),
        ("x" * 1025, [*add, "--role", "office", "--password-stdin"], "too long: it must have 10 to 1024"),
        ("", [*add, "--role", "office", "--password-stdin"], "no password on standard input"),
        ("\n", ["password", "co.san", "--password-stdin"], "no password on standard input"),
        ("ngan", ["password", "co.san", "--password-stdin"], "too short"),
        (SECRET, [*add, "--role", "office"], "no terminal to type the password on"),
        (None, ["disable", "khong.co"], "no account named 'khong.co'; `tracker user list` lists them"),
        (None, ["enable", "khong.co"], "no account named 'khong.co'"),
        (SECRET, ["password", "khong.co", "--password-stdin"], "no account named 'khong.co'"),
        (None, ["log", "--limit", "0"], "--limit 0 is not accepted: a whole number from 1 to 10000"),
        (None, ["list", "--format", "xml"], "unknown format 'xml'; accepted: table, json"),
    ]


@pytest.mark.parametrize(("given", "args", "named"), bad_inputs())
def test_each_bad_input_is_one_line_and_nothing_is_written(  # type: ignore[no-untyped-def]
    user, monkeypatch: pytest.MonkeyPatch, given: str | None, args: list[str], named: str
) -> None:
    assert user(SECRET, "add", "co.san", "--role", "office", "--password-stdin").code == 0
    before = user(None, "list", "--format", "json").out
    stdin(monkeypatch, given if given is not None else "")
    err = one_line_error(user(None, *args))
    assert named in err and SECRET not in err
    assert user(None, "list", "--format", "json").out == before


def test_the_two_prompts_must_agree_and_the_rule_is_checked_at_once(user, typed) -> None:  # type: ignore[no-untyped-def]
    typed(SECRET, SECRET + "!")
    assert "the two passwords typed differ; nothing was changed" in one_line_error(
        user(None, "add", "vanphong", "--role", "office")
    )
    asked = typed("ngan", "ngan")
    assert "too short" in one_line_error(user(None, "add", "vanphong", "--role", "office"))
    assert len(asked) == 1  # refused before the second prompt
    assert user(None, "list").out.startswith("no accounts yet")


@pytest.mark.parametrize(("given", "args", "named"), bad_inputs())
def test_each_bad_input_in_vietnamese_has_no_english_left(  # type: ignore[no-untyped-def]
    user, monkeypatch: pytest.MonkeyPatch, vietnamese: None, given: str | None, args: list[str], named: str
) -> None:
    assert user(SECRET, "add", "co.san", "--role", "office", "--password-stdin").code == 0
    stdin(monkeypatch, given if given is not None else "")
    result = user(None, *args)
    assert result.code == 2 and result.err.startswith("tracker: lỗi: ")
    assert not english_left(result.err), result.err


def test_a_whole_session_in_vietnamese_has_no_english_left(user, typed, vietnamese: None) -> None:  # type: ignore[no-untyped-def]
    said = [user(SECRET, "add", "vanphong", "--role", "office", "--password-stdin")]
    said.append(user(SECRET, "add", "syt.ketoan", "--role", "unit", "--unit", "SYT", "--password-stdin"))
    asked = typed(SECRET, SECRET)
    said += [user(None, "password", "syt.ketoan"), user(None, "disable", "syt.ketoan")]
    said += [user(None, "disable", "syt.ketoan"), user(None, "enable", "syt.ketoan"), user(None, "list")]
    said += [user(None, "log")]
    assert asked == ["Mật khẩu: ", "Nhập lại mật khẩu: "]
    assert all(r.code == 0 for r in said)
    text = "".join(r.out for r in said)
    assert "văn phòng" in text and "đã vô hiệu hóa tài khoản syt.ketoan" in text
    assert not english_left(text), english_left(text)


def test_init_keeps_a_unit_that_has_accounts(user) -> None:  # type: ignore[no-untyped-def]
    assert user(SECRET, "add", "cbx.ketoan", "--role", "unit", "--unit", "CBX", "--password-stdin").code == 0
    config: Path = user.config
    line = "  - {code: CBX, name: Chi bộ Công ty X, kind: chi-bo-co-so, to_year: 2023}\n"
    config.write_text(config.read_text(encoding="utf-8").replace(line, ""), encoding="utf-8")
    err = one_line_error(user.tracker("init"))
    assert "unit CBX is no longer in the config but has accounts of the portal (cbx.ketoan)" in err
    assert "CBX" in user.tracker("units").out


def test_the_help_imports_neither_argon2_nor_the_accounts(repo_root: Path) -> None:
    import subprocess

    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tracker", "--help"],
        capture_output=True, text=True, cwd=repo_root, check=True,
    )  # fmt: skip
    assert "tracker.cli.users" in done.stderr and "user" in done.stdout
    assert "argon2" not in done.stderr and "tracker.accounts" not in done.stderr
