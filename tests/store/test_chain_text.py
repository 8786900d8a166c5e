"""The canonical text of a change (tracker/store/_chain.py) is what docs/verify.md says: the JSON
that json.dumps writes with sorted keys, no whitespace and UTF-8, floats as the shortest decimal
string, moments in UTC with microseconds."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tracker.store import canonical, link_hash
from tracker.store._chain import decimal_text

texts = st.one_of(st.none(), st.text(max_size=20))
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC))


def reference(row: dict[str, Any]) -> str:
    """The text as docs/verify.md describes it, written with json.dumps."""
    found: dict[str, Any] = {"table": "entry"}
    for name, value in row.items():
        if isinstance(value, float):
            value = decimal_text(value)
        elif isinstance(value, datetime):
            value = value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        found[name] = value
    return json.dumps(found, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@given(
    value=st.floats(min_value=0, max_value=1e18, allow_nan=False),
    counts=st.one_of(st.none(), st.integers(0, 10**12)),
    note=texts,
    reason=texts,
    by=st.text(min_size=1, max_size=20),
    at=moments,
    provisional=st.booleans(),
    unit=st.one_of(st.none(), st.integers(1, 10**6)),
)
def test_an_entrys_text_is_the_documented_json(
    value: float, counts: int | None, note: str | None, reason: str | None, by: str, at: datetime,
    provisional: bool, unit: int | None,
) -> None:  # fmt: skip
    row = {
        "target_id": 3, "unit_id": unit, "year": 2024, "revision": 2, "value": value, "numerator": counts,
        "denominator": counts, "note": note, "source_document": None, "provisional": provisional,
        "recorded_by": by, "recorded_at": at, "reason": reason,
    }  # fmt: skip
    text = canonical("entry", row)
    assert text == reference(row)
    assert json.loads(text)["value"] == decimal_text(value) and float(decimal_text(value)) == value
    assert "e" not in decimal_text(value).lower()


def test_a_moment_is_written_in_utc_with_microseconds() -> None:
    hanoi = timezone(timedelta(hours=7))
    row = dict.fromkeys(("unit_id", "numerator", "denominator", "note", "source_document", "reason"))
    row |= {"target_id": 1, "year": 2023, "revision": 1, "value": 150, "provisional": False}
    row |= {"recorded_by": "An", "recorded_at": datetime(2026, 12, 5, 3, 19, 4, 5, tzinfo=hanoi)}
    text = canonical("entry", row)
    assert '"recorded_at":"2026-12-04T20:19:04.000005Z"' in text and '"value":"150.0"' in text


def test_a_link_is_the_sha256_of_prev_newline_content() -> None:
    prev = "0" * 64
    assert link_hash(prev, '{"a":1}') == hashlib.sha256(f'{prev}\n{{"a":1}}'.encode()).hexdigest()
