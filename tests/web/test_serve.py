"""`tracker serve` as the office starts it: it prints where the portal is, answers /healthz,
runs several workers on PostgreSQL, and refuses a bad port or a missing database in one line."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from tests.helpers.served import served
from tests.web.conftest import Portal

pytestmark = pytest.mark.slow


def test_serve_prints_its_address_and_answers(portal: Portal) -> None:
    with served(portal.config) as running:
        with urllib.request.urlopen(running.url + "/login", timeout=5) as answer:
            html = answer.read().decode()
            assert answer.status == 200 and 'name="csrf_token"' in html
            assert "content-security-policy" in {k.lower() for k in answer.headers}
        assert "The portal is at http://127.0.0.1:" in running.said()


@pytest.mark.postgres
def test_serve_runs_two_workers_on_postgresql(
    config_file: Path,
    postgres_url: str,
    run,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("TRACKER_DATABASE_URL", postgres_url)
    assert run("--config", str(config_file), "init").code == 0
    with served(config_file, "--workers", "2", env={"TRACKER_DATABASE_URL": postgres_url}) as running:
        for _ in range(20):
            with urllib.request.urlopen(running.url + "/healthz", timeout=5) as answer:
                assert answer.status == 200


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--port", "70000"], "port 70000 is not accepted; give 1 to 65535"),
        (["--workers", "0"], "--workers 0 is not accepted; give 1 to 64"),
    ],
)
def test_bad_options_are_refused_in_one_line(tracker, args: list[str], said: str) -> None:  # type: ignore[no-untyped-def]
    result = tracker("serve", *args)
    assert result.code == 2 and result.err.strip() == f"tracker: error: {said}"


def test_serve_without_a_database_says_to_run_init(config_file: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("--config", str(config_file), "serve")
    assert result.code == 2 and "run `tracker init` first" in result.err and result.err.count("\n") == 1
