"""The office's review of a unit's submission through HTTP: who may read it and who may decide,
accept (the figures count, in `status` and `history` with both names), return with a comment
(refused without one), the unit submits again; two decisions at once, one wins and the other
reads what happened; markup shown as text; the Vietnamese page without English."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import Portal, csrf_of

PAGE = "/review/SYT/2024"
VERSION_FIELD = re.compile(r'name="version" value="(\d+)"')


def submitted(
    config: Path,
    entries: dict[str, tuple[str, str, str]],
    unit: str = "SYT",
    by: str = "syt",
    confirmed: tuple[str, ...] = (),
) -> None:
    """The unit's account submits its figures of 2024 (as the unit's form will)."""
    from tracker.base import current_resolution, unit_of_work
    from tracker.config import load_settings
    from tracker.submissions import EntryInput, submit

    settings = load_settings(config)
    with unit_of_work(settings) as session:
        typed = {code: EntryInput(*parts) for code, parts in entries.items()}
        resolution = current_resolution(session, settings)
        done = submit(session, resolution, unit, 2024, typed, account=by, version=None, confirmed=confirmed)
        assert done.stored, done.problems


def drafted(config: Path) -> None:
    from tracker.base import current_resolution, unit_of_work
    from tracker.config import load_settings
    from tracker.submissions import EntryInput, save_draft

    settings = load_settings(config)
    with unit_of_work(settings) as session:
        resolution = current_resolution(session, settings)
        save_draft(session, resolution, "SYT", 2024, {"T07": EntryInput("77")}, account="syt", version=None)


SUBMISSION = {"T07": ("120", "quý 4 đủ", "Báo cáo số 12"), "T03": ("38/42", "", "")}


@pytest.fixture
def review(portal: Portal) -> Portal:
    """The portal once SYT has submitted its figures of 2024 (T07 100 counted from before)."""
    assert portal.tracker("record", "T07", "2023", "90", "--unit", "SYT").code == 0
    submitted(portal.config, SUBMISSION)
    return portal


def words_of(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split("<main>")[1])))


def version_of(html: str) -> str:
    found = VERSION_FIELD.search(html)
    assert found is not None, html
    return found.group(1)


def state_of(portal: Portal) -> str:
    shown = portal.tracker("--lang", "en", "submission", "show", "SYT", "2024", "--format", "json")
    assert shown.code == 0, shown.err
    return str(re.search(r'"state": "(\w+)"', shown.out).group(1))  # type: ignore[union-attr]


def accepted_lines(portal: Portal) -> int:
    history = portal.tracker("--lang", "en", "history", "--year", "2024")
    return len(re.findall(r"author: syt, accepted by vanphong", history.out))


def status_counts(portal: Portal, code: str) -> object:
    """The counts of a target in `tracker status --format json --year 2024`."""
    status = portal.tracker("--lang", "en", "status", "--year", "2024", "--format", "json")
    assert status.code == 0, status.err
    (found,) = [t for t in json.loads(status.out)["targets"] if t["code"] == code]
    return found["counts"]


def decision(client: Any, action: str, comment: str = "", page: str = PAGE) -> Any:
    html = client.get(page).text
    data = {"csrf_token": csrf_of(html), "version": version_of(html), "action": action, "comment": comment}
    return client.post(page, data=data)


def test_the_office_reads_every_value_as_typed_and_may_decide(review: Portal) -> None:
    html = review.signed_in("vanphong").get(PAGE).text
    words = words_of(html)
    for said in ("SYT", "Đảng bộ Sở Y tế", "submitted", "submitted by syt at", "38/42", "120", "quý 4 đủ"):
        assert said in words, said
    assert "Báo cáo số 12" in words and "90" in words  # the source; last year's figure
    assert 'name="action" value="accept"' in html and "data-confirm=" in html
    assert 'name="action" value="return"' in html and '<textarea id="comment" name="comment"' in html
    assert 'type="hidden" name="version" value="1"' in html and 'name="csrf_token"' in html


def test_a_value_far_from_the_units_history_is_flagged(portal: Portal) -> None:
    for year, value in (("2022", "88"), ("2023", "90")):
        assert portal.tracker("record", "T07", year, value, "--unit", "SYT").code == 0
    submitted(portal.config, {"T07": ("9000", "", "")}, confirmed=("T07",))
    html = portal.signed_in("vanphong").get(PAGE).text
    flagged = re.search(r'<span class="warning">([^<]+)</span>', html)
    assert flagged is not None and "9,000" in unescape(flagged.group(1)) and "T07" in flagged.group(1)


def test_a_viewer_reads_it_without_the_buttons_and_a_unit_is_refused(review: Portal) -> None:
    seen = review.signed_in("thuongvu").get(PAGE)
    assert seen.status_code == 200 and "38/42" in seen.text
    assert 'value="accept"' not in seen.text and "<textarea" not in seen.text
    own = review.signed_in("syt").get(PAGE)
    assert own.status_code == 403 and "Your account may not open this page." in own.text
    anonymous = review.client().get(PAGE)
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login?next=")


def test_a_draft_is_the_units_own_until_it_is_submitted(portal: Portal) -> None:
    drafted(portal.config)
    html = portal.signed_in("vanphong").get(PAGE).text
    assert "draft" in words_of(html) and "77" not in words_of(html)
    assert "the office sees the unit's figures once it submits them" in words_of(html)
    assert 'value="accept"' not in html


def test_accepting_makes_the_figures_count_with_both_names(review: Portal) -> None:
    assert status_counts(review, "T03") == {}
    client = review.signed_in("vanphong")
    answer = decision(client, "accept")
    assert answer.status_code == 303
    assert answer.headers["location"] == f"{PAGE}?done=accepted&new=2&changed=0&unchanged=0"
    after = client.get(answer.headers["location"]).text
    assert "SYT 2024 accepted: 2 new, 0 corrected, 0 unchanged" in after
    assert "accepted" in words_of(after) and 'value="accept"' not in after
    history = review.tracker("--lang", "en", "history", "T07", "--year", "2024")
    assert "author: syt, accepted by vanphong" in history.out, history.out
    assert status_counts(review, "T03") == {"2024": [38, 42]}  # the share as typed, counted now
    units = review.tracker("--lang", "en", "units", "--year", "2024")
    assert re.search(r"SYT .*2/\d+", units.out), units.out  # its two figures now count
    assert state_of(review) == "accepted" and accepted_lines(review) == 2


def test_viewers_units_and_forged_forms_change_nothing(review: Portal) -> None:
    office_page = review.signed_in("vanphong").get(PAGE).text
    data = {"csrf_token": csrf_of(office_page), "version": "1", "action": "accept"}
    for name in ("thuongvu", "syt"):
        client = review.signed_in(name)
        own = {**data, "csrf_token": csrf_of(client.get(PAGE).text)}  # its own session's token
        answer = client.post(PAGE, data=own)
        assert answer.status_code == 403 and "Your account may not open this page." in answer.text
    forged = review.signed_in("vanphong").post(PAGE, data={**data, "csrf_token": "forged"})
    assert forged.status_code == 403 and "the form is out of date" in forged.text
    assert state_of(review) == "submitted" and accepted_lines(review) == 0


def test_a_return_needs_a_comment(review: Portal) -> None:
    client = review.signed_in("vanphong")
    answer = decision(client, "return", comment="   ")
    assert answer.status_code == 400
    assert "a return needs a comment telling the unit what to change" in answer.text
    assert '<textarea id="comment"' in answer.text  # the form again, beside its message
    assert state_of(review) == "submitted"


def test_a_returned_year_goes_back_to_the_unit_which_submits_again(review: Portal) -> None:
    client = review.signed_in("vanphong")
    comment = "T07: <b>thiếu</b> quý 4 <script>alert(1)</script>"
    answer = decision(client, "return", comment=comment)
    assert answer.status_code == 303 and answer.headers["location"] == f"{PAGE}?done=returned"
    html = client.get(answer.headers["location"]).text
    assert "SYT 2024 returned to the unit with the comment" in html
    assert "&lt;b&gt;thiếu&lt;/b&gt;" in html and "<script>alert" not in html and "<b>thiếu" not in html
    shown = review.tracker("--lang", "en", "submission", "show", "SYT", "2024")
    assert "the office's comment: T07: <b>thiếu</b>" in shown.out  # what the unit reads
    submitted(review.config, {"T07": ("125", "", "")})
    assert decision(client, "accept").status_code == 303
    history = review.tracker("--lang", "en", "history", "T07", "--year", "2024")
    assert "125" in history.out and "author: syt, accepted by vanphong" in history.out


def test_a_decision_on_a_page_grown_old_is_told_what_happened(review: Portal) -> None:
    first, second = review.signed_in("vanphong"), review.signed_in("vanphong")
    stale = second.get(PAGE).text
    assert decision(first, "accept").status_code == 303
    data = {"csrf_token": csrf_of(stale), "version": version_of(stale), "action": "return", "comment": "x"}
    late = second.post(PAGE, data=data)
    assert late.status_code == 409
    said = words_of(late.text)
    assert "SYT 2024: the office already accepted this year's figures at" in said
    assert "(by vanphong)" in said and "Nothing of yours was written." in said
    assert state_of(review) == "accepted" and accepted_lines(review) == 2


def test_a_version_other_than_the_stored_one_is_refused(review: Portal) -> None:
    client = review.signed_in("vanphong")
    html = client.get(PAGE).text
    for version, status in (("7", 409), ("", 400), ("x1", 400)):
        data = {"csrf_token": csrf_of(html), "version": version, "action": "accept"}
        answer = client.post(PAGE, data=data)
        assert answer.status_code == status, (version, answer.text)
    unknown = client.post(PAGE, data={"csrf_token": csrf_of(html), "version": "1", "action": "delete"})
    assert unknown.status_code == 400 and "Choose Accept or Return." in unknown.text
    assert state_of(review) == "submitted" and accepted_lines(review) == 0


def test_two_office_accounts_accepting_at_once_one_wins(
    review: Portal, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO("Mat-khau-2026-rat-dai\n"))
    assert review.tracker("user", "add", "vanphong2", "--role", "office", "--password-stdin").code == 0
    clients = [review.signed_in("vanphong"), review.signed_in("vanphong2")]
    pages = [client.get(PAGE).text for client in clients]
    start, answers = threading.Barrier(2), [None, None]

    def post(n: int) -> None:
        data = {"csrf_token": csrf_of(pages[n]), "version": version_of(pages[n]), "action": "accept"}
        start.wait()
        answers[n] = clients[n].post(PAGE, data=data)

    threads = [threading.Thread(target=post, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    codes = sorted(answer.status_code for answer in answers)  # type: ignore[attr-defined]
    assert codes == [303, 409], [answer.text for answer in answers]  # type: ignore[attr-defined]
    (loser,) = [a for a in answers if a.status_code == 409]  # type: ignore[attr-defined]
    assert "the office already accepted this year's figures" in words_of(loser.text)
    assert state_of(review) == "accepted" and accepted_lines(review) == 2
    assert "chain intact" in review.tracker("--lang", "en", "verify").out


MARKUP = "<b>x</b><script>alert(1)</script>"


@pytest.fixture
def marked(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Portal]:
    """A committee whose unit SYT is named with markup."""
    from tests.helpers import UNITS, default_config_text
    from tests.web.conftest import add_accounts
    from tracker.config import load_settings
    from tracker.web import create_app

    config = tmp_path / "config.yaml"
    config.write_text(
        default_config_text() + UNITS.replace("Đảng bộ Sở Y tế", f'"{MARKUP}"'), encoding="utf-8"
    )

    def tracker(*args: str) -> Any:
        return run("--config", str(config), *args)

    assert tracker("init").code == 0
    add_accounts(tracker, monkeypatch)
    app = create_app(load_settings(config))
    yield Portal(config, tracker, app)
    app.state.portal.close()


def test_unit_names_notes_and_sources_show_markup_as_text(marked: Portal) -> None:
    submitted(marked.config, {"T07": ("5", "<i>ghi chú</i>", "<img src=x>")})
    client = marked.signed_in("vanphong")
    for html in (client.get(PAGE).text, client.get("/units?year=2024").text):
        main = html.split("<main>")[1]
        assert "&lt;b&gt;x&lt;/b&gt;&lt;script&gt;" in main
        assert "<b>" not in main and "<script>" not in main and "<i>" not in main and "<img" not in main
    assert "&lt;i&gt;ghi chú&lt;/i&gt;" in client.get(PAGE).text


def test_an_unknown_unit_or_year_is_said_in_one_line(review: Portal) -> None:
    client = review.signed_in("vanphong")
    unknown = client.get("/review/XYZ/2024")
    assert unknown.status_code == 400 and "XYZ" in unknown.text
    year = client.get("/review/SYT/20x4")
    assert year.status_code == 400 and "is not a year" in year.text


def test_the_vietnamese_review_page_has_no_english_left(review: Portal) -> None:
    from tests.cli.test_vietnamese import english_left

    client = review.signed_in("vanphong", lang=None)
    html = client.get(PAGE).text
    empty = decision(client, "return", comment="")
    stale = client.post(PAGE, data={"csrf_token": csrf_of(html), "version": "9", "action": "accept"})
    for page in (html, empty.text, stale.text):
        words = words_of(page).replace("Báo cáo số 12", "")
        assert english_left(words) == [], words
    assert "đã nộp" in words_of(html) and "Duyệt" in html
