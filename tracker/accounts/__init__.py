"""The portal's accounts: made, reset and disabled by the office on the command line; signed in
with on the web, under the lock rule, every attempt in a log (docs/accounts.md).

Passwords are kept only as argon2id hashes; the records handed out never hold one.
"""

from __future__ import annotations

from tracker.accounts._accounts import (
    NAME_PATTERN,
    ROLES,
    Account,
    account_named,
    add_account,
    check_account,
    check_name,
    list_accounts,
    set_disabled,
    set_password,
)
from tracker.accounts._lock import LOCKOUT_FAILURES, LOCKOUT_MINUTES, LockRule, lock_end
from tracker.accounts._passwords import PASSWORD_MAX, PASSWORD_MIN, check_password
from tracker.accounts._sign_in import (
    DISABLED,
    FAILURES,
    LOCKED,
    OUTCOMES,
    UNKNOWN_NAME,
    WRONG_PASSWORD,
    SignInResult,
    authenticate,
    lock_rule,
    sign_in_log,
)
from tracker.accounts._web_sessions import (
    IDLE,
    LONGEST,
    Visit,
    close_web_session,
    new_token,
    open_web_session,
    same_token,
    visit_of,
)
from tracker.store import SignIn

__all__ = [
    "DISABLED",
    "FAILURES",
    "IDLE",
    "LOCKED",
    "LOCKOUT_FAILURES",
    "LOCKOUT_MINUTES",
    "LONGEST",
    "NAME_PATTERN",
    "OUTCOMES",
    "PASSWORD_MAX",
    "PASSWORD_MIN",
    "ROLES",
    "UNKNOWN_NAME",
    "WRONG_PASSWORD",
    "Account",
    "LockRule",
    "SignIn",
    "SignInResult",
    "Visit",
    "account_named",
    "add_account",
    "authenticate",
    "check_account",
    "check_name",
    "check_password",
    "close_web_session",
    "list_accounts",
    "lock_end",
    "lock_rule",
    "new_token",
    "open_web_session",
    "same_token",
    "set_disabled",
    "set_password",
    "sign_in_log",
    "visit_of",
]
