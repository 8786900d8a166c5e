"""`tracker user add | list | password | disable | enable | log`: the portal's accounts, which
the office makes and resets on the command line (docs/accounts.md).

A password is read without echo, twice, from the terminal, or as the first line of standard
input with --password-stdin; it is never printed, logged or stored but as its argon2id hash.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tracker.cli.app import app
from tracker.cli.common import check_view_format, console, current_resolution, say, state_of, unit_of_work
from tracker.cli.language import helptext
from tracker.errors import TrackerError
from tracker.i18n import N_, _

if TYPE_CHECKING:
    from datetime import datetime

    from tracker.accounts import Account, SignIn

user_app = typer.Typer(
    help=N_("The portal's accounts: add, list, password, disable, enable, log."),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(user_app, name="user")

ROLE_WORDS = {"office": N_("office"), "unit": N_("unit"), "viewer": N_("viewer")}
LIST_HEADS = (N_("Account"), N_("Role"), N_("Unit"), N_("Disabled"), N_("Last sign-in"))
LOG_HEADS = (N_("When"), N_("Account"), N_("Outcome"), N_("Address"))
OUTCOME_WORDS = {
    "ok": N_("signed in"),
    "wrong_password": N_("wrong password"),
    "unknown_name": N_("no such account"),
    "locked": N_("refused: the name is locked"),
    "disabled": N_("refused: the account is disabled"),
}
LOG_LIMIT = 10_000

NameArgument = Annotated[
    str, typer.Argument(metavar=N_("NAME"), help=N_("The account's name, e.g. syt.ketoan."))
]
PasswordStdin = Annotated[
    bool,
    typer.Option("--password-stdin", help=N_("Read the password from the first line of standard input.")),
]


def ask(prompt: str) -> str:
    """One password typed on the terminal, without echo."""
    import getpass

    return getpass.getpass(prompt)


def terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def read_password(from_stdin: bool) -> str:
    """The new password: the first line of standard input, or typed twice on the terminal."""
    from tracker.accounts import PASSWORD_MAX, check_password

    if from_stdin:
        line = sys.stdin.readline(4 * PASSWORD_MAX + 2) if sys.stdin is not None else ""
        password = line.removesuffix("\n").removesuffix("\r")
        if not password:
            raise TrackerError(_("no password on standard input: --password-stdin reads its first line"))
    else:
        if not terminal():
            raise TrackerError(_("no terminal to type the password on: give it with --password-stdin"))
        password = ask(_("Password: "))
        check_password(password)
        if ask(_("The same password again: ")) != password:
            raise TrackerError(_("the two passwords typed differ; nothing was changed"))
    check_password(password)
    return password


@user_app.command(
    "add",
    help=helptext(
        N_("Add an account of the portal: office, unit (of one unit) or viewer."),
        N_(
            "A name has 3 to 64 characters: ASCII letters, digits, '.', '_' or '-', and is the same in "
            "any case. A password has 10 to 1024 characters; it is asked twice without echo, or read "
            "from standard input with --password-stdin."
        ),
        examples=N_(
            "Examples:\n"
            "  tracker user add vanphong --role office\n"
            "  tracker user add syt.ketoan --role unit --unit SYT\n"
            "  printf '%s\\n' \"$PASSWORD\" | tracker user add btv.an --role viewer --password-stdin"
        ),
    ),
)
def add(
    ctx: typer.Context,
    name: NameArgument,
    role: Annotated[str, typer.Option("--role", help=N_("office, unit or viewer."))],
    unit: Annotated[
        str | None, typer.Option("--unit", help=N_("The unit of a unit account, by its code, e.g. SYT."))
    ] = None,
    password_stdin: PasswordStdin = False,
) -> None:
    from tracker.accounts import add_account, check_account
    from tracker.clock import now

    settings = state_of(ctx).settings()
    with unit_of_work(settings, writes=False) as session:  # refused before a password is typed
        check_account(session, current_resolution(session, settings), name, role, unit)
    password = read_password(password_stdin)
    with unit_of_work(settings) as session:
        account = add_account(
            session, current_resolution(session, settings), name, role, unit, password, now()
        )
    if account.unit is None:
        message = _("account {name} added: {role}")
    else:
        message = _("account {name} added: the account of unit {unit}")
    say(message.format(name=account.name, role=_(ROLE_WORDS[account.role]), unit=account.unit))


@user_app.command(
    "password",
    help=helptext(
        N_("Set a new password of an account (a forgotten one is reset this way)."),
        examples=N_("Examples:\n  tracker user password syt.ketoan"),
    ),
)
def password(ctx: typer.Context, name: NameArgument, password_stdin: PasswordStdin = False) -> None:
    from tracker.accounts import account_named, set_password
    from tracker.clock import now

    settings = state_of(ctx).settings()
    with unit_of_work(settings, writes=False) as session:
        account_named(session, name)  # an unknown name is refused before a password is typed
    new = read_password(password_stdin)
    with unit_of_work(settings) as session:
        account = set_password(session, name, new, now())
    say(_("password of account {name} changed").format(name=account.name))


@user_app.command(
    "disable",
    help=helptext(
        N_("Disable an account: it can no longer sign in (its history is kept)."),
        examples=N_("Examples:\n  tracker user disable syt.ketoan"),
    ),
)
def disable(ctx: typer.Context, name: NameArgument) -> None:
    _set_disabled(ctx, name, True)


@user_app.command(
    "enable",
    help=helptext(
        N_("Enable a disabled account again."),
        examples=N_("Examples:\n  tracker user enable syt.ketoan"),
    ),
)
def enable(ctx: typer.Context, name: NameArgument) -> None:
    _set_disabled(ctx, name, False)


def _set_disabled(ctx: typer.Context, name: str, disabled: bool) -> None:
    from tracker.accounts import set_disabled

    settings = state_of(ctx).settings()
    with unit_of_work(settings) as session:
        account, changed = set_disabled(session, name, disabled)
    if disabled:
        message = _("account {name} disabled: it can no longer sign in") if changed else None
        message = message or _("account {name} was disabled already")
    else:
        message = _("account {name} enabled: it can sign in again") if changed else None
        message = message or _("account {name} was enabled already")
    say(message.format(name=account.name))


@user_app.command(
    "list",
    help=helptext(
        N_("List the accounts: role, unit, whether disabled, last sign-in."),
        examples=N_("Examples:\n  tracker user list\n  tracker user list --format json"),
    ),
)
def list_(
    ctx: typer.Context,
    output: Annotated[str, typer.Option("--format", "-f", help=N_("table or json."))] = "table",
) -> None:
    from tracker.accounts import list_accounts

    check_view_format(output)
    settings = state_of(ctx).settings()
    with unit_of_work(settings, writes=False) as session:
        accounts = list_accounts(session)
    if output == "json":
        import json

        typer.echo(json.dumps([account_json(a) for a in accounts], ensure_ascii=False, indent=2))
    elif not accounts:
        say(_("no accounts yet: add one with `tracker user add NAME --role office`"))
    else:
        rows = [
            (
                a.name,
                _(ROLE_WORDS[a.role]),
                a.unit or "",
                _("yes") if a.disabled else "",
                when(a.last_sign_in),
            )
            for a in accounts
        ]
        console().print(table(LIST_HEADS, rows))


def account_json(account: Account) -> dict[str, Any]:
    moments = {
        "created_at": account.created_at,
        "password_changed_at": account.password_changed_at,
        "last_sign_in": account.last_sign_in,
    }
    return {
        "name": account.name,
        "role": account.role,
        "unit": account.unit,
        "resolution": account.resolution,
        "disabled": account.disabled,
    } | {key: None if value is None else value.isoformat() for key, value in moments.items()}


@user_app.command(
    "log",
    help=helptext(
        N_("Show the sign-ins to the portal, newest first: who, when, from where, and the locks."),
        N_(
            "Ten failed sign-ins of one name within 15 minutes lock that name for 15 minutes "
            "(web.lockout_failures, web.lockout_minutes in the config)."
        ),
        examples=N_("Examples:\n  tracker user log\n  tracker user log --name syt.ketoan --limit 20"),
    ),
)
def log(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option("--name", help=N_("Only the sign-ins of this name."))] = None,
    limit: Annotated[int, typer.Option("--limit", help=N_("At most this many lines."))] = 50,
    output: Annotated[str, typer.Option("--format", "-f", help=N_("table or json."))] = "table",
) -> None:
    from tracker.accounts import sign_in_log

    check_view_format(output)
    if not 1 <= limit <= LOG_LIMIT:
        raise TrackerError(
            _("--limit {given} is not accepted: a whole number from 1 to {most}").format(
                given=limit, most=LOG_LIMIT
            )
        )
    settings = state_of(ctx).settings()
    with unit_of_work(settings, writes=False) as session:
        entries = sign_in_log(session, name, limit=limit)
    if output == "json":
        import json

        typer.echo(json.dumps([entry_json(e) for e in entries], ensure_ascii=False, indent=2))
    elif not entries:
        say(_("no sign-ins yet"))
    else:
        rows = [(when(e.at), e.name, outcome_words(e), e.remote or "") for e in entries]
        console().print(table(LOG_HEADS, rows))


def entry_json(entry: SignIn) -> dict[str, Any]:
    return {
        "name": entry.name,
        "at": entry.at.isoformat(),
        "outcome": entry.outcome,
        "remote": entry.remote,
        "locked_until": None if entry.locked_until is None else entry.locked_until.isoformat(),
    }


def outcome_words(entry: SignIn) -> str:
    words = _(OUTCOME_WORDS[entry.outcome])
    if entry.locked_until is not None:
        words += "; " + _("locked until {moment}").format(moment=when(entry.locked_until))
    return words


def when(moment: datetime | None) -> str:
    from tracker.evaluate import moment_text
    from tracker.i18n import current_language, current_zone

    return "-" if moment is None else moment_text(moment, current_zone(), current_language())


def table(heads: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> Any:
    """A plain table; every cell a Text, so that a name is never read as markup."""
    from rich.box import SIMPLE_HEAD
    from rich.table import Table
    from rich.text import Text

    from tracker.evaluate import printable

    drawn = Table(box=SIMPLE_HEAD)
    for head in heads:
        drawn.add_column(_(head), no_wrap=True)
    for row in rows:
        drawn.add_row(*(Text(printable(cell, multiline=False)) for cell in row))
    return drawn
