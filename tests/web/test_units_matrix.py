"""The units matrix of a year through HTTP: each role, every unit's state in words, late, when
submitted, the counts at the top, the year picker, one click to a submission; a bad year in one
line; the Vietnamese page without English; a thousand units in as many queries as three."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import Portal, add_accounts, csrf_of
from tests.web.test_review import decision, submitted


def words_of(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split("<main>")[1])))


def row_of(html: str, code: str) -> str:
    found = re.search(rf"<tr>\s*<td[^>]*><a href=\"/review/{code}/\d+\">{code}</a>.*?</tr>", html, re.S)
    assert found is not None, html
    return words_of("<main>" + found.group(0))


@pytest.mark.parametrize("name", ["vanphong", "thuongvu"])
def test_the_office_and_viewers_see_every_units_state(portal: Portal, name: str) -> None:
    submitted(portal.config, {"T07": ("120", "", "")})
    html = portal.signed_in(name).get("/units?year=2024").text
    assert "1/2 submitted, 1 late, 0 returned" in words_of(html)  # CBX ended in 2023
    assert "CBX" not in words_of(html)
    syt, sgd = row_of(html, "SYT"), row_of(html, "SGD")
    assert "Đảng bộ Sở Y tế submitted" in syt and "late" not in syt and re.search(r"\d\d:\d\d", syt)
    assert "Đảng bộ Sở Giáo dục not submitted late" in sgd
    assert 'href="/review/SYT/2024"' in html and "The figures of 2024 are due on 31 Jan 2025." in words_of(
        html
    )


def test_returned_and_accepted_years_are_counted(portal: Portal) -> None:
    submitted(portal.config, {"T07": ("120", "", "")})
    submitted(portal.config, {"T07": ("30", "", "")}, unit="SGD", by="sgd")
    office = portal.signed_in("vanphong")
    assert decision(office, "return", "T07?", page="/review/SGD/2024").status_code == 303
    assert decision(office, "accept").status_code == 303
    html = office.get("/units?year=2024").text
    assert "1/2 submitted, 1 late, 1 returned" in words_of(html)  # returned: late again
    assert "accepted" in row_of(html, "SYT") and "returned late" in row_of(html, "SGD")
    assert re.search(r"SYT .* 1/\d+$", row_of(html, "SYT").strip())  # its figure counts now


def test_the_year_picker_and_the_year_due_now(portal: Portal, clock: Any) -> None:
    client = portal.signed_in("vanphong")
    clock(datetime(2023, 3, 1, 3, 0, tzinfo=UTC))  # the figures of 2022 are due
    due = client.get("/units").text
    assert "Units' submissions of 2022" in words_of(due) and '<option value="2022" selected>' in due
    assert "0/3 submitted, 3 late, 0 returned" in words_of(due)  # SYT, SGD (from 2022), CBX
    assert '<form method="get" action="/units"' in due
    earlier = client.get("/units?year=2021").text
    assert "0/2 submitted, 2 late" in words_of(earlier) and "SGD" not in words_of(earlier)


@pytest.mark.parametrize(
    ("year", "said"),
    [("20x4", "'20x4' is not a year"), ("2030", "2030"), ("", None)],
)
def test_a_bad_year_is_refused_in_one_line(portal: Portal, year: str, said: str | None) -> None:
    answer = portal.signed_in("vanphong").get(f"/units?year={year}")
    if said is None:
        assert answer.status_code == 200
    else:
        assert answer.status_code == 400 and said in words_of(answer.text)


def test_a_unit_goes_to_its_own_page_and_strangers_sign_in(portal: Portal) -> None:
    own = portal.signed_in("syt").get("/units?year=2024")
    assert own.status_code == 303 and own.headers["location"] == "/units/SYT"
    stranger = portal.client().get("/units?year=2024")
    assert stranger.status_code == 303 and stranger.headers["location"].startswith("/login?next=")


def test_the_vietnamese_matrix_has_no_english_left(portal: Portal) -> None:
    from tests.cli.test_vietnamese import english_left

    submitted(portal.config, {"T07": ("120", "", "")})
    html = portal.signed_in("vanphong", lang=None).get("/units?year=2024").text
    words = words_of(html)
    assert english_left(words) == [], words
    assert "1/2 đã nộp, 1 trễ hạn, 0 bị trả lại" in words and "chưa nộp" in words


THOUSAND = 1000


@pytest.fixture
def thousand(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Portal]:
    """A committee of a thousand units (SYT and SGD among them)."""
    from tests.helpers import UNITS, default_config_text
    from tracker.config import load_settings
    from tracker.web import create_app

    more = "".join(
        f"  - {{code: DV{n:04d}, name: Chi bộ số {n}, kind: chi-bo-co-so}}\n" for n in range(THOUSAND - 3)
    )
    (tmp_path / "thousand").mkdir()
    config = tmp_path / "thousand" / "config.yaml"
    config.write_text(default_config_text() + UNITS + more, encoding="utf-8")

    def tracker(*args: str) -> Any:
        return run("--config", str(config), *args)

    assert tracker("init").code == 0
    add_accounts(tracker, monkeypatch)
    app = create_app(load_settings(config))
    yield Portal(config, tracker, app)
    app.state.portal.close()


def queries_of(client: Any, path: str) -> tuple[int, str]:
    """How many statements the database ran for a page, and the page."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    count = [0]

    def counted(*_args: object) -> None:
        count[0] += 1

    event.listen(Engine, "before_cursor_execute", counted)
    try:
        html = client.get(path).text
    finally:
        event.remove(Engine, "before_cursor_execute", counted)
    return count[0], html


