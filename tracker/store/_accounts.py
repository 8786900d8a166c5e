"""The portal's accounts and the log of sign-ins: their queries and writes (docs/accounts.md).

A name is found by its lower-case form (`name_key`), so that two accounts never differ only
by case and a lock counts every spelling of one name.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from tracker.store._engine import advisory_lock
from tracker.store._records import Account, SignIn
from tracker.store._tables import AccountRow, ResolutionRow, SignInRow, UnitRow, as_utc, stored_moment


def _account_query() -> Any:
    return (
        select(AccountRow, UnitRow.code, ResolutionRow.code)
        .outerjoin(UnitRow, col(UnitRow.id) == AccountRow.unit_id)
        .outerjoin(ResolutionRow, col(ResolutionRow.id) == UnitRow.resolution_id)
    )


def _account_of(row: AccountRow, unit_code: str | None, resolution_code: str | None) -> Account:
    assert row.id is not None
    return Account(
        id=row.id,
        name=row.name,
        role=row.role,
        unit_id=row.unit_id,
        unit_code=unit_code,
        resolution_code=resolution_code,
        password_hash=row.password_hash,
        disabled=row.disabled,
        created_at=as_utc(row.created_at),
        password_changed_at=as_utc(row.password_changed_at),
    )


def find_account(session: Session, name_key: str) -> Account | None:
    """The account of this lower-case name, or None."""
    found = session.exec(_account_query().where(AccountRow.name_key == name_key)).first()
    return None if found is None else _account_of(*found)


def all_accounts(session: Session) -> list[Account]:
    """Every account, by name."""
    return [
        _account_of(*found) for found in session.exec(_account_query().order_by(col(AccountRow.name_key)))
    ]


def insert_account(
    session: Session, name: str, role: str, unit_id: int | None, password_hash: str, now: datetime
) -> Account:
    row = AccountRow(
        name=name,
        name_key=name.lower(),
        role=role,
        unit_id=unit_id,
        password_hash=password_hash,
        disabled=False,
        created_at=now,
        password_changed_at=now,
    )
    session.add(row)
    session.flush()
    found = find_account(session, row.name_key)
    assert found is not None
    return found


def update_account(
    session: Session,
    account_id: int,
    *,
    password_hash: str | None = None,
    changed_at: datetime | None = None,
    disabled: bool | None = None,
) -> None:
    """Store a new hash (and, when the password itself changed, its moment) or the flag."""
    row = session.get(AccountRow, account_id)
    assert row is not None
    if password_hash is not None:
        row.password_hash = password_hash
    if changed_at is not None:
        row.password_changed_at = changed_at
    if disabled is not None:
        row.disabled = disabled
    session.add(row)
    session.flush()


def unit_accounts(session: Session, unit_ids: Collection[int]) -> dict[int, list[str]]:
    """The names of the accounts of each unit (units without any are left out)."""
    if not unit_ids:
        return {}
    query = (
        select(AccountRow.unit_id, AccountRow.name)
        .where(col(AccountRow.unit_id).in_(sorted(unit_ids)))
        .order_by(col(AccountRow.name_key))
    )
    found: dict[int, list[str]] = {}
    for unit_id, name in session.exec(query):
        found.setdefault(int(unit_id or 0), []).append(name)
    return found


def lock_sign_ins(session: Session, name_key: str) -> None:
    """Sign-ins of one name take turns (PostgreSQL: an advisory lock; SQLite: the write lock),
    so that two at once cannot both slip under the lock."""
    advisory_lock(session, f"sign-in:{name_key}")


def add_sign_in(session: Session, entry: SignIn, name_key: str) -> None:
    session.add(
        SignInRow(
            name=entry.name,
            name_key=name_key,
            at=entry.at,
            outcome=entry.outcome,
            remote=entry.remote,
            locked_until=entry.locked_until,
        )
    )
    session.flush()


def sign_in_moments(
    session: Session, name_key: str, outcomes: Sequence[str], since: datetime
) -> list[datetime]:
    """When the name's attempts of these outcomes were made, from `since` on, in order."""
    query = (
        select(SignInRow.at)
        .where(
            SignInRow.name_key == name_key,
            col(SignInRow.outcome).in_(outcomes),
            col(SignInRow.at) >= stored_moment(since),
        )
        .order_by(col(SignInRow.at))
    )
    return [as_utc(at) for at in session.exec(query)]


def last_sign_ins(session: Session, outcome: str) -> dict[str, datetime]:
    """The moment of each name's last attempt of this outcome, by lower-case name."""
    query = (
        select(SignInRow.name_key, func.max(SignInRow.at))
        .where(SignInRow.outcome == outcome)
        .group_by(col(SignInRow.name_key))
    )
    return {str(key): as_utc(at) for key, at in session.exec(query)}


def sign_ins(
    session: Session, name_key: str | None = None, since: datetime | None = None, limit: int = 50
) -> list[SignIn]:
    """The log, newest first: of one name, from a moment on, at most `limit` lines."""
    query = select(SignInRow)
    if name_key is not None:
        query = query.where(SignInRow.name_key == name_key)
    if since is not None:
        query = query.where(col(SignInRow.at) >= stored_moment(since))
    query = query.order_by(col(SignInRow.at).desc(), col(SignInRow.id).desc()).limit(limit)
    return [
        SignIn(
            name=row.name,
            at=as_utc(row.at),
            outcome=row.outcome,
            remote=row.remote,
            locked_until=None if row.locked_until is None else as_utc(row.locked_until),
        )
        for row in session.exec(query)
    ]
