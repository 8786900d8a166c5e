"""Reading a figure as people type it, and as spreadsheets store it: one strict parser for every
entry path (`record`, `enter`, `confirm`, `import`).

Typed forms: 162, 1.200 (a dot followed by three digits groups thousands, as Vietnamese writes
them), 90,5 or 90.5 (a decimal), 90,5%, and 38/42 (a share as its counts). Only the ASCII digits
0-9; no exponents, no signs, no commas grouping thousands. Where a text could be read two ways
it is refused, never reinterpreted: "1,000" is one (Vietnamese) or a thousand (English).

A spreadsheet's number cell is already a number and skips the text rules; a cell formatted
as a percentage holds 0.905 for 90.5% and is read as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext

from tracker.evaluate._model import Figure, Measure
from tracker.i18n import _

MAX_COUNT = 10**15  # well inside 64 bits, and exact as a float (below 2^53): no count is rounded
KEPT_DIGITS = 15  # a float keeps any decimal of 15 significant digits exactly as typed
MAX_FIGURE_TEXT = 40  # characters: longer than any figure, short enough that no parse is ever slow
_PLAIN = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")  # 1.200, 1.200.000
_DECIMAL_COMMA = re.compile(r"(?:[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+),([0-9]+)")  # 90,5 · 1.200,5
_DECIMAL_POINT = re.compile(r"[0-9]+\.([0-9]+)")  # 90.5 (after the grouped form was tried)


class InvalidFigure(ValueError):
    """A typed figure that cannot be recorded; the message says why and what is accepted."""


@dataclass(frozen=True)
class _Reading:
    """A typed number: its value, and whether it is a decimal whose separator is followed by
    exactly three digits (which a reader elsewhere could take for a thousands group)."""

    number: Decimal
    grouped: bool = False
    three_decimals: bool = False


def parse_figure(text: str, measure: Measure) -> Figure:
    """Parse one typed figure for a target of the given measure, or raise InvalidFigure."""
    whole = _plain_whole(text)  # 162: most figures of an imported file, read without Decimal
    if whole is not None and whole <= (MAX_COUNT if measure is Measure.COUNT else 100):
        return Figure(float(whole))
    raw = _plain_text(text)
    if "/" in raw:
        numerator, _slash, denominator = raw.partition("/")
        return figure_of_counts(numerator, denominator, measure)
    percent = raw.endswith("%")
    reading = _read_number(raw.removesuffix("%").strip(), text)
    if measure is Measure.COUNT:
        if percent:
            raise InvalidFigure(
                _("this target counts a whole number, not a percentage: {text!r}").format(text=text)
            )
        return Figure(float(_whole(reading, repr(text))))
    return _share(reading.number, repr(text), grouped=reading.grouped)


def accepted() -> str:
    return _("accepted: 162, 1.200, 90,5, 90.5, 90,5% or 38/42 (counts of a share)")


def cell_number(value: Decimal) -> str:
    """A spreadsheet's number as the reader's language writes it, every decimal kept: 101,25."""
    from tracker.evaluate._wording import number
    from tracker.i18n import current_language

    decimals = -int(value.normalize().as_tuple().exponent)
    with localcontext() as context:  # a refused cell may be far beyond any figure: 1E+28
        context.prec = 400
        return number(float(value), current_language(), min(max(decimals, 0), 15))


def count_limit() -> str:
    """The largest count, as the reader's language writes it: 1.000.000.000.000.000."""
    from tracker.evaluate._wording import number
    from tracker.i18n import current_language

    return number(MAX_COUNT, current_language(), 0)


def figure_of_number(number: int | float | Decimal, measure: Measure, *, percent: bool = False) -> Figure:
    """A spreadsheet's number cell; `percent` when the cell is formatted as one (0.905 is 90.5%)."""
    plain = None if percent else _plain_number(number, measure)
    if plain is not None:
        return plain
    not_a_number = _("{text!r} is not a number ({accepted})")
    if isinstance(number, bool):
        raise InvalidFigure(not_a_number.format(text=number, accepted=accepted()))
    exact = Decimal(repr(number)) if isinstance(number, float) else Decimal(number)
    if not exact.is_finite():
        raise InvalidFigure(not_a_number.format(text=number, accepted=accepted()))
    if percent and measure is Measure.SHARE and 0 <= exact <= 1:
        return Figure(float(exact * 100))
    shown = cell_number(exact)
    if percent:
        shown = _("{percent}% (a cell formatted as a percentage)").format(percent=cell_number(exact * 100))
    if exact < 0:
        raise InvalidFigure(_("a figure cannot be negative: {text}").format(text=shown))
    if measure is Measure.COUNT:
        if percent:
            raise InvalidFigure(
                _("this target counts a whole number, not a percentage: {text}").format(text=shown)
            )
        return Figure(float(_whole(_Reading(exact), shown)))
    return _share(exact * 100 if percent else exact, shown)


def _plain_number(number: int | float | Decimal, measure: Measure) -> Figure | None:
    """The figure of a number cell as most are (a whole count, a share from 0 to 100), read
    without Decimal; None for any other, which figure_of_number reads or refuses."""
    if not isinstance(number, int | float) or isinstance(number, bool) or number < 0:
        return None
    if measure is Measure.SHARE:
        return Figure(float(number)) if number <= 100 else None
    whole = isinstance(number, int) or number.is_integer()
    return Figure(float(int(number))) if whole and number <= MAX_COUNT else None


