"""`tracker enter`, `import` and `confirm`: a year's figures the way an office works, typed at
prompts, filled in spreadsheets, estimated and later confirmed (`export` and `template` are in
tracker/cli/transfer.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from tracker.cli.app import app
from tracker.cli.common import (
    console,
    count_text,
    current_resolution,
    os_user,
    pick_lang,
    say,
    state_of,
    unit_of_work,
    warn,
)
from tracker.cli.language import helptext
from tracker.cli.progress_bar import ProgressBar
from tracker.i18n import N_, _, current_language, ngettext

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from tracker.evaluate import FarRule
    from tracker.i18n import Lang
    from tracker.records import FarValue, FigureRow, ImportPlan, Listed, YearLine

YES = frozenset({"c", "có", "co", "y", "yes"})
NO = frozenset({"k", "không", "khong", "n", "no"})
WORDS: dict[str, str] = {  # what the prompts of `tracker enter` say, read in the chosen language
    "intro": N_("Figures for {year}: {title}\nEnter skips; a share may be typed 90,5 or as counts 38/42."),
    "rule": N_("Rule"),
    "inferred": N_("Inferred target, to be confirmed against the resolution's text"),
    "has": N_("Already recorded for {year}"),
    "counted": N_("Counted so far for {year}"),
    "ask": N_("Figure for {year}"),
    "keep": N_(" (Enter keeps it)"),
    "bad": N_("Not accepted"),
    "share": N_("type a percentage from 0 to 100 (90,5) or counts (38/42)"),
    "count": N_("type a whole number, e.g. 1200 or 1.200 (a dot groups thousands)"),
    "reason": N_("Why is the recorded figure corrected (required): "),
    "code": N_("Code"),
    "target": N_("Target"),
    "new": N_("Figure {year}"),
    "what": N_("Entry"),
    "added": N_("new"),
    "changed": N_("correction, was: {old}"),
    "yn": N_("Answer y (yes) or n (no)."),
    "nothing": N_("No new figures; nothing saved."),
    "not_saved": N_("Nothing saved."),
    "far": N_("Far from the last years"),
    "again": N_("  Type {figure} again to keep it, or type the right figure (Enter: ask again): "),
}


def prompt_words() -> dict[str, str]:
    return {key: _(text) for key, text in WORDS.items()}


def _input(out: Console, prompt: str) -> str:
    """One answer. Ctrl-C or the end of input (Ctrl-D, a closed pipe) abandons the session:
    typer.Abort makes `main` say that the interrupted command saved nothing."""
    try:
        return out.input(prompt, markup=False)
    except (EOFError, KeyboardInterrupt):
        out.print()
        raise typer.Abort() from None


@app.command(
    help=helptext(
        N_("Enter a year's figures at prompts, then save them together."),
        N_(
            "Each target shows its rule and last year's figure; Enter skips it. A bad answer is "
            "explained and asked again. At the end a summary and one confirmation: everything is "
            'saved in one transaction, and Ctrl-C or "no" saves nothing.'
        ),
        examples=N_(
            'Examples:\n  tracker enter 2023\n  tracker enter 2024 --provisional --source "Dự ước 6 tháng"'
        ),
    )
)
def enter(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(metavar=N_("YEAR"), help=N_("The reporting year, e.g. 2023."))],
    provisional: Annotated[
        bool, typer.Option("--provisional", help=N_("The figures are estimates (dự ước)."))
    ] = False,
    source: Annotated[
        str | None, typer.Option(help=N_("The document the figures come from ('' for none)."))
    ] = None,
    by: Annotated[str | None, typer.Option(help=N_("Who enters them [default: the OS user]."))] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=N_("vi or en [default: config]."))] = None,
) -> None:
    from tracker.records import ImportOptions, checked_text, import_rows, year_lines

    settings = state_of(ctx).settings()
    language = pick_lang(lang)
    words = prompt_words()
    options = ImportOptions(by or os_user(), provisional).check()
    source = checked_text("--source", source)
    with unit_of_work(settings, writes=False) as session:
        resolution = current_resolution(session, settings)
        lines = year_lines(session, resolution, year, language)
    from tracker.evaluate import localized

    out = console()
    title = localized(resolution.title, resolution.title_en, language)
    out.print(words["intro"].format(year=year, title=title), markup=False)
    asked = _Asked(provisional, source, settings.config.checks.far_rule, words)
    rows = [row for n, line in enumerate(lines, 1) if (row := _ask(out, line, n, asked))]
    if not rows:
        say(words["nothing"])
        return
    out.print(_summary(rows, lines, language))
    save = ngettext("Save {n} figure for {year}? [y/n] ", "Save {n} figures for {year}? [y/n] ", len(rows))
    if not _yes(out, save.format(n=count_text(len(rows)), year=year), words):
        say(words["not_saved"])
        return
    with unit_of_work(settings) as session:
        plan = import_rows(session, current_resolution(session, settings), rows, options)
    stored = plan.added + plan.changed
    saved = ngettext("Saved {n} figure for {year}.", "Saved {n} figures for {year}.", stored)
    say(saved.format(n=count_text(stored), year=year))


class _Asked(NamedTuple):
    """What every prompt of a session shares."""

    provisional: bool
    source: str | None
    rule: FarRule
    words: dict[str, str]


def _ask(out: Console, line: YearLine, number: int, asked: _Asked) -> FigureRow | None:
    """Ask one target's figure until the answer is accepted; None when skipped or unchanged. A
    figure far from the last years is kept only when typed again (Enter asks afresh)."""
    from tracker.errors import TrackerError
    from tracker.records import answered, far_answer

    words, year = asked.words, line.year
    _show_line(out, line, words)
    prompt = f"  {words['ask'].format(year=year)}{words['keep'] if line.current else ''}: "
    pending: FigureRow | None = None  # a far figure typed once: kept when typed again
    while True:
        text = _input(out, prompt if pending is None else _again(pending, line, words)).strip()
        if not text:
            if pending is None:
                return None
            pending = None
            continue
        try:
            row = answered(line, number, text, asked.provisional, asked.source)
        except TrackerError as exc:
            out.print(f"  {words['bad']}: {exc}; {words[line.measure.value]}", markup=False, style="red")
            pending = None
            continue
        far = None if row is None else far_answer(line, row, asked.rule)
        if row is not None and far is not None and (pending is None or pending.figure != row.figure):
            _show_far(out, far, words)
            pending = row
            continue
        if row is None or not line.current:
            return row
        return row._replace(reason=_reason(out, words))


def _show_line(out: Console, line: YearLine, words: dict[str, str]) -> None:
    """A target as a prompt shows it: code, title, rule, last year's figure, this year's (the
    committee's, else what the report counts: its units' roll-up, or its ratings' share)."""
    year = line.year
    out.print()
    out.print(f"{line.label}  {line.title}", markup=False, style="bold")
    if line.inferred:
        out.print(f"  † {words['inferred']}", markup=False)
    out.print(f"  {words['rule']}: {line.rule}; {year - 1}: {line.previous_words or '-'}", markup=False)
    if line.counted_note:  # a target counted from ratings: say so before asking for a figure
        out.print(f"  {line.counted_note}", markup=False)
    if line.current:
        out.print(f"  {words['has'].format(year=year)}: {line.words(line.current)}", markup=False)
    elif counted := line.counted(year):
        out.print(f"  {words['counted'].format(year=year)}: {counted}", markup=False)


def _show_far(out: Console, far: FarValue, words: dict[str, str]) -> None:
    out.print(f"  {words['far']}: {far.words}", markup=False, style="yellow")


def _again(pending: FigureRow, line: YearLine, words: dict[str, str]) -> str:
    return words["again"].format(figure=pending.words(line.lang))


def _reason(out: Console, words: dict[str, str]) -> str:
    from tracker.errors import TrackerError
    from tracker.records import checked_text

    while True:
        try:
            reason = checked_text("reason", _input(out, "  " + words["reason"])) or ""
        except TrackerError as exc:
            out.print(f"  {words['bad']}: {exc}", markup=False, style="red")
            continue
        if reason:
            return reason


def _yes(out: Console, question: str, words: dict[str, str]) -> bool:
    while True:
        answer = _input(out, question).strip().casefold()
        if answer in YES or answer in NO:
            return answer in YES
        out.print(words["yn"], markup=False)


def _summary(rows: list[FigureRow], lines: list[YearLine], lang: Lang) -> Table:
    from rich.table import Table

    words = prompt_words()
    current = {line.target.id: line for line in lines}
    table = Table(show_lines=False)
    for head in (words["code"], words["target"], words["new"].format(year=rows[0].year), words["what"]):
        table.add_column(head)
    for row in rows:
        line = current[row.target_id]
        what = words["changed"].format(old=line.words(line.current)) if line.current else words["added"]
        table.add_row(line.label, line.short_title, row.words(lang), what)
    return table


@app.command(
    "import",
    help=helptext(
        N_("Import figures from CSV or XLSX files, or a folder of them: every row, or none."),
        N_(
            "Columns: code, unit, year, value (or numerator and denominator), note, source, "
            "provisional; an empty unit is the committee's own figure. Every row of every file is "
            "checked first; with any bad row nothing is imported and every problem is listed by "
            "file, row and column. A row equal to the recorded figure is skipped; one that changes "
            "a figure needs --amend --reason. A folder stands for its .csv, .xlsx and .xlsm files."
        ),
        examples=N_(
            "Examples:\n"
            "  tracker import so-lieu-2023.xlsx --dry-run\n"
            "  tracker import so-lieu-2023.csv --provisional\n"
            "  tracker import don-vi-2024/          every unit's workbook, together\n"
            '  tracker import dinh-chinh.csv --amend --reason "Số liệu chính thức"'
        ),
    ),
)
def import_(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar=N_("FILE..."),
            help=N_(".csv, .xlsx or .xlsm files (row 1 is the header), or folders of them."),
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=N_("Show what would be added and changed; save nothing."))
    ] = False,
    amend: Annotated[
        bool, typer.Option("--amend", help=N_("Allow rows that change recorded figures."))
    ] = False,
    reason: Annotated[str | None, typer.Option(help=N_("Why figures are corrected (with --amend)."))] = None,
    provisional: Annotated[
        bool, typer.Option("--provisional", help=N_("Every figure of the file is an estimate (dự ước)."))
    ] = False,
    by: Annotated[str | None, typer.Option(help=N_("Who records them [default: the OS user]."))] = None,
) -> None:
    from tracker.records import ImportOptions, files_to_import, import_files

    settings = state_of(ctx).settings()
    rule = settings.config.checks.far_rule
    options = ImportOptions(by or os_user(), provisional, amend, reason, dry_run, rule)
    options.check()
    paths = files_to_import(files)
    bar = ProgressBar()
    with _PlanLines() as listing:
        try:
            with unit_of_work(settings) as session:
                resolution = current_resolution(session, settings)
                plans = import_files(session, resolution, paths, options, bar, listing if dry_run else None)
        finally:
            bar.close()
        listing.show()
    _far_lines(plans, dry_run)
    for plan in plans:
        say(_plan_line(plan, dry_run))
    if len(plans) > 1 and not dry_run:
        together = ngettext("{count} file imported together", "{count} files imported together", len(plans))
        say(together.format(count=count_text(len(plans))))


