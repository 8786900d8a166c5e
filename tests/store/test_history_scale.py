"""The latest of a history is one row away. Report runs and job runs gain a row with every run,
and `report`, `schedule list` and the service's start ask for the newest of them: each lookup
must be answered from an index (its plan has no full scan and no sort) and load one ORM object,
however many runs are stored. Migration 0006, which adds those indexes, keeps every row on the
way up and down, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, insert, inspect, text
from sqlmodel import Session

from tracker.store import _figures as repository
from tracker.store import _jobs as jobs
from tracker.store import _reports as report_store
from tracker.store import _schema as schema
from tracker.store._engine import SCHEMA_HEAD, make_engine
from tracker.store._tables import (
    COMMITTEE_REVISIONS,
    UNIT_REVISIONS,
    EntryRow,
    JobRunRow,
    ReportRunRow,
    metadata,
)

RUNS = 2_000
START = datetime(2024, 1, 1, tzinfo=UTC)
STEP = 7919  # prime, so that i * STEP % RUNS orders the moments unlike the ids
NEW_INDEXES = {
    "report_run": {"ix_report_run_resolution_id_created_at_id"},
    "job_run": {"ix_job_run_schedule_id_started_at_id", "ix_job_run_schedule_id_delivery_delivered_at_id"},
}
OLD_INDEXES = {
    "report_run": {"ix_report_run_resolution_id"},
    "job_run": {"ix_job_run_schedule_id", "ix_job_run_resolution_id"},
    "entry": {"ix_entry_target_id"},
    "target": {"ix_target_resolution_id"},
}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracker.db'}"
    else:
        yield request.getfixturevalue("postgres_url")


def moment(i: int) -> datetime:
    """The i-th run's moment, in an order unlike the ids'. The last id shares the latest moment
    with two earlier ones, so that only the tie-break by id picks it."""
    return START + timedelta(minutes=RUNS - 2 if i == RUNS else min(i * STEP % RUNS, RUNS - 2))


@dataclass(frozen=True)
class History:
    """What was stored, to compute each lookup's answer independently of the query."""

    reports: list[dict[str, Any]]
    job_runs: list[dict[str, Any]]


def report_rows() -> list[dict[str, Any]]:
    statuses = {f"T{n:02}": "on_track" for n in range(1, 14)}
    figures = {code: {"2021": 90.5, "2022": 92.25, "2023": 93.0} for code in statuses}
    rows = [
        {"id": i, "resolution_id": 1, "created_at": moment(i), "as_recorded": None, "as_of": 2023,
         "lang": "vi", "trigger": "manual", "formats": "html,md", "paths": [f"/r/DHIX-2023-vi-r{i}.html"],
         "statuses": statuses, "figures": figures}
        for i in range(1, RUNS + 1)
    ]  # fmt: skip
    later = START + timedelta(days=30)
    for i, (resolution, as_recorded) in enumerate([(1, START), (1, START), (2, None)], start=RUNS + 1):
        # rebuilds of the past, and another resolution's report: newer, never the previous report
        rows.append(
            rows[0] | {"id": i, "resolution_id": resolution, "created_at": later, "as_recorded": as_recorded}
        )
    return rows


def delivery(i: int) -> str:
    """Most e-mail went out or was never due; one run in 50 still owes its own, as after an outage."""
    if i % 50 == 0:
        return "failed" if i % 100 else "pending"
    return ("sent", "none", "unchanged", "sent", "sent")[i % 5]


def job_rows() -> list[dict[str, Any]]:
    return [
        {"id": i, "schedule_id": "nam" if i % 3 else "tuan", "kind": "report", "resolution_id": 1,
         "trigger": "scheduled", "started_at": moment(i), "outcome": "ok", "message": "", "as_of": 2023,
         "report_run_id": i, "recipients": ["van.phong@example.org"], "mail_subject": "[DHIX] 2023",
         "mail_body": "Đạt 1/13 chỉ tiêu.\n" * 20, "attachments": [f"/r/DHIX-2023-vi-r{i}.html"],
         "delivery": delivery(i), "delivery_attempts": 1,
         "delivered_at": moment(RUNS - i + 1) if delivery(i) == "sent" else None}
        for i in range(1, RUNS + 1)
    ]  # fmt: skip


