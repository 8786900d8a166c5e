"""Who changed a figure, on the portal: `GET /history` lists every revision as `tracker history`
does (the unit's author and the office's accepter of an accepted figure too), for the office and
viewers only; a bad target or year is refused with the command line's message."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.web.conftest import Portal


def words_of(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split("<main>")[1])))


def record(portal: Portal, *args: str) -> None:
    result = portal.tracker("record", *args)
    assert result.code == 0, result.err


@pytest.mark.parametrize("name", ["vanphong", "thuongvu"])
def test_the_office_and_viewers_see_who_changed_each_figure(portal: Portal, name: str) -> None:
    record(portal, "T07", "2022", "150", "--by", "Nguyen Van An", "--note", "<b>Báo cáo</b>")
    record(portal, "T07", "2022", "160", "--amend", "--reason", "Số liệu chính thức", "--by", "Tran Thi Binh")
    page = portal.signed_in(name).get("/history?target=T07&year=2022")
    assert page.status_code == 200
    words = words_of(page.text)
    assert "Nguyen Van An" in words and "Tran Thi Binh" in words and "Số liệu chính thức" in words
    assert "&lt;b&gt;Báo cáo&lt;/b&gt;" in page.text  # a note with markup is shown as text
    assert '<option value="T07" selected>' in page.text


def test_a_figure_accepted_from_a_submission_names_its_author_and_accepter(portal: Portal) -> None:
    from tests.web.conftest import csrf_of

    clerk = portal.signed_in("syt")
    form = clerk.get("/units/SYT/2024")
    sent = clerk.post("/units/SYT/2024", data={"csrf_token": csrf_of(form.text), "action": "submit",
                                                "version": "0", "T03": "38/42"})  # fmt: skip
    assert sent.status_code == 303, sent.text
    accepted = portal.tracker("submission", "accept", "SYT", "2024", "--as", "vanphong")
    assert accepted.code == 0, accepted.err
    words = words_of(portal.signed_in("thuongvu").get("/history?target=T03").text)
    assert "author: syt, accepted by vanphong" in words


def test_units_may_not_read_the_history_and_bad_input_gets_the_cli_message(portal: Portal) -> None:
    assert portal.signed_in("syt").get("/history").status_code == 403
    assert portal.client().get("/history").status_code == 303
    office = portal.signed_in("vanphong")
    unknown = office.get("/history?target=T99")
    cli = portal.tracker("history", "T99")
    assert unknown.status_code == 400 and cli.err.removeprefix("tracker: error: ").strip() in words_of(
        unknown.text
    )
    assert office.get("/history?year=1999").status_code == 400


def test_the_vietnamese_history_has_no_english_left(portal: Portal) -> None:
    from tests.cli.test_vietnamese import english_left

    record(portal, "T07", "2022", "150")
    words = words_of(portal.signed_in("vanphong", lang=None).get("/history").text)
    assert english_left(words.replace("English", "")) == [], words
