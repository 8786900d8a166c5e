"""Bringing many figures in at once: the rows of files, or the answers typed at `tracker enter`.

Every row is checked by the rules of `tracker record` (tracker/records/_import_check.py), the
committee's figures and its units'; files with any bad row are refused whole, every problem
listed by file, row and column. The rows are compared with the current figures, under the lock
of the revision writer: equal ones are skipped, new ones added, and changes need --amend
--reason and become new revisions.

The files are read, checked, compared and stored one after the other, a chunk of rows at a time
(CHUNK_ROWS), all in one transaction: the memory holds one chunk, whatever the size of the
files, and a bad row anywhere, in any file, a crash or an error at any point leaves nothing
imported. Once a problem is found nothing more is stored, but the rows are still checked, so
that every problem is told at once. A dry run does all the same work and rolls back what it stored.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from tracker import clock, store
from tracker.crashpoints import crash_point
from tracker.errors import TrackerError
from tracker.evaluate import FarRule, figure_subject, figure_words, shown_path
from tracker.i18n import _, current_language
from tracker.progress import Progress
from tracker.records._far import FarValues, far_rows
from tracker.records._import_check import RowChecker
from tracker.records._ledger import Ledger, Outcome
from tracker.records._links import SubsetCheck
from tracker.records._problems import Problems, raise_problems
from tracker.records._quota_file import QUOTAS, import_quota_file
from tracker.records._rating_file import RATINGS, import_ratings
from tracker.records._revisions import FigureKind, FigureRow, checked_author, refused_figure
from tracker.sheets import FIGURES, Columns, Row, Sheet, read_sheet, which_columns
from tracker.store import Resolution, Revision, Session, Target

CHUNK_ROWS = 5000  # rows read, checked, compared and stored at a time
# A row stored, as new (None) or over a figure, with its file's name ("" for a single file) and
# what the figure is of ("T01", "T01 (unit SYT)").


@dataclass(frozen=True)
class Listed:
    """A figure an import (or a dry run) stores, as its listing shows it."""

    line: int  # its row in the file
    subject: str  # "T01", "T01 (unit SYT)"
    year: int
    figure: str  # in the reader's words
    was: str | None  # the figure it corrects, in words; None for a new one
    file: str  # the file's name when several are imported, else ""


Listing = Callable[[Listed], None]


@dataclass(frozen=True)
class ImportOptions:
    recorded_by: str
    provisional: bool = False
    amend: bool = False
    reason: str | None = None
    dry_run: bool = False
    far: FarRule = field(default_factory=FarRule)  # when a figure is far from its history (config `checks:`)

    def check(self) -> ImportOptions:
        """The rules of `tracker record`: a correction needs a reason, a reason needs --amend;
        the texts are checked as `record` checks them. Returns the options as they are stored."""
        by, reason = checked_author(self.recorded_by, self.amend, self.reason, many=True)
        return replace(self, recorded_by=by, reason=reason or None)


@dataclass
class ImportPlan:
    """What storing the rows does: figures added, figures changed, rows skipped."""

    name: str
    rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    empty: int = 0
    far: FarValues = field(default_factory=FarValues)  # figures far from their history: warned of


class _Store:
    """Checked rows decided by the ledger and stored, a chunk at a time; after a refusal, only
    compared (the transaction will not commit)."""

    def __init__(
        self,
        session: Session,
        targets: list[Target],
        options: ImportOptions,
        name: str,
        listing: Listing | None,
        unit_codes: dict[int, str] | None = None,
    ):
        self.session, self.listing = session, listing
        self.plan = ImportPlan(name)
        self.listed = ""  # the file's name in the listing: only when there are several
        self.unit_codes = unit_codes or {}
        self.far = options.far
        self.refused = Problems()
        self.ledger = Ledger(
            session, FigureKind(targets), options.recorded_by, clock.now(), options.amend, options.reason
        )
        self.links = SubsetCheck(targets)  # part_of, checked once every row is written

    def take(self, rows: list[FigureRow]) -> None:
        """Decide a chunk of checked rows against the current figures; store those that add or
        change a figure (unless a row was refused), and note those far from their history."""
        stored = []
        for found in self.ledger.take(rows):
            row, previous, outcome = found
            if outcome is Outcome.UNCHANGED:
                self.plan.unchanged += 1
            elif outcome is Outcome.REFUSED:
                self.refuse(row, previous)
            else:
                stored.append(row)
                self.links.note([row], self.plan.name)
                if outcome is Outcome.NEW:
                    self.plan.added += 1
                else:
                    self.plan.changed += 1
                if self.listing is not None:
                    self.listed_row(row, previous)
        if stored and not self.ledger.counts[Outcome.REFUSED]:
            self.plan.far.add(far_rows(self.session, stored, self.far, self.unit_codes), self.listed)

    def listed_row(self, row: FigureRow, previous: Revision | None) -> None:
        assert self.listing is not None
        lang = current_language()
        was = None if previous is None else figure_words(previous.figure, row.measure, lang)
        self.listing(Listed(row.line, self.label(row), row.year, row.words(lang), was, self.listed))

    def label(self, row: FigureRow) -> str:
        """What the row's figure is of: "T01", or "T01 (unit SYT)"."""
        unit = None if row.unit_id is None else self.unit_codes.get(row.unit_id, "?")
        return figure_subject(row.target.code, unit)

    def check_links(self) -> None:
        """The part_of rule over the figures as this import leaves them (when all was written)."""
        if not self.refused:
            for name, line, message in self.links.problems(self.session):
                self.refused.add(self.place(line, name) + message)

    def place(self, line: int, name: str | None = None) -> str:
        name = self.plan.name if name is None else name
        return _("{name}: row {row}: ").format(name=name, row=line) if name else ""

    def refuse(self, row: FigureRow, previous: Revision | None) -> None:
        assert previous is not None  # a file's row is refused only over a stored figure
        message = refused_figure(self.label(row), row, previous)
        self.refused.add(self.place(row.line) + message)


