"""An empty value is not "not given": `tracker report --as-recorded ''` (a script's empty
variable) is refused like any malformed value, one line and exit 2, instead of being taken for
the default. Checked once for every option and argument of every command, as the command line
is parsed.

Only the free texts may be empty: `--note ''` and `--source ''` mean "no note", "no source"
(their help says so). A date, a file, a folder, a format, a language, a year, a unit, a kind, a
code, a reason or a name is never empty: `import ''` would otherwise read the current folder.
"""

from __future__ import annotations

from typing import Any

from tracker.errors import TrackerError
from tracker.i18n import _

# The options whose empty value means "none" (free texts).
MAY_BE_EMPTY = frozenset({"note", "source"})


def refuse_empty_values(command: Any) -> None:
    """Have every parameter of `command` and its subcommands refuse an empty value."""
    for param in command.params:
        if param.name not in MAY_BE_EMPTY and not getattr(param, "is_flag", False):
            _guard(param)
    for sub in getattr(command, "commands", {}).values():
        refuse_empty_values(sub)


def _guard(param: Any) -> None:
    """Wrap the parameter's reading of its raw value (before Typer converts '' to a Path '.')."""
    consume = param.consume_value

    def consume_value(ctx: Any, opts: Any) -> Any:
        value, source = consume(ctx, opts)
        given = value if isinstance(value, list | tuple) else [value]
        if not ctx.resilient_parsing and any(v == "" for v in given):
            raise TrackerError(empty_value(param))
        return value, source

    param.consume_value = consume_value


def empty_value(param: Any) -> str:
    """ "--as-recorded: an empty value is not accepted; ..." in the reader's language."""
    if param.param_type_name == "argument":
        name = param.metavar or (param.name or "").upper()
    else:
        name = max(param.opts, key=len)
    message = _("{name}: the value is empty; give a value or leave the option out")
    if param.param_type_name == "argument":
        message = _("{name}: the value is empty; give a value")
    return message.format(name=name)