def _far_lines(plans: list[ImportPlan], dry_run: bool) -> None:
    """The figures far from their own last years, every file's, as warnings on stderr."""
    from tracker.records import FarValues

    lines = FarValues.merged([plan.far for plan in plans]).lines(dry_run)
    if lines:
        warn("\n".join(lines))


def _plan_line(plan: ImportPlan, dry_run: bool) -> str:
    """`so-lieu.csv: 11 rows: 9 added, 0 changed, 1 unchanged (skipped), 1 without a figure (skipped)`."""
    rows = ngettext("{count} row", "{count} rows", plan.rows).format(count=count_text(plan.rows))
    counts = {"added": plan.added, "changed": plan.changed, "unchanged": plan.unchanged, "empty": plan.empty}
    words = {key: count_text(value) for key, value in counts.items()} | {"name": plan.name, "rows": rows}
    if dry_run:
        return _(
            "{name}: {rows}: {added} would add, {changed} would change, {unchanged} unchanged (skipped), "
            "{empty} without a figure (skipped); dry run: nothing was saved"
        ).format(**words)
    return _(
        "{name}: {rows}: {added} added, {changed} changed, {unchanged} unchanged (skipped), "
        "{empty} without a figure (skipped)"
    ).format(**words)


class _PlanLines:
    """What a dry run would add and change, a line a figure, shown once the whole file has
    passed: kept in temporary files meanwhile (a file of a million rows has a million lines)."""

    def __enter__(self) -> _PlanLines:
        from contextlib import ExitStack
        from tempfile import SpooledTemporaryFile

        self.lang = current_language()
        self.files = ExitStack()
        self.added = self.files.enter_context(SpooledTemporaryFile(1 << 20, "w+", encoding="utf-8"))
        self.changed = self.files.enter_context(SpooledTemporaryFile(1 << 20, "w+", encoding="utf-8"))
        return self

    def __exit__(self, *exc: object) -> None:
        self.files.close()

    def __call__(self, found: Listed) -> None:
        where = {
            "row": found.line,
            "code": found.subject,
            "year": found.year,
            "figure": found.figure,
            "name": found.file,
        }
        if found.was is None:
            added = (
                _("+ {name}: row {row}: {code} {year}: {figure}")
                if found.file
                else _("+ row {row}: {code} {year}: {figure}")
            )
            self.added.write(added.format(**where) + "\n")
        else:
            changed = (
                _("~ {name}: row {row}: {code} {year}: {was} -> {figure}")
                if found.file
                else _("~ row {row}: {code} {year}: {was} -> {figure}")
            )
            self.changed.write(changed.format(was=found.was, **where) + "\n")

    def show(self) -> None:
        for lines in (self.added, self.changed):
            lines.seek(0)
            for line in lines:
                say(line.removesuffix("\n"))


