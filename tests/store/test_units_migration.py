"""Migration 0008 (units): a database of figures without units goes up with every figure and
revision intact and the same status, and down again, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text

from tracker.config import load_settings
from tracker.store import _schema as schema
from tracker.store._engine import SCHEMA_HEAD, make_engine


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(
    request: pytest.FixtureRequest, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    if request.param == "postgres":
        monkeypatch.setenv("TRACKER_DATABASE_URL", request.getfixturevalue("postgres_url"))
    yield load_settings(config_file).database_url


def entry_rows(url: str) -> list[tuple[Any, ...]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            query = (
                "SELECT id, target_id, year, revision, value, numerator, denominator, note, source_document,"
                " provisional, recorded_by, recorded_at, reason FROM entry ORDER BY id"
            )
            return [tuple(row) for row in connection.execute(text(query))]
    finally:
        engine.dispose()


def unique_constraints(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return {str(c["name"]) for c in inspect(engine).get_unique_constraints("entry")}
    finally:
        engine.dispose()


def test_figures_without_units_go_through_0008_down_and_up_with_the_same_status(  # type: ignore[no-untyped-def]
    run, config_file: Path, database: str
) -> None:
    def tracker(*args: str):  # type: ignore[no-untyped-def]
        result = run("--config", str(config_file), *args)
        assert result.code in (0, 1), result.err
        return result

    tracker("init")
    tracker("record", "T01", "2021", "38/42", "--provisional", "--note", "Dự ước")
    tracker("record", "T01", "2021", "39/42", "--amend", "--reason", "Chính thức")
    tracker("record", "T07", "2021", "150")
    tracker("record", "T07", "2022", "1.200", "--source", "25-BC/ĐUK")
    tracker("record", "T03", "2022", "90,5")
    status = tracker("status", "--format", "json").out
    rows = entry_rows(database)
    assert len(rows) == 5

    schema.downgrade(database, "0007")
    assert entry_rows(database) == rows
    assert "uq_entry_target_id_year_revision" in unique_constraints(database)

    assert schema.upgrade(database) == ("0007", SCHEMA_HEAD)
    assert entry_rows(database) == rows
    # the rating targets' definitions (0009) and the links between targets (0010) went with the
    # downgrade: init sets them again
    again = tracker("init").out.splitlines()[1:]
    changed = ["~ T01 changed", "~ T02 changed", "~ T04 changed", "~ T08 changed", "~ T11 changed"]
    assert [line.split(":")[0] for line in again] == changed and "part_of: None -> T01" in again[1]
    assert tracker("status", "--format", "json").out == status
    assert tracker("init").out.endswith("no changes\n")
    tracker("record", "T01", "2021", "40/42", "--amend", "--reason", "Sửa lại")  # numbering goes on
    assert [row[3] for row in entry_rows(database) if row[1:3] == rows[0][1:3]] == [1, 2, 3]
