"""The start page, the language switch, the health check."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from tracker.i18n import N_, _, check_language
from tracker.web._pages import page
from tracker.web._portal import in_thread, portal_of
from tracker.web._security import LANG_COOKIE
from tracker.web._sign_in import local_next, secure
from tracker.web._visits import signed_in

ROLE_WORDS = {"office": N_("office"), "unit": N_("unit"), "viewer": N_("viewer")}
YEAR_SECONDS = 365 * 24 * 3600


async def home(request: Request) -> Response:
    """A unit's account goes to its unit; others see the start page."""
    visit = await signed_in(request)
    if visit.account.role == "unit":
        return RedirectResponse(f"/units/{visit.account.unit}", status_code=303)
    return page(request, "home.html", {"role_words": _(ROLE_WORDS[visit.account.role])}, visit=visit)


async def switch_language(request: Request) -> Response:
    """Pick the language of the pages (a cookie); back to the page it was picked on."""
    lang = check_language(request.path_params["lang"])
    response = RedirectResponse(local_next(request.query_params.get("next")), status_code=303)
    if lang is not None:
        response.set_cookie(LANG_COOKIE, lang, max_age=YEAR_SECONDS, samesite="lax", secure=secure(request))
    return response


async def health(request: Request) -> Response:
    """200 once the database answers; 503 when it does not."""
    reachable = await in_thread(portal_of(request).database.reachable)
    if reachable:
        return PlainTextResponse("ok")
    return PlainTextResponse("database unreachable", status_code=503)
