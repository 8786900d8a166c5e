"""Bringing many figures in at once: the rows of a file, or the answers typed at `tracker enter`.

Every row is checked first, by the rules of `tracker record` (tracker/services/import_check.py);
a file with any bad row is refused whole, every problem listed by row and column. The rows are
compared with the current figures, read under the lock of the revision writer: equal ones are
skipped, new ones added, and changes need --amend --reason and become new revisions. All of it
is one transaction: a crash or an error at any point leaves nothing imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session

from tracker.errors import TrackerError
from tracker.i18n import _, current_language, ngettext
from tracker.services.import_check import RowChecker
from tracker.services.progress import Progress
from tracker.services.revisions import (
    FigureRow,
    checked_author,
    describe_entry,
    locked_current,
    revision_values,
    same_figure,
    write_revisions,
)
from tracker.services.workbook import Sheet
from tracker.store import repository
from tracker.store.tables import Entry, Resolution, utc_now

MAX_PROBLEMS = 50
STEP = 1000


@dataclass(frozen=True)
class ImportOptions:
    recorded_by: str
    provisional: bool = False
    amend: bool = False
    reason: str | None = None
    dry_run: bool = False

    def check(self) -> ImportOptions:
        """The rules of `tracker record`: a correction needs a reason, a reason needs --amend;
        the texts are checked as `record` checks them. Returns the options as they are stored."""
        by, reason = checked_author(self.recorded_by, self.amend, self.reason, many=True)
        return ImportOptions(by, self.provisional, self.amend, reason or None, self.dry_run)


@dataclass
class ImportPlan:
    """What storing the rows does: figures added, figures changed, rows skipped."""

    name: str
    rows: int = 0
    added: list[FigureRow] = field(default_factory=list)
    changed: list[tuple[FigureRow, Entry]] = field(default_factory=list)
    unchanged: int = 0
    empty: int = 0


def raise_problems(problems: list[str]) -> None:
    """One error whose lines are every problem (the first 50), then what became of the import."""
    if not problems:
        return
    shown = problems[:MAX_PROBLEMS]
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        shown.append(
            ngettext("... and {count} more problem", "... and {count} more problems", more).format(count=more)
        )
    found = ngettext(
        "{count} problem found; nothing was imported",
        "{count} problems found; nothing was imported",
        len(problems),
    )
    shown.append(found.format(count=len(problems)))
    raise TrackerError("\n".join(shown))


def check_sheet(
    session: Session, resolution: Resolution, sheet: Sheet, provisional: bool, progress: Progress
) -> tuple[list[FigureRow], int]:
    """Every row checked; the good rows and the number of rows without a figure, or one error."""
    assert resolution.id is not None
    checker = RowChecker(sheet, resolution, repository.targets_of(session, resolution.id), provisional)
    progress.begin(_("checking {name}").format(name=sheet.name), len(sheet.rows))
    rows: list[FigureRow] = []
    for count, (line, cells) in enumerate(sheet.rows, start=1):
        found = checker.row(line, cells)
        if found is not None:
            rows.append(found)
        if count % STEP == 0:
            progress.advance(STEP)
    raise_problems(checker.problems)
    return rows, checker.empty


def plan_rows(
    session: Session, resolution: Resolution, rows: list[FigureRow], options: ImportOptions, name: str = ""
) -> ImportPlan:
    """Compare the rows with the current figures (read once, under the writer's lock)."""
    current = locked_current(session, resolution, {row.target.id: row.target for row in rows}.values())
    plan = ImportPlan(name, rows=len(rows))
    refused: list[str] = []
    for row in rows:
        previous = current.get((row.target.id or 0, row.year))
        if previous is None:
            plan.added.append(row)
        elif same_figure(row.figure, row.provisional, previous):
            plan.unchanged += 1
        elif options.amend or row.reason:
            plan.changed.append((row, previous))
        else:
            place = _("{name}: row {row}: ").format(name=name, row=row.line) if name else ""
            message = _(
                "{code} {year} already has a figure: {figure}; the new figure is {new}; "
                "to correct it use --amend --reason TEXT"
            )
            figure = describe_entry(previous, row.measure)
            new = row.words(current_language())
            refused.append(
                place + message.format(code=row.target.code, year=row.year, figure=figure, new=new)
            )
    raise_problems(refused)
    return plan


def store_plan(session: Session, plan: ImportPlan, options: ImportOptions, progress: Progress) -> int:
    """Store the added and changed figures through the revision writer; returns how many."""
    now = utc_now()
    values = [revision_values(row, None, options.recorded_by, None, now) for row in plan.added]
    values += [
        revision_values(row, old, options.recorded_by, row.reason or options.reason, now)
        for row, old in plan.changed
    ]
    return write_revisions(session, values, progress, _("saving {name}").format(name=plan.name).strip())


def import_sheet(
    session: Session, resolution: Resolution, sheet: Sheet, options: ImportOptions, progress: Progress
) -> ImportPlan:
    """Check every row, plan against the current figures, and (unless a dry run) store."""
    options = options.check()
    rows, empty = check_sheet(session, resolution, sheet, options.provisional, progress)
    plan = plan_rows(session, resolution, rows, options, sheet.name)
    plan.rows, plan.empty = len(sheet.rows), empty
    if not options.dry_run:
        store_plan(session, plan, options, progress)
    return plan
