"""The lock rule as a pure function of the log (tracker.accounts.lock_end): ten failed sign-ins
of one name within 15 minutes lock it for 15 minutes from the tenth; examples, then properties."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tracker.accounts import LOCKOUT_FAILURES, LOCKOUT_MINUTES, LockRule, lock_end

START = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
RULE = LockRule()
MINUTE = timedelta(minutes=1)


def at(*minutes: float) -> list[datetime]:
    return [START + m * MINUTE for m in minutes]


def test_the_numbers_are_ten_and_fifteen_minutes() -> None:
    assert (LOCKOUT_FAILURES, LOCKOUT_MINUTES) == (10, 15)
    assert (RULE.failures, RULE.window) == (10, timedelta(minutes=15))


def test_the_tenth_failure_within_the_window_locks_for_fifteen_minutes() -> None:
    failures = at(*range(10))  # 08:00 ... 08:09
    assert lock_end(failures[:9], START + 9 * MINUTE) is None
    assert lock_end(failures, START + 9 * MINUTE) == START + 24 * MINUTE
    assert lock_end(failures, START + 23.99 * MINUTE) == START + 24 * MINUTE
    assert lock_end(failures, START + 24 * MINUTE) is None


def test_ten_failures_spread_over_more_than_the_window_do_not_lock() -> None:
    failures = at(*(i * 1.7 for i in range(10)))  # the first and the tenth 15.3 minutes apart
    assert lock_end(failures, failures[-1]) is None
    assert lock_end([*failures, failures[-1] + MINUTE], failures[-1] + MINUTE) is not None


def test_a_failure_after_now_is_not_looked_at() -> None:
    assert lock_end(at(*range(10)), START + 8 * MINUTE) is None


def test_the_numbers_come_from_the_rule() -> None:
    rule = LockRule(failures=3, window=timedelta(minutes=5))
    assert lock_end(at(0, 1, 2), START + 2 * MINUTE, rule) == START + 7 * MINUTE
    assert lock_end(at(0, 1, 5), START + 5 * MINUTE, rule) is None


moments = st.lists(st.integers(min_value=0, max_value=60 * 60), max_size=40).map(
    lambda seconds: [START + timedelta(seconds=s) for s in seconds]
)
bursts = st.tuples(st.integers(0, 3000), st.lists(st.integers(0, 899), min_size=10, max_size=14)).map(
    lambda burst: [START + timedelta(seconds=burst[0] + s) for s in burst[1]]
)
nows = st.integers(min_value=0, max_value=2 * 60 * 60).map(lambda s: START + timedelta(seconds=s))


def in_window(failures: list[datetime], end: datetime) -> int:
    return sum(1 for f in failures if end - RULE.window < f <= end)


def runs_ending(failures: list[datetime], now: datetime) -> list[datetime]:
    """Each failure up to now that makes ten within the window (the failures in (f - 15 min, f])."""
    return [f for f in failures if f <= now and in_window([g for g in failures if g <= now], f) >= 10]


@given(st.one_of(moments, bursts, st.tuples(bursts, moments).map(lambda p: p[0] + p[1])), nows)
def test_the_lock_holds_exactly_within_the_window_after_a_tenth_failure(
    failures: list[datetime], now: datetime
) -> None:
    end = lock_end(failures, now)
    runs = runs_ending(failures, now)
    lasting = [f + RULE.window for f in runs if now < f + RULE.window]
    assert end == (max(lasting) if lasting else None)
    if in_window([f for f in failures if f <= now], now) >= 10:  # ten in the window before now
        assert end is not None and end > now
    if end is not None:  # it ends fifteen minutes after the failure that locked
        assert end - RULE.window in failures and now < end
        assert lock_end(failures, end) is None or end < max(f for f in failures if f <= end) + RULE.window


@given(bursts)
def test_a_burst_of_ten_locks_until_fifteen_minutes_after_its_last_failure(failures: list[datetime]) -> None:
    last = max(failures)
    assert lock_end(failures, last) == last + RULE.window
    assert lock_end(failures, last + RULE.window - timedelta(microseconds=1)) == last + RULE.window
    assert lock_end(failures, last + RULE.window) is None
