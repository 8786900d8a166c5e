"""`tracker submission list | show | accept | return`: the office's review on the command line; an
accepted figure is in `history` with its author and accepter, in the export, and the chain stays
intact."""

from __future__ import annotations

from datetime import UTC, datetime

from tracker.base import current_resolution, unit_of_work
from tracker.config import load_settings
from tracker.submissions import EntryInput, submit


def submitted(units, entries: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    settings = load_settings(units.config)
    with unit_of_work(settings) as session:
        typed = {code: EntryInput(text) for code, text in entries.items()}
        submit(
            session, current_resolution(session, settings), "SYT", 2024, typed, account="syt", version=None
        )


def test_the_office_lists_shows_returns_and_accepts(units, clock) -> None:  # type: ignore[no-untyped-def]
    clock(datetime(2025, 2, 3, 3, 0, tzinfo=UTC))
    en = lambda *args: units("--lang", "en", *args)  # noqa: E731
    units("--lang", "en", "record", "T07", "2024", "100", "--unit", "SYT")
    submitted(units, {"T07": "120", "T03": "38/42"})
    listed = en("submission", "list", "--year", "2024", "--format", "json")
    assert '"SYT": {\n      "state": "submitted"' in listed.out and '"late": true' in listed.out
    table = en("submission", "list", "--year", "2024")
    assert table.code == 0 and "SGD" in table.out and "late" in table.out
    shown = en("submission", "show", "SYT", "2024")
    assert shown.code == 0 and "submitted by syt" in shown.out and "38/42" in shown.out
    assert en("submission", "return", "SYT", "2024", "--comment", "", "--as", "vp").code != 0
    back = en("submission", "return", "SYT", "2024", "--comment", "T07?", "--as", "vanphong")
    assert back.code == 0, back.err
    refused = en("submission", "accept", "SYT", "2024", "--as", "vanphong")
    assert refused.code == 1 and "the office returned this year's figures at 2025-02-03 10:00" in refused.err
    submitted(units, {"T07": "120", "T03": "38/42"})
    done = en("submission", "accept", "SYT", "2024", "--as", "vanphong")
    assert done.out.strip() == "SYT 2024 accepted: 1 new, 1 corrected, 0 unchanged", done.err
    again = en("submission", "accept", "SYT", "2024", "--as", "other")
    assert (
        again.code == 1
        and "already accepted this year's figures" in again.err
        and "(by vanphong)" in again.err
    )
    history = en("history", "T07", "--year", "2024")
    assert (
        "author: syt, accepted by vanphong" in history.out
        and "accepted from the unit's submission" in history.out
    )
    exported = en("export", "--format", "json", "--revisions")
    assert exported.code == 0 and '"submitted_by": "syt"' in exported.out
    verified = en("verify")
    assert verified.code == 0 and "chain intact" in verified.out, verified.out


def test_the_vietnamese_history_names_author_and_accepter(units, vietnamese) -> None:  # type: ignore[no-untyped-def]
    submitted(units, {"T07": "7"})
    assert units("submission", "accept", "SYT", "2024", "--as", "vanphong").code == 0
    assert "người nhập: syt, người duyệt: vanphong" in units("history", "T07").out
