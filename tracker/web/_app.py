"""The portal as an ASGI application (Starlette): its routes, its guards, its answers to a
refusal. Each feature's routes live in its own module and are listed here once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from tracker.config import Settings
from tracker.errors import TrackerError
from tracker.i18n import _
from tracker.web import (
    _dashboard,
    _figures,
    _history,
    _quotas,
    _ratings,
    _reports,
    _review,
    _unit_pages,
    _units_matrix,
)
from tracker.web._home import health, home, switch_language
from tracker.web._pages import STATIC, page
from tracker.web._portal import Portal
from tracker.web._security import Guard
from tracker.web._sign_in import login, login_form, logout
from tracker.web._visits import Refused, SignInNeeded, current_visit

HEADINGS = {401: "401", 403: "403", 404: "404", 405: "405", 409: "409", 413: "413", 429: "429"}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def sign_in_needed(request: Request, exc: Exception) -> Response:
    if is_api(request):
        return JSONResponse({"error": _("Sign in first.")}, status_code=401)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    from urllib.parse import quote

    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


async def refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refused | TrackerError)
    status = exc.status if isinstance(exc, Refused) else 400
    message = exc.message if isinstance(exc, Refused) else str(exc)
    if is_api(request):
        return JSONResponse({"error": message}, status_code=status)
    visit = await current_visit(request)
    heading = _("Refused") if status in (403, 429) else _("This cannot be done")
    return page(
        request,
        "refused.html",
        {"status": status, "heading": heading, "message": message},
        visit=visit,
        status=status,
    )


async def not_found(request: Request, exc: Exception) -> Response:
    return await refused(request, Refused(404, _("There is no such page.")))


def routes() -> list[BaseRoute]:
    return [
        Route("/", home),
        Route("/healthz", health),
        Route("/login", login_form, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/lang/{lang}", switch_language),
        *_dashboard.ROUTES,
        *_reports.ROUTES,
        *_history.ROUTES,
        *_unit_pages.ROUTES,
        *_figures.ROUTES,
        *_ratings.ROUTES,
        *_quotas.ROUTES,
        *_units_matrix.ROUTES,
        *_review.ROUTES,
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]


def create_app(settings: Settings) -> Starlette:
    """The portal on the database of `settings` (checked now: missing or old, a TrackerError)."""
    from tracker.base import Database

    portal = Portal(settings, Database(settings))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        portal.close()

    app = Starlette(
        routes=routes(),
        middleware=[Middleware(Guard)],
        exception_handlers={
            SignInNeeded: sign_in_needed,
            Refused: refused,
            TrackerError: refused,
            404: not_found,
        },
        lifespan=lifespan,
    )
    app.state.portal = portal
    return app
