"""Concurrent writers, as separate processes started together: every writer succeeds in some
order, and the figures stored are exactly those sent, on SQLite and on PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.reliability.conftest import Setup, assert_intact, make_setup, wait_all

WRITERS = 8


def revisions(setup: Setup, code: str, year: int) -> list[tuple[int, float, str | None]]:
    sql = (
        "SELECT e.revision, e.value, e.reason FROM entry e JOIN target t ON t.id = e.target_id "
        "WHERE t.code = :p0 AND e.year = :p1 ORDER BY e.revision"
    )
    return [(int(r), float(v), s) for r, v, s in setup.query(sql, code, year)]  # type: ignore[arg-type]


def test_eight_amends_of_one_figure_at_once_all_succeed(setup: Setup) -> None:
    assert setup.run("record", "T07", "2021", "100").returncode == 0
    sent = [101 + i for i in range(WRITERS)]
    writers = [
        setup.start("record", "T07", "2021", str(value), "--amend", "--reason", f"sửa {value}")
        for value in sent
    ]
    results = wait_all(writers)
    assert [code for code, _, _ in results] == [0] * WRITERS, [err for _, _, err in results]
    stored = revisions(setup, "T07", 2021)
    assert [r for r, _, _ in stored] == list(range(1, WRITERS + 2))  # no number lost or doubled
    assert sorted(v for _, v, _ in stored[1:]) == sent  # every value sent, once
    assert {reason for _, _, reason in stored[1:]} == {f"sửa {v}" for v in sent}
    latest = stored[-1][1]
    assert any(f"corrected T07 2021: {latest:g}," in out for _, out, _ in results)
    assert_intact(setup)  # one link per revision, none forked


def test_two_imports_of_the_same_file_at_once(setup: Setup) -> None:
    lines = ["code,year,value"] + [
        f"T{i:02d},{y},{90 + i % 5}" for i in (1, 2, 3, 4, 5, 6) for y in range(2021, 2026)
    ]
    lines += [f"T07,{y},{150 + y % 7}" for y in range(2021, 2026)]
    path = setup.folder / "so-lieu.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = wait_all([setup.start("import", str(path)) for _ in range(2)])
    assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
    rows = len(lines) - 1
    first, second = f": {rows} added, 0 changed, 0 unchanged", f": 0 added, 0 changed, {rows} unchanged"
    outs = sorted((out for _, out, _ in results), key=lambda out: second in out)
    assert first in outs[0] and second in outs[1]  # the second to take the lock finds the figures there
    assert setup.query("SELECT count(*) FROM entry") == [(rows,)]
    assert_intact(setup)


def test_writers_of_different_figures_interleave_without_loss(setup: Setup) -> None:
    files = []
    for n, code in enumerate(("T01", "T02", "T03")):
        path = setup.folder / f"{code}.csv"
        path.write_text("code,year,value\n" + "".join(f"{code},{y},{80 + n}\n" for y in range(2021, 2026)))
        files.append(path)
    writers = [setup.start("import", str(path)) for path in files]
    writers += [setup.start("record", "T07", str(year), str(year - 1900)) for year in range(2021, 2026)]
    results = wait_all(writers)
    assert [code for code, _, _ in results] == [0] * len(writers), [err for _, _, err in results]
    stored = setup.query(
        "SELECT t.code, e.year, e.value FROM entry e JOIN target t ON t.id = e.target_id "
        "ORDER BY t.code, e.year"
    )
    wanted = [(c, y, 80.0 + n) for n, c in enumerate(("T01", "T02", "T03")) for y in range(2021, 2026)]
    wanted += [("T07", y, float(y - 1900)) for y in range(2021, 2026)]
    assert [(c, int(y), float(v)) for c, y, v in stored] == wanted  # type: ignore[arg-type]
    assert_intact(setup)


def test_writers_of_every_kind_at_once_never_fork_the_chain(setup: Setup, tmp_path: Path) -> None:
    """Figures, ratings, quotas, an import, a report and init, at once: one chain, every change a
    link, in the order the writers took the lock."""
    units = "units:\n" + "".join(
        f"  - {{code: U{i}, name: Đơn vị {i}, kind: dang-bo-co-so}}\n" for i in range(4)
    )
    both = make_setup(tmp_path / "kinds", setup.url, extra_config=units)
    path = both.folder / "T01.csv"
    path.write_text("code,year,value\n" + "".join(f"T01,{y},{80 + y % 7}\n" for y in range(2021, 2026)))
    writers = [both.start("import", str(path)), both.start("init"), both.start("report", "--format", "txt")]
    writers += [both.start("record", "T07", str(year), str(year - 1900)) for year in range(2021, 2024)]
    writers += [both.start("rate", f"U{i}", "2023", "tot") for i in range(4)]
    writers += [both.start("quota", "T07", "2023", f"U{i}", str(10 + i)) for i in range(4)]
    results = wait_all(writers)
    assert [code for code, _, _ in results] == [0] * len(writers), [err for _, _, err in results]
    line = assert_intact(both)
    assert line.startswith(f"{1 + 11 + 4 + 5 + 3 + 4 + 4} records, chain intact"), line


def hold_write_lock(database: Path, seconds: float, started: threading.Event) -> None:
    """Another program holding SQLite's write lock (a long import, a backup tool)."""
    with closing(sqlite3.connect(database, isolation_level=None, timeout=30)) as db:
        db.execute("BEGIN IMMEDIATE")
        db.execute("UPDATE resolution SET title = title")
        started.set()
        time.sleep(seconds)
        db.execute("COMMIT")


