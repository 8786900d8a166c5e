"""The language of the command line: chosen before anything is parsed, so that `--help` and the
errors of parsing speak it too.

`tracker --lang vi|en COMMAND`, else the TRACKER_LANG environment variable, else the config's
`language` (read from the file with a glance, before the config is checked), else Vietnamese.
A command's own `--lang` counts first for that command.

Typer writes a few words itself ("Usage:", "Options", "[default: ...]", the `--help` option's
own help); they are translated here by handing Typer our catalog: its module-level `_` and
its help formatter's usage prefix. The help texts of the commands and options are written in
English in the code (`N_`) and translated in the click command tree built for each run.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

from tracker.i18n import DEFAULT_LANG, N_, NC_, Lang, _, check_language, pgettext

LANG_ENV = "TRACKER_LANG"
# The words Typer writes in a help page, marked so that the catalog translates them.
TYPER_WORDS = (
    N_("Usage: "), N_("Options"), N_("Arguments"), N_("Commands"), N_("default: {default}"), N_("required"),
    N_("env var: {var}"), N_("(dynamic)"), N_("Aborted!"), N_("Show this message and exit."),
)  # fmt: skip
# The kinds of value Typer shows after an option or argument ("--year <int>").
_KINDS = (
    NC_("type", "str"), NC_("type", "int"), NC_("type", "path"), NC_("type", "list[str]"),
    NC_("type", "list[Path]"),
)  # fmt: skip
TYPE_KINDS = {kind for _context, kind in _KINDS}
HELP_NAMES = ["-h", "--help"]
_LANGUAGE_LINE = re.compile(r"^language:\s*[\"']?([a-z]{2})\b", re.MULTILINE)


def _value(args: list[str], names: tuple[str, ...]) -> str | None:
    """The value given to an option in argv (`--lang en` or `--lang=en`), the last one wins."""
    found = None
    for index, arg in enumerate(args):
        for name in names:
            if arg == name and index + 1 < len(args):
                found = args[index + 1]
            elif arg.startswith(name + "="):
                found = arg.split("=", 1)[1]
    return found


def config_language(args: list[str]) -> Lang | None:
    """The `language:` of the config the command will read, at a glance (no YAML parsing)."""
    path = Path(_value(args, ("--config", "-c")) or os.environ.get("TRACKER_CONFIG") or "config.yaml")
    try:
        if not stat.S_ISREG(path.expanduser().stat().st_mode):
            return None  # a pipe or a device is not opened: the config's own check refuses it
        with path.expanduser().open(encoding="utf-8", errors="replace") as stream:
            found = _LANGUAGE_LINE.search(stream.read(64 * 1024))
    except OSError:
        return None
    return check_language(found[1]) if found else None


def early_language(args: list[str]) -> Lang:
    """The language for everything the command says, as far as argv, the environment and the
    config file tell before parsing."""
    for given in (_value(args, ("--lang",)), os.environ.get(LANG_ENV)):
        lang = check_language(given)
        if lang is not None:
            return lang
    return config_language(args) or DEFAULT_LANG


def helptext(*paragraphs: str, examples: str | None = None) -> str:
    """A command's help: paragraphs, then examples kept as written (click's "\\b" marker).
    Each part is one message of the catalog (marked with N_ where the help is written)."""
    parts = list(paragraphs) + (["\b\n" + examples] if examples else [])
    return "\n\n".join(parts)


def _help(text: str) -> str:
    """A help text translated part by part, as helptext() joined it."""
    parts = []
    for part in text.split("\n\n"):
        keep = part.startswith("\b\n")
        parts.append("\b\n" + _(part[2:]) if keep else _(part))
    return "\n\n".join(parts)


def translated_command(app: Any) -> Any:
    """The click command tree of the app with every help text in the current language."""
    import typer.core
    from typer import _click
    from typer.main import get_command

    typer.core._ = _  # type: ignore[attr-defined]  # Typer's own words: Options, default, required
    _translate_kinds(typer.core._TyperParameter)
    _click.core.Context.formatter_class = _Formatter
    command = get_command(app)
    _translate(command, command.name or "tracker")
    return command


def _translate(command: Any, name: str) -> None:
    for attribute in ("help", "short_help", "epilog"):
        text = getattr(command, attribute, None)
        if text:
            setattr(command, attribute, _help(text))
    for param in command.params:
        if getattr(param, "help", None):
            param.help = _filled(_(param.help))
        if param.param_type_name == "argument" and param.metavar:
            param.metavar = _(param.metavar)  # CODE, YEAR: in the usage line and in errors
    command.options_metavar = _("[OPTIONS]")
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = _("COMMAND [ARGS]...")
    from typer import _click

    context = _click.Context(command, info_name=name, help_option_names=HELP_NAMES)
    option = command.get_help_option(context)  # made now and kept by the command: translate it
    if option is not None:
        option.help = _("Show this message and exit.")
    for sub_name, sub in getattr(command, "commands", {}).items():
        _translate(sub, sub_name)


def _filled(text: str) -> str:
    """A help text with the lists it names read from where they are kept: "{formats}" from
    the registry of report formats, so that help never lists a format that is not there."""
    if "{formats}" in text:
        from tracker.render import format_names

        text = text.replace("{formats}", ", ".join(format_names()))
    return text


def _translate_kinds(parameter_class: Any) -> None:
    """Have Typer label the kind of a value ("<int>") in the current language."""
    original = parameter_class.display_type
    if getattr(original, "translated", False):
        return

    def display_type(param: Any, ctx: Any) -> str:
        label = original(param, ctx)[1:-1]
        return f"<{pgettext('type', label) if label in TYPE_KINDS else label}>"

    display_type.translated = True  # type: ignore[attr-defined]
    parameter_class.display_type = display_type


def _formatter_class() -> Any:
    from typer._click.formatting import HelpFormatter

    class Formatter(HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, prefix if prefix is not None else _("Usage: "))

    return Formatter


_Formatter = _formatter_class()