def import_sheet(
    session: Session,
    resolution: Resolution,
    sheet: Sheet,
    options: ImportOptions,
    progress: Progress,
    listing: Listing | None = None,
) -> ImportPlan:
    """Check the rows of one file, compare them with the current figures and store them."""
    return import_files(session, resolution, [sheet], options, progress, listing)[0]


def import_files(
    session: Session,
    resolution: Resolution,
    sources: Sequence[Path | Sheet],
    options: ImportOptions,
    progress: Progress,
    listing: Listing | None = None,
) -> list[ImportPlan]:
    """Check the rows of files (paths, opened one after the other, or sheets), compare them with
    the current figures and store them, a chunk at a time, all in the caller's transaction (a
    dry run rolls back what it stored); `listing` hears of each figure stored. With several
    files, a file that cannot be read is one more problem told with the others."""
    options = options.check()
    targets = store.targets_of(session, resolution.id)
    units = store.units_of(session, resolution.id)
    codes = {u.id: u.code for u in units}
    checker = RowChecker(None, resolution, targets, options.provisional, units)
    batch = _Store(session, targets, options, "", listing, codes)
    dry_run = session.begin_nested() if options.dry_run else None
    plans, others = [], []
    for source in sources:
        kind = _kind_of(source, checker.problems, len(sources) > 1)
        if kind is None:  # unreadable: its problem is told with the others
            continue
        if kind is not FIGURES:
            others.append((source, kind))
            continue
        batch.plan, batch.listed = ImportPlan(_name(source)), _name(source) if len(sources) > 1 else ""
        plans.append(batch.plan)
        try:
            _import_file(source, checker, batch, progress)
        except TrackerError as exc:
            if len(sources) == 1:
                raise
            for line in str(exc).splitlines():
                checker.problems.add(line)
    raise_problems(checker.problems)
    batch.check_links()
    raise_problems(batch.refused)
    crash_point("revisions-written")
    plans += [_import_other(session, resolution, source, kind, options) for source, kind in others]
    if dry_run is not None:
        dry_run.rollback()
    return plans


def _kind_of(source: Path | Sheet, problems: Problems, several: bool) -> Columns | None:
    """What a file holds, by its header: figures (as most do), or the ratings or the quotas of an
    export (tracker export writes them beside the figures: so-lieu.ratings.csv); None when it
    cannot be read among several files (its problem is one of theirs)."""
    if not isinstance(source, Path):
        return FIGURES
    try:
        return which_columns(source, [RATINGS, QUOTAS, FIGURES])
    except TrackerError as exc:
        if not several:
            raise
        for line in str(exc).splitlines():
            problems.add(line)
        return None


def _import_other(
    session: Session, resolution: Resolution, source: Path | Sheet, kind: Columns, options: ImportOptions
) -> ImportPlan:
    """A file of ratings or quotas among the files of an import, stored by its own reader and
    the same ledger, with the import's author, --amend and reason."""
    assert isinstance(source, Path)
    by, amend, reason = options.recorded_by, options.amend, options.reason
    if kind is RATINGS:
        rated = import_ratings(session, resolution, source, by, amend, reason)
        changed = sum(1 for r in rated.added if r.revision > 1)
        added = len(rated.added) - changed
        return ImportPlan(shown_path(source.name), rated.rows, added, changed, rated.rows - len(rated.added))
    given = import_quota_file(session, resolution, source, by, amend, reason)
    rows = given.added + given.changed + given.unchanged
    return ImportPlan(shown_path(source.name), rows, given.added, given.changed, given.unchanged)


def _name(source: Path | Sheet) -> str:
    return shown_path(source.name)


def _import_file(source: Path | Sheet, checker: RowChecker, batch: _Store, progress: Progress) -> None:
    """Check the rows of one file and store them (unless a problem was found, here or before)."""
    empty = checker.empty
    with read_sheet(source) if isinstance(source, Path) else source as sheet:
        if not checker.next_sheet(sheet):
            return
        progress.begin(_("checking {name}").format(name=sheet.name), sheet.size)
        for chunk in _chunks(sheet.rows):
            rows = [found for line, cells in chunk if (found := checker.row(line, cells)) is not None]
            if not checker.problems:
                batch.take(rows)
            batch.plan.rows += len(chunk)
            progress.advance(len(chunk))
    batch.plan.empty = checker.empty - empty


def import_rows(
    session: Session, resolution: Resolution, rows: list[FigureRow], options: ImportOptions
) -> ImportPlan:
    """Compare rows already checked (the answers of `tracker enter`) with the current figures,
    and store them."""
    batch = _Store(session, store.targets_of(session, resolution.id), options, "", None)
    batch.take(rows)
    batch.check_links()
    raise_problems(batch.refused)
    crash_point("revisions-written")
    return batch.plan


def _chunks(rows: Iterator[Row]) -> Iterator[list[Row]]:
    while chunk := list(itertools.islice(rows, CHUNK_ROWS)):
        yield chunk