def test_two_confirms_of_one_estimate_at_once_store_one_official_figure(setup: Setup) -> None:
    assert setup.run("record", "T01", "2021", "38/42", "--provisional").returncode == 0
    results = wait_all([setup.start("confirm", "T01", "2021") for _ in range(2)])
    assert sorted(code for code, _, _ in results) == [0, 2], results
    refused = next(err for code, _, err in results if code == 2)
    assert "T01 2021 is already official" in refused
    stored = revisions(setup, "T01", 2021)
    assert [revision for revision, _, _ in stored] == [1, 2]  # one confirmation, not two
    assert_intact(setup)


def test_four_reports_at_once_each_get_their_own_run_and_files(setup: Setup) -> None:
    """Reports of one resolution are made one at a time: no run cleans away another's files."""
    assert setup.run("record", "T07", "2021", "160").returncode == 0
    results = wait_all([setup.start("report") for _ in range(4)])
    assert [code for code, _, _ in results] == [0] * 4, [err for _, _, err in results]
    printed = sorted(Path(line).name for _, out, _ in results for line in out.split())
    names = sorted(p.name for p in (setup.folder / "reports").iterdir())
    assert printed == names and len(names) == 12  # three formats of four runs, nothing else
    runs = sorted({name.rsplit("-r", 1)[1].split(".")[0] for name in names})
    assert len(runs) == 4
    stored = setup.query("SELECT count(*) FROM report_run")
    assert stored == [(4,)]


def test_a_writer_kept_waiting_by_a_lock_waits_and_succeeds(sqlite_setup: Setup) -> None:
    started = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(sqlite_setup.folder / "tracker.db", 3, started))
    holder.start()
    assert started.wait(10)
    began = time.monotonic()
    done = sqlite_setup.run("record", "T07", "2021", "160")
    holder.join()
    assert done.returncode == 0, done.stderr  # not "cannot reach the database"
    assert time.monotonic() - began >= 2  # it waited for the lock, then wrote
    assert revisions(sqlite_setup, "T07", 2021) == [(1, 160.0, None)]


