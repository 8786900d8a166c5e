"""The standing committee's ratings of its units, and the share of them at a level or better.

Four levels, best first: hoàn thành xuất sắc nhiệm vụ (`xuat-sac`), hoàn thành tốt nhiệm vụ
(`tot`), hoàn thành nhiệm vụ (`hoan-thanh`), không hoàn thành nhiệm vụ (`khong-hoan-thanh`).
A unit is rated as a party organisation (`party_org`) and, separately, as the agency or
enterprise it belongs to (`agency`). A rating target's yearly figure is the share of the units
rated that year (of its kind) at its level or better, with the counts: 38/42.

Pure functions over plain values, like rollup.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

from tracker.evaluate._model import Figure
from tracker.evaluate._rollup import RolledUp
from tracker.i18n import N_, NC_, _, in_lang, in_lang_ctx

LEVELS = ("xuat-sac", "tot", "hoan-thanh", "khong-hoan-thanh")  # best first
RATED_AS = ("agency", "party_org")
# The full words a level is also written in (without diacritics, words joined by "-").
_WORDS = {
    "hoan-thanh-xuat-sac-nhiem-vu": "xuat-sac",
    "hoan-thanh-xuat-sac": "xuat-sac",
    "hoan-thanh-tot-nhiem-vu": "tot",
    "hoan-thanh-tot": "tot",
    "hoan-thanh-nhiem-vu": "hoan-thanh",
    "khong-hoan-thanh-nhiem-vu": "khong-hoan-thanh",
}


def plain_words(text: str) -> str:
    """Lower case, without diacritics (đ as d), words joined by "-": "Hoàn thành TỐT" -> "hoan-thanh-tot"."""
    folded = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    bare = "".join(c for c in folded if not unicodedata.combining(c))
    return "-".join(w for w in re.split(r"[\s_\-]+", bare.strip()) if w)


def level_of(text: str) -> str | None:
    """The level a person wrote ("tot", "Hoàn thành tốt nhiệm vụ", "XUAT_SAC"), None if none."""
    words = plain_words(text)
    if words in LEVELS:
        return words
    return _WORDS.get(words)


def unknown_level(text: str) -> str:
    """What is said of a level that is none of the four, with the accepted ones."""
    message = _("unknown rating level {level!r}; accepted: {levels} (or the full words, e.g. {example!r})")
    return message.format(level=text, levels=", ".join(LEVELS), example="hoàn thành tốt nhiệm vụ")


def rank(level: str) -> int:
    """0 for the best level, 3 for the worst."""
    return LEVELS.index(level)


def at_least(level: str, lowest: str) -> bool:
    """Whether `level` is `lowest` or better."""
    return rank(level) <= rank(lowest)


def rating_share(levels: Iterable[str], lowest: str) -> RolledUp | None:
    """The share of the ratings at `lowest` or better, with the counts; None with no rating."""
    return rating_share_of_counts(Counter(levels), lowest)


def rating_share_of_counts(counts: Mapping[str, int], lowest: str) -> RolledUp | None:
    """rating_share of ratings given as how many units have each level (a thousand units' ratings
    are four numbers)."""
    rated = sum(counts.values())
    if not rated:
        return None
    numerator = sum(count for level, count in counts.items() if at_least(level, lowest))
    return RolledUp(Figure(numerator * 100 / rated, numerator, rated), rated)


def level_words(level: str, lang: str, short: bool = False) -> str:
    """A level in the reader's words: "hoàn thành tốt nhiệm vụ", "fulfilled duties well"; short,
    for a table's cell: "tốt", "good"."""
    if short:
        return in_lang_ctx(lang, *LEVEL_SHORT[level])
    return in_lang(lang, LEVEL_TEXTS[level])


LEVEL_TEXTS = {
    "xuat-sac": N_("fulfilled duties excellently"),
    "tot": N_("fulfilled duties well"),
    "hoan-thanh": N_("fulfilled duties"),
    "khong-hoan-thanh": N_("did not fulfil duties"),
}
LEVEL_SHORT = {
    "xuat-sac": NC_("rating", "excellent"),
    "tot": NC_("rating", "good"),
    "hoan-thanh": NC_("rating", "fulfilled"),
    "khong-hoan-thanh": NC_("rating", "not fulfilled"),
}
