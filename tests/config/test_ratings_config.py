"""Rating targets in the config (`measure: rating_share` with `rating: {of, at_least}`): what
loads, and every mistake placed at its line with what is accepted."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import default_config_text
from tracker.config._parse import parse_config
from tracker.evaluate import Measure

T01_RATING = "    measure: rating_share               # counted from the units' ratings (tracker rate)\n" \
    "    rating: {of: agency, at_least: tot}\n"  # fmt: skip


def test_the_default_resolution_counts_t01_t02_and_t11_from_ratings() -> None:
    config = parse_config(default_config_text())
    found = {t.code: t for t in config.targets}
    rated = {code: (t.rating.of, t.rating.at_least) for code, t in found.items() if t.rating}
    assert rated == {"T01": ("agency", "tot"), "T02": ("agency", "xuat-sac"), "T11": ("party_org", "tot")}
    assert all(found[code].measured is Measure.SHARE for code in rated)
    assert (found["T01"].threshold, found["T02"].threshold, found["T11"].threshold) == (90, 20, 90)


def test_a_level_in_full_words_is_read_as_its_code() -> None:
    text = default_config_text().replace("at_least: tot}", "at_least: Hoàn thành tốt nhiệm vụ}", 1)
    t01 = parse_config(text).target("T01")
    assert t01 is not None and t01.rating is not None and t01.rating.at_least == "tot"


@pytest.mark.parametrize(
    ("new", "says"),
    [
        (
            "    measure: rating_share\n",
            "targets[0]: measure: rating_share needs rating: with of (agency or party_org) and at_least",
        ),
        (
            "    measure: share\n    rating: {of: agency, at_least: tot}\n",
            "targets[0]: rating: goes only with measure: rating_share",
        ),
        (
            "    measure: rating_share\n    rating: {of: agency, at_least: gioi}\n",
            "targets[0].rating.at_least: unknown rating level 'gioi'; accepted: xuat-sac, tot, hoan-thanh, "
            "khong-hoan-thanh",
        ),
        (
            "    measure: rating_share\n    rating: {of: agencies, at_least: tot}\n",
            "targets[0].rating.of: 'agencies' is not accepted; "
            "accepted: to-chuc-dang (party_org) or co-quan (agency)",
        ),
        (
            "    measure: rating_share\n    rating: {of: agency, at_leats: tot}\n",
            "targets[0].rating.at_leats: unknown key",
        ),
    ],
)
def test_a_bad_rating_target_is_placed_at_its_line(run, tmp_path: Path, new: str, says: str) -> None:  # type: ignore[no-untyped-def]
    text = default_config_text()
    assert T01_RATING in text
    config = tmp_path / "config.yaml"
    config.write_text(text.replace(T01_RATING, new, 1), encoding="utf-8")
    result = run("--config", str(config), "targets")
    assert result.code == 2
    line = text[: text.index(T01_RATING)].count("\n") + 1  # the line of measure:
    assert "config.yaml:" in result.err and says in result.err, result.err
    placed = [p for p in result.err.splitlines() if says in p]
    assert len(placed) == 1 and any(f"config.yaml:{n}:" in placed[0] for n in range(line - 8, line + 2)), (
        placed
    )
