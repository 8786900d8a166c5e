"""Reading a figure as people type it: 162, 90.5, 90,5, 90.5% or 38/42 (a share as counts)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tracker.evaluate.model import Measure

ACCEPTED = "accepted: 162, 90.5, 90,5, 90.5% or 38/42 (counts of a share)"
_FRACTION = re.compile(r"^\s*(-?\d+)\s*/\s*(-?\d+)\s*$")


class InvalidFigure(ValueError):
    """A typed figure that cannot be recorded; the message says why and what is accepted."""


@dataclass(frozen=True)
class FigureValue:
    """A figure ready to store: the value, and for a share given as counts, the counts."""

    value: float
    numerator: int | None = None
    denominator: int | None = None


def parse_figure(text: str, measure: Measure) -> FigureValue:
    """Parse one typed figure for a target of the given measure, or raise InvalidFigure."""
    fraction = _FRACTION.match(text)
    if fraction:
        return _share_from_counts(text, int(fraction[1]), int(fraction[2]), measure)
    raw = text.strip()
    percent = raw.endswith("%")
    number = _decimal(raw.removesuffix("%").strip(), text)
    if number < 0:
        raise InvalidFigure(f"a figure cannot be negative: {text!r}")
    if measure is Measure.COUNT:
        return _count(number, percent, text)
    if number > 100:
        raise InvalidFigure(f"a share is a percentage from 0 to 100, got {text!r}")
    return FigureValue(float(number))


def _decimal(raw: str, text: str) -> Decimal:
    candidate = raw.replace(",", ".") if raw.count(",") == 1 and "." not in raw else raw
    try:
        number = Decimal(candidate)
    except InvalidOperation:
        raise InvalidFigure(f"{text!r} is not a number ({ACCEPTED})") from None
    if not number.is_finite():
        raise InvalidFigure(f"{text!r} is not a number ({ACCEPTED})")
    return number


def _count(number: Decimal, percent: bool, text: str) -> FigureValue:
    if percent:
        raise InvalidFigure(f"this target counts a whole number, not a percentage: {text!r}")
    if number != number.to_integral_value():
        raise InvalidFigure(
            f"this target counts a whole number; {text!r} is not one "
            "(write 1200, without a thousands separator)"
        )
    return FigureValue(float(int(number)))


def _share_from_counts(text: str, numerator: int, denominator: int, measure: Measure) -> FigureValue:
    if measure is Measure.COUNT:
        raise InvalidFigure(f"this target counts a whole number, not a fraction: {text!r}")
    if numerator < 0 or denominator < 0:
        raise InvalidFigure(f"a figure cannot be negative: {text!r}")
    if denominator == 0:
        raise InvalidFigure(f"the denominator of {text!r} is zero; it must be at least 1")
    if numerator > denominator:
        raise InvalidFigure(f"{text!r}: the numerator cannot be larger than the denominator")
    return FigureValue(numerator * 100 / denominator, numerator, denominator)
