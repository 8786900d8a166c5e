"""Bringing many figures in at once: the rows of a file, or the answers typed at `tracker enter`.

Every row is checked first, by the rules of `tracker record`; a file with any bad row is
refused whole, every problem listed by row and column. The rows are compared with the current
figures (loaded once): equal ones are skipped, new ones added, and changes need --amend
--reason and become new revisions. Everything is stored in one statement; also `confirm`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from tracker.errors import TrackerError
from tracker.evaluate.model import Measure
from tracker.evaluate.values import FigureValue, InvalidFigure, parse_figure
from tracker.evaluate.wording import PROVISIONAL, Lang, figure
from tracker.services.lookup import check_year
from tracker.services.recording import describe_entry
from tracker.services.workbook import FIGURE_COLUMNS, Progress, Sheet, Uncomputed, cell_text
from tracker.store import repository
from tracker.store.tables import Entry, Resolution, Target, utc_now

MAX_PROBLEMS = 50
STEP = 1000
YES = frozenset({"1", "x", "yes", "y", "true", "có", "co", "c", "dự ước", "du uoc"})
NO = frozenset({"", "0", "no", "n", "false", "không", "khong", "k"})


@dataclass(frozen=True)
class FigureRow:
    """One checked figure, ready to store; `line` is its row in the file."""

    line: int
    target: Target
    year: int
    figure: FigureValue
    note: str | None = None
    source: str | None = None
    provisional: bool = False
    reason: str | None = None

    @property
    def measure(self) -> Measure:
        return Measure(self.target.measure)

    def words(self, lang: Lang) -> str:
        return figure_words(self.figure, self.provisional, self.measure, lang)


@dataclass(frozen=True)
class ImportOptions:
    recorded_by: str
    provisional: bool = False
    amend: bool = False
    reason: str | None = None
    dry_run: bool = False

    def check(self) -> None:
        """The rules of `tracker record`: a correction needs a reason, a reason needs --amend."""
        reason = (self.reason or "").strip()
        if self.amend and not reason:
            raise TrackerError("--amend needs --reason TEXT saying why the figures are corrected")
        if reason and not self.amend:
            raise TrackerError("--reason goes with --amend (a correction of existing figures)")


@dataclass
class ImportPlan:
    """What storing the rows does: figures added, figures changed, rows skipped."""

    name: str
    rows: int = 0
    added: list[FigureRow] = field(default_factory=list)
    changed: list[tuple[FigureRow, Entry]] = field(default_factory=list)
    unchanged: int = 0
    empty: int = 0


def figure_words(found: FigureValue, provisional: bool, measure: Measure, lang: Lang) -> str:
    """A figure as a reader expects it: "90,48% (38/42) (dự ước)", "1.200"."""
    text = figure(found.value, measure, lang)
    if found.denominator:
        text += f" ({found.numerator}/{found.denominator})"
    return text + (f" ({PROVISIONAL[lang]})" if provisional else "")


def entry_words(entry: Entry, measure: Measure, lang: Lang) -> str:
    found = FigureValue(entry.value, entry.numerator, entry.denominator)
    return figure_words(found, entry.provisional, measure, lang)


def same_figure(found: FigureValue, provisional: bool, entry: Entry) -> bool:
    """Whether a figure repeats the stored one (a percentage alone matches stored counts)."""
    counts = (found.numerator, found.denominator)
    other_counts = found.denominator is not None and counts != (entry.numerator, entry.denominator)
    close = abs(found.value - entry.value) <= 1e-9 * max(1.0, abs(entry.value))
    return close and not other_counts and provisional == entry.provisional


def raise_problems(problems: list[str]) -> None:
    """One error whose lines are every problem (the first 50), then what became of the import."""
    if not problems:
        return
    shown = problems[:MAX_PROBLEMS]
    if len(problems) > MAX_PROBLEMS:
        shown.append(f"... and {len(problems) - MAX_PROBLEMS} more problems")
    shown.append(f"{len(problems)} problem(s) found; nothing was imported")
    raise TrackerError("\n".join(shown))


Texts = dict[str, str | None]


class _Checker:
    """Checks the rows of a sheet one by one and collects every problem."""

    def __init__(self, sheet: Sheet, resolution: Resolution, targets: list[Target], provisional: bool):
        self.sheet = sheet
        self.resolution = resolution
        self.columns = [(c, i) for c, i in sheet.columns.items() if c in FIGURE_COLUMNS]
        self.years = frozenset(resolution.years)
        self.by_code = {t.code.casefold(): t for t in targets}
        self.valid = ", ".join(t.code for t in targets)
        self.provisional = provisional
        self.problems: list[str] = []
        self.seen: dict[tuple[int, int], int] = {}
        self.empty = 0

    def fail(self, line: int, column: str | None, message: str) -> None:
        self.problems.append(f"{self.sheet.where(line, column)}: {message}")

    def texts(self, line: int, cells: Sequence[Any]) -> Texts:
        """The row's cells as text (None when empty), by column; text cells take the fast path."""
        texts: Texts = {}
        width = len(cells)
        for column, index in self.columns:
            value = cells[index] if index < width else None
            if value.__class__ is str:
                texts[column] = cell_text(value) or None
            elif isinstance(value, Uncomputed):
                texts[column] = None
                self.fail(
                    line,
                    column,
                    f"the cell holds the formula {value.formula} but no computed value; open the "
                    "file in Excel or LibreOffice, save it and import it again",
                )
            else:
                texts[column] = cell_text(value) or None
        return texts

    def row(self, line: int, cells: Sequence[Any]) -> FigureRow | None:
        t = self.texts(line, cells)
        if t.get("value") is None and t.get("numerator") is None and t.get("denominator") is None:
            self.empty += 1
            return None
        target, year = self.target(line, t.get("code")), self.year(line, t.get("year"))
        provisional = self.flag(line, t.get("provisional")) or self.provisional
        found = self.figure(line, target, year, t) if target and year else None
        if target is None or year is None or found is None or not self.first(line, target, year):
            return None
        return FigureRow(line, target, year, found, t.get("note"), t.get("source"), provisional)

    def target(self, line: int, code: str | None) -> Target | None:
        if code is None:
            self.fail(line, "code", "empty; write the target code, e.g. T01")
            return None
        found = self.by_code.get(code.casefold())
        if found is None:
            self.fail(line, "code", f"unknown target code {code!r}; valid codes: {self.valid}")
        return found

    def year(self, line: int, text: str | None) -> int | None:
        if text is None or not text.isdigit():
            said = "empty" if text is None else f"{text!r} is not a year"
            self.fail(line, "year", f"{said}; write the reporting year, e.g. 2023")
            return None
        year = int(text)
        if year not in self.years:
            try:
                check_year(self.resolution, year)  # raises, with the message of `tracker record`
            except TrackerError as exc:
                self.fail(line, "year", str(exc))
                return None
        return year

    def flag(self, line: int, text: str | None) -> bool:
        key = (text or "").casefold()
        if key in YES:
            return True
        if key not in NO:
            self.fail(
                line, "provisional", f"{text!r} is neither yes nor no (có/không, yes/no, x, 1/0 or empty)"
            )
        return False

    def figure(self, line: int, target: Target, year: int, t: Texts) -> FigureValue | None:
        value, numerator, denominator = t.get("value"), t.get("numerator"), t.get("denominator")
        if numerator is None and denominator is None:
            return self.parse(line, "value", target, year, value or "")
        if numerator is None or denominator is None:
            column = "numerator" if numerator is None else "denominator"
            self.fail(line, column, "empty; give both counts (38 and 42), or only the value")
            return None
        counted = self.parse(line, "numerator", target, year, f"{numerator}/{denominator}")
        if counted is None or value is None:
            return counted
        given = self.parse(line, "value", target, year, value)
        if given is not None and abs(given.value - counted.value) > 0.005:
            self.fail(
                line,
                "value",
                f"{target.code} {year}: the value {value} does not match the counts "
                f"{numerator}/{denominator} = {counted.value:.4g}; give one, or make them agree",
            )
            return None
        return counted

    def parse(self, line: int, column: str, target: Target, year: int, text: str) -> FigureValue | None:
        try:
            return parse_figure(text, Measure(target.measure))
        except InvalidFigure as exc:
            self.fail(line, column, f"{target.code} {year}: {exc}")
            return None

    def first(self, line: int, target: Target, year: int) -> bool:
        earlier = self.seen.setdefault((target.id or 0, year), line)
        if earlier != line:
            self.fail(line, None, f"{target.code} {year} is also in row {earlier}; keep one of the two rows")
        return earlier == line


