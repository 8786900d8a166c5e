"""`tracker import`: a year's figures filled in spreadsheets, every file checked before any is
stored, all of them stored together or none (`enter` and `confirm` are in tracker/cli/entry.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import app
from tracker.cli.common import count_text, current_resolution, os_user, say, state_of, unit_of_work, warn
from tracker.cli.language import helptext
from tracker.cli.progress_bar import ProgressBar
from tracker.i18n import N_, _, current_language, ngettext

if TYPE_CHECKING:
    from tracker.records import ImportPlan, Listed


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
