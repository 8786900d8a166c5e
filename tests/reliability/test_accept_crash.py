"""An accept killed (kill -9) between its figures, on the command line and through a real
`tracker serve`, and two accepts of one submission at once, on SQLite and PostgreSQL: either every
figure counts and the submission is accepted, or none and it is still submitted; one accept wins;
the chain stays intact; served again, the accept goes through."""

from __future__ import annotations

import contextlib
import re
import signal
import subprocess
import sys
import time
from typing import Any

import pytest

from tests.helpers import UNITS
from tests.helpers.served import served
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


# Through the portal: a real `tracker serve` process, an office account's accept over HTTP.

SERVE_TIMEOUT = 60.0


def with_office_account(setup: Setup) -> None:
    from tests.web.conftest import PASSWORD

    done = setup.run("user", "add", "vanphong", "--role", "office", "--password-stdin", stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr


def served_env(setup: Setup, crash_at: str | None = None) -> dict[str, str]:
    env = {"TRACKER_DATABASE_URL": setup.url} if setup.url else {}
    return env | ({"TRACKER_CRASH_AT": crash_at} if crash_at else {})


def office_client(url: str) -> Any:
    """A browser signed in as the office's account on the served portal."""
    import httpx2

    from tests.web.conftest import PASSWORD, csrf_of

    client = httpx2.Client(base_url=url, follow_redirects=False, timeout=SERVE_TIMEOUT)
    form = client.get("/login")
    data = {"username": "vanphong", "password": PASSWORD, "csrf_token": csrf_of(form.text), "next": "/"}
    assert client.post("/login", data=data).status_code == 303
    return client


def accept_form(client: Any) -> dict[str, str]:
    from tests.web.conftest import csrf_of

    html = client.get(PAGE).text
    version = re.search(r'name="version" value="(\d+)"', html)
    assert version is not None, html
    return {"csrf_token": csrf_of(html), "version": version.group(1), "action": "accept"}


PAGE = "/review/SYT/2024"


def accepted_after_restart(setup: Setup) -> None:
    """Served again without a crash point, the office's accept goes through whole."""
    with served(setup.config, env=served_env(setup)) as running:
        client = office_client(running.url)
        answer = client.post(PAGE, data=accept_form(client))
        assert answer.status_code == 303, answer.text
        assert answer.headers["location"].startswith(f"{PAGE}?done=accepted&new=3")
    assert state(setup) == ("accepted", 3)
    shown = setup.run("submission", "show", "SYT", "2024")
    assert shown.returncode == 0 and "SYT Đảng bộ Sở Y tế 2024: accepted" in shown.stdout, shown.stdout


@pytest.mark.slow
@pytest.mark.reliability
def test_an_accept_through_the_portal_killed_between_its_figures_leaves_nothing(submitted: Setup) -> None:
    import httpx2

    with_office_account(submitted)
    before = assert_intact(submitted)
    with served(submitted.config, env=served_env(submitted, "accept-between-figures")) as running:
        client = office_client(running.url)
        with pytest.raises(httpx2.TransportError):  # the server died before it answered
            client.post(PAGE, data=accept_form(client))
        assert running.process.wait(timeout=SERVE_TIMEOUT) == -signal.SIGKILL
    assert state(submitted) == ("submitted", 0) and assert_intact(submitted) == before
    shown = submitted.run("submission", "show", "SYT", "2024")
    assert "SYT Đảng bộ Sở Y tế 2024: submitted" in shown.stdout, shown.stdout
    assert submitted.run("status", "--year", "2024").returncode == 0
    accepted_after_restart(submitted)
    assert assert_intact(submitted).startswith(f"{int(before.split()[0]) + 4} records")


@pytest.mark.slow
@pytest.mark.reliability
@pytest.mark.parametrize("after", [0.0, 0.02, 0.1])
def test_the_portal_killed_at_any_moment_of_an_accept_leaves_all_or_nothing(
    submitted: Setup, after: float
) -> None:
    import threading

    with_office_account(submitted)
    with served(submitted.config, env=served_env(submitted)) as running:
        client = office_client(running.url)
        data = accept_form(client)
        sent = threading.Thread(target=lambda: post_quietly(client, data))
        sent.start()
        time.sleep(after)
        running.kill()
        sent.join(timeout=SERVE_TIMEOUT)
    assert state(submitted) in (("submitted", 0), ("accepted", 3))
    assert_intact(submitted)
    if state(submitted)[0] == "submitted":
        accepted_after_restart(submitted)


def post_quietly(client: Any, data: dict[str, str]) -> None:
    import httpx2

    with contextlib.suppress(httpx2.TransportError):
        client.post(PAGE, data=data)
