"""The standing committee's ratings of its units (`tracker rate`): stored as revisions like
figures, never overwritten; a different rating of the same (unit, of, year) is a correction
that needs --amend --reason, as a figure's does (the rules of who and why: revisions.py).

The file import (`tracker rate --from FILE`) is in _rating_file.py; both store through the
ledger (tracker/records/_ledger.py) as a RatingKind.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from tracker import clock, store
from tracker.base import check_unit_year, check_year, find_unit
from tracker.config import AGENCY, rated_as_given
from tracker.config import PARTY_ORG as PARTY_ORG  # what _rating_file.py reads an empty cell as
from tracker.crashpoints import crash_point
from tracker.errors import TrackerError
from tracker.evaluate import level_of, level_words, moment_text, unknown_level
from tracker.i18n import N_, _, current_language, current_zone
from tracker.records._ledger import Decided, Ledger, Outcome
from tracker.records._revisions import checked_author
from tracker.store import Rating, Resolution, Session, Unit

# What a rating is of, in words: "Tổ chức đảng SYT năm 2024", "Cơ quan, đơn vị SYT năm 2024".
SUBJECTS = {
    PARTY_ORG: N_("Party organisation {unit} in {year}"),
    AGENCY: N_("The agency of {unit} in {year}"),
}


@dataclass(frozen=True)
class RatingRequest:
    """What `tracker rate` was asked to store."""

    unit: str
    year: int
    level: str
    recorded_by: str
    of: str = PARTY_ORG
    amend: bool = False
    reason: str | None = None


@dataclass(frozen=True)
class RatingRow:
    """One checked rating, ready to compare with the stored one and store."""

    line: int  # its row in a file (0 at the command line)
    unit: Unit
    of: str
    year: int
    level: str

    @property
    def key(self) -> tuple[int, str, int]:
        return (self.unit.id, self.of, self.year)


def checked_level(text: str) -> str:
    """The level a person wrote, or a TrackerError listing the accepted ones."""
    level = level_of(text)
    if level is None:
        raise TrackerError(unknown_level(text))
    return level


def checked_of(text: str) -> str:
    """What a unit is rated as, typed in either language: agency or party_org."""
    return rated_as_given(text)


def rated_unit(session: Session, resolution: Resolution, code: str, year: int) -> Unit:
    """The unit a rating names, existing in a reporting year."""
    check_year(resolution, year)
    unit = find_unit(session, resolution, code)
    check_unit_year(unit, year)
    return unit


def rating_words(level: str) -> str:
    """A level as the reader says it: "hoàn thành tốt nhiệm vụ"."""
    return level_words(level, current_language())


def describe_rating(rating: Rating) -> str:
    """A stored rating in a sentence, as describe_entry says a figure."""
    lang = current_language()
    return _("{figure}, revision {revision}, by {name} at {moment}").format(
        figure=rating_words(rating.level),
        revision=rating.revision,
        name=rating.recorded_by,
        moment=moment_text(rating.recorded_at, current_zone(), lang),
    )


def subject(row: RatingRow) -> str:
    """What a rating is of, in words, as the lines about it begin: "Tổ chức đảng SYT năm 2023"."""
    return _(SUBJECTS[row.of]).format(unit=row.unit.code, year=row.year)


def refused_rating(row: RatingRow, previous: Rating | None) -> str:
    """Why a rating is refused by the ledger: another level without --amend, or --amend (by
    hand) with nothing to correct."""
    if previous is None:
        return _("{what} has no rating to correct; rate it without --amend").format(what=subject(row))
    message = _("{what} is already rated {rating}; to correct it use --amend --reason TEXT")
    return message.format(what=subject(row), rating=describe_rating(previous))


def stored_rating(found: Decided[RatingRow, Rating], reason: str | None, by: str, now: datetime) -> Rating:
    """The revision that stores a decided rating: the next of its (unit, of, year)."""
    row = found.row
    return Rating(
        unit_id=row.unit.id,
        of=row.of,
        year=row.year,
        level=row.level,
        revision=found.revision,
        reason=None if found.previous is None else reason,
        recorded_by=by,
        recorded_at=now,
    )


class RatingKind:
    """Ratings in the ledger: keyed by (unit, of, year), the same when the level repeats the
    stored one; the units are what a writer locks."""

    table = "rating"

    def __init__(self, units: Iterable[Unit]):
        listed = list(units)
        self.unit_ids = sorted({unit.id for unit in listed})
        self.resolution_id = listed[0].resolution_id if listed else None

    def lock(self, session: Session) -> None:
        store.lock_units(session, self.unit_ids)

    def current(self, session: Session, rows: Sequence[RatingRow]) -> Mapping[Any, Rating]:
        return store.latest_ratings(session, (row.key for row in rows))

    def key(self, row: RatingRow) -> Hashable:
        return row.key

    def same(self, row: RatingRow, stored: Rating) -> bool:
        return stored.level == row.level

    def write(
        self,
        session: Session,
        stored: Sequence[Decided[RatingRow, Rating]],
        reason: str | None,
        by: str,
        now: datetime,
    ) -> list[dict[str, Any]]:
        ratings = [stored_rating(found, reason, by, now) for found in stored]
        store.insert_ratings(session, ratings)
        crash_point("ratings-written")
        return [asdict(rating) for rating in ratings]


@dataclass(frozen=True)
class Rated:
    """What `tracker rate` stored (None: the unit was already rated so)."""

    what: str
    rating: Rating | None
    previous: Rating | None


def rate_unit(
    session: Session, resolution: Resolution, request: RatingRequest, now: datetime | None = None
) -> Rated:
    """Store a rating, or a corrected one as a new revision, through the ledger; the same level
    again stores nothing and says so; anything ambiguous is refused."""
    of, level = checked_of(request.of), checked_level(request.level)
    unit = rated_unit(session, resolution, request.unit, request.year)
    row = RatingRow(0, unit, of, request.year, level)
    by, reason = checked_author(request.recorded_by, request.amend, request.reason, many=False)
    moment = now or clock.now()
    ledger = Ledger(session, RatingKind([unit]), by, moment, request.amend, reason or None, by_hand=True)
    found = ledger.take_one(row)
    if found.outcome is Outcome.REFUSED:
        raise TrackerError(refused_rating(row, found.previous))
    if found.outcome is Outcome.UNCHANGED:
        return Rated(subject(row), None, found.previous)
    return Rated(subject(row), stored_rating(found, reason or None, by, moment), found.previous)
