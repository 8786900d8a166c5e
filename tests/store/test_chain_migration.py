"""Migration 0011 (the chain): a database of the previous release (schema 0010) with figures,
ratings and quotas goes up with a chain equal to the one a database that had it from the start
got for the same history, and verifies intact after `tracker init`, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import text

from tests.cli.test_verify import database as database
from tests.cli.test_verify import execute
from tests.store.test_links_migration import columns
from tracker.store import _schema as schema
from tracker.store._engine import SCHEMA_HEAD, make_engine


def chain(url: str) -> list[tuple[Any, ...]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            query = "SELECT resolution_id, seq, kind, content, prev, hash FROM chain_link ORDER BY 1, 2"
            return [tuple(row) for row in connection.execute(text(query))]
    finally:
        engine.dispose()


def test_the_migrated_chain_is_the_one_a_fresh_database_has(run, tmp_path: Path, database: str) -> None:  # type: ignore[no-untyped-def]
    config = str(tmp_path / "config.yaml")

    def tracker(*args: str):  # type: ignore[no-untyped-def]
        result = run("--config", config, "--lang", "en", *args)
        assert result.code in (0, 1), result.err
        return result

    tracker("init")
    tracker("record", "T01", "2023", "38/42", "--provisional", "--note", "Ước tính")
    tracker("record", "T01", "2023", "39/42", "--amend", "--reason", "Chính thức")
    tracker("record", "T07", "2023", "150")
    tracker("record", "T07", "2023", "12", "--unit", "SYT")
    tracker("rate", "SYT", "2023", "tot")
    tracker("quota", "T07", "2023", "SYT", "10")
    tracker("record", "T07", "2024", "5", "--unit", "SGD")
    fresh = chain(database)
    assert len(fresh) == 1 + 11 + 3 + 7

    schema.downgrade(database, "0010")  # the previous release's schema, its rows kept
    assert columns(database, "chain_link") == set() and "chain_head" not in columns(database, "report_run")
    assert schema.upgrade(database) == ("0010", SCHEMA_HEAD)
    assert chain(database) == fresh
    assert tracker("init").code == 0
    assert chain(database) == fresh  # nothing of the definitions changed
    assert tracker("verify").out.startswith("22 records, chain intact, head " + fresh[-1][-1])


def test_rows_written_by_the_previous_release_join_the_chain(run, tmp_path: Path, database: str) -> None:  # type: ignore[no-untyped-def]
    config = str(tmp_path / "config.yaml")
    assert run("--config", config, "init").code == 0
    schema.downgrade(database, "0010")
    execute(  # as the previous release wrote a figure and a rating: no link
        database,
        "INSERT INTO entry (target_id, unit_id, year, revision, value, numerator, denominator, note,"
        " source_document, provisional, recorded_by, recorded_at, reason) VALUES"
        " ((SELECT id FROM target WHERE code = 'T01'), NULL, 2023, 1, 90.47619047619048, 38, 42, 'cũ', NULL,"
        " false, 'An', '2025-01-02 03:04:05.123456', NULL)",
        "INSERT INTO rating (unit_id, of, year, level, revision, reason, recorded_by, recorded_at) VALUES"
        " ((SELECT id FROM unit WHERE code = 'SYT'), 'party_org', 2023, 'tot', 1, NULL, 'An',"
        " '2025-01-03 00:00:00')",
    )
    assert run("--config", config, "--lang", "en", "init").code == 0  # upgrades
    result = run("--config", config, "--lang", "en", "verify")
    assert result.code == 0 and result.out.startswith("17 records, chain intact"), result.out
    assert [row[2] for row in chain(database)[-2:]] == ["entry", "rating"]
    schema.downgrade(database, "0010")  # and down again: the chain and the column go
    assert columns(database, "chain_link") == set()
