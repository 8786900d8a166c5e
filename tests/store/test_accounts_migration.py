"""Migration 0012 (accounts and sign-ins): a database of 0011 with figures, ratings, quotas and
its chain goes up with everything intact and the two new tables, takes accounts and sign-ins, and
goes down again dropping only them, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.cli.test_verify import database as database
from tests.store.test_chain_migration import chain
from tests.store.test_links_migration import columns
from tests.store.test_units_migration import entry_rows
from tracker.store import _schema as schema
from tracker.store._engine import SCHEMA_HEAD, make_engine

SECRET = "Mat-khau-bi-mat-2026"


def count(url: str, table: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


def test_accounts_go_up_and_down_beside_the_figures(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = str(tmp_path / "config.yaml")

    def tracker(*args: str, password: str | None = None):  # type: ignore[no-untyped-def]
        if password is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
        result = run("--config", config, "--lang", "en", *args)
        assert result.code in (0, 1), result.err
        return result

    tracker("init")
    tracker("record", "T01", "2023", "38/42")
    tracker("record", "T07", "2023", "12", "--unit", "SYT")
    tracker("rate", "SYT", "2023", "tot")
    tracker("quota", "T07", "2023", "SYT", "10")
    rows, links = entry_rows(database), chain(database)

    schema.downgrade(database, "0011")  # the release before accounts
    assert columns(database, "account") == set() and columns(database, "sign_in") == set()
    assert schema.upgrade(database) == ("0011", SCHEMA_HEAD)
    assert {"name_key", "role", "unit_id", "password_hash", "disabled"} <= columns(database, "account")
    assert {"name", "at", "outcome", "remote", "locked_until"} <= columns(database, "sign_in")
    assert (entry_rows(database), chain(database)) == (rows, links)

    tracker(
        "user", "add", "syt.ketoan", "--role", "unit", "--unit", "SYT", "--password-stdin", password=SECRET
    )
    tracker("user", "add", "vanphong", "--role", "office", "--password-stdin", password=SECRET)
    from tracker.accounts import authenticate
    from tracker.base import unit_of_work
    from tracker.clock import now
    from tracker.config import load_settings

    with unit_of_work(load_settings(Path(config))) as session:
        assert authenticate(session, "syt.ketoan", SECRET, now(), "127.0.0.1").ok
    assert (count(database, "account"), count(database, "sign_in")) == (2, 1)
    assert "syt.ketoan" in tracker("user", "list").out
    assert tracker("verify").code == 0

    schema.downgrade(database, "0011")  # the accounts and the log go; nothing else does
    assert columns(database, "account") == set() and columns(database, "sign_in") == set()
    assert (entry_rows(database), chain(database)) == (rows, links)
    assert schema.upgrade(database) == ("0011", SCHEMA_HEAD)
    assert tracker("user", "list").out.startswith("no accounts yet")
    assert tracker("verify").code == 0


def test_the_database_refuses_what_the_rules_refuse(run, tmp_path: Path, database: str) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import IntegrityError

    assert run("--config", str(tmp_path / "config.yaml"), "init").code == 0
    engine = make_engine(database)
    insert = (
        "INSERT INTO account (name, name_key, role, unit_id, password_hash, disabled, created_at,"
        " password_changed_at) VALUES ('{name}', '{key}', '{role}', {unit}, 'h', false,"
        " '2026-12-01 00:00:00', '2026-12-01 00:00:00')"
    )
    bad = [
        {"name": "a.b", "key": "a.b", "role": "boss", "unit": "NULL"},
        {"name": "a.c", "key": "a.c", "role": "unit", "unit": "NULL"},
        {"name": "a.d", "key": "a.d", "role": "office", "unit": "(SELECT min(id) FROM unit)"},
        {"name": "A.E", "key": "a.e", "role": "viewer", "unit": "NULL"},
    ]
    try:
        with engine.begin() as connection:
            connection.execute(text(insert.format(name="a.e", key="a.e", role="viewer", unit="NULL")))
        for values in bad:
            with pytest.raises(IntegrityError), engine.begin() as connection:
                connection.execute(text(insert.format(**values)))
    finally:
        engine.dispose()


def test_ten_failures_lock_the_name_on_either_database(run, tmp_path: Path, database: str) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime, timedelta

    from tracker.accounts import add_account, authenticate, sign_in_log
    from tracker.base import current_resolution, unit_of_work
    from tracker.config import load_settings

    assert run("--config", str(tmp_path / "config.yaml"), "init").code == 0
    settings = load_settings(tmp_path / "config.yaml")
    start = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    with unit_of_work(settings) as session:
        add_account(session, current_resolution(session, settings), "VanPhong", "office", None, SECRET, start)
    for minute in range(10):
        with unit_of_work(settings) as session:
            authenticate(session, "vanphong", "sai", start + timedelta(minutes=minute))
    with unit_of_work(settings) as session:
        refused = authenticate(session, "VANPHONG", SECRET, start + timedelta(minutes=23))
        later = authenticate(session, "VanPhong", SECRET, start + timedelta(minutes=24))
    assert (refused.outcome, refused.locked_until) == ("locked", start + timedelta(minutes=24))
    assert later.ok
    with unit_of_work(settings, writes=False) as session:
        assert [e.outcome for e in sign_in_log(session, "vanphong", limit=3)] == [
            "ok",
            "locked",
            "wrong_password",
        ]
