"""The import's bulk insert hands its rows to the database driver as they are, ROWS_PER_INSERT rows
to a statement: what it stores must be exactly what SQLAlchemy's ORM stores for the same
revision, column by column, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session

from tests.helpers import Result
from tracker import store
from tracker.config import load_settings
from tracker.store import _figures as repository
from tracker.store._engine import make_engine
from tracker.store._tables import EntryRow

MOMENT = datetime(2026, 11, 27, 15, 4, 5, 123456, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def session(
    request: pytest.FixtureRequest,
    run: Callable[..., Result],
    config_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Session]:
    """A session on an initialised database of each kind, rolled back at the end."""
    if request.param == "postgresql":
        monkeypatch.setenv("TRACKER_DATABASE_URL", request.getfixturevalue("postgres_url"))
    assert run("--config", str(config_file), "init").code == 0
    engine = make_engine(load_settings(config_file).database_url)
    with Session(engine) as opened, opened.begin():
        yield opened
        opened.rollback()
    engine.dispose()


def columns(session: Session, target_id: int) -> list[tuple[Any, ...]]:
    """The stored columns of a target's revisions, as the database holds them (but the id)."""
    names = ", ".join((*repository.REVISION_COLUMNS, "recorded_by", "recorded_at"))
    query = text(f"SELECT {names} FROM entry WHERE target_id = :target ORDER BY year, revision")
    return [tuple(row) for row in session.connection().execute(query, {"target": target_id})]


def test_a_revision_is_stored_as_the_orm_stores_it(session: Session) -> None:
    first, second = (t.id or 0 for t in store.targets_of(session, 1)[:2])
    values = [
        (first, 2021, 1, 90.47619047619048, 38, 42, "Ghi chú\ndòng hai", "25-BC/ĐUK", True, None, None),
        (first, 2022, 2, 1e15, 10**15, 10**15, None, None, False, "Số liệu chính thức", None),
        (first, 2023, 1, 0.1 + 0.2, None, None, "'=1+1", "", False, None, None),
    ]
    repository.insert_entries(session, values, "Nguyễn Văn An", MOMENT)
    for row in values:
        fields = dict(zip(repository.REVISION_COLUMNS, row, strict=True)) | {"target_id": second}
        session.add(EntryRow(**fields, recorded_by="Nguyễn Văn An", recorded_at=MOMENT))
        session.flush()
    bulk, orm = columns(session, first), columns(session, second)
    assert [row[1:] for row in bulk] == [row[1:] for row in orm]
    entries = sorted(repository.latest_entries(session, {(first, 2021), (first, 2023)}), key=lambda e: e.year)
    found = [
        (e.figure.value, e.figure.numerator, e.figure.provisional, e.recorded_at.replace(tzinfo=UTC))
        for e in entries
    ]
    assert found == [
        (90.47619047619048, 38, True, MOMENT),
        (0.30000000000000004, None, False, MOMENT),
    ]


def test_many_revisions_go_in_statements_of_rows_per_insert_and_one_for_the_rest(session: Session) -> None:
    target = store.targets_of(session, 1)[6].id or 0  # T07, a count
    count = 2 * repository.ROWS_PER_INSERT + 7
    values = [
        (target, 1900 + n, 1, float(n), None, None, f"n{n}", None, n % 2 == 0, None, None)
        for n in range(count)
    ]
    repository.insert_entries(session, values, "An", MOMENT)
    stored = columns(session, target)
    assert len(stored) == count
    assert [(row[1], row[3], row[6], bool(row[8])) for row in stored] == [
        (1900 + n, float(n), f"n{n}", n % 2 == 0) for n in range(count)
    ]
