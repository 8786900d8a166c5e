"""A unit's pages through HTTP: its years and standing, its form of a year (save a draft, submit,
returned and again), each role and each refusal, and nothing written on a refusal."""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

from starlette.testclient import TestClient

from tests.web.conftest import PASSWORD, Portal, csrf_of

FORM = "/units/SYT/2024"


def state_of(portal: Portal, unit: str = "SYT", year: str = "2024") -> dict[str, Any]:
    """The year's submission as the command line shows it."""
    shown = portal.tracker("--lang", "en", "submission", "show", unit, year, "--format", "json")
    assert shown.code == 0, shown.err
    found: dict[str, Any] = json.loads(shown.out)
    return found


def text_of(html: str) -> str:
    """What a person reads: the body without its tags."""
    return unescape(re.sub(r"<[^>]+>", " ", html.split("<body>")[-1]))


def post(client: TestClient, data: dict[str, str], path: str = FORM) -> Any:
    form = client.get(path)
    return client.post(path, data={"csrf_token": csrf_of(form.text), "version": version_of(form.text)} | data)


def version_of(html: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', html)
    return found.group(1) if found else ""


def test_a_unit_sees_its_years_states_and_deadline(portal: Portal) -> None:
    client = portal.signed_in("syt")
    assert client.get("/").headers["location"] == "/units/SYT"
    page = client.get("/units/SYT")
    assert page.status_code == 200
    words = text_of(page.text)
    assert "Đảng bộ Sở Y tế" in words and "not submitted" in words and "31 Jan 2025" in words
    assert 'href="/units/SYT/2024"' in page.text
    assert 'class="stack"' in page.text and "data-label=" in page.text  # one column on a phone


def test_a_unit_sees_its_own_figures_against_each_threshold(portal: Portal) -> None:
    assert portal.tracker("record", "T03", "2024", "38/42", "--unit", "SYT").code == 0
    page = portal.signed_in("syt").get("/units/SYT?year=2024")
    words = text_of(page.text)
    assert "Figures against each target, 2024" in words
    assert "90.48% (38/42)" in words and "yes" in words and "> 85% each year" in words


def test_another_units_pages_are_refused_and_the_office_and_viewers_see_any(portal: Portal) -> None:
    sgd = portal.signed_in("sgd")
    for path in ("/units/SYT", FORM, "/api/units/SYT/2024"):
        assert sgd.get(path).status_code == 403, path
    for name in ("vanphong", "thuongvu"):
        client = portal.signed_in(name)
        assert client.get("/units/SYT").status_code == 200
        form = client.get(FORM)
        assert form.status_code == 200 and 'name="T07"' not in form.text and 'value="submit"' not in form.text
    office = portal.signed_in("vanphong").get(FORM).text
    assert 'href="/review/SYT/2024"' in office
    anonymous = portal.client().get(FORM)
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login?next=")


def test_the_form_shows_every_target_last_year_the_quota_and_the_ways_of_writing(portal: Portal) -> None:
    assert portal.tracker("record", "T07", "2023", "9", "--unit", "SYT").code == 0
    assert portal.tracker("quota", "T07", "2024", "SYT", "12").code == 0
    page = portal.signed_in("syt").get(FORM)
    assert page.status_code == 200
    for field in ('name="T07"', 'name="T07.note"', 'name="T07.source"', 'name="T03"', 'name="version"'):
        assert field in page.text
    words = text_of(page.text)
    assert "1.200, 90,5" in words and "38/42" in words and "Deadline" in words and "31 Jan 2025" in words
    row = text_of(page.text.split('id="line-T07"')[1].split("</tr>")[0])
    assert " 9 " in row and " 12 " in row
    assert "data-confirm=" in page.text and "Submit sends the figures to the office" in words


def test_save_then_submit_then_read_only_then_returned_and_editable(portal: Portal) -> None:
    client = portal.signed_in("syt")
    saved = post(client, {"action": "save", "T07": "120", "T07.note": "quý 4", "T03": ""})
    assert saved.status_code == 303 and saved.headers["location"] == f"{FORM}?saved=1"
    page = client.get(saved.headers["location"])
    assert "The draft is saved." in page.text and 'value="120"' in page.text and 'value="quý 4"' in page.text
    assert state_of(portal)["state"] == "draft"
    sent = post(client, {"action": "submit", "T07": "120", "T03": "38/42"})
    assert sent.status_code == 303 and sent.headers["location"] == f"{FORM}?submitted=1"
    page = client.get(FORM)
    assert "submitted" in text_of(page.text)
    assert 'name="T07"' not in page.text and 'value="save"' not in page.text
    assert state_of(portal)["state"] == "submitted"
    comment = ("--comment", "T07: thiếu quý 4", "--as", "vanphong")
    returned = portal.tracker("submission", "return", "SYT", "2024", *comment)
    assert returned.code == 0, returned.err
    page = client.get(FORM)
    assert "returned" in text_of(page.text) and "T07: thiếu quý 4" in text_of(page.text)
    assert 'name="T07"' in page.text and 'value="submit"' in page.text
    assert "T07: thiếu quý 4" in text_of(client.get("/units/SYT").text)


def test_a_submitted_year_can_no_longer_be_saved_the_typed_values_kept(portal: Portal) -> None:
    client = portal.signed_in("syt")
    stale = client.get(FORM).text
    assert post(client, {"action": "submit", "T07": "120"}).status_code == 303
    data = {"csrf_token": csrf_of(stale), "version": "0", "action": "save", "T07": "777"}
    answer = client.post(FORM, data=data)
    assert answer.status_code == 409
    words = text_of(answer.text)
    assert "were submitted at" in words and "submitted" in words and 'value="777"' in answer.text
    assert state_of(portal)["lines"][4]["text"] == "120"


def test_a_refused_value_has_the_command_lines_message_and_nothing_is_saved(portal: Portal) -> None:
    client = portal.signed_in("syt")
    answer = post(client, {"action": "save", "T07": "12x", "T03": "38/42", "T03.note": "đủ"})
    assert answer.status_code == 400
    cli = portal.tracker("--lang", "en", "record", "T07", "2024", "12x", "--unit", "SYT")
    message = "T07 (unit SYT) 2024: '12x' is not a number"
    assert cli.code != 0 and message in cli.err
    field = unescape(answer.text.split('id="line-T07"')[1].split("</tr>")[0])
    assert message in field and 'value="12x"' in field
    assert 'value="38/42"' in answer.text and 'value="đủ"' in answer.text
    assert state_of(portal)["state"] == "none"


def test_a_far_value_is_kept_only_once_confirmed_with_the_history_beside_it(portal: Portal) -> None:
    for year, value in (("2021", "100"), ("2022", "110"), ("2023", "120")):
        assert portal.tracker("record", "T07", year, value, "--unit", "SYT").code == 0
    client = portal.signed_in("syt")
    answer = post(client, {"action": "save", "T07": "1.200"})
    assert answer.status_code == 400 and 'name="T07.confirm"' in answer.text
    words = text_of(answer.text)
    assert "more than 5 times the unit's usual figure" in words and "2021: 100; 2022: 110; 2023: 120" in words
    assert state_of(portal)["state"] == "none"
    confirmed = post(client, {"action": "save", "T07": "1.200", "T07.confirm": "1"})
    assert confirmed.status_code == 303
    assert state_of(portal)["lines"][4]["text"] == "1.200"


def test_only_the_units_own_account_may_save_or_submit(portal: Portal) -> None:
    for name in ("vanphong", "thuongvu", "sgd"):
        client = portal.signed_in(name)
        token = csrf_of(client.get("/").text if name != "sgd" else client.get("/units/SGD").text)
        answer = client.post(FORM, data={"csrf_token": token, "action": "submit", "T07": "5"})
        assert answer.status_code == 403, name
    assert state_of(portal)["state"] == "none"


def test_a_form_without_its_token_or_from_another_site_is_refused(portal: Portal) -> None:
    client = portal.signed_in("syt")
    assert client.post(FORM, data={"action": "save", "T07": "5"}).status_code == 403
    token = csrf_of(client.get(FORM).text)
    data = {"csrf_token": token, "action": "save", "T07": "5"}
    assert client.post(FORM, data=data, headers={"origin": "https://evil.example"}).status_code == 403
    assert state_of(portal)["state"] == "none"


def test_a_session_ended_mid_form_loses_nothing(portal: Portal) -> None:
    client = portal.signed_in("syt")
    token = csrf_of(client.get(FORM).text)
    client.cookies.delete("tracker_session")
    typed = {"csrf_token": token, "version": "0", "action": "save", "T07": "120", "T07.note": '"><b>x</b>'}
    answer = client.post(FORM, data=typed)
    assert answer.status_code == 401 and 'name="username"' in answer.text
    assert 'name="keep.T07" value="120"' in answer.text and "<b>x</b>" not in answer.text
    assert 'name="next" value="/units/SYT/2024"' in answer.text and 'name="keep.action"' not in answer.text
    kept = dict(re.findall(r'name="(keep\.[^"]+)" value="([^"]*)"', answer.text))
    login = {"username": "syt", "password": PASSWORD, "csrf_token": csrf_of(answer.text), "next": FORM}
    resumed = client.post("/login", data=login | {k: unescape(v) for k, v in kept.items()})
    assert resumed.status_code == 200 and "data-autosubmit" in resumed.text
    back = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', resumed.text))
    assert back["T07"] == "120" and back["resume"] == "1" and "action" not in back
    form = client.post(FORM, data={k: unescape(v) for k, v in back.items()})
    assert form.status_code == 200 and "not saved yet" in form.text
    assert 'value="120"' in form.text and 'value="&#34;&gt;&lt;b&gt;x&lt;/b&gt;"' in form.text
    assert state_of(portal)["state"] == "none"  # shown again, not saved


def test_markup_in_notes_and_comments_is_shown_as_text(portal: Portal) -> None:
    client = portal.signed_in("syt")
    note = {"T07.note": "<script>x()</script>"}
    assert post(client, {"action": "submit", "T07": "5"} | note).status_code == 303
    comment = "<img src=x onerror=alert(1)>"
    assert portal.tracker("submission", "return", "SYT", "2024", "--comment", comment, "--as", "vp").code == 0
    for html in (client.get(FORM).text, client.get("/units/SYT").text):
        assert "<script>x()" not in html and "<img src=x" not in html and "&lt;img src=x" in html


def test_the_api_gives_the_years_state_and_figures_to_who_may_see_them(portal: Portal) -> None:
    client = portal.signed_in("syt")
    assert post(client, {"action": "save", "T07": "1.200"}).status_code == 303
    own = client.get("/api/units/SYT/2024")
    assert own.status_code == 200
    found = own.json()
    assert found["state"] == "draft" and found["version"] == 1 and found["deadline"] == "2025-01-31"
    assert {line["code"]: line["text"] for line in found["lines"]}["T07"] == "1.200"
    assert found == state_of(portal)
    office = portal.signed_in("vanphong").get("/api/units/SYT/2024").json()
    assert office["state"] == "draft"
    assert all(line["text"] == "" for line in office["lines"])  # a draft is the unit's own
    assert portal.signed_in("sgd").get("/api/units/SYT/2024").status_code == 403
    assert portal.client().get("/api/units/SYT/2024").status_code == 401
    unknown = portal.signed_in("vanphong").get("/api/units/XYZ/2024")
    cli = portal.tracker("--lang", "en", "submission", "show", "XYZ", "2024")
    assert unknown.status_code == 404 and unknown.json()["error"] in cli.err


def test_the_vietnamese_pages_have_no_english_left(portal: Portal) -> None:
    from tests.cli.test_vietnamese import english_left

    client = portal.signed_in("syt", lang=None)
    refused = post(client, {"action": "save", "T07": "12x"})
    for html in (client.get("/units/SYT").text, client.get(FORM).text, refused.text):
        words = text_of(html).replace("English", "")
        assert english_left(words) == [], english_left(words)
    assert "chưa nộp" in text_of(client.get("/units/SYT").text)
