"""Migration 0009 (ratings): a database of 0008, with figures of the committee and of its units,
goes up with every figure and revision intact; `tracker init` then makes T01, T02 and T11
rating targets and their figures recorded before still count. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text

from tests.helpers import UNITS
from tracker.config import load_settings
from tracker.store import _schema as schema
from tracker.store._engine import SCHEMA_HEAD, make_engine


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(
    request: pytest.FixtureRequest, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    config_file.write_text(config_file.read_text(encoding="utf-8") + UNITS, encoding="utf-8")
    if request.param == "postgres":
        monkeypatch.setenv("TRACKER_DATABASE_URL", request.getfixturevalue("postgres_url"))
    yield load_settings(config_file).database_url


def rows(url: str, query: str) -> list[tuple[Any, ...]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(query))]
    finally:
        engine.dispose()


def tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


ENTRIES = (
    "SELECT id, target_id, unit_id, year, revision, value, numerator, denominator, note, provisional,"
    " recorded_by, recorded_at, reason FROM entry ORDER BY id"
)
UNIT_ROWS = (
    "SELECT id, resolution_id, code, position, name, kind, agency, from_year, to_year FROM unit ORDER BY id"
)


def columns(url: str, table: str) -> list[dict[str, Any]]:
    engine = make_engine(url)
    try:
        return [dict(c) for c in inspect(engine).get_columns(table)]
    finally:
        engine.dispose()


def test_a_database_of_0008_goes_up_and_its_rating_targets_keep_their_figures(  # type: ignore[no-untyped-def]
    run, config_file: Path, database: str
) -> None:
    def tracker(*args: str):  # type: ignore[no-untyped-def]
        result = run("--config", str(config_file), *args)
        assert result.code in (0, 1), result.err
        return result

    def t01() -> dict[str, Any]:
        found = json.loads(tracker("status", "--format", "json").out)["targets"]
        return next(t for t in found if t["code"] == "T01")

    tracker("init")
    tracker("record", "T01", "2021", "38/42", "--provisional", "--note", "Dự ước")
    tracker("record", "T01", "2021", "39/42", "--amend", "--reason", "Chính thức")
    tracker("record", "T07", "2021", "150")
    tracker("record", "T07", "2021", "12", "--unit", "SYT")
    tracker("rate", "SYT", "2021", "tot", "--of", "agency")
    schema.downgrade(database, "0008")  # the database as 0008 knew it: figures, no ratings
    assert "rating" not in tables(database)
    assert "rating_of" not in {c["name"] for c in columns(database, "target")}
    entries, units = rows(database, ENTRIES), rows(database, UNIT_ROWS)
    assert len(entries) == 4

    assert schema.upgrade(database) == ("0008", SCHEMA_HEAD)
    assert rows(database, ENTRIES) == entries and rows(database, UNIT_ROWS) == units
    assert "rating" in tables(database)
    assert t01()["figures"] == {"2021": 92.8571}  # still a plain share until init

    changed = tracker("init").out
    assert "~ T01 changed: rating_of: None -> agency; rating_at_least: None -> tot" in changed
    assert rows(database, ENTRIES) == entries
    assert t01()["figures"] == {"2021": 92.8571} and t01()["counts"] == {
        "2021": [39, 42]
    }  # the signed figure
    tracker("rate", "SYT", "2021", "tot", "--of", "agency")
    assert t01()["discrepancy"] is None  # 1 of the 2 units of 2021 rated: no share to hold against it
    tracker("rate", "CBX", "2021", "tot", "--of", "agency")
    assert t01()["figures"] == {"2021": 92.8571}  # the committee's figure counts over the ratings'
    assert t01()["discrepancy"] == {"recorded": 92.8571, "rolled_up": 100}
    tracker("record", "T01", "2021", "40/42", "--amend", "--reason", "Sửa lại")  # numbering goes on
    t01_id = entries[0][1]
    assert [r[4] for r in rows(database, ENTRIES) if r[1] == t01_id and r[2] is None] == [1, 2, 3]
