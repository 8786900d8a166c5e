"""Property tests of the share of ratings at a level or better (evaluate/ratings.py), and of how a
level is read from what a person writes."""

from __future__ import annotations

import unicodedata
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from tracker.evaluate import (
    LEVELS,
    Figure,
    Measure,
    at_least,
    level_of,
    rating_share,
    rating_share_of_counts,
    roll_up,
)
from tracker.evaluate._ratings import rank

levels = st.sampled_from(LEVELS)
ratings = st.lists(levels, min_size=1, max_size=200)
WORDS = {
    "xuat-sac": "hoàn thành xuất sắc nhiệm vụ",
    "tot": "hoàn thành tốt nhiệm vụ",
    "hoan-thanh": "hoàn thành nhiệm vụ",
    "khong-hoan-thanh": "không hoàn thành nhiệm vụ",
}


@given(ratings, levels)
def test_the_share_is_the_ratings_at_the_level_or_better_with_their_counts(
    found: list[str], lowest: str
) -> None:
    share = rating_share(found, lowest)
    assert share is not None and share.figure.denominator == len(found) == share.units
    assert share.figure.numerator == sum(1 for level in found if rank(level) <= rank(lowest))
    assert 0 <= share.figure.value <= 100 and share.figure.value == share.figure.numerator * 100 / len(found)


@given(st.lists(levels, max_size=200), levels)
def test_the_share_of_the_counts_of_each_level_is_the_share_of_the_ratings(
    found: list[str], lowest: str
) -> None:
    """What the status adds up from how many units have each level: the very share of the ratings."""
    assert rating_share_of_counts(Counter(found), lowest) == rating_share(found, lowest)
    assert rating_share_of_counts({level: 0 for level in LEVELS}, lowest) is None


@given(ratings, levels, levels)
def test_a_lower_level_never_gives_a_smaller_share(found: list[str], first: str, second: str) -> None:
    """The share at tốt is at least the share at xuất sắc; every level at hoàn thành or better: all."""
    higher, lower = sorted((first, second), key=rank)
    high, low = rating_share(found, higher), rating_share(found, lower)
    assert high is not None and low is not None and low.figure.value >= high.figure.value
    assert rating_share(found, "khong-hoan-thanh").figure.value == 100  # type: ignore[union-attr]


@given(ratings, levels, st.data())
def test_a_unit_rated_at_the_level_or_better_never_lowers_the_share(
    found: list[str], lowest: str, data
) -> None:  # type: ignore[no-untyped-def]
    better = data.draw(st.sampled_from([level for level in LEVELS if at_least(level, lowest)]))
    before, after = rating_share(found, lowest), rating_share([*found, better], lowest)
    assert before is not None and after is not None and after.figure.value >= before.figure.value


@given(ratings, levels, st.data())
def test_a_unit_rated_below_the_level_never_raises_the_share(found: list[str], lowest: str, data) -> None:  # type: ignore[no-untyped-def]
    below = [level for level in LEVELS if not at_least(level, lowest)]
    if not below:  # nothing is below the lowest level
        return
    worse = data.draw(st.sampled_from(below))
    before, after = rating_share(found, lowest), rating_share([*found, worse], lowest)
    assert before is not None and after is not None and after.figure.value <= before.figure.value


@given(ratings, levels)
def test_the_share_is_the_roll_up_of_each_unit_as_one_or_none_of_one(found: list[str], lowest: str) -> None:
    """Counting ratings is the units' share roll-up with each unit 1/1 or 0/1 (unit_status relies on it)."""
    figures = [Figure(100.0 if at_least(r, lowest) else 0.0, int(at_least(r, lowest)), 1) for r in found]
    share, rolled = rating_share(found, lowest), roll_up(Measure.SHARE, figures)
    assert share is not None and rolled is not None
    assert (share.figure.numerator, share.figure.denominator) == (
        rolled.figure.numerator,
        rolled.figure.denominator,
    )


def test_no_rating_has_no_share() -> None:
    assert rating_share([], "tot") is None


@given(levels, st.sampled_from(["code", "words", "bare", "upper"]), st.sampled_from(["", " ", "  "]))
def test_a_level_is_read_as_people_write_it(level: str, form: str, pad: str) -> None:
    words = WORDS[level]
    text = {
        "code": level,
        "words": words,
        "bare": "".join(c for c in unicodedata.normalize("NFD", words) if not unicodedata.combining(c)),
        "upper": words.upper().replace(" ", "_"),
    }[form]
    assert level_of(pad + text + pad) == level


@given(st.text(max_size=30))
def test_anything_else_is_no_level(text: str) -> None:
    level = level_of(text)
    assert level is None or level in LEVELS
