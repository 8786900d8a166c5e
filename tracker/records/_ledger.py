"""The one ledger of stored changes: a figure (the committee's or a unit's), a rating, a quota.

Every path that stores one goes through `Ledger.take`: by hand (`record`, `confirm`, `enter`,
`rate`, `quota`: a batch of one, or of a year's answers) and by file (`import`, `rate --from`,
`quota --from`: a batch a chunk at a time). One rule decides each row against the revision that
counts now:

| the stored value | without --amend               | with --amend --reason                    |
|------------------|-------------------------------|------------------------------------------|
| none             | new: revision 1               | new (by hand: refused, nothing to correct)|
| the same         | unchanged: nothing is stored  | unchanged: nothing is stored             |
| another          | refused: a correction needs --amend | changed: the next revision, with its reason |

"The same" is each kind's own test (a figure's value, counts and estimate; a rating's level; a
quota's number). The rows' parents are locked before any current revision is read (the targets
of figures and quotas, the units of ratings) and stay locked until the unit of work ends, so
two writers take turns: none is lost, none doubled. What a kind stores, and how it says so, is
its `LedgerKind` (tracker/records/_revisions.py, _ratings.py, _quotas.py).

Each row stored is a link of its resolution's chain (tracker/records/_chain.py): the chain is
locked before the parents, and the links are appended as the rows are written, in their order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Generic, NamedTuple, Protocol, TypeVar

from tracker.crashpoints import crash_point
from tracker.records._chain import link_rows, lock_chain
from tracker.store import Session, as_utc


class Revisioned(Protocol):
    """A stored revision: a figure's, a rating's or a quota's."""

    @property
    def revision(self) -> int: ...


Row = TypeVar("Row")
Stored = TypeVar("Stored", bound=Revisioned)


class Outcome(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    REFUSED = "refused"

    @property
    def stores(self) -> bool:
        return self in (Outcome.NEW, Outcome.CHANGED)


class Decided(NamedTuple, Generic[Row, Stored]):
    """What the rule made of one row: its outcome, and the revision it was compared with (a
    named tuple: an import makes one a row)."""

    row: Row
    previous: Stored | None
    outcome: Outcome

    @property
    def revision(self) -> int:
        """The number the row is stored under when it stores: the one after the previous."""
        return 1 if self.previous is None else self.previous.revision + 1


class LedgerKind(Protocol[Row, Stored]):
    """What the ledger needs of a kind of change."""

    table: str  # the table its rows are stored in, as the chain names it
    resolution_id: int | None  # whose chain its rows join (None: it has no parent, stores nothing)

    def lock(self, session: Session) -> None:
        """Lock the parents of every row this batch may store, before anything is read."""

    def current(self, session: Session, rows: Sequence[Row]) -> Mapping[Any, Stored]:
        """The revision that counts now of each row's key that has one."""

    def key(self, row: Row) -> Hashable: ...

    def same(self, row: Row, stored: Stored) -> bool:
        """Whether the row repeats the stored value."""

    def write(
        self,
        session: Session,
        stored: Sequence[Decided[Row, Stored]],
        reason: str | None,
        by: str,
        now: datetime,
    ) -> Sequence[Mapping[str, Any]]:
        """Store the new and changed rows as their next revisions, by one person at one moment;
        returns each stored row's columns, in the order stored."""


@dataclass
class Ledger(Generic[Row, Stored]):
    """Rows of one kind decided and stored under one lock, in one unit of work.

    `by_hand`: a person asked for these rows one by one (`--amend` then needs something to
    correct); a file's rows are new where nothing is stored yet, --amend or not."""

    session: Session
    kind: LedgerKind[Row, Stored]
    by: str
    now: datetime
    amend: bool = False
    reason: str | None = None
    by_hand: bool = False
    counts: Counter[Outcome] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.now = as_utc(self.now)  # as stored, and as the chain writes it
        lock_chain(self.session, self.kind.resolution_id)
        self.kind.lock(self.session)

    def decide(self, row: Row, previous: Stored | None) -> Outcome:
        if previous is None:
            return Outcome.REFUSED if self.amend and self.by_hand else Outcome.NEW
        if self.kind.same(row, previous):
            return Outcome.UNCHANGED
        return Outcome.CHANGED if self.amend or self.reason_of(row) else Outcome.REFUSED

    def reason_of(self, row: Row) -> str | None:
        """A row's own reason (an answer of `tracker enter` that corrects a figure), if any."""
        own = getattr(row, "reason", None)
        return own if isinstance(own, str) and own else None

    def take(self, rows: Sequence[Row], *, write: bool = True) -> list[Decided[Row, Stored]]:
        """Decide every row against the revision that counts now; store the new and changed ones
        (unless `write` is False: after a refusal the rows are only compared, the unit of work
        will not commit)."""
        current, key, decide = self.kind.current(self.session, rows), self.kind.key, self.decide
        decided = []
        for row in rows:
            previous = current.get(key(row)) if current else None
            decided.append(Decided(row, previous, decide(row, previous)))
        self.counts.update(d.outcome for d in decided)
        stored = [d for d in decided if d.outcome.stores]
        if write and stored and not self.counts[Outcome.REFUSED]:
            written = self.kind.write(self.session, stored, self.reason, self.by, self.now)
            link_rows(self.session, self.kind.resolution_id, self.kind.table, written)
            crash_point("chain-linked")
        return decided

    def take_one(self, row: Row) -> Decided[Row, Stored]:
        return self.take([row])[0]
