"""`tracker record` and `tracker history`: entering figures and seeing every revision."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import app
from tracker.cli.common import (
    console,
    current_resolution,
    os_user,
    pick_lang,
    say,
    state_of,
    unit_of_work,
    warn,
)
from tracker.cli.language import helptext
from tracker.i18n import N_, _

if TYPE_CHECKING:
    from tracker.records import Recorded


# ignore_unknown_options lets a negative VALUE reach the figure check ("cannot be negative")
# instead of being read as an option.
@app.command(
    context_settings={"ignore_unknown_options": True},
    help=helptext(
        N_("Record the figure of one target for one year."),
        N_(
            "A figure is never overwritten: a correction needs --amend --reason and is kept as a new "
            "revision. A figure far from its own last years (config checks:) is kept, with a warning."
        ),
        examples=N_(
            "Examples:\n"
            "  tracker record T07 2023 162\n"
            "  tracker record T07 2024 1.200\n"
            '  tracker record T01 2023 38/42 --provisional --note "Dự ước"\n'
            '  tracker record T03 2023 90,5 --source 25-BC/ĐUK --by "Nguyễn Văn A"\n'
            '  tracker record T07 2023 165 --amend --reason "Số liệu chính thức"\n'
            "  tracker record T01 2023 38/42 --unit SYT"
        ),
    ),
)
def record(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar=N_("CODE"), help=N_("Target code, e.g. T07."))],
    year: Annotated[int, typer.Argument(metavar=N_("YEAR"), help=N_("Reporting year, e.g. 2023."))],
    value: Annotated[
        str,
        typer.Argument(
            metavar=N_("VALUE"), help=N_("162, 1.200, 90,5, 90.5, 90,5% or 38/42 (a share as its counts).")
        ),
    ],
    note: Annotated[str | None, typer.Option(help=N_("A note kept with the figure ('' for none)."))] = None,
    source: Annotated[
        str | None, typer.Option(help=N_("The document the figure comes from, e.g. 25-BC/ĐUK ('' for none)."))
    ] = None,
    by: Annotated[
        str | None, typer.Option(help=N_("Who records it [default: the operating-system user]."))
    ] = None,
    provisional: Annotated[
        bool, typer.Option("--provisional", help=N_("An estimate (dự ước), to be confirmed."))
    ] = False,
    amend: Annotated[
        bool, typer.Option("--amend", help=N_("Correct the existing figure as a new revision."))
    ] = False,
    reason: Annotated[
        str | None, typer.Option(help=N_("Why the figure is corrected (required with --amend)."))
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", help=N_("A unit's figure (its code, see `tracker units`), not the committee's.")
        ),
    ] = None,
) -> None:
    from tracker.records import FigureRequest, record_figure

    settings = state_of(ctx).settings()
    request = FigureRequest(
        code=code,
        year=year,
        value=value,
        recorded_by=by or os_user(),
        note=note,
        source_document=source,
        provisional=provisional,
        amend=amend,
        reason=reason,
        unit=unit,
    )
    with unit_of_work(settings) as session:
        done = record_figure(
            session, current_resolution(session, settings), request, rule=settings.config.checks.far_rule
        )
    say(recorded_line(done))
    far_warning(done)


def far_warning(done: Recorded) -> None:
    """A figure stored far from its own history: said on stderr, with how to correct it."""
    if done.far is not None:
        kept = _("it was recorded; if it is a mistake, correct it with --amend --reason")
        warn(f"{done.far.words}; {kept}")


def recorded_line(done: Recorded) -> str:
    """What `record` (and `confirm`) did, in a line: recorded, corrected, or nothing changed."""
    if not done.stored:
        return done.summary
    line = _("recorded {code} {year}: {summary}")
    if done.revision > 1:
        line = _("corrected {code} {year}: {summary}")
    return line.format(code=done.subject, year=done.year, summary=done.summary)


@app.command(
    help=helptext(
        N_("Show every revision of the figures: who, when and why."),
        examples=N_("Examples:\n  tracker history\n  tracker history T07 --year 2022"),
    )
)
def history(
    ctx: typer.Context,
    code: Annotated[str | None, typer.Argument(metavar=N_("CODE"), help=N_("Only this target."))] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help=N_("Only this year."))] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=N_("vi or en."))] = None,
) -> None:
    from tracker.cli.tables import history_table
    from tracker.records import history as revisions

    settings = state_of(ctx).settings()
    language = pick_lang(lang)
    with unit_of_work(settings, writes=False) as session:
        found = revisions(session, current_resolution(session, settings), code, year, language)
    if not found.lines:
        say(_("no figures recorded yet"))
        return
    console().print(history_table(found, language))
    if found.derived:
        say(found.derived)