# ignore_unknown_options lets a negative VALUE reach the figure check, as in `tracker record`.
@app.command(
    context_settings={"ignore_unknown_options": True},
    help=helptext(
        N_("Make an estimate (dự ước) the official figure, as a revision."),
        examples=N_(
            "Examples:\n"
            "  tracker confirm T01 2023                 the estimate becomes official as it is\n"
            "  tracker confirm T01 2023 39/42 --source 25-BC/ĐUK"
        ),
    ),
)
def confirm(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar=N_("CODE"), help=N_("Target code, e.g. T01."))],
    year: Annotated[int, typer.Argument(metavar=N_("YEAR"), help=N_("Reporting year, e.g. 2023."))],
    value: Annotated[
        str | None,
        typer.Argument(metavar=N_("VALUE"), help=N_("The official figure [default: the estimate's].")),
    ] = None,
    reason: Annotated[str | None, typer.Option(help=N_("Why [default: confirmed as official]."))] = None,
    note: Annotated[
        str | None, typer.Option(help=N_("A note [default: the estimate's; '' for none]."))
    ] = None,
    source: Annotated[
        str | None, typer.Option(help=N_("The document [default: the estimate's; '' for none]."))
    ] = None,
    by: Annotated[str | None, typer.Option(help=N_("Who confirms it [default: the OS user]."))] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help=N_("A unit's estimate, by the unit's code."))
    ] = None,
) -> None:
    from tracker.cli.figures import far_warning
    from tracker.records import FigureRequest, confirm_figure

    settings = state_of(ctx).settings()
    request = FigureRequest(code, year, value or "", by or os_user(), note, source, reason=reason, unit=unit)
    with unit_of_work(settings) as session:
        resolution = current_resolution(session, settings)
        done = confirm_figure(session, resolution, request, settings.config.checks.far_rule)
    line = _("confirmed {code} {year}: {summary}")
    say(line.format(code=done.subject, year=done.year, summary=done.summary))
    far_warning(done)
