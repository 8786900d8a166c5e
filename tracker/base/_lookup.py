"""Finding a resolution, a target or a year the way a user names them, with helpful refusals."""

from __future__ import annotations

from sqlmodel import Session

from tracker.errors import TrackerError
from tracker.i18n import _
from tracker.store import _figures as repository
from tracker.store._tables import Resolution, Target


def load_resolution(session: Session, code: str) -> Resolution:
    resolution = repository.find_resolution(session, code)
    if resolution is None:
        raise TrackerError(
            _("resolution {code} is not in the database; run `tracker init`").format(code=code)
        )
    return resolution


def find_target(session: Session, resolution: Resolution, code: str) -> Target:
    """The target with this code, or an error that lists the valid codes."""
    assert resolution.id is not None
    targets = repository.targets_of(session, resolution.id)
    for target in targets:
        if target.code.casefold() == code.strip().casefold():
            return target
    valid = ", ".join(t.code for t in targets)
    raise TrackerError(_("unknown target code {code!r}; valid codes: {valid}").format(code=code, valid=valid))


def check_year(resolution: Resolution, year: int) -> None:
    if year not in resolution.years:
        message = _("year {year} is outside the reporting years {first}-{last}")
        raise TrackerError(message.format(year=year, first=resolution.first_year, last=resolution.last_year))
