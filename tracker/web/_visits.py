"""Who a request comes from, and what it may do: the guards every page and every API answer
passes (docs/web.md).

- not signed in: a page redirects to /login (303, the page to come back to in `next`), an API
  answers 401;
- signed in without the role, or as another unit's account: 403, nothing read or written;
- a form that changes something must carry the session's `csrf_token`: else 403.
"""

from __future__ import annotations

from collections.abc import Collection

from starlette.datastructures import FormData
from starlette.requests import Request

from tracker import clock
from tracker.accounts import Visit, same_token, visit_of
from tracker.i18n import _
from tracker.web._portal import in_thread, portal_of

SESSION_COOKIE = "tracker_session"
FORM_LIMITS = {"max_files": 0, "max_fields": 1000}
VISIT = "tracker_visit"


class Refused(Exception):
    """A request the guards turn away: its status and the sentence a person reads."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class SignInNeeded(Exception):
    """A request from a browser that is not signed in (or no longer)."""


async def current_visit(request: Request) -> Visit | None:
    """The signed-in browser of the request, or None (looked up once a request)."""
    if VISIT in request.scope:
        found: Visit | None = request.scope[VISIT]
        return found
    token = request.cookies.get(SESSION_COOKIE)
    visit = None
    if token:
        database = portal_of(request).database

        def look_up() -> Visit | None:
            with database.work(writes=False) as session:
                return visit_of(session, token, clock.now())

        visit = await in_thread(look_up)
    request.scope[VISIT] = visit
    return visit


async def signed_in(request: Request, roles: Collection[str] = ("office", "unit", "viewer")) -> Visit:
    """The visit of a request that must be signed in with one of `roles`."""
    visit = await current_visit(request)
    if visit is None:
        raise SignInNeeded()
    if visit.account.role not in roles:
        raise Refused(403, _("Your account may not open this page."))
    served = portal_of(request).settings.definition.code
    if visit.account.role == "unit" and visit.account.resolution != served:
        message = _("Your account belongs to a unit of the resolution {code}; this portal serves {served}.")
        raise Refused(403, message.format(code=visit.account.resolution, served=served))
    return visit


def may_see_unit(visit: Visit, unit_code: str) -> None:
    """A unit account sees its own unit only; the office and viewers see every unit."""
    account = visit.account
    if account.role == "unit" and (account.unit or "").upper() != unit_code.upper():
        raise Refused(403, _("Your account belongs to another unit: it may not open this unit's page."))


async def checked_form(request: Request, visit: Visit) -> FormData:
    """The form of a changing request, refused (403) without the session's token."""
    form = await request.form(**FORM_LIMITS)
    token = form.get("csrf_token")
    if not same_token(token if isinstance(token, str) else None, visit.csrf_token):
        raise Refused(403, _("Refused: the form is out of date or not from this site. Open the page again."))
    return form
