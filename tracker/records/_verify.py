"""`tracker verify`: walk a resolution's chain and compare it with the rows stored now.

A link is broken when its number skips (a link taken away), when its `prev` is not the hash of
the link before or its own hash is not sha256(prev + "\\n" + content) (a link altered), or when
its content is no longer the text of the row it names (the row was changed or deleted behind the
tool's back). A stored row that no link names was inserted behind the tool's back. The first
broken link, in the chain's order, is what `verify` names (a row no link names comes after).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tracker import store
from tracker.store import Link, Resolution, Session

CHANGED, DELETED, INSERTED, ALTERED, MISSING = "changed", "deleted", "inserted", "altered", "missing"


@dataclass(frozen=True)
class Broken:
    """The first broken link: its number (None: a row no link names), its table, what became of
    it, and what it is of (target, unit, year, revision, ... by code)."""

    seq: int | None
    table: str
    what: str
    subject: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Verified:
    """What walking a resolution's chain found."""

    resolution: str
    links: int
    head: str
    broken: Broken | None
    hashes: dict[str, int] = field(default_factory=dict, repr=False)  # each link's hash -> its number

    @property
    def intact(self) -> bool:
        return self.broken is None

    def find(self, head: str) -> int | None:
        """The number of the link whose hash is `head` (or starts with it, a short head)."""
        head = head.lower()
        if len(head) == len(store.GENESIS):
            return self.hashes.get(head, 0 if head == store.GENESIS else None)
        found = [seq for digest, seq in self.hashes.items() if digest.startswith(head)]
        return found[0] if len(found) == 1 else None


@dataclass
class _Walk:
    """The links read so far and the first break in their structure."""

    appended: dict[str, int] = field(default_factory=dict)  # content of an append-only link -> number
    definitions: dict[tuple[Any, ...], Link] = field(default_factory=dict)  # key -> its last link
    hashes: dict[str, int] = field(default_factory=dict)
    count: int = 0
    head: str = store.GENESIS
    broken: list[Broken] = field(default_factory=list)

    def follows(self, link: Link) -> bool:
        """Whether the link follows the one before: its prev is that hash, its hash its own."""
        return link.prev == self.head and store.link_hash(link.prev, link.content) == link.hash

    def take(self, link: Link) -> None:
        expected = self.count + 1
        if not self.broken and link.seq != expected:
            self.broken.append(Broken(expected, link.kind, MISSING))
        elif not self.broken and (
            link.prev != self.head or store.link_hash(link.prev, link.content) != link.hash
        ):
            self.broken.append(Broken(link.seq, link.kind, ALTERED, _subject(link.content)))
        self.count, self.head = link.seq, link.hash
        self.hashes[link.hash] = link.seq
        if link.kind in store.APPEND_ONLY:
            self.appended[link.content] = link.seq
        elif link.kind in store.EVENTS:  # a submission's change: its row moves on, its link stays
            return
        else:
            self.definitions[(link.kind, json.loads(link.content).get("code"))] = link


def verify_chain(session: Session, resolution: Resolution) -> Verified:
    """Walk the resolution's chain and compare it with its stored rows."""
    walk = _Walk()
    for link in store.chain_links(session, resolution.id):
        walk.take(link)
    found = list(walk.broken)
    found += _appended_rows(session, resolution.id, walk.appended)
    found += _definition_rows(session, resolution.id, walk.definitions)
    first = min(found, key=lambda b: (b.seq is None, b.seq or 0), default=None)
    if first is not None:
        first = _named(session, resolution.id, first)
    return Verified(resolution.code, walk.count, walk.head, first, walk.hashes)


def _appended_rows(session: Session, resolution_id: int, linked: dict[str, int]) -> list[Broken]:
    """The revisions (figures, ratings, quotas) whose row and link differ."""
    unlinked: dict[tuple[Any, ...], str] = {}
    for table in store.APPEND_ONLY:
        for row, content in store.stored_rows(session, resolution_id, table):
            if linked.pop(content, None) is None:
                unlinked[store.row_key(table, row)] = content
    found = []
    for content, seq in linked.items():  # links whose row is not as linked
        row = json.loads(content)
        key = (row["table"], *(row[c] for c in store.APPEND_ONLY[row["table"]]))
        what = CHANGED if unlinked.pop(key, None) is not None else DELETED
        found.append(Broken(seq, row["table"], what, row))
    found += [Broken(None, json.loads(c)["table"], INSERTED, json.loads(c)) for c in unlinked.values()]
    return found


def _definition_rows(session: Session, resolution_id: int, last: dict[tuple[Any, ...], Link]) -> list[Broken]:
    """The definitions (the resolution, targets, units) that differ from their last link."""
    found = []
    for table in store.DEFINITIONS:
        for row, content in store.stored_rows(session, resolution_id, table):
            link = last.pop(store.row_key(table, row), None)
            if link is None or json.loads(link.content).get("removed"):
                found.append(Broken(None, table, INSERTED, json.loads(content)))
            elif link.content != content:
                found.append(Broken(link.seq, table, CHANGED, json.loads(link.content)))
    for link in last.values():
        if not json.loads(link.content).get("removed"):
            found.append(Broken(link.seq, link.kind, DELETED, json.loads(link.content)))
    return found


def _subject(content: str) -> dict[str, Any]:
    try:
        found = json.loads(content)
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


SUBJECT_FIELDS = ("code", "target", "unit", "of", "year", "revision")


def _named(session: Session, resolution_id: int, broken: Broken) -> Broken:
    """The broken link with its target and unit named by code, its other fields kept to those
    that name it (year, revision, what a rating is of)."""
    row = broken.subject
    targets = {t.id: t.code for t in store.targets_of(session, resolution_id)}
    units = {u.id: u.code for u in store.units_of(session, resolution_id)}
    named: dict[str, Any] = {}
    if broken.table in store.DEFINITIONS:
        named["code"] = row.get("code")
    if "target_id" in row:
        named["target"] = targets.get(row["target_id"], f"#{row['target_id']}")
    if row.get("unit_id") is not None:
        named["unit"] = units.get(row["unit_id"], f"#{row['unit_id']}")
    named |= {name: row[name] for name in ("of", "year", "revision") if name in row}
    return Broken(broken.seq, broken.table, broken.what, named)


def subject_items(broken: Broken) -> Iterable[tuple[str, Any]]:
    """The fields naming a broken link, in a reader's order."""
    return [(name, broken.subject[name]) for name in SUBJECT_FIELDS if name in broken.subject]
