"""Injection and exposure: formulas in exports, control characters in text, Markdown in titles,
and the password in an SMTP server's error reply."""

from __future__ import annotations

import base64
import csv
import io
import re
import socketserver
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers.smtp_server import run_with_refused_login

FORMULAS = ['=HYPERLINK("http://evil.example/","bấm vào")', "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_exports_never_hold_a_live_formula(tracker, tmp_path: Path, formula: str) -> None:  # type: ignore[no-untyped-def]
    assert tracker("record", "T07", "2021", "160", "--note", formula, "--source", formula).code == 0
    csv_path, xlsx_path = tmp_path / "e.csv", tmp_path / "e.xlsx"
    assert tracker("export", "--out", str(csv_path)).code == 0
    assert tracker("export", "--out", str(xlsx_path)).code == 0
    (row,) = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert row["note"] == row["source"] == "'" + formula  # OWASP: a quote before = + - @
    sheet = load_workbook(xlsx_path).active
    cells = [c for line in sheet.iter_rows() for c in line if c.value == formula]
    assert len(cells) == 2 and all(c.data_type == "s" for c in cells)  # text cells, not formulas


def test_an_exported_formula_imports_back_as_the_text_it_was(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2021", "160", "--note", "=1+1 là công thức")
    path = tmp_path / "e.csv"
    assert tracker("export", "--out", str(path)).code == 0
    assert tracker("record", "T07", "2022", "170").code == 0
    text = path.read_text(encoding="utf-8-sig").replace("T07,,2021,160", "T07,,2023,165")  # unit empty
    path.write_text(text, encoding="utf-8")
    assert tracker("import", str(path)).code == 0
    assert "=1+1 là công thức" in tracker("history", "T07", "--year", "2023").out


@pytest.mark.parametrize(
    ("option", "text", "says"),
    [
        ("--note", "ok\x1b[2J\x1b[31mĐỎ", "ESC"),
        ("--note", "chuông\x07", "BEL"),
        ("--source", "nul\x00byte", "NUL"),
        ("--reason", "a\rb", "CR"),
        ("--by", "tên\u202eđảo", "RIGHT-TO-LEFT OVERRIDE"),
        ("--by", "Nguyễn\nVăn A", "a line break"),
    ],
)
def test_control_characters_are_refused_at_entry(tracker, option: str, text: str, says: str) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2021", "150")
    args = ["record", "T07", "2021", "160", "--amend", "--reason", "sửa", option, text]
    result = tracker(*args)
    assert result.code == 2 and result.out == ""
    (line,) = result.err.splitlines()
    assert line.startswith(f"tracker: error: {option}: ") and says in line
    assert tracker("history", "T07").out.count("│ T07") == 1  # nothing written


def test_control_characters_in_an_imported_file_are_listed_by_row(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.csv"
    path.write_text('code,year,value,note\nT07,2021,160,"a\x1b[31mb"\nT07,2022,170,"dòng 1\ndòng 2"\n')
    result = tracker("import", str(path))
    assert result.code == 2
    assert (
        "a.csv: row 2, column D (note): the control character ESC at character 2 cannot be stored"
        in result.err
    )
    assert "row 3" not in result.err  # a line break in a note is text a spreadsheet cell can hold


def test_control_characters_stored_earlier_never_reach_the_terminal_or_a_workbook(
    tracker, config_file: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A database written before the rule: its text is shown safely everywhere."""
    tracker("record", "T07", "2021", "160")
    with closing(sqlite3.connect(config_file.parent / "tracker.db")) as db:
        db.execute(
            "UPDATE entry SET note = 'x\x1b[2J\x07y', recorded_by = 'ai[red]đó\x1b]8;;http://e\x1b\\\\'"
        )
        db.commit()
    history = tracker("history")
    assert history.code == 0 and "\x1b" not in history.out and "\x07" not in history.out
    assert "ai[red]đó" in history.out  # shown as typed, not read as markup
    for fmt in ("txt", "md", "html"):
        done = tracker("report", "--format", fmt)
        assert done.code == 0
        text = Path(done.out.strip()).read_text(encoding="utf-8")
        assert "\x1b" not in text and "\x07" not in text
    assert tracker("export", "--out", str(tmp_path / "e.xlsx")).code == 0  # was a crash
    cells = [str(c.value) for row in load_workbook(tmp_path / "e.xlsx").active.iter_rows() for c in row]
    assert not any("\x1b" in value for value in cells)


def test_markdown_report_escapes_the_resolution_title_and_body(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    text = config_file.read_text(encoding="utf-8")
    text = text.replace("  body: Đảng ủy Khối", "  body: <script>alert(1)</script> Đảng ủy Khối", 1)
    text = text.replace("  title: Nghị quyết", "  title: Nghị quyết [x](javascript:alert(1))", 1)
    config_file.write_text(text, encoding="utf-8")
    assert run("--config", str(config_file), "init").code == 0
    done = run("--config", str(config_file), "report", "--format", "md", "--lang", "vi")
    md = Path(done.out.strip()).read_text(encoding="utf-8")
    assert "<script>" not in md and not re.search(r"(?<!\\)\]\(javascript:", md)  # no live link
    assert "\\<script\\>" in md and "\\[x\\](javascript:alert(1))" in md  # shown as text


class _QuotingSmtp(socketserver.StreamRequestHandler):
    """An SMTP server whose error reply quotes the client's line back, AUTH included."""

    def handle(self) -> None:
        self.wfile.write(b"220 quoting.example ESMTP\r\n")
        while line := self.rfile.readline():
            text = line.decode("ascii", "replace").strip()
            verb = text.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-quoting.example\r\n250 AUTH PLAIN LOGIN\r\n")
            elif verb == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(f"535 5.7.8 cannot accept: {text}\r\n".encode())


@contextmanager
def quoting_server() -> Iterator[int]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _QuotingSmtp)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def test_a_server_quoting_the_login_never_exposes_the_password(
    tracker, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    password = "mật-khẩu-Bí-mật-2026".encode().hex()  # ASCII, as SMTP login needs
    monkeypatch.setenv("TRACKER_SMTP_PASSWORD", password)
    secrets = [
        password,
        base64.b64encode(f"\0van.phong\0{password}".encode()).decode(),
        base64.b64encode(password.encode()).decode(),
    ]
    with quoting_server() as port:
        said = run_with_refused_login(tracker, config_file, port, "van.phong")
    for place in (said.out, said.err, said.listed, said.stored):
        for secret in secrets:
            assert secret not in place  # ...without the password, plain or in base64
            assert secret[:16] not in place
