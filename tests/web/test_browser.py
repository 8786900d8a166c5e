"""The portal's main flow in a real browser: Debian's headless Chromium driven by Playwright
against `tracker serve` on loopback. A unit's clerk signs in on a phone's screen, fills the
year's form and submits it (the "are you sure?" of the script answered); the office returns it
with a comment, the clerk sees the comment, changes a figure and submits again; the office
accepts; the figures count in `tracker status`. The pages load nothing from elsewhere and
raise no script error or CSP violation.

With TRACKER_SCREENSHOTS=FOLDER the unit's form and the dashboard are also saved there (the
README's pictures: `make screenshots`)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.served import served
from tests.web.conftest import PASSWORD, Portal

pytestmark = [pytest.mark.slow, pytest.mark.render]

REQUIRE_BROWSER_ENV = "TRACKER_REQUIRE_BROWSER"
SCREENSHOTS_ENV = "TRACKER_SCREENSHOTS"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
YEAR = 2024


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get(REQUIRE_BROWSER_ENV) == "1":
            pytest.fail(f"{REQUIRE_BROWSER_ENV}=1 but Debian's chromium is not installed")
        pytest.skip("browser tests skipped: chromium is not installed (Debian: chromium)")
    return found


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield launched
        launched.close()


class Watched:
    """A browser context of one person, every console error and outside request kept."""

    def __init__(self, browser: Any, base: str, viewport: dict[str, int]) -> None:
        self.base = base
        self.context = browser.new_context(viewport=viewport, locale="vi-VN")
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("request", self._request)
        self.page.on("response", self._response)
        self.page.on("dialog", lambda dialog: dialog.accept())  # "are you sure?": yes

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.problems.append(f"{response.status} for {response.url}")

    def _request(self, request: Any) -> None:
        if not request.url.startswith(self.base):
            self.problems.append(f"loaded from elsewhere: {request.url}")

    def sign_in(self, name: str) -> None:
        self.page.goto(f"{self.base}/login")
        self.page.fill("#username", name)
        self.page.fill("#password", PASSWORD)
        self.page.click("form[action='/login'] button[type=submit]")
        self.page.wait_for_load_state()

    def shoot(self, name: str) -> None:
        folder = os.environ.get(SCREENSHOTS_ENV)
        if folder:
            self.page.screenshot(
                path=str(Path(folder) / name), full_page=self.page.viewport_size["width"] > 800
            )


def share_codes(portal: Portal) -> set[str]:
    from tracker.config import load_settings

    return {t.code for t in load_settings(portal.config).definition.targets if t.measure != "count"}


def fill_form(clerk: Watched, shares: set[str]) -> list[str]:
    """Every target's field of the form filled: a share as counts, a count as a number."""
    codes: list[str] = clerk.page.eval_on_selector_all(
        "form input[name^='T']:not([name*='.'])", "fields => fields.map(f => f.name)"
    )
    for code in codes:
        clerk.page.fill(f"#f-{code}", "38/42" if code in shares else "12")
        clerk.page.fill(f"#n-{code}", "Báo cáo <b>năm</b>")
    return codes


def state_of(portal: Portal) -> dict[str, Any]:
    shown = portal.tracker("submission", "show", "SYT", str(YEAR), "--format", "json")
    assert shown.code == 0, shown.err
    found: dict[str, Any] = json.loads(shown.out)
    return found


def test_a_unit_submits_the_office_returns_then_accepts(portal: Portal, browser: Any) -> None:
    with served(portal.config) as running:
        clerk = Watched(browser, running.url, PHONE)
        clerk.sign_in("syt")
        assert clerk.page.url == f"{running.url}/units/SYT"
        clerk.page.goto(f"{running.url}/units/SYT/{YEAR}")
        codes = fill_form(clerk, share_codes(portal))
        assert codes, "the form has no target's field"
        clerk.shoot("portal-unit-form.png")
        clerk.page.click("button[name=action][value=submit]")
        clerk.page.wait_for_load_state()
        assert "submitted=1" in clerk.page.url
        assert state_of(portal)["state"] == "submitted"

        office = Watched(browser, running.url, DESKTOP)
        office.sign_in("vanphong")
        office.page.goto(f"{running.url}/units?year={YEAR}")
        office.page.click(f"a[href='/review/SYT/{YEAR}']")
        office.page.fill("textarea[name=comment]", "T07: thiếu số liệu quý 4 <i>gấp</i>")
        office.page.click("button[name=action][value=return]")
        office.page.wait_for_load_state()
        assert state_of(portal)["state"] == "returned"

        clerk.page.goto(f"{running.url}/units/SYT/{YEAR}")
        assert "T07: thiếu số liệu quý 4 <i>gấp</i>" in clerk.page.inner_text("main")  # as text
        clerk.page.fill(f"#f-{codes[-1]}", "39/42" if codes[-1] in share_codes(portal) else "13")
        clerk.page.click("button[name=action][value=submit]")
        clerk.page.wait_for_load_state()
        assert state_of(portal)["state"] == "submitted"

        office.page.goto(f"{running.url}/review/SYT/{YEAR}")
        office.page.click("button[name=action][value=accept]")
        office.page.wait_for_load_state()
        assert state_of(portal)["state"] == "accepted"
        office.page.goto(f"{running.url}/dashboard?year={YEAR}")
        office.shoot("portal-dashboard.png")
        assert clerk.problems == [] and office.problems == []

    status = portal.tracker("status", "T03", "--units", "--year", str(YEAR))
    assert status.code == 0 and "SYT" in status.out and "38/42" in status.out.replace(" ", ""), status.out
    history = portal.tracker("history", "T03", "--year", str(YEAR))
    assert "syt" in history.out and "vanphong" in history.out, history.out
