"""`tracker targets` and `tracker status`: what the resolution asks, and where it stands."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import app
from tracker.cli.common import (
    check_view_format,
    console,
    current_resolution,
    pick_lang,
    state_of,
    unit_of_work,
)
from tracker.cli.language import helptext
from tracker.i18n import N_

if TYPE_CHECKING:
    from rich.console import Console

    from tracker.status import StatusView


@app.command(
    help=helptext(
        N_("List the targets with their rules in words."),
        N_('A rule reads "≥ 90% mỗi năm" or "≥ 750 cả nhiệm kỳ"; inferred targets are marked.'),
        examples=N_("Examples:\n  tracker targets\n  tracker targets --lang en"),
    )
)
def targets(
    ctx: typer.Context,
    lang: Annotated[str | None, typer.Option("--lang", help=N_("vi or en."))] = None,
) -> None:
    from tracker.cli.tables import targets_table
    from tracker.status import build_status

    settings = state_of(ctx).settings()
    language = pick_lang(lang)
    with unit_of_work(settings, writes=False) as session:
        view = build_status(session, current_resolution(session, settings), lang=language)
    console().print(targets_table(view))


@app.command(
    help=helptext(
        N_("Judge every target as of a year: status, figures and why."),
        examples=N_(
            "Examples:\n"
            "  tracker status                      all targets as of the latest year\n"
            "  tracker status T07                  one target in detail\n"
            "  tracker status --year 2023 --format json\n"
            "  tracker status --check              exit 1 when a target is flagged\n"
            "  tracker status T01 --units          every unit's figure of T01\n"
            "  tracker status --units              every unit × every target (units lagging most first)"
        ),
    )
)
def status(
    ctx: typer.Context,
    codes: Annotated[
        list[str] | None, typer.Argument(metavar=N_("CODE"), help=N_("Target codes to show [default: all]."))
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", "-y", help=N_("As-of year [default: latest year with a figure].")),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=N_("vi or en [default: config]."))] = None,
    output: Annotated[str, typer.Option("--format", "-f", help=N_("table or json."))] = "table",
    check: Annotated[
        bool, typer.Option("--check", help=N_("Exit 1 when any target is flagged (for scripts)."))
    ] = False,
    units: Annotated[
        bool,
        typer.Option(
            "--units",
            help=N_(
                "With one CODE: every unit's figure, the lagging units first. Without: every unit × "
                "every target with unit figures (several CODEs: those targets)."
            ),
        ),
    ] = False,
) -> None:
    from tracker.status import build_status, status_json_text

    check_view_format(output)
    settings = state_of(ctx).settings()
    language = pick_lang(lang)
    with unit_of_work(settings, writes=False) as session:
        resolution = current_resolution(session, settings)
        view = build_status(session, resolution, codes=codes, as_of=year, lang=language)
    if units and len(codes or ()) != 1:
        print_matrix(view, output)
    elif output == "json":
        typer.echo(status_json_text(view))
    elif units:
        from tracker.cli.units import target_units_table

        console().print(target_units_table(view.targets[0], view.as_of))
    elif codes and len(codes) == 1:
        from tracker.cli.tables import target_detail

        console().print(target_detail(view.targets[0], view))
    else:
        print_status(console(), view)
    if check and view.flagged:
        raise typer.Exit(1)


def print_status(out: Console, view: StatusView) -> None:
    from tracker.cli.tables import status_table

    out.print(status_table(view, out.width))


def print_matrix(view: StatusView, output: str) -> None:
    """`tracker status --units`: the units × targets matrix, as tables or JSON."""
    from tracker.status import matrix_json, unit_matrix

    matrix = unit_matrix(view)
    if output == "json":
        import json

        typer.echo(json.dumps(matrix_json(matrix), ensure_ascii=False, indent=2))
        return
    from tracker.cli.common import say
    from tracker.cli.unit_matrix import matrix_tables, no_unit_data

    out = console()
    tables = matrix_tables(matrix, view.lang, out.width)
    if not tables:
        say(no_unit_data(view.lang))
    for text in tables:  # rich joins the texts it is given, losing their no_wrap: one at a time
        out.print(text, crop=False, no_wrap=bool(text.no_wrap), overflow=text.overflow)
