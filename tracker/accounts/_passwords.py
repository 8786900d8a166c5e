"""Passwords: the rule of their length, and their argon2id hashes (argon2-cffi's defaults,
RFC 9106's second recommended set). A password is compared in its NFC form, so that the same
Vietnamese letters typed on a terminal or sent by a browser in another Unicode form match.
Nothing here keeps, logs or shows a password."""

from __future__ import annotations

import unicodedata
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from tracker.errors import TrackerError
from tracker.i18n import _

PASSWORD_MIN = 10
PASSWORD_MAX = 1024


@cache
def hasher() -> PasswordHasher:
    return PasswordHasher()


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
        return hasher().verify(password_hash, typed if fits else "") and fits
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with other parameters than the current ones."""
    return hasher().check_needs_rehash(password_hash)
