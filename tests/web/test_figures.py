"""The office's page of the committee's own figures of a year (/figures/YEAR): every target as
`tracker enter` asks it, the command line's checks and messages at their fields, all or nothing."""

from __future__ import annotations

import html
import re
import threading

import pytest

from tests.web.conftest import Portal, csrf_of


def figures_form(portal: Portal, name: str = "vanphong", year: int = 2024) -> tuple[object, str]:
    client = portal.signed_in(name)
    page = client.get(f"/figures/{year}")
    assert page.status_code == 200, page.text
    return client, csrf_of(page.text)


def post(client, token: str, year: int = 2024, **fields: str):  # type: ignore[no-untyped-def]
    data = {"csrf_token": token} | {key.replace("__", "."): value for key, value in fields.items()}
    return client.post(f"/figures/{year}", data=data)


def history_of(portal: Portal, code: str) -> str:
    result = portal.tracker("history", code, "--year", "2024")
    assert result.code == 0, result.err
    return result.out


def cli_error(portal: Portal, *args: str) -> str:
    """What the command line says refusing the same value (its one line, without its prefix)."""
    result = portal.tracker(*args)
    assert result.code != 0
    return " ".join(result.err.split()).removeprefix("tracker: error: ")


def text_of(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_office_sees_every_target_with_last_year_and_what_counts_now(portal: Portal) -> None:
    assert portal.tracker("record", "T07", "2023", "150").code == 0
    assert portal.tracker("record", "T03", "2024", "38/42").code == 0
    client = portal.signed_in("vanphong")
    page = client.get("/figures/2024")
    assert page.status_code == 200
    words = text_of(page.text)
    assert "T07" in words and "T03" in words and "2023: 150" in words
    assert "Counts now: 90.48% (38/42)" in words
    assert 'name="T07"' in page.text and 'name="T03.reason"' in page.text  # a correction asks why
    assert 'name="T07.reason"' not in page.text  # nothing to correct yet
    assert 'href="/figures"' in client.get("/").text  # in the office's links


def test_figures_are_saved_together_by_the_office_account(portal: Portal) -> None:
    client, token = figures_form(portal)
    answer = post(client, token, T07="120", T03="38/42", T03__note="Báo cáo 25", T03__source="25-BC/ĐUK")
    assert answer.status_code == 303 and answer.headers["location"] == "/figures/2024?saved=2"
    assert "Saved 2 figures for 2024." in client.get(answer.headers["location"]).text
    assert "vanphong" in history_of(portal, "T07") and "120" in history_of(portal, "T07")
    assert "38/42" in history_of(portal, "T03")


@pytest.mark.parametrize(
    ("code", "value"), [("T07", "abc"), ("T07", "-5"), ("T07", "12,5"), ("T03", "101"), ("T03", "43/42")]
)
def test_a_bad_value_is_refused_with_the_command_lines_message_and_nothing_saved(
    portal: Portal, code: str, value: str
) -> None:
    said = cli_error(portal, "record", code, "2024", value)
    client, token = figures_form(portal)
    other = "T05" if code == "T03" else "T03"
    other_value = "30/42" if other == "T05" else "38/42"
    answer = post(client, token, **{code: value, other: other_value, f"{other}__note": "kept"})
    assert answer.status_code == 400
    assert said in text_of(answer.text)
    assert f'name="{other}" value="{other_value}"' in answer.text  # what was typed stays
    assert ">kept</textarea>" in answer.text
    assert "no figures recorded yet" in portal.tracker("history").out


def test_a_bad_note_is_refused_with_the_command_lines_message(portal: Portal) -> None:
    client, token = figures_form(portal)
    answer = post(client, token, T07="120", T07__source="a\x07b")
    assert answer.status_code == 400
    assert cli_error(portal, "record", "T07", "2024", "120", "--source", "a\x07b") in text_of(answer.text)
    assert "no figures recorded yet" in portal.tracker("history").out


def test_a_figure_far_from_the_last_years_is_kept_only_when_confirmed(portal: Portal) -> None:
    for year, value in (("2021", "100"), ("2022", "110"), ("2023", "120")):
        assert portal.tracker("record", "T07", year, value).code == 0
    client, token = figures_form(portal)
    first = post(client, token, T07="5000", T05="30/42")
    words = text_of(first.text)
    assert first.status_code == 200 and "Far from the last years" in words and "I confirm" in words
    assert "2021: 100" in words and "2023: 120" in words  # the history beside the field
    assert "5,000" not in history_of(portal, "T07") and "no figures" in portal.tracker("history", "T05").out
    kept = post(client, csrf_of(first.text), T07="5000", T07__confirm="5000", T05="30/42")
    assert kept.status_code == 303
    assert "5,000" in history_of(portal, "T07")
    assert "30/42" in history_of(portal, "T05")


def test_a_tick_confirms_only_the_figure_it_was_shown_for(portal: Portal) -> None:
    for year, value in (("2021", "100"), ("2022", "110"), ("2023", "120")):
        assert portal.tracker("record", "T07", year, value).code == 0
    client, token = figures_form(portal)
    again = post(client, token, T07="9000", T07__confirm="5000")
    assert again.status_code == 200 and "Far from the last years" in again.text
    assert "9,000" not in history_of(portal, "T07")


def test_correcting_a_counted_figure_needs_a_reason(portal: Portal) -> None:
    assert portal.tracker("record", "T07", "2024", "120").code == 0
    said = cli_error(portal, "record", "T07", "2024", "130")
    client, token = figures_form(portal)
    refused = post(client, token, T07="130")
    assert refused.status_code == 400
    assert said.split("; the new figure")[0] in text_of(refused.text)
    assert "130" not in history_of(portal, "T07")
    done = post(client, csrf_of(refused.text), T07="130", T07__reason="Số liệu chính thức")
    assert done.status_code == 303
    lines = history_of(portal, "T07")
    assert "130" in lines and "Số liệu chính thức" in lines


def test_the_same_figure_again_stores_nothing(portal: Portal) -> None:
    assert portal.tracker("record", "T07", "2024", "120").code == 0
    client, token = figures_form(portal)
    answer = post(client, token, T07="120")
    assert answer.status_code == 303 and answer.headers["location"].endswith("saved=0")
    assert "No new figures; nothing saved." in client.get(answer.headers["location"]).text


@pytest.mark.parametrize("name", ["thuongvu", "syt"])
def test_viewers_and_units_may_neither_open_nor_post_the_page(portal: Portal, name: str) -> None:
    client = portal.signed_in(name)
    assert client.get("/figures/2024").status_code == 403
    home = client.get("/", follow_redirects=True)
    token = csrf_of(home.text)
    assert post(client, token, T07="120").status_code == 403
    assert 'href="/figures"' not in home.text
    assert "no figures recorded yet" in portal.tracker("history").out


def test_a_form_without_its_token_is_refused(portal: Portal) -> None:
    client, _token = figures_form(portal)
    assert client.post("/figures/2024", data={"T07": "120"}).status_code == 403
    assert client.post("/figures/2024", data={"T07": "120", "csrf_token": "forged"}).status_code == 403
    assert "no figures recorded yet" in portal.tracker("history").out


def test_not_signed_in_is_sent_to_sign_in(portal: Portal) -> None:
    answer = portal.client().get("/figures/2024")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_a_year_outside_the_resolution_is_refused_with_the_command_lines_message(portal: Portal) -> None:
    client = portal.signed_in("vanphong")
    answer = client.get("/figures/2031")
    assert answer.status_code == 400
    assert cli_error(portal, "enter", "2031") in text_of(answer.text)


def test_the_figures_link_opens_this_years_page(portal: Portal) -> None:
    answer = portal.signed_in("vanphong").get("/figures")
    assert answer.status_code == 303 and re.fullmatch(r"/figures/20\d\d", answer.headers["location"])


def test_two_posts_of_the_same_form_at_once_store_it_once(portal: Portal) -> None:
    clients = [figures_form(portal) for _ in range(2)]
    answers: list[int] = []
    start = threading.Barrier(2)

    def send(client, token) -> None:  # type: ignore[no-untyped-def]
        start.wait()
        answers.append(post(client, token, T07="120", T03="38/42").status_code)

    threads = [threading.Thread(target=send, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [303, 303]
    lines = [line for line in history_of(portal, "T07").splitlines() if "120" in line]
    assert len(lines) == 1


def test_markup_in_a_note_is_shown_as_text(portal: Portal) -> None:
    client, token = figures_form(portal)
    note = '<script>alert("x")</script><b>đậm</b>'
    refused = post(client, token, T07="abc", T03="38/42", T03__note=note)
    assert "<script>alert" not in refused.text and "&lt;script&gt;" in refused.text
    assert post(client, csrf_of(refused.text), T03="38/42", T03__note=note).status_code == 303
    page = client.get("/figures/2024").text
    assert "&lt;b&gt;đậm&lt;/b&gt;" in page and "<b>đậm" not in page


def test_the_vietnamese_page_has_no_english_left(portal: Portal) -> None:
    from tests.cli.test_vietnamese import english_left

    for year, value in (("2021", "100"), ("2022", "110"), ("2023", "120"), ("2024", "120")):
        assert portal.tracker("record", "T07", year, value).code == 0
    client = portal.signed_in("vanphong", lang=None)
    page = client.get("/figures/2024").text
    refused = client.post("/figures/2024", data={"csrf_token": csrf_of(page), "T07": "5000", "T05": "x"}).text
    for shown in (page, refused):
        words = re.sub(r"<[^>]+>", " ", shown.split("<body>")[1])
        assert english_left(words.replace("English", "")) == [], words


def test_a_target_counted_from_ratings_shows_their_figure_and_says_so(portal: Portal) -> None:
    for unit, level in (("SYT", "tot"), ("SGD", "hoan-thanh"), ("CBX", "xuat-sac")):
        assert portal.tracker("rate", unit, "2023", level, "--of", "agency").code == 0
    assert portal.tracker("rate", "SYT", "2024", "tot", "--of", "agency").code == 0
    page = figures_form(portal)[0].get("/figures/2024")  # type: ignore[attr-defined]
    t01 = text_of(page.text).split("T01 ·")[1].split("T02 ·")[0]
    assert "2023: 66.67% (2/3) (from ratings)" in t01  # as the report of 2023 counts it
    assert "Counts now: 100% (1/1) (1/2 units rated) (from ratings)" in t01
    assert "Counted from the ratings of the units as agencies (`tracker rate`): leave it empty" in t01
    assert 'name="T01.reason"' not in page.text  # nothing the committee recorded to correct
