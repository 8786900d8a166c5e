"""`tracker targets` and `tracker status`: what the resolution asks, and where it stands."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import app
from tracker.cli.common import console, current_resolution, pick_lang, state_of, unit_of_work

if TYPE_CHECKING:
    from rich.console import Console

    from tracker.services.status import StatusView


@app.command()
def targets(
    ctx: typer.Context,
    lang: Annotated[str | None, typer.Option("--lang", help="vi or en.")] = None,
) -> None:
    """List the targets with their rules in words.

    A rule reads "≥ 90% mỗi năm" or "≥ 750 cả nhiệm kỳ"; inferred targets are marked.

    \b
    Examples:
      tracker targets
      tracker targets --lang en
    """
    from tracker.cli.tables import targets_table
    from tracker.services.status import build_status

    settings = state_of(ctx).settings()
    language = pick_lang(settings, lang)
    with unit_of_work(settings, writes=False) as session:
        view = build_status(session, current_resolution(session, settings), lang=language)
    console().print(targets_table(view))


@app.command()
def status(
    ctx: typer.Context,
    codes: Annotated[list[str] | None, typer.Argument(help="Target codes to show [default: all].")] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", "-y", help="As-of year [default: latest year with a figure]."),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="vi or en [default: config].")] = None,
    output: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 when any target is flagged (for scripts).")
    ] = False,
) -> None:
    """Judge every target as of a year: status, figures and why.

    \b
    Examples:
      tracker status                      all targets as of the latest year
      tracker status T07                  one target in detail
      tracker status --year 2023 --format json
      tracker status --check              exit 1 when a target is flagged
    """
    from tracker.errors import TrackerError
    from tracker.services.status import build_status, status_json

    if output not in ("table", "json"):
        raise TrackerError(f"unknown format {output!r}; accepted: table, json")
    settings = state_of(ctx).settings()
    language = pick_lang(settings, lang)
    with unit_of_work(settings, writes=False) as session:
        resolution = current_resolution(session, settings)
        view = build_status(session, resolution, codes=codes, as_of=year, lang=language)
    if output == "json":
        import json

        typer.echo(json.dumps(status_json(view), ensure_ascii=False, indent=2))
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
