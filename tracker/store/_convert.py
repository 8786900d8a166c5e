"""Rows of the tables to the records the store hands out, and records back to rows: the one
place that knows both (tracker/store/_tables.py, _records.py)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

from sqlmodel import SQLModel

from tracker.evaluate import Figure
from tracker.store._records import (
    JobRun,
    Lease,
    Quota,
    Rating,
    ReportRun,
    Resolution,
    Revision,
    Target,
    Unit,
)
from tracker.store._tables import (
    EntryRow,
    JobRunRow,
    QuotaRow,
    RatingRow,
    ReportRunRow,
    ResolutionRow,
    ServiceLeaseRow,
    TargetRow,
    UnitRow,
)

Record = TypeVar("Record")


_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def field_names(kind: type[Any]) -> tuple[str, ...]:
    """A record type's field names, worked out once."""
    if kind not in _FIELDS:
        _FIELDS[kind] = tuple(f.name for f in fields(kind))
    return _FIELDS[kind]


def _record(kind: type[Record], row: SQLModel) -> Record:
    return kind(**{name: getattr(row, name) for name in field_names(kind)})


def resolution_of(row: ResolutionRow) -> Resolution:
    return _record(Resolution, row)


def target_of(row: TargetRow) -> Target:
    return _record(Target, row)


def unit_of(row: UnitRow) -> Unit:
    return _record(Unit, row)


def rating_of(row: RatingRow) -> Rating:
    return _record(Rating, row)


def quota_of(row: QuotaRow) -> Quota:
    return _record(Quota, row)


def report_run_of(row: ReportRunRow) -> ReportRun:
    return _record(ReportRun, row)


def job_run_of(row: JobRunRow) -> JobRun:
    return _record(JobRun, row)


def lease_of(row: ServiceLeaseRow) -> Lease:
    return _record(Lease, row)


def revision_of(row: EntryRow) -> Revision:
    """An entry's row as a revision, its figure as one value (the moment as the database
    hands it back: SQLite's naive, in UTC)."""
    return Revision(
        row.target_id,
        row.unit_id,
        row.year,
        row.revision,
        Figure(row.value, row.numerator, row.denominator, row.provisional),
        row.note,
        row.source_document,
        row.reason,
        row.recorded_by,
        row.recorded_at,
        row.submitted_by,
    )


def fields_of(record: Any, *, leave_out: tuple[str, ...] = ("id",)) -> dict[str, Any]:
    """A record's fields by name, to write into its row."""
    return {name: getattr(record, name) for name in field_names(type(record)) if name not in leave_out}
