"""Finding a resolution, a target or a year the way a user names them, with helpful refusals."""

from __future__ import annotations

from sqlmodel import Session

from tracker.errors import TrackerError
from tracker.store import repository
from tracker.store.tables import Resolution, Target


def load_resolution(session: Session, code: str) -> Resolution:
    resolution = repository.find_resolution(session, code)
    if resolution is None:
        raise TrackerError(f"resolution {code} is not in the database; run `tracker init`")
    return resolution


def find_target(session: Session, resolution: Resolution, code: str) -> Target:
    """The target with this code, or an error that lists the valid codes."""
    assert resolution.id is not None
    targets = repository.targets_of(session, resolution.id)
    for target in targets:
        if target.code.casefold() == code.strip().casefold():
            return target
    valid = ", ".join(t.code for t in targets)
    raise TrackerError(f"unknown target code {code!r}; valid codes: {valid}")


def check_year(resolution: Resolution, year: int) -> None:
    if year not in resolution.years:
        raise TrackerError(
            f"year {year} is outside the reporting years {resolution.first_year}-{resolution.last_year}"
        )
