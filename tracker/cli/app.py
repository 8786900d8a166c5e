"""The command-line application and its global options (the commands register on it:
tracker/cli/commands.py; the entry point and its error handling: tracker/cli/main.py).

Heavy libraries (sqlmodel, alembic, rich tables) are imported inside the commands that need
them, so that `tracker --help` starts fast. Everything it says goes through the catalog, in
the language tracker/cli/language.py chooses before parsing.
"""

from __future__ import annotations

from typing import Annotated

import typer

from tracker import __version__
from tracker.cli.common import AppState, language_given
from tracker.cli.language import HELP_NAMES, helptext
from tracker.i18n import N_

app = typer.Typer(
    name="tracker",
    help=helptext(
        N_(
            "Keep the targets of a congress resolution, record their yearly figures and see "
            "which targets are met, on track, behind pace or missed."
        ),
        N_("Global options come before the command: tracker --lang en --config other.yaml status."),
        examples=N_(
            "Examples:\n"
            "  tracker demo                  a demo with synthetic figures\n"
            "  tracker init                  create the database from config.yaml\n"
            "  tracker record T07 2023 162   record a figure\n"
            "  tracker status                every target, judged"
        ),
    ),
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
    context_settings={"help_option_names": HELP_NAMES},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"tracker {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    config: Annotated[
        str | None,
        typer.Option(
            "--config",
            "-c",
            envvar="TRACKER_CONFIG",
            help=N_("The config file [default: ./config.yaml]. Env: TRACKER_CONFIG."),
            show_envvar=False,
        ),
    ] = None,
    resolution: Annotated[
        str | None,
        typer.Option(
            "--resolution",
            "-r",
            envvar="TRACKER_RESOLUTION",
            help=N_(
                "The resolution to work on, by its code [default: the config's first]. "
                "Env: TRACKER_RESOLUTION."
            ),
            show_envvar=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            envvar="TRACKER_LANG",
            help=N_("vi or en: the language of all that tracker says [default: config]. Env: TRACKER_LANG."),
            show_envvar=False,
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help=N_("Show the full traceback of an error."))] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help=N_("Print the version.")),
    ] = False,
) -> None:
    ctx.obj = AppState(
        config_path=config,
        resolution=resolution,
        debug=debug,
        lang=language_given(lang) if lang is not None else None,
    )
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
