"""The dashboard and /api/status through HTTP: each role, the status of `tracker status` as of
a year with its marks and charts, the JSON equal to the command line's, markup shown as text."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import UNITS, default_config_text
from tests.web.conftest import Portal, add_accounts


def words_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split("<main>")[1]))


def record(portal: Portal, *args: str) -> None:
    result = portal.tracker("record", *args)
    assert result.code == 0, result.err


@pytest.mark.parametrize("name", ["vanphong", "thuongvu"])
def test_office_and_viewers_see_the_status_table_as_of_the_default_year(portal: Portal, name: str) -> None:
    record(portal, "T07", "2022", "150")
    record(portal, "T03", "2022", "38/42", "--provisional")
    page = portal.signed_in(name).get("/dashboard")
    assert page.status_code == 200
    words = words_of(page.text)
    assert "as of 2022" in words  # the latest year with a figure, as `tracker status` picks
    assert "T07" in words and "≥ 750 over the term" in words
    assert "90.48%*" in words  # an estimate is marked as in the terminal
    assert "! No data" in words  # a flagged status is marked
    assert "* provisional; ! needs attention" in words
    assert '<option value="2022" selected>' in page.text
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in page.text
    assert "style=" not in page.text and "<script>" not in page.text


def test_the_year_picker_shows_another_year_with_the_words_of_tracker_status(portal: Portal) -> None:
    record(portal, "T07", "2022", "150")
    status = portal.tracker("status", "--year", "2023")
    page = portal.signed_in("vanphong").get("/dashboard?year=2023")
    words = words_of(page.text)
    assert "as of 2023" in words
    for line in status.out.splitlines():  # every explanation of the terminal's table, word for word
        found = re.search(r"(Behind pace|On track|No data)", line)
        if found:
            assert found.group(1) in words
    assert "missing" in words  # 2021 and 2023 elapsed without a figure


def test_a_unit_account_may_not_open_the_dashboard_or_the_api(portal: Portal) -> None:
    client = portal.signed_in("syt")
    page = client.get("/dashboard")
    assert page.status_code == 403 and "may not open this page" in page.text
    api = client.get("/api/status?year=2022")
    assert api.status_code == 403 and "may not open this page" in api.json()["error"]


def test_not_signed_in_the_dashboard_sends_to_sign_in_and_the_api_answers_401(portal: Portal) -> None:
    client = portal.client()
    page = client.get("/dashboard?year=2022")
    assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Fdashboard%3Fyear%3D2022"
    api = client.get("/api/status?year=2022")
    assert api.status_code == 401 and api.json() == {"error": "Sign in first."}


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_api_gives_exactly_the_json_of_tracker_status(portal: Portal, lang: str) -> None:
    record(portal, "T07", "2022", "150", "--note", "<b>x</b>")
    record(portal, "T03", "2022", "38/42", "--unit", "SYT")
    cli = portal.tracker("--lang", lang, "status", "--format", "json", "--year", "2022")
    assert cli.code == 0, cli.err
    answer = portal.signed_in("thuongvu", lang=lang).get("/api/status?year=2022")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    assert answer.text == cli.out  # byte for byte
    assert answer.json() == json.loads(cli.out)


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("1999", "year 1999 is outside the reporting years 2021-2025"),
        ("abc", "'abc' is not a year; write it with the digits 0-9, e.g. 2023"),
    ],
)
def test_a_bad_year_is_refused_with_the_cli_message(portal: Portal, year: str, message: str) -> None:
    client = portal.signed_in("vanphong")
    api = client.get(f"/api/status?year={year}")
    assert api.status_code == 400 and api.json() == {"error": message}
    page = client.get(f"/dashboard?year={year}")
    assert page.status_code == 400 and message.replace("'", "&#39;") in page.text
    if year == "1999":
        cli = portal.tracker("status", "--year", year)
        assert message in cli.err


MARKUP = "<b>x</b>"


@pytest.fixture
def marked_portal(
    run: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Portal]:
    """A committee whose unit is named <b>x</b>, and a target titled with markup."""
    from tracker.config import load_settings
    from tracker.web import create_app

    text = default_config_text() + UNITS.replace("Đảng bộ Sở Y tế", f'"{MARKUP}"')
    text = text.replace("short_title_en: Units fulfilling duties well", f'short_title_en: "{MARKUP} units"')
    config = tmp_path / "config.yaml"
    config.write_text(text, encoding="utf-8")

    def tracker(*args: str) -> Any:
        return run("--config", str(config), *args)

    assert tracker("init").code == 0
    add_accounts(tracker, monkeypatch)
    app = create_app(load_settings(config))
    yield Portal(config, tracker, app)
    app.state.portal.close()


def test_markup_in_a_units_name_or_a_title_is_shown_as_text(marked_portal: Portal) -> None:
    record(marked_portal, "T07", "2022", "5", "--unit", "SYT", "--note", MARKUP)
    client = marked_portal.signed_in("vanphong")
    page = client.get("/dashboard?year=2022")
    assert MARKUP not in page.text and "&lt;b&gt;x&lt;/b&gt; units" in page.text
    assert "from 1/3 units" in words_of(page.text)  # the unit's figure is there, counted
    assert MARKUP in marked_portal.tracker("units").out  # stored as typed, escaped only where drawn


def test_the_vietnamese_dashboard_has_no_english_left(portal: Portal) -> None:
    from tests.cli.test_vietnamese import english_left

    record(portal, "T07", "2022", "150")
    client = portal.signed_in("vanphong", lang=None)
    for path in ("/dashboard", "/dashboard?year=2021"):
        words = words_of(client.get(path).text)
        assert english_left(words.replace("JSON", "")) == [], words


def test_a_change_stored_anywhere_shows_at_once_though_views_are_kept(portal: Portal) -> None:
    """The portal keeps the status it built until the history changes: a figure recorded on the
    command line, a rating, a correction, each shows on the next request."""
    client = portal.signed_in("vanphong")
    record(portal, "T07", "2022", "150")
    first = client.get("/api/status?year=2022").json()
    assert client.get("/api/status?year=2022").json() == first  # kept, the same answer
    record(portal, "T07", "2022", "600", "--amend", "--reason", "corrected count")
    second = client.get("/api/status?year=2022")
    cli = portal.tracker("status", "--format", "json", "--year", "2022")
    assert second.text == cli.out and second.json() != first
    rate = portal.tracker("rate", "SYT", "2022", "xuat-sac", "--of", "agency")
    assert rate.code == 0, rate.err
    third = client.get("/api/status?year=2022")
    assert third.text == portal.tracker("status", "--format", "json", "--year", "2022").out
