"""`tracker submission list | show | accept | return`: the units' submissions of the portal, as the
office reviews them on the command line (docs/submissions.md)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import app
from tracker.cli.common import (
    check_view_format,
    console,
    current_resolution,
    os_user,
    say,
    state_of,
    unit_of_work,
)
from tracker.cli.language import helptext
from tracker.cli.users import table, when
from tracker.i18n import N_, _

if TYPE_CHECKING:
    from tracker.submissions import YearForm

submission_app = typer.Typer(
    help=N_("The units' submissions of the portal: list, show, accept, return."),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(submission_app, name="submission")

LIST_HEADS = (N_("Unit"), N_("State"), N_("Changed"), N_("Late"))
SHOW_HEADS = (
    N_("Code"),
    N_("Target"),
    N_("Last year"),
    N_("Quota"),
    N_("Submitted"),
    N_("Counted"),
    N_("Note"),
)
UnitArgument = Annotated[str, typer.Argument(metavar=N_("UNIT"), help=N_("The unit's code, e.g. SYT."))]
YearArgument = Annotated[int, typer.Argument(metavar=N_("YEAR"), help=N_("The reporting year, e.g. 2024."))]
AsOption = Annotated[
    str | None,
    typer.Option("--as", help=N_("The office's account that decides [default: the system user].")),
]


@submission_app.command(
    "list",
    help=helptext(
        N_("List every unit's submission of a year: its state, when it changed, whether it is late."),
        examples=N_(
            "Examples:\n  tracker submission list --year 2024\n  tracker submission list --format json"
        ),
    ),
)
def list_(
    ctx: typer.Context,
    year: Annotated[
        int | None, typer.Option("--year", help=N_("The reporting year [default: the year due now]."))
    ] = None,
    output: Annotated[str, typer.Option("--format", "-f", help=N_("table or json."))] = "table",
) -> None:
    from tracker.submissions import due_year, rules_of, state_words, year_states

    check_view_format(output)
    settings = state_of(ctx).settings()
    with unit_of_work(settings, writes=False) as session:
        resolution = current_resolution(session, settings)
        chosen = year if year is not None else due_year(resolution.years)
        states = year_states(session, resolution, chosen, rules=rules_of(settings))
    if output == "json":
        found = {
            code: {
                "state": s.state,
                "updated_at": None if s.updated_at is None else s.updated_at.isoformat(),
                "late": s.late,
            }
            for code, s in states.items()
        }
        typer.echo(json.dumps({"year": chosen, "units": found}, ensure_ascii=False, indent=2))
        return
    rows = [
        (code, state_words(s.state), when(s.updated_at) if s.updated_at else "", _("late") if s.late else "")
        for code, s in states.items()
    ]
    say(_("Submissions of {year}").format(year=chosen))
    console().print(table(LIST_HEADS, rows))


def _print_form(form: YearForm) -> None:
    from tracker.submissions import state_words

    say(f"{form.unit_code} {form.unit_name} {form.year}: {state_words(form.state)}")
    if form.submitted_by and form.submitted_at:
        say(_("submitted by {name} at {at}").format(name=form.submitted_by, at=when(form.submitted_at)))
    if form.comment:
        say(_("the office's comment: {comment}").format(comment=form.comment))
    rows = [
        (x.code, x.name, x.previous or "", x.quota or "", x.text, x.counted or "", x.note) for x in form.lines
    ]
    console().print(table(SHOW_HEADS, rows))
    for line in form.lines:
        if line.far is not None:
            say(line.far.words)


@submission_app.command(
    "show",
    help=helptext(
        N_("Show a unit's submission of a year: each target, last year's figure, the value submitted."),
        examples=N_("Examples:\n  tracker submission show SYT 2024"),
    ),
)
def show(
    ctx: typer.Context,
    unit: UnitArgument,
    year: YearArgument,
    output: Annotated[str, typer.Option("--format", "-f", help=N_("table or json."))] = "table",
) -> None:
    from tracker.submissions import rules_of, year_form

    check_view_format(output)
    settings = state_of(ctx).settings()
    with unit_of_work(settings, writes=False) as session:
        form = year_form(session, current_resolution(session, settings), unit, year, rules=rules_of(settings))
    if output == "json":
        from tracker.submissions import form_json

        typer.echo(json.dumps(form_json(form), ensure_ascii=False, indent=2))
    else:
        _print_form(form)


@submission_app.command(
    "accept",
    help=helptext(
        N_("Accept a unit's submitted figures: they are stored as the unit's figures and count."),
        N_(
            "Each figure is a revision recorded by the office's account (--as) and written by the unit's "
            "account that submitted it; a figure over a different one is a correction with its reason."
        ),
        examples=N_("Examples:\n  tracker submission accept SYT 2024 --as vanphong"),
    ),
)
def accept(ctx: typer.Context, unit: UnitArgument, year: YearArgument, by: AsOption = None) -> None:
    from tracker.submissions import accept as accept_submission
    from tracker.submissions import rules_of

    settings = state_of(ctx).settings()
    with unit_of_work(settings) as session:
        resolution = current_resolution(session, settings)
        done = accept_submission(
            session, resolution, unit, year, account=by or os_user(), version=None, rules=rules_of(settings)
        )
    message = _("{unit} {year} accepted: {new} new, {changed} corrected, {unchanged} unchanged")
    say(
        message.format(
            unit=done.form.unit_code, year=year, new=done.new, changed=done.changed, unchanged=done.unchanged
        )
    )


@submission_app.command(
    "return",
    help=helptext(
        N_("Return a unit's submitted figures with a comment: the unit may change and submit them again."),
        examples=N_('Examples:\n  tracker submission return SYT 2024 --comment "T07: thiếu số liệu quý 4"'),
    ),
)
def return_(
    ctx: typer.Context,
    unit: UnitArgument,
    year: YearArgument,
    comment: Annotated[str, typer.Option("--comment", help=N_("What the unit should change."))],
    by: AsOption = None,
) -> None:
    from tracker.submissions import return_submission, rules_of

    settings = state_of(ctx).settings()
    with unit_of_work(settings) as session:
        resolution = current_resolution(session, settings)
        form = return_submission(
            session,
            resolution,
            unit,
            year,
            account=by or os_user(),
            version=None,
            comment=comment,
            rules=rules_of(settings),
        )
    say(_("{unit} {year} returned to the unit with the comment").format(unit=form.unit_code, year=year))
