"""`tracker schedule run-now` against a real SMTP server on loopback: what the recipients get,
what happens when the server is down, the password, only_when_changed, and the reminder."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.helpers.smtp_server import free_port, smtp_server

pytestmark = pytest.mark.usefixtures("vietnamese")  # what the office sees: the config's language


@pytest.fixture(autouse=True)
def narrow_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """80 columns: `schedule list` shows each job as a block of "name: value" lines."""
    monkeypatch.setenv("COLUMNS", "80")


SECRET = "Xq7-hunter2-MatKhau-9Zp"  # distinctive, to be searched for everywhere
TO = ["van.phong@example.org", "thuong.truc@example.org"]


def configure(config_file: Path, port: int, schedules: str, smtp_extra: str = "") -> None:
    """Append an smtp: section on 127.0.0.1:port and the given schedules: to the config."""
    smtp = (
        f"smtp:\n  host: 127.0.0.1\n  port: {port}\n  security: none\n  sender: tracker@example.org\n"
        f"  retries: 2\n  retry_delay_seconds: 0.05\n  timeout_seconds: 5\n{smtp_extra}"
    )
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(text + "\n" + smtp + "schedules:\n" + schedules, encoding="utf-8")


def report_schedule(sid: str = "nam", formats: str = "[html, md]", lang: str = "", extra: str = "") -> str:
    report = f"{{formats: {formats}{', lang: ' + lang if lang else ''}}}"
    email = f"{{to: [{', '.join(TO)}]{extra}}}"
    return f"  - id: {sid}\n    cron: yearly\n    report: {report}\n    email: {email}\n"


def record_some_figures(tracker) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ("T07", "2021", "160"),
        ("T07", "2022", "170"),
        ("T01", "2021", "95"),
        ("T01", "2022", "80"),
    ):
        assert tracker("record", *args).code == 0


def reports_dir(config_file: Path) -> Path:
    return config_file.parent / "reports"


def job_runs(config_file: Path) -> list[sqlite3.Row]:
    with closing(sqlite3.connect(config_file.parent / "tracker.db")) as db:
        db.row_factory = sqlite3.Row
        return db.execute("SELECT * FROM job_run ORDER BY id").fetchall()


def test_run_now_mails_the_report_in_vietnamese(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    record_some_figures(tracker)
    with smtp_server() as inbox:
        configure(config_file, inbox.port, report_schedule())
        result = tracker("schedule", "run-now", "nam")
        assert result.code == 0, result.err
        (mail,) = inbox.wait_for(1)
    html = reports_dir(config_file) / "DHIX-DUK-DB-2022-vi-r1.html"
    md = reports_dir(config_file) / "DHIX-DUK-DB-2022-vi-r1.md"
    line = result.out.strip()
    assert line.startswith("nam: báo cáo xong, tính đến năm 2022 -> ")
    assert str(html) in line and str(md) in line and f"đã gửi thư tới {', '.join(TO)}" in line
    assert mail.subject == "[DHIX-DUK-DB] Báo cáo kết quả thực hiện Nghị quyết, tính đến năm 2022"
    assert mail.rcpt_tos == TO and mail.mail_from == "tracker@example.org"
    assert str(mail.message["To"]) == ", ".join(TO)
    body = mail.body
    assert body.startswith("Năm 2022 có ")  # the yearly report's own summary: the year's targets
    assert body.splitlines()[0] in (md.read_text(encoding="utf-8"))
    assert "Chỉ tiêu cần chú ý:" in body
    assert "- T01 Cơ quan, đơn vị hoàn thành tốt nhiệm vụ: " in body  # 80% in 2022: below 90%
    assert "- T07 " not in body  # on pace: not flagged
    assert "Tệp đính kèm: DHIX-DUK-DB-2022-vi-r1.html, DHIX-DUK-DB-2022-vi-r1.md" in body
    attachments = mail.attachments()
    assert set(attachments) == {html.name, md.name}
    assert attachments[html.name] == html.read_bytes() and attachments[md.name] == md.read_bytes()
    types = mail.attachment_types()
    assert types[html.name].startswith("text/html")


def test_text_attachments_say_they_are_utf8(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    with smtp_server() as inbox:
        configure(config_file, inbox.port, report_schedule(formats="[html, md, txt]"))
        assert tracker("schedule", "run-now", "nam").code == 0
        (mail,) = inbox.wait_for(1)
    assert all('charset="utf-8"' in kind for kind in mail.attachment_types().values())
    for part in mail.message.iter_attachments():
        assert "Đạt" in part.get_content() or "Nghị quyết" in part.get_content()  # type: ignore[attr-defined]


def test_word_and_pdf_reports_are_attached_with_their_media_types(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    record_some_figures(tracker)
    with smtp_server() as inbox:
        configure(config_file, inbox.port, report_schedule("van-ban", "[docx, pdf]"))
        assert tracker("schedule", "run-now", "van-ban").code == 0
        (mail,) = inbox.wait_for(1)
    docx, pdf = (reports_dir(config_file) / f"DHIX-DUK-DB-2022-vi-r1.{ext}" for ext in ("docx", "pdf"))
    attachments = mail.attachments()
    assert attachments == {docx.name: docx.read_bytes(), pdf.name: pdf.read_bytes()}
    assert attachments[pdf.name].startswith(b"%PDF-") and attachments[docx.name].startswith(b"PK")
    types = mail.attachment_types()
    assert types[pdf.name].split(";")[0] == "application/pdf"
    word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert types[docx.name].split(";")[0] == word
    assert f"Tệp đính kèm: {docx.name}, {pdf.name}" in mail.body


def test_the_report_language_sets_the_mail_language(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    record_some_figures(tracker)
    with smtp_server() as inbox:
        configure(config_file, inbox.port, report_schedule("year", "[txt, html]", lang="en"))
        assert tracker("schedule", "run-now", "year").code == 0
        (mail,) = inbox.wait_for(1)
    assert mail.subject == "[DHIX-DUK-DB] Progress report on the resolution, as of 2022"
    assert mail.body.startswith("In 2022, ") and "Targets that need attention:" in mail.body
    assert "- T01 Units fulfilling duties well: " in mail.body
    assert set(mail.attachments()) == {"DHIX-DUK-DB-2022-en-r1.txt", "DHIX-DUK-DB-2022-en-r1.html"}
    assert (reports_dir(config_file) / "DHIX-DUK-DB-2022-en-r1.html").is_file()


def test_a_server_that_is_down_loses_nothing_and_the_next_run_delivers(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    configure(config_file, port, report_schedule(formats="[html]"))
    down = tracker("schedule", "run-now", "nam")
    assert down.code == 1
    assert (
        "gửi thư KHÔNG ĐƯỢC (thư được giữ lại, gửi lại ở lần chạy sau)" in down.out
        and f"127.0.0.1:{port}" in down.out
    )
    first_report = reports_dir(config_file) / "DHIX-DUK-DB-2021-vi-r1.html"
    assert first_report.is_file()
    listed = tracker("schedule", "list")
    assert f"Thư: không được (127.0.0.1:{port}: máy chủ từ chối kết nối)" in listed.out  # in words
    assert "Còn nợ: 1" in listed.out  # one delivery owed
    assert [r["delivery"] for r in job_runs(config_file)] == ["failed"]
    assert job_runs(config_file)[0]["delivery_attempts"] == 2  # smtp.retries

    tracker("record", "T07", "2022", "170")  # the next report is as of 2022
    with smtp_server(port) as inbox:
        up = tracker("schedule", "run-now", "nam")
        assert up.code == 0, up.out
        mails = inbox.wait_for(2)
    assert sorted(m.subject[-4:] for m in mails) == ["2021", "2022"]  # the owed one and the new one
    owed = next(m for m in mails if m.subject.endswith("2021"))
    assert set(owed.attachments()) == {first_report.name}
    assert first_report.is_file() and (reports_dir(config_file) / "DHIX-DUK-DB-2022-vi-r2.html").is_file()
    assert [r["delivery"] for r in job_runs(config_file)] == ["sent", "sent"]
    listed = tracker("schedule", "list")
    assert "Thư: đã gửi" in listed.out and "không được" not in listed.out and "Còn nợ" not in listed.out


def database_dump(config_file: Path) -> str:
    with closing(sqlite3.connect(config_file.parent / "tracker.db")) as db:
        return "\n".join(db.iterdump())


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_the_password_comes_from_the_environment_and_appears_nowhere(  # type: ignore[no-untyped-def]
    tracker, config_file: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    monkeypatch.setenv("TRACKER_SMTP_PASSWORD", SECRET)
    outputs: list[str] = []
    with smtp_server(login=("tracker", SECRET)) as inbox:
        configure(
            config_file,
            inbox.port,
            report_schedule(formats="[html, md, txt]"),
            "  username: tracker\n  password_env: TRACKER_SMTP_PASSWORD\n",
        )
        sent = tracker("schedule", "run-now", "nam")
        (mail,) = inbox.wait_for(1)
        assert sent.code == 0, sent.out
        assert inbox.logins == [("tracker", SECRET)]
    outputs += [sent.out, sent.err]
    with smtp_server(inbox.port, login=("tracker", "another password")) as refusing:
        refused = tracker("schedule", "run-now", "nam")
        assert (
            refused.code == 1
            and "máy chủ từ chối tên đăng nhập hoặc mật khẩu: «SMTPAuthenticationError" in refused.out
        )
        assert refusing.logins and not refusing.snapshot()
    refused_dump = database_dump(config_file)
    down = tracker("schedule", "run-now", "nam")  # now nothing listens on the port at all
    assert down.code == 1 and "gửi thư KHÔNG ĐƯỢC" in down.out
    listed = tracker("schedule", "list")
    outputs += [refused.out, refused.err, down.out, down.err, listed.out, listed.err, caplog.text]
    assert all(SECRET not in text for text in outputs)
    assert SECRET.encode() not in mail.message.as_bytes()
    dumps = [refused_dump, database_dump(config_file)]
    assert "SMTPAuthenticationError" in dumps[0] and "máy chủ từ chối kết nối" in dumps[1]
    assert all(SECRET not in dump for dump in dumps)
    files = [p for p in config_file.parent.rglob("*") if p.is_file()]
    assert any(p.suffix == ".html" for p in files)
    assert all(SECRET.encode() not in p.read_bytes() for p in files)


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_any_delivery_failure_is_kept_and_resent_at_the_next_run(  # type: ignore[no-untyped-def]
    tracker, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_SMTP_PASSWORD", "mật-khẩu-9")  # smtplib only sends ASCII credentials
    with smtp_server(login=("tracker", "mat-khau-9")) as inbox:
        configure(
            config_file,
            inbox.port,
            report_schedule(),
            "  username: tracker\n  password_env: TRACKER_SMTP_PASSWORD\n",
        )
        first = tracker("schedule", "run-now", "nam")
        assert first.code == 1
        assert [(r["outcome"], r["delivery"]) for r in job_runs(config_file)] == [("ok", "failed")]
        assert "gửi thư KHÔNG ĐƯỢC (thư được giữ lại, gửi lại ở lần chạy sau)" in first.out
        assert "mật-khẩu-9" not in first.out and "\\u1ead" not in first.out  # nor its escaped form
        assert "Còn nợ: 1" in tracker("schedule", "list").out
        monkeypatch.setenv("TRACKER_SMTP_PASSWORD", "mat-khau-9")  # the user fixes the password
        assert tracker("schedule", "run-now", "nam").code == 0
        assert len(inbox.snapshot()) == 2
    assert [r["delivery"] for r in job_runs(config_file)] == ["sent", "sent"]


def test_only_when_changed_mails_when_a_figure_changes(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    record_some_figures(tracker)
    with smtp_server() as inbox:
        configure(config_file, inbox.port, report_schedule(extra=", only_when_changed: true"))
        first = tracker("schedule", "run-now", "nam")
        assert first.code == 0 and "đã gửi thư tới" in first.out
        inbox.wait_for(1)
        again = tracker("schedule", "run-now", "nam")
        assert again.code == 0 and "không gửi thư (không có gì thay đổi)" in again.out
        assert len(inbox.snapshot()) == 1
        assert tracker("record", "T01", "2022", "85", "--amend", "--reason", "official figure").code == 0
        changed = tracker("schedule", "run-now", "nam")
        assert changed.code == 0 and "đã gửi thư tới" in changed.out
        mails = inbox.wait_for(2)
        assert len(mails) == 2
        assert tracker("record", "T03", "2021", "90").code == 0  # a new figure, not a correction
        assert "đã gửi thư tới" in tracker("schedule", "run-now", "nam").out
        assert len(inbox.wait_for(3)) == 3
    assert [r["delivery"] for r in job_runs(config_file)] == ["sent", "unchanged", "sent", "sent"]


def reminder(after: str, email: bool = True, lang: str = "") -> str:
    text = f"  - id: nhac\n    kind: reminder\n    cron: '0 8 1 * *'\n    after: '{after}'\n"
    if lang:
        text += f"    report: {{lang: {lang}}}\n"
    return text + ("    email: {to: [van.phong@example.org]}\n" if email else "")


def test_run_now_of_an_unknown_schedule_names_the_known_ones(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    assert "cấu hình chưa có lịch nào" in tracker("schedule", "list").out
    configure(config_file, free_port(), report_schedule() + reminder("01-01"))
    result = tracker("schedule", "run-now", "nma")
    assert result.code == 2 and "không có lịch 'nma'; các lịch: nam, nhac" in result.err


def test_a_reminder_mails_the_targets_lacking_last_years_figures(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2025", "160")
    tracker("record", "T01", "2025", "95")
    with smtp_server() as inbox:
        configure(config_file, inbox.port, reminder("01-01"))
        result = tracker("schedule", "run-now", "nhac")
        assert result.code == 0, result.out
        (mail,) = inbox.wait_for(1)
    assert (
        "nhac: nhắc số liệu xong, tính đến năm 2025" in result.out
        and "đã gửi thư tới van.phong@example.org" in result.out
    )
    assert mail.subject == "[DHIX-DUK-DB] Nhắc nhập số liệu năm 2025"
    assert mail.rcpt_tos == ["van.phong@example.org"]
    assert mail.body.startswith("Các chỉ tiêu sau chưa có số liệu năm 2025:")
    listed = [line.split()[1] for line in mail.body.splitlines() if line.startswith("- ")]
    assert listed == ["T02", "T03", "T04", "T05", "T06", "T09", "T10", "T11"]  # T08 takes T07's figures
    assert "- T02 Cơ quan, đơn vị hoàn thành xuất sắc nhiệm vụ" in mail.body


def test_a_reminder_without_email_prints_the_codes(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2025", "160")
    configure(config_file, free_port(), reminder("01-01", email=False, lang="en"))
    result = tracker("schedule", "run-now", "nhac")
    assert result.code == 0
    assert "không gửi thư" in result.out
    assert "These targets have no figure for 2025 yet: T01, T02, T03, T04, T05, T06, T09," in result.out
    assert "T07" not in result.out


def test_a_reminder_is_quiet_when_every_figure_is_in(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    for number in (1, 2, 3, 4, 5, 6, 7, 9, 10, 11):  # T08 takes its figures from T07
        assert tracker("record", f"T{number:02d}", "2025", "95").code == 0
    with smtp_server() as inbox:
        configure(config_file, inbox.port, reminder("01-01"))
        result = tracker("schedule", "run-now", "nhac")
        assert result.code == 0
        assert "Đã có đủ số liệu năm 2025." in result.out and "không gửi thư" in result.out
        assert inbox.snapshot() == []


@pytest.mark.skipif(
    datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%m-%d") == "12-31", reason="today is 31 December"
)
@pytest.mark.parametrize(
    ("lang", "says"), [("", "Chưa đến hạn nhắc (sau ngày"), ("en", "Too early to remind")]
)
def test_a_reminder_before_its_day_is_too_early(tracker, config_file: Path, lang: str, says: str) -> None:  # type: ignore[no-untyped-def]
    with smtp_server() as inbox:
        configure(config_file, inbox.port, reminder("12-31", lang=lang))
        result = tracker("schedule", "run-now", "nhac")
        assert result.code == 0 and says in result.out and "không gửi thư" in result.out
        assert inbox.snapshot() == []
