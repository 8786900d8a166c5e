"""The one writer of figure revisions: `record`, `confirm`, `enter` and `import` all store here.

A figure is never overwritten: each store is a new row with the next revision number of its
(target, year), or of its (target, unit, year) for a unit's figure. The next number is read and
written under a lock (the targets' rows on PostgreSQL, the write lock that BEGIN IMMEDIATE takes
on SQLite), so concurrent writers of the same figure all succeed, one after the other, and none
is lost or duplicated.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from tracker import store
from tracker.errors import TrackerError
from tracker.evaluate import (
    MAX_NAME,
    MAX_TEXT,
    Figure,
    InvalidText,
    Measure,
    check_text,
    figure_subject,
    figure_words,
    moment_text,
    printable,
)
from tracker.i18n import Lang, _, current_language, current_zone, ngettext
from tracker.records._ledger import Decided, Outcome
from tracker.store import EntryValues, Revision, Session, Target

if TYPE_CHECKING:
    from tracker.records._far_value import FarValue


class FigureRow(NamedTuple):
    """One checked figure, ready to store; `line` is its row in the file (or prompt number).

    A named tuple, and its target's id beside the target: an import makes one a row, and a
    frozen dataclass, or reading the id from the ORM each time, would cost as much again."""

    line: int
    target: Target
    target_id: int
    year: int
    figure: Figure  # with whether it is an estimate
    note: str | None = None
    source: str | None = None
    reason: str | None = None
    unit_id: int | None = None  # None: the committee's own figure

    @property
    def measure(self) -> Measure:
        return Measure(self.target.measure)

    def words(self, lang: Lang) -> str:
        return figure_words(self.figure, self.measure, lang)


def checked_text(
    what: str, value: str | None, *, multiline: bool = False, limit: int = MAX_TEXT
) -> str | None:
    """A typed text as it will be stored, or a TrackerError naming the character refused."""
    if value is None:
        return None
    try:
        return check_text(what, value, multiline=multiline, limit=limit)
    except InvalidText as exc:
        raise TrackerError(str(exc)) from None


def describe_entry(entry: Revision, measure: Measure) -> str:
    """A stored revision in a sentence: "90,48% (38/42), lần sửa 1, người ghi An, lúc 22:38
    27/11/2026", in the command's language and the configured time zone."""
    lang = current_language()
    return _("{figure}, revision {revision}, by {name} at {moment}").format(
        figure=figure_words(entry.figure, measure, lang),
        revision=entry.revision,
        name=printable(entry.recorded_by),
        moment=moment_text(entry.recorded_at, current_zone(), lang),
    )


@dataclass(frozen=True)
class Recorded:
    """What `record` and `confirm` stored, for the line that confirms it."""

    code: str
    year: int
    revision: int
    summary: str
    unit: str | None = None  # the unit's code, for a unit's figure
    outcome: Outcome = Outcome.NEW  # or changed, or unchanged (nothing was stored)
    far: FarValue | None = None  # stored, but far from its own history: said beside it

    @property
    def stored(self) -> bool:
        """Whether a revision was stored (not when the figure repeated the stored one)."""
        return self.outcome.stores

    @property
    def subject(self) -> str:
        """ "T01", or "T01 (unit SYT)" for a unit's figure."""
        return figure_subject(self.code, self.unit)


def recorded(
    target: Target,
    values: EntryValues,
    recorded_by: str,
    now: datetime,
    unit: str | None = None,
    outcome: Outcome = Outcome.NEW,
) -> Recorded:
    entry = store.revision_from_values(values, recorded_by, now)
    summary = describe_entry(entry, Measure(target.measure))
    return Recorded(target.code, entry.year, entry.revision, summary, unit, outcome)


def same_figure(found: Figure, entry: Revision) -> bool:
    """Whether a figure repeats the stored one (a percentage alone matches stored counts)."""
    stored = entry.figure
    counts = (found.numerator, found.denominator)
    other_counts = found.denominator is not None and counts != (stored.numerator, stored.denominator)
    close = abs(found.value - stored.value) <= 1e-9 * max(1.0, abs(stored.value))
    return close and not other_counts and found.provisional == stored.provisional


def checked_author(recorded_by: str, amend: bool, reason: str | None, *, many: bool) -> tuple[str, str]:
    """Who records, and why when correcting, as `record`, `enter` and `import` all require: a
    name, a reason with --amend and only with it. Returns them as they are stored."""
    by = checked_text("--by", recorded_by, limit=MAX_NAME) or ""
    why = checked_text("--reason", reason) or ""
    count = 2 if many else 1
    if not by:
        raise TrackerError(
            ngettext(
                "--by cannot be empty: say who records the figure",
                "--by cannot be empty: say who records the figures",
                count,
            )
        )
    if amend and not why:
        raise TrackerError(
            ngettext(
                "--amend needs --reason TEXT saying why the figure is corrected",
                "--amend needs --reason TEXT saying why the figures are corrected",
                count,
            )
        )
    if why and not amend:
        raise TrackerError(
            ngettext(
                "--reason goes with --amend (a correction of an existing figure)",
                "--reason goes with --amend (a correction of existing figures)",
                count,
            )
        )
    return by, why