@pytest.mark.slow
def test_a_thousand_units_take_as_many_queries_as_three(portal: Portal, thousand: Portal) -> None:
    small, _html = queries_of(portal.signed_in("vanphong"), "/units?year=2024")
    large, html = queries_of(thousand.signed_in("vanphong"), "/units?year=2024")
    assert large == small, (small, large)
    rows = html.count('<tr>\n    <td data-label="Code">')
    assert rows == 100  # a page of the 999 units (CBX ended in 2023)
    assert "Units 1-100 of 999" in html and "Page 1 of 10" in html
    _queries, last = queries_of(thousand.signed_in("vanphong"), "/units?year=2024&page=10")
    assert "Units 901-999 of 999" in last and 'rel="prev"' in last and 'rel="next"' not in last


def test_a_large_committee_is_shown_a_page_at_a_time_and_filtered_by_state(portal: Portal) -> None:
    from tracker.web._units_matrix import PAGE_ROWS

    client = portal.signed_in("vanphong")
    page = client.get("/units?year=2024&state=none")
    assert page.status_code == 200 and 'value="none" selected' in page.text
    assert "/review/SYT/2024" in page.text  # nothing submitted yet: every unit of 2024 is listed
    shown = client.get("/units?year=2024&state=accepted")
    assert "/review/SYT/2024" not in shown.text and "Units 0-0 of 0" in shown.text
    assert PAGE_ROWS >= 27  # a committee of 27 units is one page
    assert client.get("/units?year=2024&page=0").status_code == 400
    bad = client.get("/units?year=2024&state=lost")
    assert bad.status_code == 400 and "unknown state &#39;lost&#39;" in bad.text


def test_the_matrix_shows_a_submission_at_once_though_views_are_kept(portal: Portal) -> None:
    client = portal.signed_in("vanphong")
    before = client.get("/units?year=2024&state=submitted")
    assert "/review/SYT/2024" not in before.text
    clerk = portal.signed_in("syt")
    form = clerk.get("/units/SYT/2024")
    sent = clerk.post("/units/SYT/2024", data={"csrf_token": csrf_of(form.text), "action": "submit",
                                                "version": "0", "T03": "38/42"})  # fmt: skip
    assert sent.status_code == 303, sent.text
    after = client.get("/units?year=2024&state=submitted")
    assert "/review/SYT/2024" in after.text


def test_the_counts_are_written_in_the_readers_number_format() -> None:
    from tracker.i18n import set_request_language
    from tracker.submissions import Completeness
    from tracker.web._units_matrix import summary_of

    counts = Completeness(units=1200, submitted=1050, accepted=900, late=120, returned=3)
    set_request_language("vi")
    try:
        assert summary_of(counts).startswith("1.050/1.200")
    finally:
        set_request_language(None)
    assert summary_of(counts) == "1,050/1,200 submitted, 120 late, 3 returned"
