"""Signed-in browsers: a random token in an HttpOnly cookie, only its SHA-256 kept on the server
with the account and the token its forms carry (CSRF). A browser is signed out by signing out,
by a new password or a disabled account (all of that account's browsers), after IDLE without a
request, and LONGEST after it signed in (docs/web.md)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from tracker import store
from tracker.accounts._accounts import Account, view_of
from tracker.store import Session

IDLE = timedelta(hours=8)  # a working day without a request
LONGEST = timedelta(days=7)
TOUCH_EVERY = timedelta(minutes=5)  # a browser's last request is written at most this often
TOKEN_BYTES = 32


@dataclass(frozen=True)
class Visit:
    """Who a request comes from: the account, and the token its forms must carry."""

    account: Account
    csrf_token: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def open_web_session(session: Session, name: str, now: datetime) -> tuple[str, Visit]:
    """Sign a browser in as the account (whose password was just checked): the cookie's token
    and the visit. Browsers long idle are forgotten on the way."""
    account = store.find_account(session, name.lower())
    if account is None:  # the account was removed between the check and now
        raise LookupError(name)
    store.delete_stale_sessions(session, now - IDLE, now - LONGEST)
    token, csrf = new_token(), new_token()
    store.insert_web_session(session, token_hash(token), account.id, csrf, now)
    return token, Visit(view_of(account), csrf)


def visit_of(session: Session, token: str, now: datetime) -> Visit | None:
    """The signed-in browser of this cookie's token, or None: unknown, ended, idle too long,
    its account disabled or given a new password since."""
    found = store.find_web_session(session, token_hash(token))
    if found is None:
        return None
    account = found.account
    ended = (
        account.disabled
        or found.seen_at < now - IDLE
        or found.created_at < now - LONGEST
        or account.password_changed_at > found.created_at
    )
    if ended:
        return None
    if now - found.seen_at > TOUCH_EVERY:
        store.touch_web_session(session, found.id, now)
    return Visit(view_of(account), found.csrf_token)


def close_web_session(session: Session, token: str) -> None:
    """Sign the browser of this token out."""
    store.delete_web_session(session, token_hash(token))


def same_token(given: str | None, expected: str) -> bool:
    """Whether a form's token is the session's, compared in constant time."""
    return given is not None and secrets.compare_digest(given.encode(), expected.encode())
