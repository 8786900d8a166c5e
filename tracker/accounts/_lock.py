"""The lock rule, as a pure function of the log: ten failed sign-ins for one name within 15
minutes lock that name for 15 minutes, the right password too (docs/accounts.md).

A lock starts at the failure that makes `failures` within `window` (the failures in
(f - window, f]) and ends `window` after it. Attempts refused by a lock are logged as
`locked`, not as failures, so a lock is not stretched by the attempts it refuses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

LOCKOUT_FAILURES = 10
LOCKOUT_MINUTES = 15


@dataclass(frozen=True)
class LockRule:
    """How many failures within how long lock a name, and for how long (the same span)."""

    failures: int = LOCKOUT_FAILURES
    window: timedelta = timedelta(minutes=LOCKOUT_MINUTES)


def lock_end(failures: Iterable[datetime], now: datetime, rule: LockRule = LockRule()) -> datetime | None:
    """The end of the lock in force at `now` (None: none is), from the moments of the name's
    failed sign-ins (those after `now` are not looked at)."""
    moments = sorted(f for f in failures if f <= now)
    for last in range(len(moments) - 1, rule.failures - 2, -1):  # the newest run first
        end = moments[last] + rule.window
        if now >= end:
            return None  # every older run ended earlier still
        if moments[last - rule.failures + 1] > moments[last] - rule.window:
            return end
    return None
