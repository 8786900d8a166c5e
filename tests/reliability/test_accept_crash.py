"""An accept killed (kill -9) between its figures, and two accepts of one submission at once, on
SQLite and PostgreSQL: either every figure counts and the submission is accepted, or none and it
is still submitted; one accept wins; the chain stays intact."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from tests.helpers import UNITS
from tests.reliability.conftest import TIMEOUT, Setup, assert_intact, make_setup, wait_all

SUBMIT = """
from tracker.base import current_resolution, unit_of_work
from tracker.config import load_settings
from tracker.submissions import EntryInput, submit
settings = load_settings({config!r})
with unit_of_work(settings) as session:
    entries = {{"T07": EntryInput("120"), "T03": EntryInput("38/42"), "T05": EntryInput("40/42")}}
    submit(session, current_resolution(session, settings), "SYT", 2024, entries, account="syt", version=None)
"""


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def submitted(request: pytest.FixtureRequest, tmp_path) -> Setup:  # type: ignore[no-untyped-def]
    url = None if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    setup = make_setup(tmp_path / request.param, url, extra_config=UNITS)
    code = SUBMIT.format(config=str(setup.config))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=TIMEOUT,
        env=setup.environment(), cwd=setup.folder,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return setup


def state(setup: Setup) -> tuple[str, int]:
    (found,) = setup.query("SELECT state FROM submission")
    figures = setup.query("SELECT count(*) FROM entry WHERE submitted_by IS NOT NULL")[0][0]
    return str(found[0]), int(figures)  # type: ignore[call-overload]


@pytest.mark.slow
@pytest.mark.reliability
def test_an_accept_killed_between_its_figures_leaves_nothing(submitted: Setup) -> None:
    before = assert_intact(submitted)
    killed = submitted.run("submission", "accept", "SYT", "2024", crash_at="accept-between-figures")
    assert killed.returncode == -signal.SIGKILL
    assert state(submitted) == ("submitted", 0) and assert_intact(submitted) == before
    done = submitted.run("submission", "accept", "SYT", "2024", "--as", "vanphong")
    assert done.returncode == 0, done.stderr
    assert state(submitted) == ("accepted", 3)
    assert assert_intact(submitted).startswith(f"{int(before.split()[0]) + 4} records")


@pytest.mark.slow
@pytest.mark.reliability
def test_two_accepts_at_once_one_wins(submitted: Setup) -> None:
    started = [submitted.start("submission", "accept", "SYT", "2024", "--as", f"vp{n}") for n in range(2)]
    results = wait_all(started)
    assert sorted(code for code, _out, _err in results) == [0, 1], results
    (loser,) = [err for code, _out, err in results if code == 1]
    assert "the office already accepted this year's figures" in loser
    assert state(submitted) == ("accepted", 3)
    assert_intact(submitted)
