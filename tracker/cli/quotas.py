"""`tracker quota`: a unit's quota of a count target for a year, or a file of them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import app
from tracker.cli.common import current_resolution, os_user, say, shown_path, state_of, unit_of_work
from tracker.cli.language import helptext
from tracker.errors import TrackerError
from tracker.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from tracker.records import QuotaStored


@app.command(
    context_settings={"ignore_unknown_options": True},  # a negative VALUE reaches the check
    help=helptext(
        N_("Give a unit its quota of a count target for a year (or read a file of quotas)."),
        N_(
            "A unit's count is judged against its quota: below it, the unit lags. Share targets take "
            "no quota (each unit's share is judged against the committee's threshold). A quota is never "
            "overwritten: a different one needs --amend --reason. A file (.csv or .xlsx) has the columns "
            "target, year, unit, quota; all its rows are checked first and stored together, or none."
        ),
        examples=N_(
            "Examples:\n"
            "  tracker quota T07 2024 SYT 12\n"
            '  tracker quota T07 2024 SYT 15 --amend --reason "Giao bổ sung"\n'
            "  tracker quota --from dinh-muc-2024.xlsx"
        ),
    ),
)
def quota(
    ctx: typer.Context,
    code: Annotated[
        str | None, typer.Argument(metavar=N_("CODE"), help=N_("A count target, e.g. T07."))
    ] = None,
    year: Annotated[
        int | None, typer.Argument(metavar=N_("YEAR"), help=N_("Reporting year, e.g. 2024."))
    ] = None,
    unit: Annotated[
        str | None, typer.Argument(metavar=N_("UNIT"), help=N_("A unit's code, e.g. SYT."))
    ] = None,
    value: Annotated[
        str | None, typer.Argument(metavar=N_("VALUE"), help=N_("The quota, a whole number."))
    ] = None,
    from_file: Annotated[
        Path | None,
        typer.Option("--from", help=N_("A .csv, .xlsx or .xlsm file: target, year, unit, quota.")),
    ] = None,
    by: Annotated[str | None, typer.Option(help=N_("Who gives it [default: the OS user]."))] = None,
    amend: Annotated[
        bool, typer.Option("--amend", help=N_("Change an existing quota (a new revision)."))
    ] = False,
    reason: Annotated[str | None, typer.Option(help=N_("Why it changes (required with --amend)."))] = None,
) -> None:
    settings = state_of(ctx).settings()
    given = [a for a in (code, year, unit, value) if a is not None]
    if from_file is not None and given:
        raise TrackerError(_("give either CODE YEAR UNIT VALUE or --from FILE, not both"))
    if from_file is None and len(given) < 4:
        raise TrackerError(_("give CODE YEAR UNIT VALUE (e.g. tracker quota T07 2024 SYT 12) or --from FILE"))
    with unit_of_work(settings) as session:
        resolution = current_resolution(session, settings)
        if from_file is not None:
            from tracker.records import import_quota_file

            plan = import_quota_file(session, resolution, from_file, by or os_user(), amend, reason)
        else:
            from tracker.records import QuotaRequest, record_quota

            assert code is not None and year is not None and unit is not None and value is not None
            request = QuotaRequest(code, year, unit, value)
            found = record_quota(session, resolution, request, by or os_user(), amend, reason)
    if from_file is not None:
        line = ngettext(
            "{name}: {added} quota added, {changed} changed, {unchanged} unchanged",
            "{name}: {added} quotas added, {changed} changed, {unchanged} unchanged",
            plan.added,
        )
        say(
            line.format(
                name=shown_path(from_file.name),
                added=plan.added,
                changed=plan.changed,
                unchanged=plan.unchanged,
            )
        )
    else:
        say(_stored_line(found))


def _stored_line(found: QuotaStored) -> str:
    """What storing one quota did, in a line."""
    words = {"label": found.row.label, "value": found.row.value}
    if found.unchanged:
        return _("{label} already has the quota {value}; nothing was changed").format(**words)
    if found.previous is None:
        return _("quota of {label}: {value}").format(**words)
    message = _("quota of {label} changed: {old} -> {value} (revision {revision})")
    return message.format(**words, old=found.previous, revision=found.revision)
