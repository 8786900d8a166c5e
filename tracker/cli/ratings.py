"""`tracker rate`: the standing committee's rating of a unit for a year, or a file of them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.app import app
from tracker.cli.common import current_resolution, os_user, say, shown_path, state_of, unit_of_work
from tracker.cli.language import helptext
from tracker.errors import TrackerError
from tracker.i18n import N_, _, ngettext


@app.command(
    help=helptext(
        N_("Record the standing committee's rating of a unit for a year."),
        N_(
            "LEVEL is xuat-sac, tot, hoan-thanh or khong-hoan-thanh, or the full words "
            "(hoàn thành tốt nhiệm vụ ...). A unit is rated as a party organisation (--of to-chuc-dang, "
            "the default) or as its agency (--of co-quan); party_org and agency are read too. A "
            "rating is never overwritten: another level needs --amend --reason and is kept as a new "
            "revision. --from FILE imports a CSV or XLSX file with the columns unit, year, level and "
            "of, all rows or none."
        ),
        examples=N_(
            "Examples:\n"
            "  tracker rate SYT 2023 tot\n"
            "  tracker rate SYT 2023 xuat-sac --of co-quan\n"
            '  tracker rate SYT 2023 hoan-thanh --amend --reason "Kết luận kiểm tra"\n'
            "  tracker rate --from xep-loai-2023.xlsx"
        ),
    )
)
def rate(
    ctx: typer.Context,
    unit: Annotated[
        str | None, typer.Argument(metavar=N_("UNIT"), help=N_("The unit's code, see `tracker units`."))
    ] = None,
    year: Annotated[
        int | None, typer.Argument(metavar=N_("YEAR"), help=N_("Reporting year, e.g. 2023."))
    ] = None,
    level: Annotated[
        str | None,
        typer.Argument(metavar=N_("LEVEL"), help=N_("xuat-sac, tot, hoan-thanh or khong-hoan-thanh.")),
    ] = None,
    of: Annotated[
        str,
        typer.Option(
            "--of",
            help=N_(
                "What is rated: to-chuc-dang (the unit, a party organisation) or co-quan (its agency); "
                "also party_org or agency, with or without diacritics, in any case."
            ),
        ),
    ] = "to-chuc-dang",
    from_file: Annotated[
        Path | None,
        typer.Option("--from", help=N_("A .csv, .xlsx or .xlsm file of ratings: unit, year, level, of.")),
    ] = None,
    by: Annotated[
        str | None, typer.Option(help=N_("Who records it [default: the operating-system user]."))
    ] = None,
    amend: Annotated[
        bool, typer.Option("--amend", help=N_("Correct an existing rating as a new revision."))
    ] = False,
    reason: Annotated[
        str | None, typer.Option(help=N_("Why the rating is corrected (required with --amend)."))
    ] = None,
) -> None:
    settings = state_of(ctx).settings()
    if from_file is not None:
        if unit is not None or year is not None or level is not None:
            raise TrackerError(_("give either UNIT YEAR LEVEL or --from FILE, not both"))
        _rate_file(ctx, from_file, by or os_user(), amend, reason)
        return
    if unit is None or year is None or level is None:
        raise TrackerError(_("give UNIT YEAR LEVEL (e.g. tracker rate SYT 2023 tot) or --from FILE"))
    from tracker.records import RatingRequest, rate_unit, rating_words

    request = RatingRequest(unit, year, level, by or os_user(), of, amend, reason)
    with unit_of_work(settings) as session:
        done = rate_unit(session, current_resolution(session, settings), request)
    if done.rating is None:
        line = _("{what} is already rated {rating}; nothing was changed")
        say(line.format(what=done.what, rating=rating_words(done.previous.level if done.previous else "")))
        return
    line = _("{what} is rated {rating} (revision {revision})")
    if done.rating.revision > 1:
        line = _("{what}: the rating is corrected to {rating} (revision {revision})")
    say(line.format(what=done.what, rating=rating_words(done.rating.level), revision=done.rating.revision))


def _rate_file(ctx: typer.Context, path: Path, by: str, amend: bool, reason: str | None) -> None:
    from tracker.records import import_ratings

    settings = state_of(ctx).settings()
    with unit_of_work(settings) as session:
        done = import_ratings(session, current_resolution(session, settings), path, by, amend, reason)
    unchanged = done.rows - len(done.added)
    line = ngettext(
        "{name}: {count} rating stored, {unchanged} unchanged",
        "{name}: {count} ratings stored, {unchanged} unchanged",
        len(done.added),
    )
    say(line.format(name=shown_path(done.name), count=len(done.added), unchanged=unchanged))
