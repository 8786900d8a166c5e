"""The portal's signed-in browsers: found by the hash of their cookie's token, touched, ended."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, update
from sqlmodel import Session, col

from tracker.store._accounts import _account_of, _account_query
from tracker.store._records import WebSession
from tracker.store._tables import AccountRow, WebSessionRow, as_utc


def insert_web_session(
    session: Session, token_hash: str, account_id: int, csrf_token: str, now: datetime
) -> None:
    """A browser signed in now."""
    row = WebSessionRow(
        token_hash=token_hash, account_id=account_id, csrf_token=csrf_token, created_at=now, seen_at=now
    )
    session.add(row)
    session.flush()


def find_web_session(session: Session, token_hash: str) -> WebSession | None:
    """The signed-in browser whose token hashes so, with its account, or None."""
    query = (
        _account_query()
        .add_columns(WebSessionRow)
        .join(WebSessionRow, col(WebSessionRow.account_id) == col(AccountRow.id))
    )
    found = session.exec(query.where(WebSessionRow.token_hash == token_hash)).first()
    if found is None:
        return None
    account_row, unit_code, resolution_code, row = found
    assert row.id is not None
    return WebSession(
        id=row.id,
        account=_account_of(account_row, unit_code, resolution_code),
        csrf_token=row.csrf_token,
        created_at=as_utc(row.created_at),
        seen_at=as_utc(row.seen_at),
    )


def touch_web_session(session: Session, session_id: int, now: datetime) -> None:
    """The browser was seen now (its idle time starts again)."""
    session.execute(update(WebSessionRow).where(col(WebSessionRow.id) == session_id).values(seen_at=now))


def delete_web_session(session: Session, token_hash: str) -> None:
    """A browser signed out."""
    session.execute(delete(WebSessionRow).where(col(WebSessionRow.token_hash) == token_hash))


def delete_account_sessions(session: Session, account_id: int) -> None:
    """Every browser of an account signed out (a new password, a disabled account)."""
    session.execute(delete(WebSessionRow).where(col(WebSessionRow.account_id) == account_id))


def delete_stale_sessions(session: Session, seen_before: datetime, created_before: datetime) -> None:
    """The browsers idle too long, or signed in too long ago, forgotten."""
    stale = (col(WebSessionRow.seen_at) < seen_before) | (col(WebSessionRow.created_at) < created_before)
    session.execute(delete(WebSessionRow).where(stale))
