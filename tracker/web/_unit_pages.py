"""A unit's own pages (docs/web.md#a-units-pages): `/units/{UNIT}` (its reporting years with
their state, deadline and the office's comment; its figures against each target's threshold, its
ratings), the year's form (_unit_form.py), and `GET /api/units/{UNIT}/{YEAR}` (the form's JSON,
as `tracker submission show --format json`). A unit's account sees its own unit only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tracker.errors import TrackerError
from tracker.evaluate import short_date
from tracker.i18n import _, current_language
from tracker.status import UnitStanding
from tracker.submissions import UnitYear, form_json, state_words
from tracker.web._pages import page
from tracker.web._portal import in_thread, portal_of
from tracker.web._unit_form import save_form, show_form
from tracker.web._unit_views import read_form
from tracker.web._visits import Refused, may_see_unit, signed_in


@dataclass(frozen=True)
class UnitPage:
    """What the unit's page shows, read in one unit of work."""

    code: str
    name: str
    years: list[UnitYear]
    as_of: int
    standing: list[UnitStanding]
    reporting_years: tuple[int, ...]


def read_unit(request: Request, code: str, as_of: int | None) -> UnitPage:
    from tracker.base import current_resolution, find_unit
    from tracker.status import build_status, unit_standing
    from tracker.submissions import rules_of, unit_year_list

    portal = portal_of(request)
    with portal.database.work(writes=False) as session:
        resolution = current_resolution(session, portal.settings)
        unit = find_unit(session, resolution, code)
        years = unit_year_list(session, resolution, unit.code, rules=rules_of(portal.settings))
        if as_of not in resolution.years:
            as_of = None
        view = build_status(session, resolution, as_of=as_of, lang=current_language())
        standing = unit_standing(view, unit.code)
        return UnitPage(unit.code, unit.name, years, view.as_of, standing, resolution.years)


async def unit_page(request: Request) -> Response:
    visit = await signed_in(request)
    code = request.path_params["unit"]
    may_see_unit(visit, code)
    wanted = request.query_params.get("year", "")
    as_of = int(wanted) if wanted.isdigit() and len(wanted) == 4 else None
    try:
        found = await in_thread(lambda: read_unit(request, code, as_of))
    except TrackerError as exc:
        raise Refused(404, str(exc)) from exc
    lang = current_language()
    years = [year_row(y, found.code, lang) for y in found.years]
    verdicts = {True: _("yes"), False: _("no, lagging"), None: "-"}
    standing = [(s, s.figure or _("not reported"), verdicts[s.meets]) for s in found.standing]
    values = {"unit": found, "years": years, "standing": standing, "office": visit.account.role == "office"}
    return page(request, "unit.html", values, visit=visit)


def year_row(year: UnitYear, code: str, lang: Any) -> dict[str, Any]:
    return {
        "year": year.year,
        "state": year.state,
        "state_words": state_words(year.state),
        "comment": year.comment or "",
        "deadline": short_date(year.deadline, lang),
        "late": year.late,
        "href": f"/units/{code}/{year.year}",
    }


async def unit_year_json(request: Request) -> Response:
    """The state of a unit's year and its figures; a draft's values to the unit's account only."""
    visit = await signed_in(request)
    code, year = request.path_params["unit"], request.path_params["year"]
    may_see_unit(visit, code)
    form = await read_form(request, visit, code, year)
    return JSONResponse(form_json(form))


ROUTES = [
    Route("/units/{unit}", unit_page, methods=["GET"]),
    Route("/units/{unit}/{year:int}", show_form, methods=["GET"]),
    Route("/units/{unit}/{year:int}", save_form, methods=["POST"]),
    Route("/api/units/{unit}/{year:int}", unit_year_json, methods=["GET"]),
]
