"""What a scheduled report's mail says and carries, read from a real SMTP server on loopback:
the words and the kind of the report it attaches, the headers that keep automatic replies
away, a recipient whose domain has accented letters, and a recipient the server refuses."""

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
LONG = "sở-giáo-dục-và-đào-tạo-tỉnh-điện-biên-cổng-thông-tin-điện-tử.vn"  # 62 letters, 64 in IDNA


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


def test_a_recipient_with_an_accented_domain_gets_the_mail(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    with smtp_server() as inbox:
        configure(config_file, inbox.port, to="van.phong@điệnbiên.gov.vn")
        result = tracker("schedule", "run-now", "nam")
        assert result.code == 0, result.out
        (mail,) = inbox.wait_for(1)
    assert mail.rcpt_tos == ["van.phong@xn--inbin-ksa2y768s.gov.vn"]  # the domain as DNS spells it
    assert str(mail.message["To"]) == "van.phong@xn--inbin-ksa2y768s.gov.vn"
    assert "đã gửi thư tới van.phong@điệnbiên.gov.vn" in result.out  # as the office wrote it
    assert [r["delivery"] for r in job_runs(config_file)] == ["sent"]
    assert "Thư: đã gửi" in tracker("schedule", "list").out


def test_a_sender_with_an_accented_domain_sends(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    with smtp_server() as inbox:
        configure(config_file, inbox.port)
        text = config_file.read_text(encoding="utf-8")
        config_file.write_text(text.replace("sender: tracker@example.org", "sender: tracker@bộ.vn"))
        assert tracker("schedule", "run-now", "nam").code == 0
        (mail,) = inbox.wait_for(1)
    assert mail.mail_from == "tracker@xn--b-8xm.vn" and str(mail.message["From"]) == "tracker@xn--b-8xm.vn"
    assert str(mail.message["Message-ID"]).endswith("@xn--b-8xm.vn>")


@pytest.mark.parametrize(
    ("address", "says"),
    [
        (
            f"van.phong@{LONG}",
            f"'van.phong@{LONG}': tên miền không viết được theo dạng máy chủ thư đọc (IDNA",
        ),
        ("văn.phòng@example.org", "'văn.phòng@example.org': phần trước @ phải viết không dấu"),
    ],
)
def test_an_address_mail_cannot_carry_is_refused_by_the_config_check(  # type: ignore[no-untyped-def]
    tracker, config_file: Path, address: str, says: str
) -> None:
    configure(config_file, 2525, to=address)
    result = tracker("schedule", "list")
    assert result.code == 2 and says in result.err, result.err
    assert "Traceback" not in result.err


GONE = "cu.can.bo@example.org"
NO_SUCH_USER = "550 5.1.1 <cu.can.bo@example.org>: no such user"


def test_a_recipient_the_server_refuses_for_good_is_told_and_not_owed(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    with smtp_server(refuse={GONE: NO_SUCH_USER}) as inbox:
        configure(config_file, inbox.port, to=GONE)
        refused = tracker("schedule", "run-now", "nam")
        again = tracker("schedule", "run-now", "nam")
        assert inbox.snapshot() == []
    assert refused.code == 1
    assert "thư BỊ TỪ CHỐI vì người nhận (không gửi lại; hãy kiểm tra email.to của lịch)" in refused.out
    assert f"máy chủ từ chối người nhận: «SMTPRecipientsRefused: {GONE}: 550 5.1.1" in refused.out
    assert "STARTTLS" not in refused.out and "đăng nhập" not in refused.out
    runs = job_runs(config_file)
    assert [(r["delivery"], r["delivery_attempts"]) for r in runs] == [("refused", 1), ("refused", 1)]
    assert again.out.count("BỊ TỪ CHỐI") == 1  # the first letter was not sent again
    listed = tracker("schedule", "list").out
    assert "Thư: bị từ chối vì người nhận (không gửi lại)" in listed and "Còn nợ" not in listed


def test_a_recipient_refused_while_the_others_get_the_mail_is_told(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    with smtp_server(refuse={GONE: NO_SUCH_USER}) as inbox:
        configure(config_file, inbox.port, to=f"{TO}, {GONE}")
        result = tracker("schedule", "run-now", "nam")
        (mail,) = inbox.wait_for(1)
    assert result.code == 0 and mail.rcpt_tos == [TO]
    assert f"đã gửi tới những người nhận khác; máy chủ từ chối {GONE}: «{GONE}: 550 5.1.1" in result.out
    assert [r["delivery"] for r in job_runs(config_file)] == ["sent"]


def test_a_recipient_refused_for_now_stays_owed(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    with smtp_server(refuse={TO: "450 4.2.0 mailbox busy, try later"}) as inbox:
        configure(config_file, inbox.port)
        busy = tracker("schedule", "run-now", "nam")
    assert busy.code == 1 and "gửi thư KHÔNG ĐƯỢC (thư được giữ lại" in busy.out
    assert "máy chủ từ chối người nhận" in busy.out and "450 4.2.0 mailbox busy" in busy.out
    assert [(r["delivery"], r["delivery_attempts"]) for r in job_runs(config_file)] == [("failed", 2)]
    assert "Còn nợ: 1" in tracker("schedule", "list").out


@pytest.mark.parametrize(
    ("smtp", "says"),
    [
        ("security: starttls", "máy chủ không hỗ trợ STARTTLS mà cấu hình yêu cầu (smtp.security: starttls)"),
        (
            "security: none\n  username: van.phong\n  password_env: TRACKER_SMTP_PASSWORD",
            "máy chủ không hỗ trợ đăng nhập (AUTH) mà cấu hình yêu cầu (smtp.username)",
        ),
    ],
)
def test_what_the_server_does_not_offer_is_named(  # type: ignore[no-untyped-def]
    tracker, config_file: Path, monkeypatch: pytest.MonkeyPatch, smtp: str, says: str
) -> None:
    monkeypatch.setenv("TRACKER_SMTP_PASSWORD", "mat-khau")
    with smtp_server() as inbox:  # neither STARTTLS nor AUTH offered
        configure(config_file, inbox.port, smtp=smtp)
        result = tracker("schedule", "run-now", "nam")
    assert result.code == 1 and says in result.out, result.out
