"""`document.signing:` and a schedule's `report.sign:`: every mistake refused at load, placed at
its line, nothing written; the certificate's file is found relative to the config."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import default_config_text
from tests.helpers.signing import PASSWORD_ENV, with_signing
from tracker.config import load_settings


def refused(run, config_file: Path, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Init with the config `text`: it must exit 2 and write nothing; returns stderr's lines."""
    config_file.write_text(text, encoding="utf-8")
    result = run("--config", str(config_file), "init")
    assert result.code == 2, result.out
    assert "Traceback" not in result.err
    assert not (config_file.parent / "tracker.db").exists()
    lines = result.err.strip().splitlines()
    assert all(line.startswith(f"tracker: error: {config_file}:") for line in lines)
    return list(lines)


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def test_signing_is_read_with_its_file_beside_the_config(config_file: Path) -> None:
    config_file.write_text(with_signing(default_config_text(), "khoa/van-phong.p12"), encoding="utf-8")
    settings = load_settings(config_file)
    signing = settings.config.document.signing
    assert signing is not None and signing.password_env == PASSWORD_ENV and signing.visible
    assert signing.reason == "Ban hành báo cáo" and signing.location == "Điện Biên"
    assert settings.signing_file == (config_file.parent / "khoa" / "van-phong.p12").resolve()


def test_no_signing_by_default(config_file: Path) -> None:
    config_file.write_text(default_config_text(), encoding="utf-8")
    settings = load_settings(config_file)
    assert settings.config.document.signing is None and settings.signing_file is None


@pytest.mark.parametrize(
    ("old", "new", "key", "says"),
    [
        (
            f"password_env: {PASSWORD_ENV}",
            "password_env: mật khẩu",
            "password_env",
            "the name of an environment variable",
        ),
        ("pkcs12: van-phong.p12", "pkcs12: van-phong.pem", "pkcs12", "a PKCS#12 file (.p12 or .pfx)"),
        ("visible: true", "visible: co", "visible", "must be true or false"),
        ("visible: true", "visibel: true", "visibel", "unknown key (did you mean 'visible'?)"),
    ],
)
def test_a_signing_mistake_is_placed_at_its_line(  # type: ignore[no-untyped-def]
    run, config_file: Path, old: str, new: str, key: str, says: str
) -> None:
    text = with_signing(default_config_text(), "van-phong.p12").replace(old, new)
    (line,) = refused(run, config_file, text)
    assert f"{config_file}:{line_of(text, new)}: document.signing.{key}: " in line
    assert says in line


def test_the_password_itself_is_no_key_of_the_config(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    text = with_signing(default_config_text(), "van-phong.p12").replace(
        f"password_env: {PASSWORD_ENV}", "password: bi-mat"
    )
    lines = refused(run, config_file, text)
    assert any("document.signing.password: unknown key (did you mean 'password_env'?)" in x for x in lines)
    assert any("document.signing.password_env: required key is missing" in x for x in lines)


SIGNED_SCHEDULE = "schedules:\n  - id: ky-so\n    cron: yearly\n    report: {formats: [pdf], sign: true}\n"


def test_a_signed_schedule_is_accepted(config_file: Path) -> None:
    config_file.write_text(
        with_signing(default_config_text(), "van-phong.p12") + SIGNED_SCHEDULE, encoding="utf-8"
    )
    (schedule,) = load_settings(config_file).config.schedules
    assert schedule.report.sign and schedule.report.formats == ["pdf"]


def test_a_schedule_that_signs_needs_document_signing(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    text = default_config_text() + SIGNED_SCHEDULE
    (line,) = refused(run, config_file, text)
    place = f"{config_file}:{line_of(text, 'sign: true')}: schedules[0].report.sign: "
    assert line.endswith(place + "signing needs document.signing: (pkcs12, password_env) in the config")


@pytest.mark.parametrize("report", ["{formats: [html, docx], sign: true}", "{sign: true}"])
def test_a_schedule_that_signs_needs_the_pdf_format(run, config_file: Path, report: str) -> None:  # type: ignore[no-untyped-def]
    text = with_signing(default_config_text(), "van-phong.p12") + SIGNED_SCHEDULE.replace(
        "{formats: [pdf], sign: true}", report
    )
    (line,) = refused(run, config_file, text)
    assert "schedules[0].report.sign: only a PDF is signed: add pdf to this schedule's formats" in line
