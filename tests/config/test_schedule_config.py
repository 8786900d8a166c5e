"""The schedules: and smtp: sections: every mistake refused at load, with its place, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import default_config_text
from tracker.config._parse import parse_config

SMTP = """
smtp:
  host: 127.0.0.1
  port: 2525
  security: none
  sender: tracker@example.org
"""
GOOD_SCHEDULE = """
schedules:
  - id: bao-cao-nam
    cron: yearly
    report: {formats: [html, md]}
    email: {to: [van.phong@example.org]}
"""


def write_config(config_file: Path, extra: str) -> None:
    config_file.write_text(default_config_text() + extra, encoding="utf-8")


def refused(run, config_file: Path, extra: str) -> str:  # type: ignore[no-untyped-def]
    """Init with the config plus `extra`: it must exit 2, write no database; returns stderr."""
    write_config(config_file, extra)
    result = run("--config", str(config_file), "init")
    assert result.code == 2, result.out
    assert "Traceback" not in result.err
    assert all(line.startswith(f"tracker: error: {config_file}") for line in result.err.strip().splitlines())
    assert not (config_file.parent / "tracker.db").exists()
    assert not (config_file.parent / "reports").exists()
    return str(result.err)


def test_a_good_schedule_is_accepted_and_a_preset_becomes_its_cron(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    write_config(config_file, SMTP + GOOD_SCHEDULE)
    assert run("--config", str(config_file), "init").code == 0
    listed = run("--config", str(config_file), "schedule", "list")
    assert listed.code == 0 and "bao-cao-nam" in listed.out and "0 7 15 12 *" in listed.out
    config = parse_config(default_config_text() + SMTP + GOOD_SCHEDULE)
    (schedule,) = config.schedules
    assert schedule.cron == "0 7 15 12 *" and schedule.email is not None
    assert schedule.email.to == ["van.phong@example.org"]
    assert config.smtp is not None and config.smtp.password_env is None


@pytest.mark.parametrize("preset", ["yearly", "quarterly", "monthly", "weekly", "daily"])
def test_every_preset_is_accepted(preset: str) -> None:
    text = default_config_text() + f"schedules:\n  - id: s\n    cron: {preset}\n"
    cron = parse_config(text).schedules[0].cron
    assert cron is not None and len(cron.split()) == 5


def test_a_bad_cron_names_its_schedule_and_line(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    extra = "schedules:\n  - id: ok\n    cron: daily\n  - id: hong\n    cron: '0 7 32 12 *'\n"
    err = refused(run, config_file, extra)
    line = (default_config_text() + extra).splitlines().index("    cron: '0 7 32 12 *'") + 1
    assert f"{config_file}:{line}: schedules[1].cron: '0 7 32 12 *' is not a valid cron expression" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("cron", "says"),
    [
        ("every day", "is not a 5-field cron expression (minute hour day month weekday) nor a preset"),
        ("0 7 * *", "is not a 5-field cron expression"),
        ("61 7 * * *", "is not a valid cron expression"),
        ("0 7 * * funday", "is not a valid cron expression"),
    ],
)
def test_cron_mistakes(run, config_file: Path, cron: str, says: str) -> None:  # type: ignore[no-untyped-def]
    err = refused(run, config_file, f"schedules:\n  - id: s\n    cron: '{cron}'\n")
    assert f"schedules[0].cron: '{cron}' {says}" in err


@pytest.mark.parametrize(
    "timing", ["    cron: daily\n    interval_seconds: 60\n", "    report: {formats: [txt]}\n"]
)
def test_either_cron_or_interval(run, config_file: Path, timing: str) -> None:  # type: ignore[no-untyped-def]
    err = refused(run, config_file, "schedules:\n  - id: s\n" + timing)
    assert "schedules[0]: give either cron (5 fields or a preset) or interval_seconds" in err


def test_interval_must_be_positive(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    err = refused(run, config_file, "schedules:\n  - id: s\n    interval_seconds: 0\n")
    assert "schedules[0].interval_seconds: must be at least 1" in err


@pytest.mark.parametrize(
    "address",
    [
        r'"van.phong@example.org\nBcc: everyone@example.org"',
        r'"van.phong@example.org\r\nBcc: everyone@example.org"',
    ],
)
def test_a_recipient_with_a_line_break_is_refused(run, config_file: Path, address: str) -> None:  # type: ignore[no-untyped-def]
    extra = (
        SMTP + f"schedules:\n  - id: s\n    cron: daily\n    email:\n      to: [ok@example.org, {address}]\n"
    )
    err = refused(run, config_file, extra)
    assert "schedules[0].email.to: an e-mail address cannot contain a line break" in err
    assert "Bcc" not in err  # one line per problem: the injected header is not echoed


@pytest.mark.parametrize(
    "address",
    ["van.phong", "van.phong.example.org", "a@b@example.org", "a b@example.org", "a,evil@example.org"],
)
def test_a_recipient_that_is_not_one_address_is_refused(run, config_file: Path, address: str) -> None:  # type: ignore[no-untyped-def]
    extra = SMTP + f"schedules:\n  - id: s\n    cron: daily\n    email: {{to: ['{address}']}}\n"
    err = refused(run, config_file, extra)
    said = "is not an e-mail address (one address, e.g. name@example.org)"
    assert f"schedules[0].email.to: '{address}' {said}" in err


def test_an_empty_recipient_list_is_refused(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    err = refused(run, config_file, SMTP + "schedules:\n  - id: s\n    cron: daily\n    email: {to: []}\n")
    assert "schedules[0].email.to: must list at least 1" in err


@pytest.mark.parametrize(
    ("sender", "says"),
    [
        (
            r'"tracker@example.org\nBcc: x@example.org"',
            "smtp.sender: an e-mail address cannot contain a line break",
        ),
        ("tracker", "smtp.sender: 'tracker' is not an e-mail address"),
    ],
)
def test_a_bad_sender_is_refused(run, config_file: Path, sender: str, says: str) -> None:  # type: ignore[no-untyped-def]
    extra = SMTP.replace("sender: tracker@example.org", f"sender: {sender}") + GOOD_SCHEDULE
    assert says in refused(run, config_file, extra)


def test_duplicate_schedule_ids(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    extra = (
        "schedules:\n  - {id: nam, cron: yearly}\n  - {id: quy, cron: monthly}\n  - {id: nam, cron: daily}\n"
    )
    err = refused(run, config_file, extra)
    assert "schedules[2].id: duplicate schedule id nam (also schedules[0])" in err


def test_email_without_an_smtp_section(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    err = refused(run, config_file, GOOD_SCHEDULE)
    assert "schedules[0].email: e-mail needs an smtp: section (host, port, sender)" in err


@pytest.mark.parametrize("name", ["'1PASSWORD'", "'SMTP-PASSWORD'", "'$SMTP_PASSWORD'", "'hunter2 x'"])
def test_a_bad_password_env_name(run, config_file: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    extra = SMTP + f"  username: tracker\n  password_env: {name}\n" + GOOD_SCHEDULE
    err = refused(run, config_file, extra)
    assert "is not accepted: the name of an environment variable, e.g. TRACKER_SMTP_PASSWORD" in err


def test_a_password_in_the_config_is_an_unknown_key(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    err = refused(run, config_file, SMTP + "  password: hunter2\n" + GOOD_SCHEDULE)
    assert "smtp.password: unknown key (did you mean 'password_env'?)" in err
    assert "hunter2" not in err


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (
            "schedules:\n  - id: s\n    interval_second: 60\n",
            "schedules[0].interval_second: unknown key (did you mean 'interval_seconds'?)",
        ),
        (
            SMTP
            + "schedules:\n  - id: s\n    cron: daily\n    email: {to: [a@ex.org], only_when_changd: 1}\n",
            "schedules[0].email.only_when_changd: unknown key (did you mean 'only_when_changed'?)",
        ),
        (SMTP + "  securty: none\n", "smtp.securty: unknown key (did you mean 'security'?)"),
        ("schedule:\n  - id: s\n    cron: daily\n", "schedule: unknown key (did you mean 'schedules'?)"),
    ],
)
def test_an_unknown_key_gets_a_suggestion(run, config_file: Path, extra: str, says: str) -> None:  # type: ignore[no-untyped-def]
    assert says in refused(run, config_file, extra)


@pytest.mark.parametrize(
    ("schedule", "says"),
    [
        (
            "{id: s, cron: daily, kind: digest}",
            "schedules[0].kind: 'digest' is not accepted; accepted: 'report' or 'reminder'",
        ),
        (
            "{id: s, cron: daily, kind: reminder, after: '02-30'}",
            "schedules[0].after: '02-30' is not a day of the year (MM-DD, e.g. 01-31)",
        ),
        (
            "{id: s, cron: daily, report: {formats: [rtf]}}",
            "schedules[0].report.formats: unknown report format 'rtf'; accepted: html, md, txt, docx, pdf",
        ),
        (
            "{id: s, cron: daily, report: {kind: quarterly}}",
            "schedules[0].report.kind: 'quarterly' is not accepted; "
            "accepted: nam (yearly), so-ket (midterm) or tong-ket (final)",
        ),
        (
            "{id: s, cron: daily, report: {lang: fr}}",
            "schedules[0].report.lang: 'fr' is not accepted; accepted: 'vi' or 'en'",
        ),
        (
            "{id: 'bad id', cron: daily}",
            "schedules[0].id: 'bad id' is not accepted: an id starts with a letter without accents",
        ),
    ],
)
def test_other_schedule_mistakes(run, config_file: Path, schedule: str, says: str) -> None:  # type: ignore[no-untyped-def]
    assert says in refused(run, config_file, f"schedules:\n  - {schedule}\n")


def test_every_problem_is_reported_at_once(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    extra = (
        "smtp:\n  host: 127.0.0.1\n  port: 70000\n  sender: nobody\n"
        "schedules:\n  - id: a\n    cron: '0 25 * * *'\n  - id: a\n    interval_seconds: 5\n"
        "    email: {to: [x]}\n"
    )
    err = refused(run, config_file, extra)
    for says in (
        "smtp.port: must be at most 65535",
        "smtp.sender: 'nobody' is not an e-mail address",
        "schedules[0].cron: '0 25 * * *' is not a valid cron expression",
        "schedules[1].id: duplicate schedule id a (also schedules[0])",
        "schedules[1].email.to: 'x' is not an e-mail address",
    ):
        assert says in err
