"""Signing in and out (docs/web.md). The sign-in form carries a token tied to a cookie of its
own (there is no session yet to tie it to); a signed-in browser gets a new session, whose
cookie is HttpOnly, SameSite=Lax, and Secure when the portal is reached over https."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from tracker import clock
from tracker.accounts import (
    DISABLED,
    LOCKED,
    LONGEST,
    SignInResult,
    Visit,
    authenticate,
    close_web_session,
    lock_rule,
    new_token,
    open_web_session,
    same_token,
)
from tracker.i18n import _
from tracker.web._pages import page
from tracker.web._portal import in_thread, portal_of
from tracker.web._visits import FORM_LIMITS, SESSION_COOKIE, checked_form, current_visit, signed_in

LOGIN_COOKIE = "tracker_login"
FIELD_MAX = 1024
KEEP = "keep."  # a field typed on a form whose session ended, carried through signing in
KEPT_NAME = re.compile(r"[A-Za-z0-9_.-]{1,64}")
KEPT_VALUE_MAX = 10_000
NOT_KEPT = {"csrf_token", "action", "resume", "username", "password", "next"}


def local_next(given: object) -> str:
    """Where to go after signing in: a path of this site only (never another site's address)."""
    if isinstance(given, str) and given.startswith("/") and not given.startswith(("//", "/\\")):
        return given if given.isprintable() and len(given) <= 2000 else "/"
    return "/"


def login_page(
    request: Request,
    token: str,
    *,
    next_path: str,
    username: str = "",
    problem: str | None = None,
    status: int = 200,
    kept: Sequence[tuple[str, str]] = (),
) -> Response:
    values = {"login_token": token, "next": next_path, "username": username, "problem": problem}
    response = page(request, "login.html", values | {"kept": kept, "keep": KEEP}, status=status)
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="lax", secure=secure(request))
    return response


def kept_fields(form: FormData, prefix: str = "") -> list[tuple[str, str]]:
    """The fields of a form to carry through signing in (those named `prefix` + a plain name,
    the name without the prefix): only echoed back into the form they came from, never stored."""
    kept = []
    for name, value in form.multi_items():
        plain = name.removeprefix(prefix)
        plain_name = KEPT_NAME.fullmatch(plain) is not None and plain not in NOT_KEPT
        if name.startswith(prefix) and isinstance(value, str) and plain_name:
            kept.append((plain, value[:KEPT_VALUE_MAX]))
    return kept


def signed_out_form(request: Request, form: FormData, problem: str) -> Response:
    """The sign-in page (401) answering a form posted after its session ended: what was typed
    rides along as hidden fields and comes back into the form once signed in (resume.html)."""
    token = request.cookies.get(LOGIN_COOKIE) or new_token()
    return login_page(
        request,
        token,
        next_path=local_next(request.url.path),
        problem=problem,
        status=401,
        kept=kept_fields(form),
    )


def secure(request: Request) -> bool:
    return request.url.scheme == "https"


async def login_form(request: Request) -> Response:
    if await current_visit(request) is not None:
        return RedirectResponse(local_next(request.query_params.get("next")), status_code=303)
    token = request.cookies.get(LOGIN_COOKIE) or new_token()
    return login_page(request, token, next_path=local_next(request.query_params.get("next")))


def refusal_of(result: SignInResult) -> tuple[str, int]:
    """The sentence and status of a sign-in refused."""
    if result.outcome == LOCKED:
        until = "" if result.locked_until is None else clock_words(result.locked_until)
        return _("Too many failed sign-ins for this name: it is locked until {time}.").format(time=until), 429
    if result.outcome == DISABLED:
        return _("This account is disabled; ask the office."), 403
    return _("The account name or the password is wrong."), 401


def clock_words(moment: datetime) -> str:
    from tracker.i18n import current_zone

    return moment.astimezone(current_zone()).strftime("%H:%M %d/%m/%Y")


async def login(request: Request) -> Response:
    form = await request.form(**FORM_LIMITS)
    cookie = request.cookies.get(LOGIN_COOKIE)
    given = form.get("csrf_token")
    if cookie is None or not same_token(given if isinstance(given, str) else None, cookie):
        from tracker.web._visits import Refused

        raise Refused(403, _("Refused: the form is out of date or not from this site. Open the page again."))
    name, password = str(form.get("username") or "")[:FIELD_MAX], str(form.get("password") or "")[:FIELD_MAX]
    next_path = local_next(form.get("next"))
    portal = portal_of(request)
    remote = None if request.client is None else request.client.host

    def sign_in() -> tuple[SignInResult, str | None, Visit | None]:
        with portal.database.work() as session:
            result = authenticate(session, name, password, clock.now(), remote, lock_rule(portal.settings))
            if not result.ok:
                return result, None, None
            token, visit = open_web_session(session, name, clock.now())
            return result, token, visit

    result, token, visit = await in_thread(sign_in)
    kept = kept_fields(form, KEEP)
    if token is None or visit is None:
        problem, status = refusal_of(result)
        return login_page(
            request,
            new_token(),
            next_path=next_path,
            username=name,
            problem=problem,
            status=status,
            kept=kept,
        )
    return signed_in_answer(request, token, visit, next_path, kept)


def signed_in_answer(
    request: Request, token: str, visit: Visit, next_path: str, kept: Sequence[tuple[str, str]]
) -> Response:
    """The session's cookie, and the page asked for (or, with fields kept from a form whose
    session ended, the page that brings them back into it)."""
    response: Response = RedirectResponse(next_path, status_code=303)
    if kept:
        values = {"next": next_path, "kept": kept, "resume_token": visit.csrf_token}
        response = page(request, "resume.html", values, visit=visit)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(LONGEST.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=secure(request),
    )
    response.delete_cookie(LOGIN_COOKIE)
    return response


async def logout(request: Request) -> Response:
    visit: Visit = await signed_in(request)
    await checked_form(request, visit)
    token = request.cookies.get(SESSION_COOKIE, "")
    database = portal_of(request).database

    def sign_out() -> None:
        with database.work() as session:
            close_web_session(session, token)

    await in_thread(sign_out)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
