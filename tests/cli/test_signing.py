"""`tracker report --sign` and a schedule's `report.sign: true` refused in one line, with nothing
written (no report file, no stored run), whatever is wrong: no PDF asked for, no
`document.signing`, its password variable not set, a wrong password, a certificate expired or not
yet valid, a file that is no certificate or is not there. The password is in no output and no
stored row. (A report really signed and read by pdfsig: tests/render/test_signing.py.)"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from tests.cli.test_vietnamese import english_left
from tests.helpers import Result, default_config_text
from tests.helpers.signing import PASSWORD, PASSWORD_ENV, make_pkcs12, with_signing

Run = Callable[..., Result]


@pytest.fixture
def signing(run: Run, config_file: Path, templates, monkeypatch: pytest.MonkeyPatch) -> Run:  # type: ignore[no-untyped-def]
    """The command line on the default database, its config signing with van-phong.p12 beside
    it (a good certificate; a test replaces it), its password in the environment."""
    templates(default_config_text()).copy_to(config_file)
    config_file.write_text(with_signing(default_config_text(), "van-phong.p12"), encoding="utf-8")
    make_pkcs12(config_file.parent / "van-phong.p12")
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    return lambda *args: run("--config", str(config_file), *args)


def stored(folder: Path, table: str) -> int:
    with closing(sqlite3.connect(folder / "tracker.db")) as database:
        count: int = database.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return count


def everything_stored(folder: Path) -> str:
    """Every row of the database as SQL text: what a stored run could have kept."""
    with closing(sqlite3.connect(folder / "tracker.db")) as database:
        return "\n".join(database.iterdump())


def refused_with_nothing_written(result: Result, folder: Path, says: str) -> None:
    assert result.code == 2, (result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tracker: "), result.err
    assert says in lines[0], lines[0]
    assert "Traceback" not in result.err and result.out == ""
    reports = folder / "reports"
    assert not reports.exists() or not any(reports.iterdir())
    assert stored(folder, "report_run") == 0
    assert PASSWORD not in result.out + result.err + everything_stored(folder)


def test_sign_needs_a_pdf(signing: Run, config_file: Path) -> None:
    result = signing("report", "--format", "html,docx", "--sign")
    says = "--sign signs the PDF, and --format html,docx has none; e.g. --format pdf --sign"
    refused_with_nothing_written(result, config_file.parent, says)


def test_sign_needs_document_signing(tracker: Run, config_file: Path) -> None:
    result = tracker("report", "--format", "pdf", "--sign")
    says = "signing needs document.signing: (pkcs12, password_env) in the config"
    refused_with_nothing_written(result, config_file.parent, says)


def test_sign_does_not_go_with_overview(signing: Run, config_file: Path) -> None:
    result = signing("report", "--overview", "--sign")
    says = "--sign does not go with --overview"
    refused_with_nothing_written(result, config_file.parent, says)


def test_a_password_variable_not_set(
    signing: Run, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PASSWORD_ENV)
    result = signing("report", "--format", "pdf", "--sign")
    says = f"document.signing.password_env: the environment variable {PASSWORD_ENV} is not set"
    refused_with_nothing_written(result, config_file.parent, says)


def test_a_wrong_password(signing: Run, config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD + "x")
    result = signing("report", "--format", "pdf,html", "--sign")
    says = f"van-phong.p12: the password in {PASSWORD_ENV} does not open this certificate file"
    refused_with_nothing_written(result, config_file.parent, says)
    assert PASSWORD + "x" not in result.err


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "says"),
    [
        (timedelta(days=-400), timedelta(days=-2), "the certificate expired on"),
        (timedelta(days=2), timedelta(days=400), "the certificate is valid only from"),
    ],
)
def test_a_certificate_not_valid_today(
    signing: Run, config_file: Path, valid_from: timedelta, valid_to: timedelta, says: str
) -> None:
    make_pkcs12(config_file.parent / "van-phong.p12", valid_from=valid_from, valid_to=valid_to)
    result = signing("report", "--format", "pdf", "--sign")
    refused_with_nothing_written(result, config_file.parent, "van-phong.p12: " + says)
    assert "sign with a certificate valid today" in result.err


def test_a_file_that_is_no_pkcs12(signing: Run, config_file: Path) -> None:
    folder = config_file.parent
    (folder / "van-phong.p12").write_bytes((folder / "van-phong.pem").read_bytes())  # the certificate alone
    result = signing("report", "--format", "pdf", "--sign")
    refused_with_nothing_written(result, folder, "van-phong.p12: not a PKCS#12 file")


def test_a_file_that_is_not_there(signing: Run, config_file: Path) -> None:
    (config_file.parent / "van-phong.p12").unlink()
    result = signing("report", "--format", "pdf", "--sign")
    refused_with_nothing_written(result, config_file.parent, "document.signing.pkcs12: no file")


@pytest.mark.usefixtures("vietnamese")
def test_refused_in_vietnamese(signing: Run, config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "sai")
    wrong = signing("report", "--format", "pdf", "--sign")
    refused_with_nothing_written(wrong, config_file.parent, "không mở được tệp chứng thư số này")
    monkeypatch.delenv(PASSWORD_ENV)
    unset = signing("report", "--format", "pdf", "--sign")
    refused_with_nothing_written(unset, config_file.parent, f"chưa đặt biến môi trường {PASSWORD_ENV}")
    make_pkcs12(
        config_file.parent / "van-phong.p12", valid_from=timedelta(days=-9), valid_to=timedelta(days=-1)
    )
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    expired = signing("report", "--format", "pdf", "--sign")
    refused_with_nothing_written(expired, config_file.parent, "chứng thư số đã hết hạn ngày")
    for result in (wrong, unset, expired):
        assert result.err.startswith("tracker: lỗi: ") and not english_left(result.err), result.err


def test_a_schedule_that_signs_with_a_wrong_password_fails_and_files_nothing(
    signing: Run, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schedule = "schedules:\n  - id: ky-so\n    cron: yearly\n    report: {formats: [pdf, html], sign: true}\n"
    config_file.write_text(config_file.read_text(encoding="utf-8") + schedule, encoding="utf-8")
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD + "!")
    result = signing("schedule", "run-now", "ky-so")
    assert result.code == 1, (result.out, result.err)
    said = result.out + result.err
    assert f"the password in {PASSWORD_ENV} does not open this certificate file" in said
    folder = config_file.parent
    assert not (folder / "reports").exists() or not any((folder / "reports").iterdir())
    assert stored(folder, "report_run") == 0 and stored(folder, "job_run") == 1
    assert PASSWORD not in said + everything_stored(folder)
