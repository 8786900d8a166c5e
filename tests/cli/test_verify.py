"""`tracker verify`: every stored change is a link of the resolution's chain; a row changed,
deleted or inserted by plain SQL (or a link altered or taken away) is named as the first broken
link, with exit 1, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.conftest import Result
from tests.helpers import UNITS, default_config_text
from tracker.config import load_settings
from tracker.store._engine import make_engine

HEX = re.compile(r"[0-9a-f]{64}")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    config = tmp_path / "config.yaml"
    config.write_text(default_config_text() + UNITS, encoding="utf-8")
    if request.param == "postgres":
        monkeypatch.setenv("TRACKER_DATABASE_URL", request.getfixturevalue("postgres_url"))
    yield load_settings(config).database_url


Tracker = Callable[..., Result]


@pytest.fixture
def history(run, tmp_path: Path, database: str) -> Tracker:  # type: ignore[no-untyped-def]
    """A database with a figure of each kind: the committee's (corrected once), a unit's, a
    rating, a quota."""

    def tracker(*args: str) -> Result:
        return run("--config", str(tmp_path / "config.yaml"), *args)  # type: ignore[no-any-return]

    for args in (
        ("init",),
        ("record", "T01", "2023", "38/42", "--by", "An", "--note", "Báo cáo quý"),
        ("record", "T01", "2023", "39/42", "--by", "An", "--amend", "--reason", "Số chính thức"),
        ("record", "T07", "2023", "12", "--unit", "SYT", "--by", "Bình", "--note", "Sở báo"),
        ("rate", "SYT", "2023", "tot", "--by", "Chi"),
        ("quota", "T07", "2023", "SYT", "10", "--by", "Chi"),
    ):
        result = tracker(*args)
        assert result.code == 0, (args, result.err)
    return tracker


def execute(url: str, *statements: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


def test_an_untouched_history_is_intact(history: Tracker, vietnamese: None) -> None:
    result = history("verify")
    assert result.code == 0, result.out
    found = re.fullmatch(r"(\d+) bản ghi, chuỗi nguyên vẹn, mã cuối ([0-9a-f]{64})\n", result.out)
    assert found is not None, result.out
    # the resolution, 11 targets, 3 units, then 2 + 1 figures, a rating and a quota
    assert int(found[1]) == 1 + 11 + 3 + 5
    english = history("--lang", "en", "verify")
    assert english.out == f"20 records, chain intact, head {found[2]}\n"
    data = json.loads(history("verify", "--format", "json").out)
    assert (
        data["intact"] is True and data["links"] == 20 and data["head"] == found[2] and data["broken"] is None
    )


T01_2 = "figure: target T01, year 2023, revision 2"
T01_1 = "figure: target T01, year 2023, revision 1"
T07_SYT = "figure: target T07, unit SYT, year 2023, revision 1"
CHANGED = "the stored row was changed behind the tool's back"
T01 = "(SELECT id FROM target WHERE code = 'T01')"
T07 = "(SELECT id FROM target WHERE code = 'T07')"
SYT = "(SELECT id FROM unit WHERE code = 'SYT')"
SWAP = (
    "UPDATE entry SET recorded_at = (SELECT e2.recorded_at FROM entry e2 WHERE e2.target_id = entry.target_id"
    " AND e2.year = entry.year AND e2.unit_id IS NULL AND e2.revision = 3 - entry.revision)"
    f" WHERE unit_id IS NULL AND target_id = {T01} AND year = 2023"
)
FORGED = (
    "INSERT INTO entry (target_id, unit_id, year, revision, value, numerator, denominator, note,"
    " source_document, provisional, recorded_by, recorded_at, reason)"
    f" VALUES ({T01}, NULL, 2023, 3, 100.0, 42, 42, NULL, NULL, false, 'An', '2026-12-01 00:00:00', 'x')"
)

TAMPERS = {
    "value": ("UPDATE entry SET value = 1.0, numerator = 1 WHERE revision = 2", f"({T01_2}): {CHANGED}"),
    "note": ("UPDATE entry SET note = 'Sở báo lại' WHERE unit_id IS NOT NULL", f"({T07_SYT}): {CHANGED}"),
    "author": (
        f"UPDATE entry SET recorded_by = 'Mallory' WHERE revision = 1 AND target_id = {T01}",
        f"({T01_1}): {CHANGED}",
    ),
    "delete latest": (
        "DELETE FROM entry WHERE revision = 2",
        f"({T01_2}): the stored row was deleted behind the tool's back",
    ),
    "insert forged": (
        FORGED,
        "(figure: target T01, year 2023, revision 3): a row was inserted behind the tool's back",
    ),
    "swap times": (SWAP, f"({T01_1}): {CHANGED}"),
    "rating level": (
        "UPDATE rating SET level = 'xuat-sac'",
        f"(rating: unit SYT, as party organisation, year 2023, revision 1): {CHANGED}",
    ),
    "rating author": (
        "UPDATE rating SET recorded_by = 'Mallory'",
        f"(rating: unit SYT, as party organisation, year 2023, revision 1): {CHANGED}",
    ),
    "rating deleted": (
        "DELETE FROM rating",
        "(rating: unit SYT, as party organisation, year 2023, revision 1): the stored row was deleted",
    ),
    "quota value": (
        "UPDATE quota SET value = 1",
        f"(quota: target T07, unit SYT, year 2023, revision 1): {CHANGED}",
    ),
    "quota reason": (
        "UPDATE quota SET reason = 'Giao bổ sung'",
        f"(quota: target T07, unit SYT, year 2023, revision 1): {CHANGED}",
    ),
    "target threshold": (
        "UPDATE target SET threshold = 1 WHERE code = 'T01'",
        f"(target definition: code T01): {CHANGED}",
    ),
    "unit name": (
        "UPDATE unit SET name = 'Khác' WHERE code = 'SYT'",
        f"(unit definition: code SYT): {CHANGED}",
    ),
    "link altered": (
        "UPDATE chain_link SET content = replace(content, '\"numerator\"\\:39', '\"numerator\"\\:40')"
        " WHERE content LIKE '%\"numerator\"\\:39%'",
        f"({T01_2}): the link itself was altered",
    ),
    "link taken away": (
        "DELETE FROM chain_link WHERE content LIKE '%\"numerator\"\\:38%'",
        "the link is missing: the chain skips it",
    ),
}


@pytest.mark.parametrize("tamper", TAMPERS, ids=list(TAMPERS))
def test_plain_sql_behind_the_tools_back_breaks_the_chain(
    history: Tracker, database: str, tamper: str
) -> None:
    statement, expected = TAMPERS[tamper]
    execute(database, statement)
    result = history("--lang", "en", "verify")
    assert result.code == 1, result.out
    assert result.out.startswith("chain broken") and expected in result.out, result.out
    vietnamese = history("--lang", "vi", "verify")
    assert vietnamese.code == 1 and vietnamese.out.startswith("chuỗi bị phá vỡ"), vietnamese.out
    assert not re.search(r"\b(changed|deleted|inserted|figure|target|link)\b", vietnamese.out), vietnamese.out
    broken = json.loads(history("verify", "--format", "json").out)["broken"]
    assert broken is not None and broken["problem"] in (
        "changed",
        "deleted",
        "inserted",
        "altered",
        "missing",
    )


def test_the_first_broken_link_is_named_when_several_are(history: Tracker, database: str) -> None:
    execute(database, "UPDATE quota SET value = 1", "UPDATE entry SET note = 'x' WHERE revision = 1")
    result = history("--lang", "en", "verify")
    assert result.code == 1 and f"({T01_1}): {CHANGED}" in result.out


def test_verify_refuses_a_bad_format(history: Tracker) -> None:
    result = history("verify", "--format", "xml")
    assert result.code == 2 and "text, json" in result.err


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx"])
def test_a_report_names_the_head_it_was_made_from(history: Tracker, database: str, fmt: str) -> None:
    made = history("report", "--format", fmt)
    assert made.code == 0, made.err
    path = next(Path(line) for line in re.findall(r"\S+\." + fmt, made.out))
    head = json.loads(history("verify", "--format", "json").out)["head"]
    checked = history("--lang", "en", "verify", "--report", str(path))
    assert checked.code == 0, checked.out
    assert "is intact and unchanged since: it is the chain's head" in checked.out
    assert head[:12] in checked.out

    history("record", "T02", "2023", "9/42", "--by", "An")
    later = history("--lang", "en", "verify", "--report", str(path))
    assert later.code == 0 and "is intact; 1 change was recorded after it" in later.out, later.out

    execute(database, "UPDATE entry SET note = 'x' WHERE revision = 1")
    broken = history("--lang", "en", "verify", "--report", str(path))
    assert broken.code == 1 and "the chain is broken since" in broken.out, broken.out


def test_a_stored_run_keeps_the_full_head(history: Tracker, database: str) -> None:
    made = history("report", "--format", "txt")
    assert made.code == 0, made.err
    run = re.search(r"-r(\d+)\.txt", made.out)
    assert run is not None
    head = json.loads(history("verify", "--format", "json").out)["head"]
    data = json.loads(history("verify", "--report", run[1], "--format", "json").out)
    assert data["report"] == {"head": head, "link": 20, "matches": True}
    missing = history("--lang", "en", "verify", "--report", "999")
    assert missing.code == 2 and "there is no report run 999" in missing.err


def test_a_rebuilt_history_does_not_match_the_report(history: Tracker, database: str, tmp_path: Path) -> None:
    """Whoever holds the database can rebuild a whole chain; the head in a report tells."""
    made = history("report", "--format", "txt")
    path = next(Path(line) for line in re.findall(r"\S+\.txt", made.out))
    execute(
        database,
        "UPDATE entry SET note = 'x' WHERE revision = 1",
        "DELETE FROM chain_link",
    )
    from tracker.store import append_links, definition_changes, history_in_order

    engine = make_engine(database)
    with engine.begin() as connection:
        append_links(connection, 1, definition_changes(connection, 1))
        append_links(connection, 1, history_in_order(connection, 1))
    engine.dispose()
    assert history("verify").code == 0  # the chain alone cannot tell
    result = history("--lang", "en", "verify", "--report", str(path))
    assert result.code == 1 and "is not in this chain" in result.out


def test_a_report_file_that_is_no_file_or_a_bomb_is_refused_in_one_line(
    history: Tracker, database: str, tmp_path: Path
) -> None:
    """A report to verify may come from anywhere: a pipe never blocks, a device is never read,
    a zip or PDF stream unpacking to gigabytes is refused, a strange name is shown printable."""
    import os
    import zipfile

    from tracker.reporting._heads import MAX_UNPACKED_BYTES

    pipe = tmp_path / "bao\x1b[2Jcao.txt"
    os.mkfifo(pipe)
    bomb = tmp_path / "bom.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (MAX_UNPACKED_BYTES + 1024))
    for given in (pipe, Path("/dev/zero"), bomb):
        result = history("--lang", "en", "verify", "--report", str(given))
        assert result.code == 2 and result.out == "", (given, result.out, result.err)
        (line,) = result.err.splitlines()
        assert line.startswith("tracker: error: ") and "\x1b" not in line, line
    empty = history("verify", "--report", "")
    assert empty.code == 2 and len(empty.err.splitlines()) == 1, empty.err