def test_commands_that_only_read_never_wait_for_a_writer(sqlite_setup: Setup) -> None:
    started = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(sqlite_setup.folder / "tracker.db", 8, started))
    holder.start()
    try:
        assert started.wait(10)
        for command in (["status"], ["history"], ["targets"], ["schedule", "list"], ["export"]):
            began = time.monotonic()
            done = sqlite_setup.run(*command)
            assert done.returncode == 0, (command, done.stderr)
            assert time.monotonic() - began < 5, command  # answered while the writer still holds the lock
    finally:
        holder.join()


def test_a_lock_held_too_long_is_told_as_busy(
    run, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from tracker.store import _engine as engine

    assert run("--config", str(config_file), "init").code == 0
    monkeypatch.setattr(engine, "WRITE_WAIT_SECONDS", 1)
    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_MS", 1000)
    started = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(config_file.parent / "tracker.db", 4, started))
    holder.start()
    assert started.wait(10)
    try:
        result = run("--config", str(config_file), "record", "T07", "2021", "160")
    finally:
        holder.join()
    assert result.code == 75 and result.out == ""
    (line,) = result.err.splitlines()
    assert line.startswith("tracker: error: the database ") and " is busy: another tracker command" in line
    assert "nothing was saved" in line and "cannot reach" not in line
    assert run("--config", str(config_file), "record", "T07", "2021", "160").code == 0  # once free


def test_the_heartbeat_of_a_service_kept_waiting_logs_one_line(
    run, config_file: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    from tracker.config import load_settings
    from tracker.schedule import _service as scheduler
    from tracker.schedule._jobs import JobContext
    from tracker.store import _engine as engine

    assert run("--config", str(config_file), "init").code == 0
    monkeypatch.setattr(engine, "WRITE_WAIT_SECONDS", 1)
    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_MS", 1000)
    settings = load_settings(config_file)
    service = scheduler.Service(JobContext(engine.make_engine(settings.database_url), settings), "test pid 1")
    started = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(config_file.parent / "tracker.db", 3, started))
    holder.start()
    assert started.wait(10)
    try:
        service._beat()  # what the heartbeat thread runs every 20 s
    finally:
        holder.join()
        service.ctx.engine.dispose()
    (record,) = [r for r in caplog.records if "heartbeat" in r.getMessage()]
    assert record.levelname == "WARNING" and record.exc_info is None and "busy" in record.getMessage()


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_two_first_inits_at_once_both_succeed(
    request: pytest.FixtureRequest, tmp_path: Path, backend: str
) -> None:
    from tests.helpers import default_config_text

    url = request.getfixturevalue("postgres_url") if backend == "postgresql" else None
    (tmp_path / "config.yaml").write_text(default_config_text(), encoding="utf-8")
    fresh = Setup(tmp_path / "config.yaml", url)
    results = wait_all([fresh.start("init") for _ in range(2)])
    assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
    outs = sorted(out for _, out, _ in results)
    assert sum("schema created" in out for out in outs) == 1  # the other found it made
    assert fresh.query("SELECT count(*) FROM target") == [(11,)]
    assert fresh.query("SELECT count(*) FROM resolution") == [(1,)]


def _open_new_database(path: str, barrier: object) -> str:
    from sqlalchemy import text

    from tracker.store._engine import make_engine

    barrier.wait()  # type: ignore[attr-defined]
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE IF NOT EXISTS t (x INTEGER)"))
        return "ok"
    except Exception as exc:  # reported to the test, which names it
        return repr(exc)
    finally:
        engine.dispose()


def test_processes_opening_a_new_database_at_once_all_wait_their_turn(tmp_path: Path) -> None:
    """SQLite refuses at once, without its busy wait, when two processes switch a new file to
    WAL together: each connection must wait its turn instead of failing."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(3) as pool:
        for round_ in range(15):
            barrier = manager.Barrier(3)
            path = str(tmp_path / f"new-{round_}.db")
            results = pool.starmap(_open_new_database, [(path, barrier)] * 3)
            assert results == ["ok"] * 3, results
