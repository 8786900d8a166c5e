"""Links of the resolution's chain, appended by the one ledger and by `init` (the rules of the
chain: tracker/store/_chain.py and docs/verify.md).

Every writer takes the chain's lock first, before the parents of its rows: the link is read and
appended under the same lock as the revision, so two writers never fork the chain, and no two
writers wait on each other's locks in opposite orders."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tracker import store
from tracker.store import Session


def lock_chain(session: Session, resolution_id: int | None) -> None:
    """Hold the resolution's chain until the unit of work ends."""
    if resolution_id is not None:
        store.lock_chain(session, resolution_id)


def link_rows(
    session: Session, resolution_id: int | None, table: str, rows: Sequence[Mapping[str, Any]]
) -> None:
    """Append a link for each row just stored, in the order stored (under lock_chain)."""
    if resolution_id is None or not rows:
        return
    changes = [(table, store.canonical(table, row)) for row in rows]
    store.append_links(session, resolution_id, changes)


def link_definitions(session: Session, resolution_id: int) -> int:
    """Append a link for each definition `init` added, changed or removed; returns how many."""
    changes = store.definition_changes(session, resolution_id)
    if changes:
        store.append_links(session, resolution_id, changes)
    return len(changes)


def chain_head(session: Session, resolution_id: int) -> str:
    """The hash of the chain's last link (64 zeros when nothing is stored)."""
    return store.chain_head(session, resolution_id)[1]
