"""Signing in: the password checked against its hash, the lock rule applied, every attempt
written to the log (docs/accounts.md). A name that is no account's takes as long to refuse as a
wrong password, so that the time of an answer does not tell which names exist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from tracker import store
from tracker.accounts._accounts import NAME_PATTERN, OK, Account, view_of
from tracker.accounts._lock import LockRule, lock_end
from tracker.accounts._passwords import dummy_hash, hash_password, needs_rehash, verify_password
from tracker.evaluate import printable
from tracker.store import Session, SignIn

if TYPE_CHECKING:
    from tracker.config import Settings

WRONG_PASSWORD, UNKNOWN_NAME, LOCKED, DISABLED = "wrong_password", "unknown_name", "locked", "disabled"
OUTCOMES = (OK, WRONG_PASSWORD, UNKNOWN_NAME, LOCKED, DISABLED)
FAILURES = (WRONG_PASSWORD, UNKNOWN_NAME)  # what the lock counts
NAME_KEPT = 128  # characters of a typed name the log keeps


def lock_rule(settings: Settings) -> LockRule:
    """The lock rule of the config (`web.lockout_failures`, `web.lockout_minutes`)."""
    web = settings.config.web
    return LockRule(web.lockout_failures, timedelta(minutes=web.lockout_minutes))


@dataclass(frozen=True)
class SignInResult:
    """What came of an attempt: its outcome, the account when the password was right, and the
    end of the lock in force (a locked name, or the failure that locked it)."""

    outcome: str
    account: Account | None = None
    locked_until: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == OK


def authenticate(
    session: Session,
    name: str,
    password: str,
    now: datetime,
    remote: str | None = None,
    rule: LockRule = LockRule(),
) -> SignInResult:
    """Check a name and a password, as of `now`; the attempt is logged whatever comes of it."""
    typed = printable(name, multiline=False)[:NAME_KEPT]
    key = typed.lower()
    store.lock_sign_ins(session, key)
    failures = store.sign_in_moments(session, key, FAILURES, now - 2 * rule.window)
    end = lock_end(failures, now, rule)
    if end is not None:
        return _logged(session, SignIn(typed, now, LOCKED, remote, end), key)
    account = store.find_account(session, key) if NAME_PATTERN.fullmatch(name) else None
    if account is None:
        verify_password(dummy_hash(), password)
        outcome = UNKNOWN_NAME
    elif not verify_password(account.password_hash, password):
        outcome = WRONG_PASSWORD
    else:
        outcome = DISABLED if account.disabled else OK
        if needs_rehash(account.password_hash):  # argon2's parameters changed since it was hashed
            store.update_account(session, account.id, password_hash=hash_password(password))
    locked = lock_end([*failures, now], now, rule) if outcome in FAILURES else None
    result = _logged(session, SignIn(typed, now, outcome, remote, locked), key)
    if outcome == OK and account is not None:
        return SignInResult(OK, view_of(account, now))
    return result


def _logged(session: Session, entry: SignIn, key: str) -> SignInResult:
    store.add_sign_in(session, entry, key)
    return SignInResult(entry.outcome, None, entry.locked_until)


def sign_in_log(
    session: Session, name: str | None = None, since: datetime | None = None, limit: int = 50
) -> list[SignIn]:
    """The log, newest first: every attempt (of one name, any case), with the locks they
    started and the attempts a lock refused."""
    key = None if name is None else printable(name, multiline=False)[:NAME_KEPT].lower()
    return store.sign_ins(session, key, since, limit)
