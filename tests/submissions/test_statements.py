"""A unit's form and its save read the unit and the targets once, whatever the number of values
typed: the SQL statements they send do not grow with the form's values (they once read every
unit and every target again for each value)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event

from tests.services.conftest import Work
from tracker.base import Session
from tracker.submissions import EntryInput, YearForm, save_draft, submit, year_form


@pytest.fixture(autouse=True)
def _at_moment(clock) -> None:  # type: ignore[no-untyped-def]
    clock(datetime(2025, 1, 10, 3, 2, tzinfo=UTC))


@contextmanager
def counted(session: Session) -> Iterator[list[str]]:
    """The SQL statements the session sends inside the block."""
    sent: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        sent.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", note)


def values_of(form: YearForm, how_many: int) -> dict[str, EntryInput]:
    """A value for the first `how_many` lines of the form: a share as counts, a count as a number."""
    counts = {"T07": "12"}
    return {line.code: EntryInput(counts.get(line.code, "38/42")) for line in form.lines[:how_many]}


def statements_of_save(work: Work, unit: str, how_many: int, *, submitting: bool) -> int:
    with work(writes=False) as (session, resolution):
        form = year_form(session, resolution, unit, 2024)
    save = submit if submitting else save_draft
    with work() as (session, resolution), counted(session) as sent:
        saved = save(session, resolution, unit, 2024, values_of(form, how_many), account="x", version=0)
    assert saved.stored, (saved.problems, saved.far)
    assert saved.form.state == ("submitted" if submitting else "draft")
    assert sum(1 for line in saved.form.lines if line.text) == how_many
    return len(sent)


def statements_of_form(work: Work, unit: str) -> int:
    with work(writes=False) as (session, resolution), counted(session) as sent:
        year_form(session, resolution, unit, 2024)
    return len(sent)


@pytest.mark.parametrize("submitting", [False, True])
def test_a_save_sends_as_many_statements_for_one_value_as_for_every_value(
    work: Work, submitting: bool
) -> None:
    with work(writes=False) as (session, resolution):
        lines = len(year_form(session, resolution, "SYT", 2024).lines)
    assert lines >= 5
    one = statements_of_save(work, "SYT", 1, submitting=submitting)
    every = statements_of_save(work, "SGD", lines, submitting=submitting)
    assert one == every


def test_the_form_of_a_draft_sends_as_many_statements_for_one_value_as_for_every_value(work: Work) -> None:
    statements_of_save(work, "SYT", 1, submitting=False)
    with work(writes=False) as (session, resolution):
        lines = len(year_form(session, resolution, "SGD", 2024).lines)
    statements_of_save(work, "SGD", lines, submitting=False)
    one, every = statements_of_form(work, "SYT"), statements_of_form(work, "SGD")
    assert one == every
    with work(writes=False) as (session, resolution):
        form = year_form(session, resolution, "SGD", 2024)
    assert all(line.text for line in form.lines) and form.state == "draft"
