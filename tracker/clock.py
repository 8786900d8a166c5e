"""The clock of the running command: the moment it records its revisions, makes its report,
stamps its export. A command reads it once and hands the moment down, so that everything one
command stores carries one time; a test sets it (`set_clock`) instead of waiting for time to
pass."""

from __future__ import annotations

from datetime import UTC, datetime


class _Clock:
    """The moment every reading returns while set; else the time of day (aware, UTC)."""

    fixed: datetime | None = None


_clock = _Clock()


def now() -> datetime:
    """The current moment, aware, in UTC."""
    return _clock.fixed or datetime.now(UTC)


def set_clock(moment: datetime | None) -> None:
    """From now on `now()` returns `moment` (an aware one), or the time of day again (None)."""
    if moment is not None and moment.tzinfo is None:
        raise ValueError("the clock is set to an aware moment")
    _clock.fixed = None if moment is None else moment.astimezone(UTC)