def check_sheet(
    session: Session, resolution: Resolution, sheet: Sheet, provisional: bool, progress: Progress
) -> tuple[list[FigureRow], int]:
    """Every row checked; the good rows and the number of rows without a figure, or one error."""
    assert resolution.id is not None
    checker = _Checker(sheet, resolution, repository.targets_of(session, resolution.id), provisional)
    progress.begin(f"checking {sheet.name}", len(sheet.rows))
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
    """Compare the rows with the current figures (loaded once): added, changed or unchanged."""
    assert resolution.id is not None
    current = {(e.target_id, e.year): e for e in repository.current_entries(session, resolution.id)}
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
            place = f"{name}: row {row.line}: " if name else ""
            refused.append(
                f"{place}{row.target.code} {row.year} already has a figure: {describe_entry(previous)}; "
                f"the new figure is {row.words('en')}; to correct it use --amend --reason TEXT"
            )
    raise_problems(refused)
    return plan


def store_plan(session: Session, plan: ImportPlan, options: ImportOptions, progress: Progress) -> int:
    """Store the added and changed figures in bulk; returns how many revisions were written.

    A correction keeps the note and source of the figure it corrects unless the row gives its
    own, as `tracker record --amend` does."""
    now = utc_now()
    values = [_values(row, None, options, now) for row in plan.added]
    values += [_values(row, old, options, now) for row, old in plan.changed]
    progress.begin(f"saving {plan.name}".strip(), len(values))
    for start in range(0, len(values), STEP * 5):
        chunk = values[start : start + STEP * 5]
        repository.insert_entries(session, chunk)
        progress.advance(len(chunk))
    return len(values)


def _values(row: FigureRow, old: Entry | None, options: ImportOptions, now: Any) -> dict[str, Any]:
    reason = (row.reason or options.reason or "").strip() if old else ""
    return {
        "target_id": row.target.id,
        "year": row.year,
        "revision": old.revision + 1 if old else 1,
        "value": row.figure.value,
        "numerator": row.figure.numerator,
        "denominator": row.figure.denominator,
        "note": row.note if row.note is not None or old is None else old.note,
        "source_document": row.source if row.source is not None or old is None else old.source_document,
        "provisional": row.provisional,
        "recorded_by": options.recorded_by,
        "recorded_at": now,
        "reason": reason or None,
    }


def import_sheet(
    session: Session, resolution: Resolution, sheet: Sheet, options: ImportOptions, progress: Progress
) -> ImportPlan:
    """Check every row, plan against the current figures, and (unless a dry run) store."""
    options.check()
    rows, empty = check_sheet(session, resolution, sheet, options.provisional, progress)
    plan = plan_rows(session, resolution, rows, options, sheet.name)
    plan.rows, plan.empty = len(sheet.rows), empty
    if not options.dry_run:
        store_plan(session, plan, options, progress)
    return plan
