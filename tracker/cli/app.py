"""The command-line application: global options, error handling, and the entry point.

Heavy libraries (sqlmodel, alembic, rich tables) are imported inside the commands that need
them, so that `tracker --help` starts fast.
"""

from __future__ import annotations

import sys
from typing import Annotated, NoReturn

import typer

from tracker import __version__
from tracker.cli.common import AppState
from tracker.errors import TrackerError

INTERRUPTED = 130

app = typer.Typer(
    name="tracker",
    help=(
        "Keep the targets of a congress resolution, record their yearly figures and see "
        "which targets are met, on track, behind pace or missed.\n\n"
        "\b\nExamples:\n"
        "  tracker demo                  a demo with synthetic figures\n"
        "  tracker init                  create the database from config.yaml\n"
        "  tracker record T07 2023 162   record a figure\n"
        "  tracker status                every target, judged"
    ),
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
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
            help="The config file [default: ./config.yaml]. Env: TRACKER_CONFIG.",
            show_envvar=False,
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an error.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Global options come before the command: tracker --config other.yaml status."""
    ctx.obj = AppState(config_path=config, debug=debug)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


def main(argv: list[str] | None = None) -> None:
    """Run the command line; user errors become one line on stderr and an exit code."""
    from tracker.cli import commands  # noqa: F401  (registers the commands)

    args = sys.argv[1:] if argv is None else argv
    if argv is None:
        _quick_process()
    try:
        code = app(args=args, prog_name="tracker", standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt):
        code = INTERRUPTED
    except typer.TyperException as exc:  # usage errors: a bad option, a missing argument
        _fail(_usage_line(exc), exc.exit_code)
    except TrackerError as exc:
        if "--debug" in args:
            raise
        _fail(str(exc), exc.exit_code)
    except Exception as exc:
        if "--debug" in args:
            raise
        _fail(f"internal error: {type(exc).__name__}: {exc} (run again with --debug for the traceback)", 70)
    if code == INTERRUPTED:  # Typer turns Ctrl-C into this exit code, silently
        sys.stderr.write("tracker: interrupted; the unfinished command saved nothing\n")
    sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, exit_code: int) -> NoReturn:
    """Every line of the message on stderr as `tracker: error: ...`, then exit."""
    prefix = "tracker: " if message.startswith("internal error") else "tracker: error: "
    for line in message.splitlines():
        sys.stderr.write(f"{prefix}{line}\n")
    sys.exit(exit_code)


def _quick_process() -> None:
    """Spend less time in the garbage collector in a short-lived process.

    Imports (sqlmodel, pydantic) create many long-lived objects; the default thresholds run
    full collections over them again and again, and the final collection at exit walks them
    all once more. Raising the thresholds and freezing at exit saves about a tenth of a second
    per command; a long-running `schedule run` keeps collecting, only less often.
    """
    import atexit
    import gc

    gc.set_threshold(50_000, 50, 100)
    atexit.register(gc.freeze)


def _usage_line(exc: typer.TyperException) -> str:
    """A usage error on one line, with where to read more."""
    message = " ".join(exc.format_message().split())
    context = getattr(exc, "ctx", None)
    command = getattr(context, "command_path", None) or "tracker"
    return f"{message} (see `{command} --help`)"
