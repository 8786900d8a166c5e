"""`tracker report`: the progress report in HTML, Markdown, plain text, Word and PDF, and
`tracker report-template`: the Word template the office can edit."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import app
from tracker.cli.common import current_resolution, pick_lang, say, shown_path, state_of, unit_of_work
from tracker.cli.language import helptext
from tracker.i18n import N_, _

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from tracker.config import Settings
    from tracker.i18n import Lang
    from tracker.render.pdf import Signing


def parse_moment(text: str, zone: ZoneInfo) -> datetime:
    """An ISO date or date-time; without a zone it is read in the configured time zone."""
    from tracker.errors import TrackerError

    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        message = _("--as-recorded {text!r} is not a date-time; e.g. 2024-03-31 or 2024-03-31T17:00")
        raise TrackerError(message.format(text=text)) from None
    if not 1900 <= moment.year <= 2200:  # also keeps the conversion to UTC inside the calendar
        message = _("--as-recorded {text!r} is not a moment from 1900 to 2200; e.g. 2024-03-31T17:00")
        raise TrackerError(message.format(text=text))
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def parse_issue_date(text: str) -> date:
    """`--date YYYY-MM-DD`: the date of issue (the signing date) of the report."""
    import re

    from tracker.errors import TrackerError

    given = text.strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", given):
            raise ValueError(given)
        day = date.fromisoformat(given)
    except ValueError:
        message = _("--date {text!r} is not a date; give the date of issue as YYYY-MM-DD, e.g. 2026-11-27")
        raise TrackerError(message.format(text=text)) from None
    if not 1900 <= day.year <= 2200:
        message = _("--date {text!r} is not a date from 1900 to 2200; give it as YYYY-MM-DD, e.g. 2026-11-27")
        raise TrackerError(message.format(text=text))
    return day


@app.command(
    help=helptext(
        N_("Write the progress report of the resolution and print the paths."),
        N_(
            "The report explains every flagged target, lists missing figures and what changed since "
            "the previous report, and charts each target. Every run is remembered."
        ),
        examples=N_(
            "Examples:\n"
            "  tracker report\n"
            "  tracker report --year 2023 --format html --lang en --out /srv/bao-cao\n"
            "  tracker report --format docx,pdf --kind midterm --narrative so-ket.md\n"
            "  tracker report --format pdf --sign   signed with document.signing's certificate\n"
            "  tracker report --as-recorded 2024-03-31T17:00\n"
            "  tracker report --overview         every resolution of the database side by side"
        ),
    )
)
def report(
    ctx: typer.Context,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help=N_("As-of year [default: latest year with a figure]."))
    ] = None,
    formats: Annotated[str, typer.Option("--format", "-f", help=N_("Comma-separated, from: {formats}."))] = (
        "html,md,txt"
    ),
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help=N_(
                "nam (yearly), so-ket (midterm) or tong-ket (final), with or without diacritics "
                "[default: tong-ket as of the last reporting year, so-ket as of the middle one, "
                "else nam]."
            ),
        ),
    ] = None,
    narrative: Annotated[
        Path | None,
        typer.Option(
            "--narrative",
            help=N_(
                "The office's text (Markdown) for the sections: results, shortcomings and causes, "
                "lessons, tasks [default: a line for the office to write in]."
            ),
        ),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=N_("vi or en [default: config]."))] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help=N_("Folder for the files [default: config reports.dir]."))
    ] = None,
    as_recorded: Annotated[
        str | None,
        typer.Option("--as-recorded", help=N_("Rebuild from the figures recorded up to this date-time.")),
    ] = None,
    issued: Annotated[
        str | None,
        typer.Option(
            "--date",
            help=N_("The date of issue (signing) on the place-date line, YYYY-MM-DD [default: today]."),
        ),
    ] = None,
    overview: Annotated[
        bool,
        typer.Option(
            "--overview", help=N_("Report on every resolution of the database (as tracker overview).")
        ),
    ] = False,
    sign: Annotated[
        bool,
        typer.Option(
            "--sign", help=N_("Sign the PDF with the office's certificate (document.signing of the config).")
        ),
    ] = False,
) -> None:
    from zoneinfo import ZoneInfo

    from tracker.render import parse_formats, prewarm

    language = pick_lang(lang)
    issued_on = parse_issue_date(issued) if issued is not None else None
    settings, signing = None, None
    if overview:
        _refuse_with_overview(kind, narrative, issued, sign)
        chosen = parse_formats(formats, "overview")
    else:
        chosen = parse_formats(formats)
        if sign:  # the certificate opened first: a bad one stops the command before a PDF is drawn
            settings, signing = _signing(ctx, chosen)
        prewarm(chosen)  # first: a PDF's worker loads WeasyPrint while this process goes on
    from tracker.config import report_kind_given
    from tracker.reporting import make_report, read_narrative, report_request

    settings = settings or state_of(ctx).settings()
    zone = ZoneInfo(settings.config.timezone)
    if overview:
        _overview_report(settings, year, as_recorded, chosen, language, out, zone)
        return
    given_out = {"out_dir": _out_folder(out)} if out else {}
    request = report_request(
        settings,
        as_of=year,
        formats=chosen,
        lang=language,
        as_recorded=parse_moment(as_recorded, zone) if as_recorded else None,
        kind=report_kind_given(kind) if kind is not None else None,
        narrative=read_narrative(_input_file(narrative)) if narrative else None,
        issued_on=issued_on,
        signing=signing,
        **given_out,
    )
    with unit_of_work(settings) as session:
        result = make_report(session, current_resolution(session, settings), request, zone)
    for path in result.paths:
        say(shown_path(path))


def _out_folder(out: Path) -> Path:
    """--out of a report: a folder, or a name for a new one (never a file, a device or a loop)."""
    from tracker.files import check_output_folder

    check_output_folder(out)
    return out.resolve()


def _input_file(path: Path) -> Path:
    """A file the command reads (--narrative): a regular file, refused unopened otherwise (a
    missing one is its reader's to tell)."""
    from tracker.files import check_input_file, path_status

    if path_status(path) is not None:
        check_input_file(path)
    return path


def _refuse_with_overview(
    kind: str | None, narrative: Path | None, issued: str | None = None, sign: bool = False
) -> None:
    from tracker.errors import TrackerError

    given = {"--kind": kind, "--narrative": narrative, "--date": issued, "--sign": sign or None}
    chosen = [option for option, value in given.items() if value is not None]
    if chosen:
        option = chosen[0]
        message = _("{option} does not go with --overview: it is a document of one resolution")
        raise TrackerError(message.format(option=option))


def _signing(ctx: typer.Context, formats: tuple[str, ...]) -> tuple[Settings, Signing]:
    """--sign: the config, and its certificate opened now; a run without a PDF is refused, not
    written unsigned."""
    from tracker.errors import TrackerError
    from tracker.reporting import report_signing

    if "pdf" not in formats:
        message = _("--sign signs the PDF, and --format {formats} has none; e.g. --format pdf --sign")
        raise TrackerError(message.format(formats=",".join(formats)))
    settings = state_of(ctx).settings()
    return settings, report_signing(settings)


def _overview_report(
    settings: Settings,
    year: int | None,
    as_recorded: str | None,
    formats: tuple[str, ...],
    lang: Lang,
    out: Path | None,
    zone: ZoneInfo,
) -> None:
    """`tracker report --overview`: each resolution as of its own latest year, written now."""
    from tracker.errors import TrackerError
    from tracker.reporting import make_overview_report

    if year is not None or as_recorded is not None:
        option = "--year" if year is not None else "--as-recorded"
        message = _("{option} does not go with --overview: each resolution is judged as of its latest year")
        raise TrackerError(message.format(option=option))
    folder = _out_folder(out or settings.reports_dir)
    margins = settings.config.reports.margins_mm.css
    with unit_of_work(settings, writes=False) as session:
        paths = make_overview_report(session, formats, lang, folder, zone, margins)
    for path in paths:
        say(shown_path(path))


@app.command(
    "report-template",
    help=helptext(
        N_("Write the default Word template of the report, for the office to edit."),
        N_(
            "Change fonts, spacing or wording in Word or LibreOffice, keep the placeholders "
            "({{ ... }} and {% ... %}), and point document.template in the config at the edited copy: "
            "every Word report is then drawn from it. A placeholder the report does not know is "
            "refused with its name."
        ),
        examples=N_("Example:\n  tracker report-template --out mau-bao-cao.docx"),
    ),
)
def report_template(
    out: Annotated[
        Path, typer.Option("--out", "-o", help=N_("The Word file to write (never replaced)."))
    ] = Path("mau-bao-cao.docx"),
    lang: Annotated[str | None, typer.Option("--lang", help=N_("vi or en [default: config]."))] = None,
) -> None:
    from tracker.reporting import write_report_template

    say(shown_path(write_report_template(out, pick_lang(lang))))
