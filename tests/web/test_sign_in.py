"""Signing in and out of the portal, the guards of every page, the headers of every answer."""

from __future__ import annotations

import pytest

from tests.web.conftest import PASSWORD, Portal, csrf_of


def test_health_answers_once_the_database_is_reachable(portal: Portal) -> None:
    answer = portal.client().get("/healthz")
    assert answer.status_code == 200 and answer.text == "ok"


def test_login_form_has_the_fields_other_tools_rely_on(portal: Portal) -> None:
    html = portal.client().get("/login").text
    for field in ('name="username"', 'name="password"', 'type="hidden" name="csrf_token"'):
        assert field in html


def test_signing_in_redirects_with_a_session_cookie_that_scripts_cannot_read(portal: Portal) -> None:
    client = portal.client()
    answer = portal.sign_in(client, "vanphong")
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith("tracker_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    assert client.get("/").status_code == 200


def test_over_https_the_session_cookie_is_secure(portal: Portal) -> None:
    from starlette.testclient import TestClient

    client = TestClient(portal.app, base_url="https://portal.example", follow_redirects=False)
    answer = portal.sign_in(client, "vanphong")
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith("tracker_session="))
    assert "Secure" in cookie
    assert answer.headers["strict-transport-security"].startswith("max-age=")


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(portal: Portal) -> None:
    client = portal.client()
    wrong = portal.sign_in(client, "vanphong", "not-the-password")
    unknown = portal.sign_in(client, "nobody-here", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    assert "The account name or the password is wrong." in wrong.text
    assert "The account name or the password is wrong." in unknown.text
    assert client.get("/").status_code == 303


def test_ten_failures_lock_the_name_even_for_the_right_password(portal: Portal) -> None:
    client = portal.client()
    for _ in range(10):
        assert portal.sign_in(client, "syt", "wrong-password-1").status_code == 401
    locked = portal.sign_in(client, "syt", PASSWORD)
    assert locked.status_code == 429 and "locked until" in locked.text
    result = portal.tracker("user", "log", "--name", "syt")
    assert result.code == 0 and "locked" in result.out


def test_a_sign_in_without_its_form_token_is_refused(portal: Portal) -> None:
    client = portal.client()
    client.get("/login")
    answer = client.post(
        "/login", data={"username": "vanphong", "password": PASSWORD, "csrf_token": "forged"}
    )
    assert answer.status_code == 403
    assert client.get("/").status_code == 303  # not signed in


def test_a_post_from_another_site_is_refused_before_anything_runs(portal: Portal) -> None:
    client = portal.client()
    form = client.get("/login")
    data = {"username": "vanphong", "password": PASSWORD, "csrf_token": csrf_of(form.text)}
    for headers in (
        {"origin": "https://evil.example"},
        {"referer": "https://evil.example/x"},
        {"sec-fetch-site": "cross-site"},
    ):
        answer = client.post("/login", data=data, headers=headers)
        assert answer.status_code == 403, headers
    log = portal.tracker("user", "log")
    assert "vanphong" not in log.out  # no attempt was even made


def test_pages_redirect_to_sign_in_and_apis_answer_401(portal: Portal) -> None:
    client = portal.client()
    page = client.get("/")
    assert page.status_code == 303 and page.headers["location"].startswith("/login?next=")
    api = client.get("/api/status?year=2024")
    assert api.status_code in (401, 404)


@pytest.mark.parametrize("path", ["/", "/login", "/healthz"])
def test_every_answer_carries_the_protective_headers(portal: Portal, path: str) -> None:
    headers = portal.signed_in("vanphong").get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"


def test_signing_out_ends_the_session_on_the_server(portal: Portal) -> None:
    client = portal.signed_in("vanphong")
    token = client.cookies.get("tracker_session")
    home = client.get("/")
    answer = client.post("/logout", data={"csrf_token": csrf_of(home.text)})
    assert answer.status_code == 303
    again = portal.client()
    again.cookies.set("tracker_session", token or "")
    assert again.get("/").status_code == 303  # the old cookie no longer opens anything


def test_a_new_password_or_a_disabled_account_ends_its_sessions(
    portal: Portal, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = portal.signed_in("syt")
    assert client.get("/").status_code == 303  # a unit's start page is its unit
    result = portal.tracker("user", "disable", "syt")
    assert result.code == 0, result.err
    answer = client.get("/")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_next_never_leads_to_another_site(portal: Portal) -> None:
    client = portal.client()
    form = client.get("/login?next=//evil.example/")
    assert 'value="/"' in form.text
    data = {
        "username": "vanphong",
        "password": PASSWORD,
        "csrf_token": csrf_of(form.text),
        "next": "https://evil.example",
    }
    answer = client.post("/login", data=data)
    assert answer.status_code == 303 and answer.headers["location"] == "/"


def test_the_language_switch_keeps_the_page_and_speaks_vietnamese_by_default(portal: Portal) -> None:
    client = portal.client(lang=None)
    assert "Đăng nhập" in client.get("/login").text
    answer = client.get("/lang/en?next=/login")
    assert answer.status_code == 303 and answer.headers["location"] == "/login"
    assert "Sign in" in client.get("/login").text


def test_vietnamese_pages_have_no_english_left(portal: Portal) -> None:
    from tests.cli.test_vietnamese import english_left

    client = portal.client(lang=None)
    login = client.get("/login").text
    wrong = portal.sign_in(client, "vanphong", "wrong-password-1").text
    client = portal.signed_in("vanphong", lang=None)
    home = client.get("/").text
    for html in (login, wrong, home):
        import re

        words = re.sub(r"<[^>]+>", " ", html.split("<body>")[1])
        assert english_left(words.replace("English", "")) == [], words


def test_a_unit_account_of_another_resolution_opens_nothing(
    portal: Portal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Units of two resolutions may share a code: a unit's account opens only the pages of the
    portal that serves its own resolution."""
    from types import SimpleNamespace

    from tracker.web import _visits

    real = portal.app.state.portal
    other = SimpleNamespace(
        database=real.database, settings=SimpleNamespace(definition=SimpleNamespace(code="NQ-KHAC"))
    )
    client = portal.signed_in("syt")
    assert client.get("/units/SYT").status_code == 200
    monkeypatch.setattr(_visits, "portal_of", lambda request: other)
    page = client.get("/units/SYT")
    assert page.status_code == 403 and "NQ-KHAC" in page.text
    assert client.get("/api/units/SYT/2024").status_code == 403
