"""The standing committee's ratings of its units (`tracker rate`): stored as revisions like
figures, never overwritten; a different rating of the same (unit, of, year) is a correction
that needs --amend --reason, as a figure's does (the rules of who and why: revisions.py).

The file import (`tracker rate --from FILE`) is in rating_file.py; both store through
`store_ratings` here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tracker import store
from tracker.base import check_unit_year, check_year, find_unit
from tracker.crashpoints import crash_point
from tracker.errors import TrackerError
from tracker.evaluate import RATED_AS, level_of, level_words, moment_text, unknown_level
from tracker.i18n import _, current_language, current_zone
from tracker.records._revisions import checked_author
from tracker.store import Rating, Resolution, Session, Target, Unit, utc_now

PARTY_ORG = "party_org"


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
    """What a unit is rated as: agency or party_org."""
    wanted = text.strip().casefold().replace("-", "_")
    if wanted not in RATED_AS:
        message = _("unknown --of {of!r}; accepted: {accepted}")
        raise TrackerError(message.format(of=text, accepted=", ".join(RATED_AS)))
    return wanted


def rated_unit(session: Session, resolution: Resolution, code: str, year: int) -> Unit:
    """The unit a rating names, existing in a reporting year."""
    check_year(resolution, year)
    unit = find_unit(session, resolution, code)
    check_unit_year(unit, year)
    return unit


def rating_words(level: str) -> str:
    """A level as the reader says it: "tot (hoàn thành tốt nhiệm vụ)"."""
    return f"{level} ({level_words(level, current_language())})"


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
    """What a rating is of, as the lines about it name it: "unit SYT (agency) 2023"."""
    return _("unit {unit} ({of}) {year}").format(unit=row.unit.code, of=row.of, year=row.year)


def amend_problem(row: RatingRow, previous: Rating | None, amend: bool) -> str | None:
    """Why storing `row` after `previous` is refused (None: it may be stored). The same rules
    as a figure's: an existing rating is changed only with --amend, and --amend needs one."""
    if previous is not None and previous.level != row.level and not amend:
        message = _("{what} is already rated {rating}; to correct it use --amend --reason TEXT")
        return message.format(what=subject(row), rating=describe_rating(previous))
    if previous is None and amend:
        return _("{what} has no rating to correct; rate it without --amend").format(what=subject(row))
    return None


def store_ratings(
    session: Session, rows: Sequence[RatingRow], by: str, reason: str | None, now: datetime
) -> list[Rating]:
    """Store the rows that change a rating (the same level again is left as it is), each as
    the next revision of its (unit, of, year); the units are locked first."""
    store.lock_units(session, (row.unit.id for row in rows))
    current = store.latest_ratings(session, (row.key for row in rows))
    added = []
    for row in rows:
        previous = current.get(row.key)
        if previous is not None and previous.level == row.level:
            continue
        added.append(
            Rating(
                unit_id=row.unit.id,
                of=row.of,
                year=row.year,
                level=row.level,
                revision=1 if previous is None else previous.revision + 1,
                reason=None if previous is None else reason,
                recorded_by=by,
                recorded_at=now,
            )
        )
    store.insert_ratings(session, added)
    crash_point("ratings-written")
    return added


@dataclass(frozen=True)
class Rated:
    """What `tracker rate` stored (None: the unit was already rated so)."""

    what: str
    rating: Rating | None
    previous: Rating | None


def rate_unit(session: Session, resolution: Resolution, request: RatingRequest) -> Rated:
    """Store a rating, or a corrected one as a new revision; refuse anything ambiguous."""
    of, level = checked_of(request.of), checked_level(request.level)
    unit = rated_unit(session, resolution, request.unit, request.year)
    row = RatingRow(0, unit, of, request.year, level)
    by, reason = checked_author(request.recorded_by, request.amend, request.reason, many=False)
    store.lock_units(session, [unit.id])
    previous = store.latest_ratings(session, [row.key]).get(row.key)
    problem = amend_problem(row, previous, request.amend)
    if problem:
        raise TrackerError(problem)
    if previous is not None and previous.level == row.level and request.amend:
        message = _("{what} is already rated {rating}; a correction must give another level")
        raise TrackerError(message.format(what=subject(row), rating=rating_words(row.level)))
    added = store_ratings(session, [row], by, reason, utc_now())
    return Rated(subject(row), added[0] if added else None, previous)


def refuse_unit_figure(target: Target) -> None:
    """A rating target's units are rated, not given figures: `record --unit` and a unit's row
    of an import are refused with what to use instead."""
    if target.rating_of is not None:
        message = _(
            "{code} is counted from the units' ratings ({of}, at least {level}): rate each unit with "
            "`tracker rate UNIT YEAR LEVEL --of {of}` instead of recording a unit's figure"
        )
        raise TrackerError(
            message.format(code=target.code, of=target.rating_of, level=target.rating_at_least)
        )
