"""kill -9 at chosen moments (TRACKER_CRASH_AT) while a command writes: the database stays whole
(`PRAGMA integrity_check`), nothing is half written, and the next run finishes the job."""

from __future__ import annotations

import random
import re
import signal
import time
from pathlib import Path

import pytest

from tests.helpers.smtp_server import smtp_server
from tests.reliability.conftest import Setup, assert_intact, make_setup, wait_all

KILLED = -signal.SIGKILL


def figures_csv(path: Path, rows: int = 55) -> Path:
    lines = [f"T{t:02d},{y},{90 if t != 7 else 150}" for t in range(1, 12) for y in range(2021, 2026)]
    path.write_text("code,year,value\n" + "\n".join(lines[:rows]) + "\n", encoding="utf-8")
    return path


def entries(setup: Setup) -> int:
    return int(setup.query("SELECT count(*) FROM entry")[0][0])  # type: ignore[arg-type]


def test_an_import_killed_before_its_commit_leaves_nothing(setup: Setup) -> None:
    path = figures_csv(setup.folder / "so-lieu.csv")
    killed = setup.run("import", str(path), crash_at="revisions-written")
    assert killed.returncode == KILLED
    if setup.url is None:
        assert setup.integrity() == "ok"
    assert entries(setup) == 0
    again = setup.run("import", str(path))
    assert again.returncode == 0 and "55 added" in again.stdout and entries(setup) == 55
    assert_intact(setup)


def test_an_import_killed_after_its_links_leaves_the_chain_intact(setup: Setup) -> None:
    path = figures_csv(setup.folder / "so-lieu.csv")
    before = assert_intact(setup)
    killed = setup.run("import", str(path), crash_at="chain-linked")
    assert killed.returncode == KILLED
    assert entries(setup) == 0 and assert_intact(setup) == before  # neither rows nor links
    assert setup.run("import", str(path)).returncode == 0
    assert assert_intact(setup).startswith(f"{int(before.split()[0]) + 55} records")


def big_setup(folder: Path, targets: int, years: int) -> tuple[Setup, Path]:
    """A resolution of many targets over many years, and a file with a figure for each."""
    codes = [f"X{i:03d}" for i in range(targets)]
    extra = "".join(
        f"  - {{code: {code}, title: t {code}, title_en: t, measure: count, rule: term_total, "
        "comparator: '>=', threshold: 1, source: {kind: inferred, why: test}}\n"
        for code in codes
    )
    span = range(2101 - years, 2101)
    setup = make_setup(folder, extra_config=extra, years=str(list(span)))
    path = folder / "big.csv"
    path.write_text(
        "code,year,value,note\n" + "".join(f"{c},{y},{y % 97},ghi chú\n" for c in codes for y in span)
    )
    return setup, path


def test_an_import_killed_at_any_moment_is_all_or_nothing(tmp_path: Path) -> None:
    setup, path = big_setup(tmp_path / "big", targets=100, years=100)
    total = 100 * 100
    rng = random.Random(11)
    for attempt in range(4):
        process = setup.start("import", str(path))
        time.sleep(rng.uniform(0.3, 2.5))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        assert setup.integrity() == "ok", attempt
        stored = entries(setup)
        assert stored in (0, total), (attempt, stored)  # never a part of the file
        if stored:
            setup.execute("DELETE FROM entry")
    assert setup.run("import", str(path)).returncode == 0 and entries(setup) == total


def report_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def stored_paths(setup: Setup) -> list[str]:
    import json

    rows = setup.query(
        "SELECT paths FROM report_run ORDER BY id"
    )  # JSON: text on SQLite, a list on PostgreSQL
    return [p for (paths,) in rows for p in (paths if isinstance(paths, list) else json.loads(str(paths)))]


@pytest.mark.parametrize("moment", ["files-staged", "file-renamed"])
def test_a_report_killed_midway_is_cleaned_up_by_the_next(setup: Setup, moment: str) -> None:
    assert setup.run("record", "T07", "2021", "160").returncode == 0
    reports = setup.folder / "reports"
    assert setup.run("report").returncode == 0  # run 1, complete
    first = report_files(reports)
    killed = setup.run("report", crash_at=moment)
    assert killed.returncode == KILLED
    left = [name for name in report_files(reports) if name not in first]
    assert left  # what the killed run left: temporaries, or one renamed file of an unstored run
    if moment == "file-renamed":
        assert len([n for n in left if not n.endswith(".tmp")]) == 1  # the formats of run 2, partly
    done = setup.run("report")
    assert done.returncode == 0, done.stderr
    names = report_files(reports)
    assert not [n for n in names if n.endswith(".tmp")]
    runs = {re.search(r"-r(\d+)\.", n)[1] for n in names}  # type: ignore[index]
    assert len(runs) == 2 and all(len([n for n in names if f"-r{r}." in n]) == 3 for r in runs)
    assert sorted(Path(p).name for p in stored_paths(setup)) == names  # the files are the stored runs
    if setup.url is None:
        assert setup.integrity() == "ok"


