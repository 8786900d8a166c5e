"""Migration 0010 (units' quotas, the links between targets): a database of 0008 with figures,
the committee's and its units', goes up with every figure and revision intact, and down again,
on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect

from tests.helpers import UNITS, default_config_text
from tests.store.test_units_migration import entry_rows
from tracker.config import load_settings
from tracker.store import _schema as schema
from tracker.store._engine import SCHEMA_HEAD, make_engine


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    config = tmp_path / "config.yaml"
    config.write_text(default_config_text() + UNITS, encoding="utf-8")
    if request.param == "postgres":
        monkeypatch.setenv("TRACKER_DATABASE_URL", request.getfixturevalue("postgres_url"))
    yield load_settings(config).database_url


def columns(url: str, table: str) -> set[str]:
    engine = make_engine(url)
    try:
        inspector = inspect(engine)
        return {c["name"] for c in inspector.get_columns(table)} if inspector.has_table(table) else set()
    finally:
        engine.dispose()


def test_figures_go_through_0010_down_and_up_intact(run, tmp_path: Path, database: str) -> None:  # type: ignore[no-untyped-def]
    config = str(tmp_path / "config.yaml")

    def tracker(*args: str):  # type: ignore[no-untyped-def]
        result = run("--config", config, *args)
        assert result.code in (0, 1), result.err
        return result

    tracker("init")
    tracker("record", "T01", "2023", "38/42", "--provisional")
    tracker("record", "T01", "2023", "39/42", "--amend", "--reason", "Chính thức")
    tracker("record", "T02", "2023", "9/42")
    tracker("record", "T07", "2023", "150")
    tracker("record", "T07", "2023", "12", "--unit", "SYT")
    tracker("quota", "T07", "2023", "SYT", "10")
    status = tracker("status", "--format", "json").out
    rows = entry_rows(database)
    assert len(rows) == 5

    schema.downgrade(database, "0008")
    assert entry_rows(database) == rows
    assert columns(database, "quota") == set() and "figures_from" not in columns(database, "target")

    assert schema.upgrade(database) == ("0008", SCHEMA_HEAD)
    assert entry_rows(database) == rows
    assert {"part_of", "figures_from"} <= columns(database, "target") and "value" in columns(
        database, "quota"
    )
    again = tracker("init").out  # the links come from the config again
    assert "part_of: None -> T01" in again and "figures_from: None -> T07" in again
    tracker("quota", "T07", "2023", "SYT", "10")  # the quotas went down with their table
    assert tracker("status", "--format", "json").out == status
