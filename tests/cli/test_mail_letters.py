"""What a scheduled report's mail says and carries, read from a real SMTP server on loopback:
the words and the kind of the report it attaches, and the headers that keep automatic replies
away."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.helpers.smtp_server import smtp_server

pytestmark = pytest.mark.usefixtures("vietnamese")  # what the office sees: the config's language


@pytest.fixture(autouse=True)
def narrow_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """80 columns: `schedule list` shows each job as a block of "name: value" lines."""
    monkeypatch.setenv("COLUMNS", "80")


TO = "van.phong@example.org"


def configure(
    config_file: Path, port: int, to: str = TO, report: str = "{formats: [txt]}", smtp: str = "security: none"
) -> None:
    """An smtp: section on 127.0.0.1:port and one report schedule `nam` mailing `to`."""
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(
        text + f"\nsmtp:\n  host: 127.0.0.1\n  port: {port}\n  {smtp}\n"
        "  sender: tracker@example.org\n  retries: 2\n  retry_delay_seconds: 0.05\n  timeout_seconds: 5\n"
        f"schedules:\n  - id: nam\n    cron: yearly\n    report: {report}\n    email: {{to: [{to}]}}\n",
        encoding="utf-8",
    )


def record_the_term(tracker) -> None:  # type: ignore[no-untyped-def]
    """Figures of every year of the term for two targets: T07 met (760 against 750)."""
    for year, admitted, good in (
        (2021, 160, 95),
        (2022, 170, 80),
        (2023, 110, 92),
        (2024, 160, 93),
        (2025, 160, 94),
    ):
        assert tracker("record", "T07", str(year), str(admitted)).code == 0
        assert tracker("record", "T01", str(year), str(good)).code == 0


def job_runs(config_file: Path) -> list[sqlite3.Row]:
    with closing(sqlite3.connect(config_file.parent / "tracker.db")) as db:
        db.row_factory = sqlite3.Row
        return db.execute("SELECT * FROM job_run ORDER BY id").fetchall()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_end_of_term_report_is_mailed_in_its_own_words(tracker, config_file: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    record_the_term(tracker)
    with smtp_server() as inbox:
        configure(config_file, inbox.port, report=f"{{formats: [txt], lang: {lang}}}")
        assert tracker("schedule", "run-now", "nam").code == 0
        (mail,) = inbox.wait_for(1)
    (report,) = (config_file.parent / "reports").glob("*.txt")
    summary = mail.body.splitlines()[0]
    if lang == "vi":
        assert (
            mail.subject == "[DHIX-DUK-DB] Báo cáo tổng kết nhiệm kỳ thực hiện Nghị quyết, tính đến năm 2025"
        )
        assert summary.startswith("Đạt và vượt ") and "/11 chỉ tiêu" in summary
    else:
        assert mail.subject == "[DHIX-DUK-DB] End-of-term review of the resolution, as of 2025"
        assert summary.startswith("Met or exceeded ") and "of 11 targets" in summary
    assert summary in report.read_text(encoding="utf-8")  # the very words of the attached report


def test_a_mid_term_review_is_mailed_as_such(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    record_the_term(tracker)
    with smtp_server() as inbox:
        configure(config_file, inbox.port, report="{formats: [txt], kind: so-ket}")
        assert tracker("schedule", "run-now", "nam").code == 0
        (mail,) = inbox.wait_for(1)
    (report,) = (config_file.parent / "reports").glob("*.txt")
    assert mail.subject.startswith("[DHIX-DUK-DB] Báo cáo sơ kết giữa nhiệm kỳ thực hiện Nghị quyết")
    summary = mail.body.splitlines()[0]
    assert "chỉ tiêu đạt tiến độ" in summary and summary in report.read_text(encoding="utf-8")


def test_a_yearly_report_is_mailed_with_the_summary_of_its_year(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    record_the_term(tracker)
    with smtp_server() as inbox:
        configure(config_file, inbox.port, report="{formats: [txt], kind: yearly}")
        assert tracker("schedule", "run-now", "nam").code == 0
        (mail,) = inbox.wait_for(1)
    (report,) = (config_file.parent / "reports").glob("*.txt")
    assert mail.subject == "[DHIX-DUK-DB] Báo cáo kết quả thực hiện Nghị quyết, tính đến năm 2025"
    summary = mail.body.splitlines()[0]
    assert summary.startswith("Năm 2025 có ") and summary in report.read_text(encoding="utf-8")


def test_every_mail_says_it_was_sent_automatically(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    with smtp_server() as inbox:
        configure(config_file, inbox.port)
        assert tracker("schedule", "run-now", "nam").code == 0
        (mail,) = inbox.wait_for(1)
    assert mail.message["Auto-Submitted"] == "auto-generated"  # RFC 3834: no out-of-office replies
    assert mail.message["X-Auto-Response-Suppress"] == "All"  # the same, for Exchange and Outlook
