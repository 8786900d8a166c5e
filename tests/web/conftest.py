"""The portal through HTTP: the units' config (SYT, SGD, CBX) with an account of each role, and
Starlette's TestClient on the app `tracker serve` runs. `portal.client()` is a new browser;
`portal.signed_in("syt")` one signed in as that account."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

PASSWORD = "Mat-khau-2026-rat-dai"
ACCOUNTS = {  # name: (role, unit)
    "vanphong": ("office", None),
    "thuongvu": ("viewer", None),
    "syt": ("unit", "SYT"),
    "sgd": ("unit", "SGD"),
}
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    """The form token of a page (the first form's)."""
    found = CSRF_FIELD.search(html)
    assert found is not None, html[:2000]
    return found.group(1)


@dataclass
class Portal:
    config: Path
    tracker: Callable[..., Any]
    app: Any

    def client(self, lang: str | None = "en") -> TestClient:
        """A new browser; by default one that picked English (the tests read the code's words);
        lang=None: the portal's own language (Vietnamese, as the office meets it)."""
        client = TestClient(self.app, follow_redirects=False)
        if lang is not None:
            client.cookies.set("tracker_lang", lang)
        return client

    def sign_in(self, client: TestClient, name: str, password: str = PASSWORD) -> Any:
        form = client.get("/login")
        assert form.status_code == 200
        return client.post(
            "/login",
            data={"username": name, "password": password, "csrf_token": csrf_of(form.text), "next": "/"},
        )

    def signed_in(self, name: str, lang: str | None = "en") -> TestClient:
        client = self.client(lang)
        answer = self.sign_in(client, name)
        assert answer.status_code == 303, answer.text
        return client


def add_accounts(tracker: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    for name, (role, unit) in ACCOUNTS.items():
        monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
        extra = ["--unit", unit] if unit else []
        result = tracker("user", "add", name, "--role", role, *extra, "--password-stdin")
        assert result.code == 0, result.err


@pytest.fixture
def portal(units: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> Iterator[Portal]:
    """The portal on the units' database, every account of ACCOUNTS made."""
    from tracker.config import load_settings
    from tracker.web import create_app

    add_accounts(units, monkeypatch)
    config: Path = units.config  # type: ignore[attr-defined]
    app = create_app(load_settings(config))
    yield Portal(config, units, app)
    app.state.portal.close()