def entry_rows() -> list[dict[str, Any]]:
    return [
        {"target_id": 1, "year": year, "revision": revision, "value": revision, "provisional": False,
         "recorded_by": "Lan", "recorded_at": START}
        for year in (2021, 2022) for revision in range(1, RUNS // 2 + 1)
    ]  # fmt: skip


def fill(engine: Engine) -> History:
    history = History(report_rows(), job_rows())
    with engine.begin() as connection:
        for code, resolution_id in (("R1", 1), ("R2", 2)):
            connection.execute(
                text(
                    "INSERT INTO resolution (id, code, title, body, congress_date, first_year, last_year)"
                    " VALUES (:id, :code, 'Nghị quyết', 'Đảng ủy', '2020-08-18', 2021, 2025)"
                ),
                {"id": resolution_id, "code": code},
            )
        connection.execute(
            text(
                "INSERT INTO target (id, resolution_id, code, position, title, title_en, measure, rule, "
                "comparator, threshold, unit, unit_en, source_kind) VALUES (1, 1, 'T01', 1, 't', 't', "
                "'count', 'each_year', '>=', 90, '', '', 'quoted')"
            )
        )
        for table, rows in (("report_run", history.reports), ("job_run", history.job_runs)):
            connection.execute(insert(metadata.tables[table]), rows)
        connection.execute(insert(metadata.tables["entry"]), entry_rows())
        if engine.dialect.name == "postgresql":
            connection.execute(text("ANALYZE"))  # as autovacuum does; tracker never runs it on SQLite
    return history


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def stored(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Engine, History]]:
    """The histories stored once for the module on each kind of database: its tests only read them."""
    if request.param == "sqlite":
        database_url = f"sqlite:///{tmp_path_factory.mktemp('history') / 'tracker.db'}"
    else:
        database_url = request.getfixturevalue("module_postgres_url")
    schema.upgrade(database_url)
    engine = make_engine(database_url)
    try:
        yield engine, fill(engine)
    finally:
        engine.dispose()


def newest(rows: list[dict[str, Any]], key: str, **where: Any) -> dict[str, Any]:
    """The row a "latest" lookup must return: the latest `key`, ties broken by the higher id."""
    chosen = [row for row in rows if all(row[column] == value for column, value in where.items())]
    return max(chosen, key=lambda row: (row[key], row["id"]))


