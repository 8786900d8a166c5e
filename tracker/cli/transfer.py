"""`tracker export` and `tracker template`: figures out to files, and the workbook units fill in."""

from __future__ import annotations

import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import app
from tracker.cli.common import count_text, current_resolution, say, shown_path, state_of, unit_of_work
from tracker.cli.language import helptext
from tracker.i18n import N_, _, current_language, ngettext

if TYPE_CHECKING:
    pass

FORCE_HELP = N_("Replace an existing file of the same kind.")


@app.command(
    help=helptext(
        N_("Export the figures (or every revision) as CSV, XLSX or JSON."),
        N_(
            "The CSV and XLSX files can be imported again with `tracker import`. An existing file is "
            "replaced only with --force, and only by a file of its own kind; the database and the "
            "config are never replaced. Text that a spreadsheet would run as a formula (=, +, -, @) "
            "is exported with a ' in front (XLSX: as a text cell)."
        ),
        examples=N_(
            "Examples:\n"
            "  tracker export > so-lieu.csv\n"
            "  tracker export --out so-lieu.xlsx\n"
            "  tracker export --revisions --format json --out lich-su.json"
        ),
    )
)
def export(
    ctx: typer.Context,
    output_format: Annotated[
        str | None,
        typer.Option("--format", "-f", help=N_("csv, xlsx or json [default: from --out, else csv].")),
    ] = None,
    revisions: Annotated[
        bool, typer.Option("--revisions", help=N_("Every revision, not only the current figures."))
    ] = False,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help=N_("The file [default: standard output]."))
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=FORCE_HELP)] = False,
    excel_vi: Annotated[
        bool,
        typer.Option(
            "--excel-vi",
            help=N_(
                "A CSV for a Vietnamese-locale Excel or LibreOffice: semicolons between cells and a "
                "decimal comma, so that numbers open as numbers."
            ),
        ),
    ] = False,
) -> None:
    from tracker.transfer import check_out, choose_format, collect, part_path, parts_of, write_export

    fmt = choose_format(output_format, out)
    settings = state_of(ctx).settings()
    lang = current_language()
    with unit_of_work(settings, writes=False) as session:
        data = collect(session, current_resolution(session, settings), revisions, lang, excel_vi)
    if out is None:
        sys.stdout.write(write_export(data, fmt, None) or "")
        if fmt == "csv" and (data.ratings or data.quotas):
            said = _("the ratings and quotas go to files of their own beside the figures': give --out FILE")
            sys.stderr.write(f"tracker: {said}\n")
        return
    parts = parts_of(data) if fmt != "json" else ["figures"]
    for part in parts:
        check_out(settings, part_path(out, part), fmt, force=force)
    write_export(data, fmt, out)
    for part in parts:
        count = len(data.rows) if part == "figures" else len(getattr(data, part))
        say(_exported(part, count, revisions).format(path=shown_path(part_path(out, part))))


def _exported(part: str, count: int, revisions: bool) -> str:
    """ "exported 12 figures to {path}", of the part of an export written to a file."""
    words = {
        "figures": ngettext("exported {count} figure to {path}", "exported {count} figures to {path}", count),
        "ratings": ngettext("exported {count} rating to {path}", "exported {count} ratings to {path}", count),
        "quotas": ngettext("exported {count} quota to {path}", "exported {count} quotas to {path}", count),
    }
    if revisions and part == "figures":
        words[part] = ngettext(
            "exported {count} revision to {path}", "exported {count} revisions to {path}", count
        )
    return words[part].replace("{count}", count_text(count))


@app.command(
    help=helptext(
        N_("Write an Excel workbook for the units to fill in, or one workbook per unit."),
        N_(
            "One row per target, with its rule, threshold and last year's figure. Excel checks the "
            "new figure as it is typed (0-100 for a share, a whole number for a count); the "
            "headers and instructions are in the chosen language. `tracker import` reads the filled "
            "workbook back. With --units, --out is a folder that receives one workbook per unit "
            "existing that year (YEAR-CODE.xlsx), with the unit's own figures of last year; an "
            "import refuses a unit's workbook that holds another unit's figures."
        ),
        examples=N_(
            "Examples:\n"
            "  tracker template 2023 --out so-lieu-2023.xlsx\n"
            "  tracker template 2024 --units --out don-vi-2024"
        ),
    )
)
def template(
    ctx: typer.Context,
    year: Annotated[
        int, typer.Argument(metavar=N_("YEAR"), help=N_("The reporting year to fill in, e.g. 2023."))
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help=N_(
                "The workbook [default: so-lieu-YEAR.xlsx]; with --units, a folder [default: so-lieu-YEAR]."
            ),
        ),
    ] = None,
    units: Annotated[
        bool,
        typer.Option("--units", help=N_("One workbook per unit existing that year, in the folder --out.")),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help=FORCE_HELP)] = False,
) -> None:
    from tracker.records import year_lines
    from tracker.transfer import check_out, write_template

    if units:
        _unit_templates(ctx, year, out or Path(f"so-lieu-{year}"), force)
        return
    path = out or Path(f"so-lieu-{year}.xlsx")
    settings = state_of(ctx).settings()
    check_out(settings, path, "xlsx", force=force)
    lang = current_language()
    with unit_of_work(settings, writes=False) as session:
        resolution = current_resolution(session, settings)
        lines = year_lines(session, resolution, year, lang)
    write_template(path, resolution, year, lines, lang)
    said = ngettext(
        "template for {year}: {path} ({count} target)",
        "template for {year}: {path} ({count} targets)",
        len(lines),
    )
    say(said.format(year=year, path=shown_path(path), count=count_text(len(lines))))


UNIT_BAR = 20  # units' workbooks written before a progress bar is worth drawing


def _unit_templates(ctx: typer.Context, year: int, folder: Path, force: bool) -> None:
    """One workbook per unit of `year` in `folder`: every file checked before any is written."""
    from tracker.cli.progress_bar import ProgressBar
    from tracker.errors import TrackerError
    from tracker.files import check_output_folder, path_status
    from tracker.transfer import check_out, reporting_deadline, unit_workbooks, write_unit_workbooks

    found = path_status(folder)
    if found is not None and stat.S_ISREG(found.st_mode):
        message = _("--out {path} is a file; with --units give a folder, e.g. {example}")
        raise TrackerError(message.format(path=shown_path(folder), example=f"so-lieu-{year}"))
    check_output_folder(folder)
    settings = state_of(ctx).settings()
    lang = current_language()
    with unit_of_work(settings, writes=False) as session:
        resolution = current_resolution(session, settings)
        deadline = reporting_deadline(settings.config.schedules, resolution.code, year)
        books = unit_workbooks(session, resolution, year, folder, lang, deadline)
    if not books:
        message = _("no unit exists in {year}; declare the units in the config (units:) and run tracker init")
        raise TrackerError(message.format(year=year))
    for book in books:
        check_out(settings, book.path, "xlsx", force=force)
    folder.mkdir(parents=True, exist_ok=True)
    bar = ProgressBar(UNIT_BAR)
    try:
        write_unit_workbooks(resolution, year, books, lang, bar)
    finally:
        bar.close()
    said = ngettext(
        "templates for {year}: {count} unit's workbook in {path}",
        "templates for {year}: {count} units' workbooks in {path}",
        len(books),
    )
    say(said.format(year=year, path=shown_path(folder), count=count_text(len(books))))