def test_files_of_a_report_whose_transaction_fails_are_removed(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    from tracker.base import load_resolution
    from tracker.config import load_settings
    from tracker.reporting import make_report
    from tracker.reporting._run import ReportRequest
    from tracker.store import make_engine, unit_of_work

    assert run("--config", str(config_file), "init").code == 0
    settings = load_settings(config_file)
    engine = make_engine(settings.database_url)
    out = config_file.parent / "reports"
    try:
        with pytest.raises(RuntimeError), unit_of_work(engine, settings.database_url) as session:
            resolution = load_resolution(session, "DHIX-DUK-DB")
            made = make_report(session, resolution, ReportRequest(out_dir=out), ZoneInfo("Asia/Ho_Chi_Minh"))
            assert all(path.is_file() for path in made.paths)
            raise RuntimeError("the commit fails")
    finally:
        engine.dispose()
    assert report_files(out) == []  # no file of a run that was never stored


MAIL = (
    "smtp:\n  host: 127.0.0.1\n  port: {port}\n  security: none\n  sender: tracker@example.org\n"
    "  retries: 1\n  timeout_seconds: 10\n"
    "schedules:\n  - id: nam\n    cron: yearly\n    report: {{formats: [txt]}}\n"
    "    email: {{to: [van.phong@example.org]}}\n"
)


def mail_setup(folder: Path, port: int) -> Setup:
    setup = make_setup(folder, extra_config="\n" + MAIL.format(port=port))
    assert setup.run("record", "T07", "2021", "160").returncode == 0
    return setup


def deliveries(setup: Setup) -> list[tuple[object, ...]]:
    return setup.query("SELECT delivery, delivery_attempts, message_id FROM job_run ORDER BY id")


def start_service_until_sent(setup: Setup, inbox, count: int) -> str:  # type: ignore[no-untyped-def]
    service = setup.start("schedule", "run")
    try:
        inbox.wait_for(count, timeout=60)
        time.sleep(0.5)  # the delivery is recorded just after the server answers
    finally:
        service.send_signal(signal.SIGTERM)
        _, err = service.communicate(timeout=30)
    return err


def test_mail_owed_by_a_killed_job_is_sent_when_the_service_starts(tmp_path: Path) -> None:
    with smtp_server() as inbox:
        setup = mail_setup(tmp_path / "owed", inbox.port)
        killed = setup.run("schedule", "run-now", "nam", crash_at="mail-sending")
        assert killed.returncode == KILLED and not inbox.snapshot()
        ((delivery, _, message_id),) = deliveries(setup)
        assert delivery == "pending" and message_id  # owed, its Message-ID already kept
        log = start_service_until_sent(setup, inbox, 1)  # a yearly job: its next run is months away
    (mail,) = inbox.snapshot()
    assert mail.message["Message-ID"] == message_id
    assert "owes e-mail from an earlier run: sending it now" in log
    assert deliveries(setup) == [("sent", 1, message_id)]


def test_a_resend_after_a_kill_carries_the_same_message_id(tmp_path: Path) -> None:
    with smtp_server() as inbox:
        setup = mail_setup(tmp_path / "twice", inbox.port)
        killed = setup.run("schedule", "run-now", "nam", crash_at="mail-sent")  # accepted, not recorded
        assert killed.returncode == KILLED and len(inbox.snapshot()) == 1
        start_service_until_sent(setup, inbox, 2)  # at least once: sent again at start
    first, second = inbox.snapshot()
    assert first.message["Message-ID"] == second.message["Message-ID"]  # shown once by mail programs
    assert [d for d, _, _ in deliveries(setup)] == ["sent"]


def test_overlapping_runs_of_one_job_send_one_mail_each(tmp_path: Path) -> None:
    with smtp_server(delay=1) as inbox:
        setup = mail_setup(tmp_path / "overlap", inbox.port)
        results = wait_all([setup.start("schedule", "run-now", "nam") for _ in range(3)])
        assert [code for code, _, _ in results] == [0, 0, 0], [err for _, _, err in results]
        time.sleep(0.2)
        mails = inbox.snapshot()
    assert len(mails) == 3  # one per run, never a run's mail twice
    assert len({m.message["Message-ID"] for m in mails}) == 3
    assert deliveries(setup) == [("sent", 1, m) for (_, _, m) in deliveries(setup)]


def test_a_rating_import_killed_before_its_commit_leaves_nothing(tmp_path: Path) -> None:
    units = "units:\n" + "".join(
        f"  - {{code: U{i}, name: Đơn vị {i}, kind: dang-bo-co-so}}\n" for i in range(1, 6)
    )
    setup = make_setup(tmp_path, extra_config=units)
    path = tmp_path / "xep-loai.csv"
    path.write_text("unit,year,level,of\n" + "".join(f"U{i},2023,tot,agency\n" for i in range(1, 6)))
    killed = setup.run("rate", "--from", str(path), crash_at="ratings-written")
    assert killed.returncode == KILLED
    assert setup.integrity() == "ok"
    assert setup.query("SELECT count(*) FROM rating")[0][0] == 0
    again = setup.run("rate", "--from", str(path))
    assert again.returncode == 0, again.stderr
    assert setup.query("SELECT count(*) FROM rating")[0][0] == 5
    assert_intact(setup)


def test_a_quota_import_killed_before_its_commit_leaves_nothing(tmp_path: Path) -> None:
    units = "units:\n" + "".join(
        f"  - {{code: U{i}, name: Đơn vị {i}, kind: dang-bo-co-so}}\n" for i in range(1, 6)
    )
    setup = make_setup(tmp_path, extra_config=units)
    path = tmp_path / "dinh-muc.csv"
    path.write_text("target,year,unit,quota\n" + "".join(f"T07,2023,U{i},{10 + i}\n" for i in range(1, 6)))
    killed = setup.run("quota", "--from", str(path), crash_at="quotas-written")
    assert killed.returncode == KILLED
    assert setup.integrity() == "ok"
    assert setup.query("SELECT count(*) FROM quota")[0][0] == 0
    again = setup.run("quota", "--from", str(path))
    assert again.returncode == 0, again.stderr
    assert setup.query("SELECT count(*) FROM quota")[0][0] == 5
    assert_intact(setup)