class Loads:
    """Counts the ORM objects a block loads (every row the ORM reads becomes one)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, target: object, context: object) -> None:
        self.count += 1

    def __enter__(self) -> Loads:
        for model in (ReportRunRow, JobRunRow, EntryRow):
            event.listen(model, "load", self)
        return self

    def __exit__(self, *exc: object) -> None:
        for model in (ReportRunRow, JobRunRow, EntryRow):
            event.remove(model, "load", self)


def test_each_latest_lookup_returns_the_newest_row_and_loads_only_it(stored: tuple[Engine, History]) -> None:
    engine, history = stored
    reports, runs = history.reports, history.job_runs
    delivered = newest([r for r in runs if r["delivery"] == "sent"], "delivered_at", schedule_id="nam")
    before = START + timedelta(minutes=RUNS // 2)
    received = {"resolution_id": 1, "as_recorded": None}  # not a rebuild, nor another resolution's
    earlier = [r for r in reports if r["created_at"] <= before]
    expected: list[tuple[Callable[[Session], Any], int]] = [
        (lambda s: report_store.previous_report(s, 1), newest(reports, "created_at", **received)["id"]),
        (
            lambda s: report_store.previous_report(s, 1, before),
            newest(earlier, "created_at", **received)["id"],
        ),
        (lambda s: jobs.last_run(s, "nam"), newest(runs, "started_at", schedule_id="nam")["id"]),
        (lambda s: jobs.last_run(s, "tuan"), newest(runs, "started_at", schedule_id="tuan")["id"]),
        (lambda s: jobs.last_delivered_report(s, "nam"), delivered["report_run_id"]),
    ]
    assert expected[0][1] == RUNS, "three reports share the newest moment: the highest id wins"
    with Session(engine) as session:
        for lookup, wanted in expected:
            with Loads() as loads:
                found = lookup(session)
            assert (found.id, loads.count) == (wanted, 1)
            session.expunge_all()  # the next lookup loads its row afresh
        with Loads() as loads:
            entry = repository.latest_entry(session, 1, 2021)
        assert entry is not None and (entry.revision, loads.count) == (RUNS // 2, 1)
        assert report_store.previous_report(session, 1, before=START - timedelta(days=1)) is None
        assert jobs.last_run(session, "elsewhere") is None


def test_owed_mail_is_counted_and_listed_without_loading_the_runs(stored: tuple[Engine, History]) -> None:
    engine, history = stored
    owed = sorted(
        r["id"] for r in history.job_runs if r["schedule_id"] == "nam" and r["delivery"] in jobs.OWED
    )
    assert len(owed) >= 20
    with Session(engine) as session, Loads() as loads:
        assert jobs.undelivered(session, "nam") == owed
        assert jobs.count_undelivered(session, "nam") == len(owed)
        assert jobs.count_undelivered(session, "elsewhere") == 0
    assert loads.count == 0


@dataclass(frozen=True)
class Plan:
    lookup: Callable[[Session], object]
    index: str  # on PostgreSQL; SQLite's own name for a unique constraint's index may differ
    sorts: bool = False  # the owed runs come from two ranges of the index, sorted (a few rows)
    # another index that answers as well: the committee's latest figure (unit_id IS NULL) is the
    # end of a range of either index of entry's revisions (0008), whichever the planner picks
    also: str | None = None


REPORTS_INDEX = "ix_report_run_resolution_id_created_at_id"
KIND_INDEX = "ix_report_run_resolution_id_as_of_kind_created_at_id"  # 0007
PLANS = {
    "previous_report": Plan(lambda s: report_store.previous_report(s, 1), REPORTS_INDEX),
    "previous_report_before": Plan(
        lambda s: report_store.previous_report(s, 1, before=START + timedelta(hours=3)), REPORTS_INDEX
    ),
    "previous_report_of_its_year_and_kind": Plan(
        lambda s: report_store.previous_report(s, 1, as_of=2023, kind="midterm"),
        KIND_INDEX,
    ),
    "last_run": Plan(lambda s: jobs.last_run(s, "nam"), "ix_job_run_schedule_id_started_at_id"),
    "last_delivered_report": Plan(
        lambda s: jobs.last_delivered_report(s, "nam"), "ix_job_run_schedule_id_delivery_delivered_at_id"
    ),
    "undelivered": Plan(
        lambda s: jobs.undelivered(s, "nam"), "ix_job_run_schedule_id_delivery_delivered_at_id", sorts=True
    ),
    "count_undelivered": Plan(
        lambda s: jobs.count_undelivered(s, "nam"), "ix_job_run_schedule_id_delivery_delivered_at_id"
    ),
    "latest_entry": Plan(
        lambda s: repository.latest_entry(s, 1, 2021), COMMITTEE_REVISIONS, also=UNIT_REVISIONS
    ),
    "latest_entry_of_a_unit": Plan(lambda s: repository.latest_entry(s, 1, 2021, unit_id=1), UNIT_REVISIONS),
}  # fmt: skip


def statements_of(engine: Engine, lookup: Callable[[Session], object]) -> list[tuple[str, Any]]:
    """The queries a lookup sends (not SQLite's BEGIN), with their parameters as the driver got them."""
    sent: list[tuple[str, Any]] = []

    def record(conn: object, cursor: object, statement: str, parameters: Any, *rest: object) -> None:
        if statement.startswith("SELECT"):
            sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        with Session(engine) as session:
            lookup(session)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return sent


def query_plan(engine: Engine, statement: str, parameters: Any) -> list[str]:
    explain = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(explain + statement, parameters).all()
    return [str(row[-1]) for row in rows]  # SQLite: (id, parent, notused, detail); PostgreSQL: (line,)


@pytest.mark.parametrize("name", PLANS)
def test_each_latest_lookup_reads_an_index_not_the_table(stored: tuple[Engine, History], name: str) -> None:
    engine, _ = stored
    plan = PLANS[name]
    (statement, parameters), *more = statements_of(engine, plan.lookup)
    assert more == [], "one statement per lookup"
    lines = query_plan(engine, statement, parameters)
    shown = "\n".join(lines)
    if engine.dialect.name == "sqlite":
        indexes = [name for name in (plan.index, plan.also) if name]
        assert any(f"INDEX {index} (" in line for line in lines for index in indexes), shown
        assert not any(line.startswith("SCAN") for line in lines), shown
        assert any("TEMP B-TREE" in line for line in lines) == plan.sorts, shown
    else:
        indexes = [name for name in (plan.index, plan.also) if name]
        assert any(index in line and "Index" in line for line in lines for index in indexes), shown
        assert not any("Seq Scan" in line for line in lines), shown
        assert any("Sort" in line for line in lines) == plan.sorts, shown


def index_names(url: str) -> dict[str, set[str]]:
    engine = make_engine(url)
    try:
        inspector = inspect(engine)
        return {table: {str(i["name"]) for i in inspector.get_indexes(table)} for table in OLD_INDEXES}
    finally:
        engine.dispose()


def counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return {
                t: int(connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one())
                for t in OLD_INDEXES
            }
    finally:
        engine.dispose()


def test_0006_indexes_the_histories_and_goes_down_again_with_every_row(database_url: str) -> None:
    schema.upgrade(database_url, "0005")
    engine = make_engine(database_url)
    try:
        fill(engine)
    finally:
        engine.dispose()
    stored = {"report_run": RUNS + 3, "job_run": RUNS, "entry": RUNS, "target": 1}
    assert counts(database_url) == stored
    assert all(OLD_INDEXES[t] <= names for t, names in index_names(database_url).items())

    assert schema.upgrade(database_url, "0006") == ("0005", "0006")
    after = index_names(database_url)
    assert all(not (OLD_INDEXES[t] & names) for t, names in after.items()), after
    assert all(NEW_INDEXES.get(t, set()) <= names for t, names in after.items()), after
    assert counts(database_url) == stored

    schema.downgrade(database_url, "0005")
    back = index_names(database_url)
    assert all(
        OLD_INDEXES[t] <= names and not (NEW_INDEXES.get(t, set()) & names) for t, names in back.items()
    )
    assert counts(database_url) == stored
    assert schema.upgrade(database_url) == ("0005", SCHEMA_HEAD)


def test_0007_gives_every_stored_report_an_unknown_kind_and_goes_down_again(database_url: str) -> None:
    """Reports made before kinds existed keep every row and field; their kind is NULL (which one
    the office meant cannot be told), and the migration goes down and up again with them."""
    schema.upgrade(database_url, "0006")
    engine = make_engine(database_url)
    try:
        fill(engine)
    finally:
        engine.dispose()
    stored = counts(database_url)
    assert schema.upgrade(database_url, "0007") == ("0006", "0007")
    assert KIND_INDEX in index_names(database_url)["report_run"]
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            kinds = connection.exec_driver_sql("SELECT DISTINCT kind FROM report_run").all()
    finally:
        engine.dispose()
    assert kinds == [(None,)] and counts(database_url) == stored
    schema.downgrade(database_url, "0006")
    assert KIND_INDEX not in index_names(database_url)["report_run"]
    assert counts(database_url) == stored
    assert schema.upgrade(database_url) == ("0006", SCHEMA_HEAD)
