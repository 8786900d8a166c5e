"""Whole numbers for counts of people: a sentence never says "146,7 đảng viên".

What a target still requires (a pace, what each remaining year needs) is rounded to the whole
number that is enough, never short of it: 146,7 a year for an "at least" target needs 147.
What was reached keeps its decimal where it is an average or a trend ("bình quân 149,8 đảng
viên/năm"), never rounded across its threshold (evaluate/_wording.py judged_number).
"""

from __future__ import annotations

import math

from tracker.evaluate._model import Comparator

_NOISE = 9  # decimals kept before rounding: (750 - 440) / 3 * 3 is not exactly 310


def _clean(value: float) -> float:
    return round(value, _NOISE)


def whole_requirement(comparator: Comparator, value: float) -> tuple[Comparator, int]:
    """The same requirement on whole numbers, as "at least N" or "at most N".

    `> 146,7` and `>= 146,7` both ask for at least 147; `< 3,2` and `<= 3,2` for at most 3;
    `> 146` asks for at least 147 and `< 3` for at most 2.
    """
    x = _clean(value)
    if comparator is Comparator.AT_LEAST:
        return Comparator.AT_LEAST, math.ceil(x)
    if comparator is Comparator.MORE_THAN:
        return Comparator.AT_LEAST, math.floor(x) + 1
    if comparator is Comparator.AT_MOST:
        return Comparator.AT_MOST, math.floor(x)
    return Comparator.AT_MOST, math.ceil(x) - 1
