"""The portal's accounts, made and changed by the office on the command line: their names,
roles and units, their passwords (only as argon2id hashes), and whether they may sign in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from tracker import store
from tracker.accounts._passwords import check_password, hash_password
from tracker.base import find_unit
from tracker.errors import TrackerError
from tracker.evaluate import printable
from tracker.i18n import _
from tracker.store import Resolution, Session

ROLES = ("office", "unit", "viewer")
# 3 to 64 characters: ASCII letters and digits, '.', '_' and '-', starting with a letter or a
# digit. No accents and no spaces, so that a name is typed the same on any keyboard and two
# names that look alike are the same name (compared in any case).
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{2,63}", re.ASCII)
OK = "ok"


@dataclass(frozen=True)
class Account:
    """An account as the office sees it: never its password, nor its hash."""

    name: str
    role: str
    unit: str | None  # the code of a unit account's unit
    resolution: str | None  # the code of that unit's resolution
    disabled: bool
    created_at: datetime
    password_changed_at: datetime
    last_sign_in: datetime | None = None  # the last sign-in that succeeded


def view_of(account: store.Account, last_sign_in: datetime | None = None) -> Account:
    return Account(
        name=account.name,
        role=account.role,
        unit=account.unit_code,
        resolution=account.resolution_code,
        disabled=account.disabled,
        created_at=account.created_at,
        password_changed_at=account.password_changed_at,
        last_sign_in=last_sign_in,
    )


def shown(name: str) -> str:
    return printable(name, multiline=False)


def check_name(name: str) -> None:
    if NAME_PATTERN.fullmatch(name) is None:
        message = _(
            "account name {name!r} is not accepted: 3 to 64 characters, ASCII letters (no accents), "
            "digits, '.', '_' or '-', starting with a letter or a digit"
        )
        raise TrackerError(message.format(name=shown(name)))


def check_account(
    session: Session, resolution: Resolution, name: str, role: str, unit_code: str | None
) -> int | None:
    """Refuse what a new account cannot be (its name, its role, its unit); the id of its unit."""
    check_name(name)
    if role not in ROLES:
        message = _("unknown role {role!r}; accepted: {accepted}")
        raise TrackerError(message.format(role=shown(role), accepted=", ".join(ROLES)))
    if role == "unit" and unit_code is None:
        raise TrackerError(_("a unit account belongs to one unit: give its code with --unit CODE"))
    if role != "unit" and unit_code is not None:
        message = _("only a unit account belongs to a unit: leave --unit out for a {role} account")
        raise TrackerError(message.format(role=role))
    existing = store.find_account(session, name.lower())
    if existing is not None:
        message = _("an account named {name!r} exists already (names are the same in any case: {existing!r})")
        raise TrackerError(message.format(name=name, existing=existing.name))
    return None if unit_code is None else find_unit(session, resolution, unit_code).id


def add_account(
    session: Session,
    resolution: Resolution,
    name: str,
    role: str,
    unit_code: str | None,
    password: str,
    now: datetime,
) -> Account:
    """A new account, able to sign in at once."""
    unit_id = check_account(session, resolution, name, role, unit_code)
    check_password(password)
    return view_of(store.insert_account(session, name, role, unit_id, hash_password(password), now))


def find_account(session: Session, name: str) -> store.Account:
    """The account of this name (any case), or the refusal that says how to list them."""
    account = store.find_account(session, name.lower())
    if account is None:
        message = _("no account named {name!r}; `tracker user list` lists them")
        raise TrackerError(message.format(name=shown(name)))
    return account


def account_named(session: Session, name: str) -> Account:
    """The account of this name (any case), or the refusal that says how to list them."""
    return view_of(find_account(session, name))


def set_password(session: Session, name: str, password: str, now: datetime) -> Account:
    """A new password for the account (the office resets a forgotten one this way)."""
    account = find_account(session, name)
    check_password(password)
    store.update_account(session, account.id, password_hash=hash_password(password), changed_at=now)
    store.delete_account_sessions(session, account.id)  # signed out everywhere
    return view_of(find_account(session, name))


def set_disabled(session: Session, name: str, disabled: bool) -> tuple[Account, bool]:
    """Disable or enable the account; whether that changed anything."""
    account = find_account(session, name)
    if account.disabled == disabled:
        return view_of(account), False
    store.update_account(session, account.id, disabled=disabled)
    if disabled:
        store.delete_account_sessions(session, account.id)
    return view_of(find_account(session, name)), True


def list_accounts(session: Session) -> list[Account]:
    """Every account by name, with its last sign-in that succeeded."""
    last = store.last_sign_ins(session, OK)
    return [view_of(a, last.get(a.name.lower())) for a in store.all_accounts(session)]
