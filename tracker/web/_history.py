"""Who changed a figure (`GET /history?target=T07&year=2024`), for the office and viewers: every
revision as `tracker history` shows it (the committee's and the units' figures, ratings and
quotas, with who, when, why, and the author and accepter of a unit's accepted figure)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tracker.base import current_resolution
from tracker.i18n import current_language
from tracker.records import History, history
from tracker.web._dashboard import year_asked
from tracker.web._pages import page
from tracker.web._portal import in_thread, portal_of
from tracker.web._visits import signed_in

READERS = ("office", "viewer")
CODE_MAX = 32


async def history_page(request: Request) -> Response:
    visit = await signed_in(request, roles=READERS)
    code = request.query_params.get("target", "").strip()[:CODE_MAX] or None
    year, lang, portal = year_asked(request), current_language(), portal_of(request)

    def read() -> tuple[History, tuple[str, ...], tuple[int, ...]]:
        with portal.database.work(writes=False) as session:
            resolution = current_resolution(session, portal.settings)
            found = history(session, resolution, code, year, lang)
            codes = tuple(t.code for t in portal.settings.definition.targets)
            return found, codes, tuple(resolution.years)

    found, codes, years = await in_thread(read)
    context = {"history": found, "codes": codes, "years": years, "code": code or "", "year": year}
    return page(request, "history.html", context, visit=visit)


ROUTES = [Route("/history", history_page, methods=["GET"])]
