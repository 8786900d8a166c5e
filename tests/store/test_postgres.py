"""The yearly workflow on PostgreSQL, through the command line, as a user would run it with
TRACKER_DATABASE_URL pointing at the server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tracker.store._engine import SCHEMA_HEAD

CLOSED_PORT_URL = "postgresql+psycopg://postgres@127.0.0.1:1/x"


@pytest.fixture
def on_postgres(run, config_file: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The command line with the default config and the database in TRACKER_DATABASE_URL."""
    monkeypatch.setenv("TRACKER_DATABASE_URL", postgres_url)

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return run("--config", str(config_file), *args)

    return invoke


def where(url: str) -> str:
    """How `tracker init` names a PostgreSQL database: host:port/name, never the password."""
    parsed = make_url(url)
    return f"{parsed.host}:{parsed.port or 5432}/{parsed.database}"


def by_code(out: str) -> dict[str, dict]:  # type: ignore[type-arg]
    return {t["code"]: t for t in json.loads(out)["targets"]}


@pytest.mark.postgres
def test_init_record_status(on_postgres, postgres_url: str, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    init = on_postgres("init")
    assert init.code == 0, init.err
    assert f"database {where(postgres_url)}: schema created ({SCHEMA_HEAD})" in init.out
    assert "+ resolution DHIX-DUK-DB added" in init.out
    assert "+ T01 added" in init.out and "+ T11 added" in init.out
    assert not (config_file.parent / "tracker.db").exists(), "the environment's URL wins over the default"

    t07 = on_postgres("record", "T07", "2021", "160")
    assert t07.code == 0, t07.err
    assert t07.out.startswith("recorded T07 2021: 160, revision 1")
    t01 = on_postgres("record", "T01", "2021", "38/42")
    assert t01.code == 0, t01.err
    assert t01.out.startswith("recorded T01 2021: 90.48% (38/42), revision 1")

    status = on_postgres("status", "--format", "json")
    assert status.code == 0, status.err
    data = json.loads(status.out)
    assert data["as_of"] == 2021 and data["resolution"]["code"] == "DHIX-DUK-DB"
    assert data["resolution"]["reporting_years"] == [2021, 2022, 2023, 2024, 2025]
    targets = by_code(status.out)
    assert len(targets) == 11
    assert (targets["T07"]["status"], targets["T07"]["flagged"]) == ("on_track", False)
    assert targets["T07"]["figures"] == {"2021": 160}
    assert (targets["T01"]["status"], targets["T01"]["flagged"]) == ("on_track", False)
    assert targets["T01"]["figures"] == {"2021": 90.4762}
    assert targets["T01"]["counts"] == {"2021": [38, 42]}
    assert targets["T02"]["status"] == "no_data" and targets["T02"]["missing_years"] == [2021]

    check = on_postgres("status", "--check")
    assert check.code == 1  # the targets without a 2021 figure are flagged
    assert "On track" in check.out and "No data" in check.out


@pytest.mark.postgres
def test_init_twice_changes_nothing(on_postgres, postgres_url: str) -> None:  # type: ignore[no-untyped-def]
    assert on_postgres("init").code == 0
    assert on_postgres("record", "T07", "2021", "160").code == 0
    second = on_postgres("init")
    assert second.code == 0, second.err
    assert second.out.splitlines() == [
        f"database {where(postgres_url)}: schema up to date ({SCHEMA_HEAD})",
        "resolution DHIX-DUK-DB: no changes",
    ]
    assert by_code(on_postgres("status", "--format", "json").out)["T07"]["figures"] == {"2021": 160}


@pytest.mark.postgres
def test_amend_keeps_both_revisions(on_postgres) -> None:  # type: ignore[no-untyped-def]
    assert on_postgres("init").code == 0
    assert on_postgres("record", "T07", "2021", "160", "--provisional", "--by", "Lan").code == 0
    refused = on_postgres("record", "T07", "2021", "165")
    assert refused.code == 2 and "--amend" in refused.err and len(refused.err.splitlines()) == 1

    amend = on_postgres(
        "record", "T07", "2021", "165", "--amend", "--reason", "Số liệu chính thức", "--by", "Hà"
    )
    assert amend.code == 0, amend.err
    assert amend.out.startswith("corrected T07 2021: 165, revision 2")

    history = on_postgres("history", "T07", "--lang", "en")
    assert history.code == 0, history.err
    rows = [line for line in history.out.splitlines() if line.startswith("│ T07")]
    assert len(rows) == 2
    first, second = ([cell.strip() for cell in row.strip("│").split("│")] for row in rows)
    assert first[:5] == ["T07", "2021", "1", "160 (provisional)", "Lan"]
    assert second[:5] == ["T07", "2021", "2", "165", "Hà"]
    assert second[6] == "Số liệu chính thức"

    t07 = by_code(on_postgres("status", "--format", "json").out)["T07"]
    assert t07["figures"] == {"2021": 165} and t07["provisional_years"] == []


@pytest.mark.postgres
def test_import_export_and_report_on_postgres(on_postgres, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert on_postgres("init").code == 0
    rows = ["code,year,value,note,source,provisional"]
    rows += [f"T07,{year},{value},,BC-{year},no" for year, value in ((2021, 160), (2022, 170), (2023, 110))]
    rows += ["T01,2023,38/42,Dự ước,BC-2023,có"]
    sheet = tmp_path / "so-lieu.csv"
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    imported = on_postgres("import", str(sheet))
    assert imported.code == 0, imported.err
    status = by_code(on_postgres("status", "--format", "json").out)
    assert status["T07"]["figures"] == {"2021": 160, "2022": 170, "2023": 110}
    assert status["T07"]["status"] == "at_risk"
    assert status["T01"]["provisional_years"] == [2023] and status["T01"]["counts"] == {"2023": [38, 42]}
    again = on_postgres("import", str(sheet))
    assert again.code == 0 and status == by_code(on_postgres("status", "--format", "json").out)
    exported = tmp_path / "export.json"
    assert on_postgres("export", "--format", "json", "--out", str(exported)).code == 0
    assert "BC-2022" in exported.read_text(encoding="utf-8")
    report = on_postgres("report", "--format", "html", "--out", str(tmp_path / "reports"))
    assert report.code == 0, report.err
    assert "Behind pace" in next((tmp_path / "reports").glob("DHIX-DUK-DB-2023-en-r*.html")).read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    "command",
    [["status"], ["status", "--format", "json"], ["init"], ["record", "T07", "2021", "160"], ["history"]],
)
def test_an_unreachable_server_is_one_line_exit_1(  # type: ignore[no-untyped-def]
    run, config_file: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.setenv("TRACKER_DATABASE_URL", CLOSED_PORT_URL)
    result = run("--config", str(config_file), *command)
    assert result.code == 1
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("tracker: error: cannot reach the database at 127.0.0.1:1/x: ")
    assert "Traceback" not in result.err
    assert not (config_file.parent / "tracker.db").exists()


@pytest.mark.postgres
def test_scheduled_job_and_service_lease_on_postgres(
    on_postgres, config_file: Path, postgres_url: str
) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime, timedelta

    from tracker.store import _jobs as jobs
    from tracker.store._engine import make_engine, unit_of_work

    with config_file.open("a", encoding="utf-8") as config:
        config.write("schedules:\n  - id: nam\n    cron: yearly\n    report: {formats: [txt]}\n")
    assert on_postgres("init").code == 0
    on_postgres("record", "T07", "2021", "160")
    done = on_postgres("schedule", "run-now", "nam")
    assert done.code == 0 and "nam: report done, as of 2021" in done.out, done.out + done.err
    assert "ok" in on_postgres("schedule", "list").out

    engine, now, stale = make_engine(postgres_url), datetime.now(UTC), timedelta(seconds=75)
    try:
        with unit_of_work(engine, postgres_url) as session:
            assert jobs.take_lease(session, "scheduler", "first", now, stale).holder == "first"
        with unit_of_work(engine, postgres_url) as session:
            assert jobs.take_lease(session, "scheduler", "second", now, stale).holder == "first"
        with unit_of_work(engine, postgres_url) as session:
            later = now + timedelta(seconds=100)
            assert jobs.take_lease(session, "scheduler", "second", later, stale).holder == "second"
    finally:
        engine.dispose()
