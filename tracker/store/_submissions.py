"""Queries and writes of the units' submissions (the submission and submission_value tables),
and the author of a figure accepted from one (entry.submitted_by).

A submission is changed only by `change_submission`: an UPDATE that holds only while the row still
has the version the writer read, so of two writers that read one version only one changes it
(tracker/submissions says who, and what the other is told)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import delete, insert, select, tuple_, update
from sqlmodel import Session

from tracker.store._records import Submission, SubmissionValue
from tracker.store._tables import EntryRow, SubmissionRow, SubmissionValueRow, as_utc, metadata

_SUBMISSION_COLUMNS = tuple(c.name for c in metadata.tables["submission"].c)


def _submission(row: Any) -> Submission:
    values = dict(row._mapping)
    for moment in ("updated_at", "submitted_at", "decided_at"):
        if values[moment] is not None:
            values[moment] = as_utc(values[moment])
    return Submission(**values)


def _rows() -> Any:
    return select(*metadata.tables["submission"].c)


def find_submission(session: Session, unit_id: int, year: int) -> Submission | None:
    """The unit's submission of the year, if it has one."""
    table = metadata.tables["submission"]
    row = (
        session.connection().execute(_rows().where(table.c.unit_id == unit_id, table.c.year == year)).first()
    )
    return None if row is None else _submission(row)


def submissions_of(session: Session, resolution_id: int, year: int | None = None) -> list[Submission]:
    """The resolution's submissions (of one year, or all), by unit and year."""
    table = metadata.tables["submission"]
    query = _rows().where(table.c.resolution_id == resolution_id)
    if year is not None:
        query = query.where(table.c.year == year)
    rows = session.connection().execute(query.order_by(table.c.unit_id, table.c.year))
    return [_submission(row) for row in rows]


def unit_submissions(session: Session, unit_id: int) -> list[Submission]:
    """Every submission of one unit, by year."""
    table = metadata.tables["submission"]
    rows = session.connection().execute(_rows().where(table.c.unit_id == unit_id).order_by(table.c.year))
    return [_submission(row) for row in rows]


def submission_values(session: Session, submission_id: int) -> list[SubmissionValue]:
    """The figures of a submission as typed, by target id."""
    table = metadata.tables["submission_value"]
    query = select(table.c.target_id, table.c.text, table.c.note, table.c.source, table.c.far_confirmed)
    rows = session.connection().execute(
        query.where(table.c.submission_id == submission_id).order_by(table.c.target_id)
    )
    return [SubmissionValue(*row) for row in rows]


def insert_submission(
    session: Session, resolution_id: int, unit_id: int, year: int, columns: Mapping[str, Any]
) -> Submission:
    """The unit's year's first submission row (version 1: a draft, or submitted at once) with its
    `columns` (state, updated_by, updated_at, ...); the unique (unit, year) refuses a second."""
    values = {"resolution_id": resolution_id, "unit_id": unit_id, "year": year, "state": "draft"}
    values |= {"version": 1, **columns}
    session.connection().execute(insert(SubmissionRow).values(**values))
    found = find_submission(session, unit_id, year)
    assert found is not None
    return found


def change_submission(
    session: Session, submission_id: int, version: int, changes: Mapping[str, Any]
) -> Submission | None:
    """Set `changes` and the next version, only if the row still has `version`; the row as
    changed, or None when another writer changed it first (nothing is changed then)."""
    unknown = set(changes) - set(_SUBMISSION_COLUMNS)
    if unknown:
        raise ValueError(f"not a column of submission: {sorted(unknown)}")
    query = (
        update(SubmissionRow)
        .where(SubmissionRow.id == submission_id, SubmissionRow.version == version)  # type: ignore[arg-type]
        .values(**changes, version=version + 1)
    )
    if session.connection().execute(query).rowcount != 1:
        return None
    table = metadata.tables["submission"]
    row = session.connection().execute(_rows().where(table.c.id == submission_id)).one()
    return _submission(row)


def replace_submission_values(
    session: Session, submission_id: int, values: Sequence[SubmissionValue]
) -> None:
    """The submission's figures as typed now: the ones before are replaced."""
    connection = session.connection()
    connection.execute(delete(SubmissionValueRow).where(SubmissionValueRow.submission_id == submission_id))  # type: ignore[arg-type]
    if values:
        rows = [
            {"submission_id": submission_id, "target_id": v.target_id, "text": v.text}
            | {"note": v.note, "source": v.source, "far_confirmed": v.far_confirmed}
            for v in values
        ]
        connection.execute(insert(SubmissionValueRow), rows)


def submission_row(submission: Submission) -> dict[str, Any]:
    """A submission's columns, as the chain writes its text."""
    return {name: getattr(submission, name) for name in _SUBMISSION_COLUMNS}


def mark_submitted_by(
    session: Session, keys: Collection[tuple[int, int | None, int, int]], account: str
) -> None:
    """Name the unit account as the author of the revisions just stored, by (target id, unit id,
    year, revision)."""
    if not keys:
        return
    columns = (EntryRow.target_id, EntryRow.unit_id, EntryRow.year, EntryRow.revision)
    query = update(EntryRow).where(tuple_(*columns).in_(sorted(keys, key=str))).values(submitted_by=account)
    session.connection().execute(query)
