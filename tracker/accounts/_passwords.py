"""Passwords: the rule of their length, and their argon2id hashes (OWASP's first recommended
set: 19 MiB of memory, 2 passes, 1 lane). A password is compared in its NFC form, so that the same
Vietnamese letters typed on a terminal or sent by a browser in another Unicode form match.
Nothing here keeps, logs or shows a password."""

from __future__ import annotations

import os
import threading
import unicodedata
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from tracker.errors import TrackerError
from tracker.i18n import _

PASSWORD_MIN = 10
PASSWORD_MAX = 1024


# Why not argon2-cffi's default (RFC 9106's second set, 64 MiB, 3 passes, 4 lanes): on the
# office's two-core server a check took 250 ms of both cores, and 130 units signing in at once
# would hold 8 GB; OWASP's set takes about 25 ms of one core and 19 MiB, and is as hard to guess
# against per its cheat sheet. Hashes made with other parameters are made anew at the next
# sign-in (needs_rehash), so the choice can be changed again without a migration.
TIME_COST, MEMORY_KIB, LANES = 2, 19_456, 1
# At most this many hashes computed at once in a process: sign-ins beyond wait their turn
# instead of each taking its memory (a crowd of sign-ins cannot exhaust the server's memory).
AT_ONCE = threading.BoundedSemaphore(max(1, os.cpu_count() or 1))


@cache
def hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=LANES)


def normal(password: str) -> str:
    return unicodedata.normalize("NFC", password)


def check_password(password: str) -> None:
    """Refuse a password too short or too long, in one line that states the rule."""
    length = len(normal(password))
    if PASSWORD_MIN <= length <= PASSWORD_MAX:
        return
    if length < PASSWORD_MIN:
        message = _(
            "the password is too short: it must have {least} to {most} characters; nothing was changed"
        )
    else:
        message = _(
            "the password is too long: it must have {least} to {most} characters; nothing was changed"
        )
    raise TrackerError(message.format(least=PASSWORD_MIN, most=PASSWORD_MAX))


def hash_password(password: str) -> str:
    with AT_ONCE:
        return hasher().hash(normal(password))


@cache
def dummy_hash() -> str:
    """A hash of no account's password, verified for an unknown name, so that the answer takes
    as long as for a name that exists."""
    return hasher().hash("not a password of any account")


def verify_password(password_hash: str, password: str) -> bool:
    """Whether the password is the one hashed (a password over the maximum never is, and is
    compared as an empty one, in the same time)."""
    typed = normal(password)
    fits = len(typed) <= PASSWORD_MAX
    try:
        with AT_ONCE:
            return hasher().verify(password_hash, typed if fits else "") and fits
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with other parameters than the current ones."""
    return hasher().check_needs_rehash(password_hash)
