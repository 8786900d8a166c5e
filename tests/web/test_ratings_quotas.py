"""The office's pages of the units' ratings (/ratings/YEAR) and quotas (/quotas/YEAR): the
checks and messages of `tracker rate` and `tracker quota`, all or none, the office only."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import Portal, csrf_of
from tests.web.test_figures import cli_error, text_of


def opened(portal: Portal, page: str, name: str = "vanphong") -> tuple[object, str]:
    client = portal.signed_in(name)
    answer = client.get(page)
    assert answer.status_code == 200, answer.text
    return client, csrf_of(answer.text)


def post(client, page: str, token: str, fields: dict[str, str]):  # type: ignore[no-untyped-def]
    return client.post(page, data={"csrf_token": token} | fields)


def nothing_rated(portal: Portal) -> bool:
    return "Party organisation" not in portal.tracker("history").out


def test_the_office_rates_units_of_both_kinds_the_config_uses(portal: Portal) -> None:
    client, token = opened(portal, "/ratings/2024")
    page = client.get("/ratings/2024").text
    assert "As a party organisation" in page and "Its agency" in page
    assert 'name="SYT.party_org"' in page and 'name="SYT.agency"' in page
    assert 'name="CBX.party_org"' not in page  # CBX ends in 2023
    answer = post(client, "/ratings/2024", token, {"SYT.party_org": "tot", "SGD.agency": "xuat-sac"})
    assert answer.status_code == 303 and answer.headers["location"] == "/ratings/2024?saved=2"
    assert "2 ratings saved." in client.get(answer.headers["location"]).text
    lines = portal.tracker("history").out
    assert "vanphong" in lines and "SYT" in lines and "SGD" in lines


def test_a_bad_level_or_a_unit_of_another_year_gets_the_command_lines_message(portal: Portal) -> None:
    client, token = opened(portal, "/ratings/2024")
    answer = post(client, "/ratings/2024", token, {"SYT.party_org": "great", "SGD.party_org": "tot"})
    assert answer.status_code == 400
    assert cli_error(portal, "rate", "SYT", "2024", "great") in text_of(answer.text)
    gone = post(client, "/ratings/2024", token, {"CBX.party_org": "tot", "SGD.party_org": "tot"})
    assert gone.status_code == 400
    assert cli_error(portal, "rate", "CBX", "2024", "tot") in text_of(gone.text)
    assert nothing_rated(portal)


def test_changing_a_rating_needs_a_reason(portal: Portal) -> None:
    assert portal.tracker("rate", "SYT", "2024", "tot").code == 0
    said = cli_error(portal, "rate", "SYT", "2024", "xuat-sac")
    client, token = opened(portal, "/ratings/2024")
    refused = post(client, "/ratings/2024", token, {"SYT.party_org": "xuat-sac", "SGD.party_org": "tot"})
    assert refused.status_code == 400 and said.split(" by ")[0] in text_of(refused.text)
    assert "SGD" not in portal.tracker("history").out  # nothing of the form was stored
    done = post(client, "/ratings/2024", token, {"SYT.party_org": "xuat-sac", "reason": "Kết luận kiểm tra"})
    assert done.status_code == 303
    assert "Kết luận kiểm tra" in portal.tracker("history").out


def test_the_office_gives_quotas_of_count_targets(portal: Portal) -> None:
    client, token = opened(portal, "/quotas/2024")
    page = client.get("/quotas/2024").text
    assert 'name="T07.SYT"' in page and 'name="T03.SYT"' not in page and 'name="T08.SYT"' not in page
    answer = post(client, "/quotas/2024", token, {"T07.SYT": "12", "T07.SGD": "1.200"})
    assert answer.status_code == 303 and "2 quotas saved." in client.get(answer.headers["location"]).text
    assert "Counts now: 12" in text_of(client.get("/quotas/2024").text)
    lines = portal.tracker("history", "T07").out
    assert "vanphong" in lines and "1,200" in lines


@pytest.mark.parametrize(
    ("field", "args"), [("T07.SYT", ("T07", "2024", "SYT", "abc")), ("T03.SYT", ("T03", "2024", "SYT", "5"))]
)
def test_a_bad_quota_gets_the_command_lines_message(
    portal: Portal, field: str, args: tuple[str, ...]
) -> None:
    client, token = opened(portal, "/quotas/2024")
    answer = post(client, "/quotas/2024", token, {field: args[3], "T07.SGD": "4"})
    assert answer.status_code == 400
    assert cli_error(portal, "quota", *args) in text_of(answer.text)
    assert 'name="T07.SGD" value="4"' in answer.text
    assert "quota" not in portal.tracker("history", "T07").out.casefold()


def test_changing_a_quota_needs_a_reason(portal: Portal) -> None:
    assert portal.tracker("quota", "T07", "2024", "SYT", "12").code == 0
    said = cli_error(portal, "quota", "T07", "2024", "SYT", "15")
    client, token = opened(portal, "/quotas/2024")
    refused = post(client, "/quotas/2024", token, {"T07.SYT": "15"})
    assert refused.status_code == 400 and said in text_of(refused.text)
    done = post(client, "/quotas/2024", token, {"T07.SYT": "15", "reason": "Giao bổ sung"})
    assert done.status_code == 303 and "Giao bổ sung" in portal.tracker("history", "T07").out


@pytest.mark.parametrize("page", ["/ratings/2024", "/quotas/2024"])
@pytest.mark.parametrize("name", ["thuongvu", "syt"])
def test_viewers_and_units_may_neither_open_nor_post(portal: Portal, page: str, name: str) -> None:
    client = portal.signed_in(name)
    assert client.get(page).status_code == 403
    token = csrf_of(client.get("/", follow_redirects=True).text)
    fields = {"SYT.party_org": "tot"} if page.startswith("/ratings") else {"T07.SYT": "12"}
    assert post(client, page, token, fields).status_code == 403
    assert "no figures recorded yet" in portal.tracker("history").out


@pytest.mark.parametrize("page", ["/ratings/2024", "/quotas/2024"])
def test_a_form_without_its_token_is_refused(portal: Portal, page: str) -> None:
    client, _token = opened(portal, page)
    assert client.post(page, data={"SYT.party_org": "tot", "T07.SYT": "12"}).status_code == 403
    assert "no figures recorded yet" in portal.tracker("history").out


@pytest.mark.parametrize("page", ["/ratings/2024", "/quotas/2024"])
def test_the_vietnamese_pages_have_no_english_left(portal: Portal, page: str) -> None:
    from tests.cli.test_vietnamese import english_left

    client = portal.signed_in("vanphong", lang=None)
    shown = client.get(page).text
    refused = client.post(
        page, data={"csrf_token": csrf_of(shown), "SYT.party_org": "x", "T07.SYT": "x"}
    ).text
    for html in (shown, refused):
        words = re.sub(r"<[^>]+>", " ", html.split("<body>")[1])
        assert english_left(words.replace("English", "")) == [], words