def figure_of_counts(
    numerator: str | int | float, denominator: str | int | float, measure: Measure
) -> Figure:
    """A share given as its counts (38 of 42), each typed or a number cell."""
    top, bottom = _plain_count(numerator), _plain_count(denominator)  # the common counts, fast
    if (
        measure is Measure.SHARE
        and top is not None
        and bottom is not None
        and 0 <= top <= bottom
        and 0 < bottom <= MAX_COUNT
    ):
        return Figure(top * 100 / bottom, top, bottom)
    shown = f"{_shown(numerator)}/{_shown(denominator)}"
    if measure is Measure.COUNT:
        raise InvalidFigure(
            _("this target counts a whole number, not a fraction: {text!r}").format(text=shown)
        )
    top, bottom = parse_count(numerator, shown), parse_count(denominator, shown)
    if bottom == 0:
        raise InvalidFigure(
            _("the denominator of {text!r} is zero; it must be at least 1").format(text=shown)
        )
    if top > bottom:
        raise InvalidFigure(
            _("{text!r}: the numerator cannot be larger than the denominator").format(text=shown)
        )
    return Figure(top * 100 / bottom, top, bottom)


def parse_count(value: str | int | float, shown: str | None = None) -> int:
    """A whole number of things (people, units), typed or from a number cell."""
    context = shown if shown is not None else _shown(value)
    if isinstance(value, str):
        return _whole(_read_number(_plain_text(value), context), repr(context))
    return int(figure_of_number(value, Measure.COUNT).value)


def _plain_whole(text: str) -> int | None:
    """The number a text of the digits 0-9 alone writes (162), else None."""
    return int(text) if text.isdigit() and text.isascii() and len(text) <= MAX_FIGURE_TEXT else None


def _plain_count(value: str | int | float) -> int | None:
    """A count typed with the digits 0-9 alone, or a whole number cell, else None."""
    if isinstance(value, str):
        return _plain_whole(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _shown(value: str | int | float) -> str:
    return value.strip() if isinstance(value, str) else repr(value)


def _plain_text(text: str) -> str:
    raw = text.strip()
    if not raw.isascii():
        message = _("{text!r} is not a number: only the digits 0-9 are read ({accepted})")
        raise InvalidFigure(message.format(text=text, accepted=accepted()))
    if len(raw) > MAX_FIGURE_TEXT:
        message = _("{start}... is too long to be a figure ({count} characters)")
        raise InvalidFigure(message.format(start=raw[:12], count=len(raw)))
    return raw


def _read_number(raw: str, text: str) -> _Reading:
    """The number a text writes, by the forms in the module's docstring."""
    if raw.startswith("-"):
        raise InvalidFigure(_("a figure cannot be negative: {text}").format(text=repr(text)))
    if _PLAIN.fullmatch(raw):
        return _Reading(Decimal(raw))
    if _GROUPED.fullmatch(raw):
        return _Reading(Decimal(raw.replace(".", "")), grouped=True)
    for form, separator in ((_DECIMAL_COMMA, ","), (_DECIMAL_POINT, ".")):
        found = form.fullmatch(raw)
        if found:
            whole, _sep, decimals = raw.rpartition(separator)
            number = Decimal(f"{whole.replace('.', '')}.{decimals}")
            return _Reading(number, three_decimals=len(found[1]) == 3 and whole != "0")
    if re.fullmatch(r"[0-9]+(?:,[0-9]{3})+(?:\.[0-9]+)?", raw):
        message = _(
            "{text!r}: a comma does not group thousands here; write 1200 or 1.200 "
            "(a comma marks decimals: 90,5)"
        )
        raise InvalidFigure(message.format(text=text))
    raise InvalidFigure(_("{text!r} is not a number ({accepted})").format(text=text, accepted=accepted()))


def _whole(reading: _Reading, shown: str) -> int:
    """A whole number; `shown` is how the figure is named in a message (already quoted)."""
    number = reading.number
    if reading.three_decimals:
        message = _(
            "{text} is ambiguous: a comma marks decimals (90,5) and a dot groups thousands (1.200); "
            "for a count of a thousand write 1000 or 1.000"
        )
        raise InvalidFigure(message.format(text=shown))
    if number != number.to_integral_value():
        message = _("this target counts a whole number; {text} is not one (e.g. 1200 or 1.200)")
        raise InvalidFigure(message.format(text=shown))
    if number > MAX_COUNT:
        raise InvalidFigure(
            _("{text} is too large for a count (at most {limit})").format(text=shown, limit=count_limit())
        )
    return int(number)


def _share(number: Decimal, shown: str, *, grouped: bool = False) -> Figure:
    if number > 100:
        hint = (
            _(" (a dot followed by three digits groups thousands; for a decimal write 12,5)")
            if grouped
            else ""
        )
        raise InvalidFigure(
            _("a share is a percentage from 0 to 100, got {text}{hint}").format(text=shown, hint=hint)
        )
    if Decimal(repr(float(number))) != number:  # 99.99999999999999999 would be kept as 100
        raise InvalidFigure(
            _("{text} has more digits than a figure keeps (at most {digits} significant digits)").format(
                text=shown, digits=KEPT_DIGITS
            )
        )
    return Figure(float(number))
