"""The entry point of the command line: every command registered, the language chosen before
parsing, and every error turned into one line on stderr and an exit code (a traceback only
with --debug)."""

from __future__ import annotations

import re
import sys
from typing import Any, NoReturn

import typer

from tracker.cli import commands  # noqa: F401  (registers the commands)
from tracker.cli.app import app
from tracker.cli.language import early_language, translated_command
from tracker.cli.values import refuse_empty_values
from tracker.errors import TrackerError
from tracker.i18n import N_, _, set_language
from tracker.process import quick_process
from tracker.reasons import quoted

INTERRUPTED = 130


def main(argv: list[str] | None = None) -> None:
    """Run the command line; user errors become one line on stderr and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    if argv is None:
        quick_process()
    set_language(early_language(args))
    debug = debug_asked(args)
    try:
        command = translated_command(app)
        refuse_empty_values(command)
        code = command.main(args=args, prog_name="tracker", standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt):
        code = INTERRUPTED
    except typer.TyperException as exc:  # usage errors: a bad option, a missing argument
        code = _usage_error(exc)
    except TrackerError as exc:
        if debug:
            raise
        _fail(str(exc), exc.exit_code)
    except Exception as exc:
        if debug:
            raise
        message = _("internal error: {error} (run again with --debug for the traceback)")
        _fail(message.format(error=quoted(f"{type(exc).__name__}: {exc}")), 70)
    if code == INTERRUPTED:  # Typer turns Ctrl-C into this exit code, silently
        sys.stderr.write("tracker: " + _("interrupted; the unfinished command saved nothing") + "\n")
    sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, exit_code: int) -> NoReturn:
    """Every line of the message on stderr as `tracker: error: ...`, then exit. The lines are
    those the message was made of (a line break, nothing else); each is made printable, the
    last safety net for a text from a file or a name that reached a message raw."""
    from tracker.evaluate import printable

    prefix = "tracker: " + (_("error") + ": " if exit_code != 70 else "")
    for line in message.split("\n"):
        sys.stderr.write(f"{prefix}{printable(line, multiline=False)}\n")
    sys.exit(exit_code)


# The options given before the command that take a value: their value is never a flag.
_VALUED = ("--config", "-c", "--resolution", "-r", "--lang")


def debug_asked(args: list[str]) -> bool:
    """Whether --debug is given as the flag it is (`tracker --debug COMMAND ...`), not as the
    value of an option (`--reason --debug`) nor after the command: only then a traceback."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--debug":
            return True
        if arg == "--" or not arg.startswith("-"):
            return False  # the command's name: what follows is the command's
        index += 2 if arg in _VALUED else 1
    return False


def _usage_error(exc: typer.TyperException) -> int:
    """A usage error on one line, in the reader's language, with where to read more; a group
    called without its command shows its help instead."""
    from typer._click.exceptions import NoArgsIsHelpError

    context = getattr(exc, "ctx", None)
    if isinstance(exc, NoArgsIsHelpError) and context is not None:
        typer.echo(context.get_help())
        return 0
    command = getattr(context, "command_path", None) or "tracker"
    message = _usage_message(exc)
    _fail(message + " " + _("(see `{command} --help`)").format(command=command), exc.exit_code)


def _usage_message(exc: Any) -> str:
    from typer._click import exceptions as click

    param = getattr(exc, "param", None)
    name = param.get_error_hint() if param is not None else ""
    if isinstance(exc, click.MissingParameter):
        kind = (
            N_("missing argument {name}")
            if param is None or param.param_type_name == "argument"
            else (N_("missing option {name}"))
        )
        return _(kind).format(name=name or getattr(param, "name", ""))
    if isinstance(exc, click.BadParameter):
        detail = _(_plain(exc.message))
        return _("{name}: the value is not accepted ({detail})").format(name=name, detail=detail)
    if isinstance(exc, click.NoSuchOption):
        from tracker.evaluate import printable

        said = _("no such option: {name}").format(name=printable(exc.option_name, multiline=False))
        return said + _did_you_mean(", ".join(map(repr, sorted(exc.possibilities or ()))))
    text = exc.format_message()
    for pattern, wording in USAGE_WORDINGS:
        found = re.match(pattern, text)
        if found:
            first, *more = found.groups()
            return _(wording).format(first) + _did_you_mean(more[0] if more else None)
    return " ".join(text.split())


def _did_you_mean(names: str | None) -> str:
    """Click's suggestions, already quoted: " (did you mean 'status', 'targets'?)"."""
    return _(" (did you mean {names}?)").format(names=names) if names else ""


def _plain(detail: str) -> str:
    """What pydantic says of a value Typer could not convert, as a text the catalog knows."""
    if "valid integer" in detail:
        return N_("a whole number is needed, e.g. 2023")
    if "valid number" in detail:
        return N_("a number is needed")
    return detail


USAGE_WORDINGS = (
    (r"Got unexpected extra argument\(s\) \((.*)\)", N_("too many arguments: {0}")),
    (r"No such command '(.*?)'\.(?: Did you mean (.*)\?)?", N_("no such command {0!r}")),
    (r"(Missing) command", N_("a command is missing")),
    (r"Option '(.*)' requires an argument", N_("option {0} needs a value")),
    (r"Option '(.*)' does not take a value", N_("option {0} takes no value")),
)