def lock_figures(session: Session, targets: Iterable[Target]) -> bool:
    """Lock the targets about to be written, so that what is read as current next stays so: no
    other writer can add a revision to their figures until commit. An import locks all the
    targets of its resolution at once, in one order, before it reads a row (a file tells the
    targets it writes only as it is read). Returns whether any of them has a figure yet."""
    ids = {t.id for t in targets}
    store.lock_targets(session, ids)
    return store.has_entries(session, ids)


STORED_COLUMNS = (*store.REVISION_COLUMNS, "recorded_by", "recorded_at")  # as insert_entries writes them
FigureKey = tuple[int, int, int | None]  # target id, year, unit id (None: the committee's)


def current_figures(session: Session, rows: Iterable[FigureRow]) -> dict[FigureKey, Revision]:
    """The latest revision of the figure of each row (the committee's or a unit's), by (target
    id, year, unit id), read under the lock of lock_figures."""
    from tracker import store

    own: set[tuple[int, int]] = set()
    of_units: set[tuple[int, int, int]] = set()
    for row in rows:
        if row.unit_id is None:
            own.add((row.target_id, row.year))
        else:
            of_units.add((row.target_id, row.unit_id, row.year))
    found: dict[FigureKey, Revision] = {
        (e.target_id, e.year, None): e for e in store.latest_entries(session, own)
    }
    if of_units:
        found |= {(e.target_id, e.year, e.unit_id): e for e in store.latest_unit_entries(session, of_units)}
    return found


def locked_latest(session: Session, target: Target, year: int, unit_id: int | None = None) -> Revision | None:
    """The latest revision of one figure (the committee's, or with unit_id the unit's), read
    after its target is locked (see lock_figures)."""
    store.lock_targets(session, {target.id})
    return store.latest_entry(session, target.id, year, unit_id)


def revision_values(row: FigureRow, previous: Revision | None, reason: str | None) -> EntryValues:
    """The columns of the revision that stores `row` after `previous` (None: the first), in the
    order of store.REVISION_COLUMNS (who recorded it and when go with the whole store).

    A correction keeps the note and source of the figure it corrects unless it gives its own."""
    if previous is None:
        return (
            row.target_id,
            row.year,
            1,
            row.figure.value,
            row.figure.numerator,
            row.figure.denominator,
            row.note,
            row.source,
            row.figure.provisional,
            None,
            row.unit_id,
        )
    note = previous.note if row.note is None else row.note
    source = previous.source_document if row.source is None else row.source
    reason = (reason or "").strip() or None
    return (
        row.target_id,
        row.year,
        previous.revision + 1,
        row.figure.value,
        row.figure.numerator,
        row.figure.denominator,
        note,
        source,
        row.figure.provisional,
        reason,
        row.unit_id,
    )


def write_revisions(session: Session, values: list[EntryValues], recorded_by: str, now: datetime) -> int:
    """Insert the revisions (already numbered under the lock), recorded by one person at one
    moment; returns how many."""
    store.insert_entries(session, values, recorded_by, now)
    return len(values)


class FigureKind:
    """Figures in the ledger: keyed by (target, year, unit), the same when the value, the counts
    and the estimate repeat the stored ones; the targets are what a writer locks."""

    table = "entry"

    def __init__(self, targets: Sequence[Target]):
        self.targets = targets
        self.resolution_id = targets[0].resolution_id if targets else None
        self.recorded = True  # whether any of the targets has a figure yet (known once locked)

    def lock(self, session: Session) -> None:
        self.recorded = lock_figures(session, self.targets)

    def current(self, session: Session, rows: Sequence[FigureRow]) -> Mapping[Any, Revision]:
        """The stored figures of the rows; none to read when the targets have none yet (the first
        import of a year), whatever this batch stores: a figure twice in one is refused."""
        return current_figures(session, rows) if self.recorded else {}

    def key(self, row: FigureRow) -> Hashable:
        return (row.target_id, row.year, row.unit_id)

    def same(self, row: FigureRow, stored: Revision) -> bool:
        return same_figure(row.figure, stored)

    def write(
        self,
        session: Session,
        stored: Sequence[Decided[FigureRow, Revision]],
        reason: str | None,
        by: str,
        now: datetime,
    ) -> list[dict[str, Any]]:
        values = [revision_values(d.row, d.previous, d.row.reason or reason) for d in stored]
        write_revisions(session, values, by, now)
        shared = (by, now)
        return [dict(zip(STORED_COLUMNS, row + shared, strict=True)) for row in values]


def refused_figure(label: str, row: FigureRow, previous: Revision) -> str:
    """Why a figure over another is refused without --amend, by hand as by file."""
    message = _(
        "{code} {year} already has a figure: {figure}; the new figure is {new}; "
        "to correct it use --amend --reason TEXT"
    )
    figure = describe_entry(previous, row.measure)
    return message.format(code=label, year=row.year, figure=figure, new=row.words(current_language()))


def unchanged_figure(label: str, row: FigureRow, previous: Revision) -> str:
    """What storing a figure that repeats the stored one says: nothing is stored."""
    message = _("{code} {year} already has this figure: {figure}; nothing was changed")
    return message.format(code=label, year=row.year, figure=describe_entry(previous, row.measure))
