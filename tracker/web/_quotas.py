"""The units' quotas of the count targets for a year (`GET/POST /quotas/{year}`, the office
only), as `tracker quota` takes them: a whole number per count target and unit; stored by
tracker.records.set_quotas, all or none, with the command line's checks and messages, each
problem beside its field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from tracker.accounts import Visit
from tracker.base import Resolution, Session
from tracker.i18n import _, ngettext
from tracker.records import FormOutcome, UnitYear, set_quotas, year_quotas
from tracker.web._office import (
    field,
    office_visit,
    on_resolution,
    saved_count,
    to_this_year,
    unplaced,
    year_years,
)
from tracker.web._pages import page
from tracker.web._visits import checked_form

REASON = ("", "reason")


@dataclass(frozen=True)
class QuotaField:
    """One unit's quota of one target: its field's name, what counts now, what was typed."""

    name: str
    code: str
    current: str  # the quota that counts now ("" when none)
    typed: str
    problem: str


@dataclass(frozen=True)
class UnitQuotas:
    code: str
    name: str
    fields: list[QuotaField]


def quota_rows(
    view: UnitYear, typed: dict[tuple[str, str], str], outcome: FormOutcome | None
) -> list[UnitQuotas]:
    problems = {} if outcome is None else outcome.problems
    rows = []
    for unit in view.units:
        fields = []
        for code in view.columns:
            key = (code, unit.code)
            current = view.current.get(key)
            shown = "" if current is None else str(current)
            fields.append(
                QuotaField(f"{code}.{unit.code}", code, shown, typed.get(key, ""), problems.get(key, ""))
            )
        rows.append(UnitQuotas(unit.code, unit.name, fields))
    return rows


def given_of(form: FormData) -> dict[tuple[str, str], str]:
    """The quotas typed, by (target code, unit code): fields `T07.SYT`; an empty one keeps
    what counts now."""
    given = {}
    for key in form:
        if "." in key and (value := field(form, key).strip()):
            code, unit = key.split(".", 1)
            given[(code, unit)] = value
    return given


def saved_words(request: Request) -> str:
    count = saved_count(request)
    if count is None:
        return ""
    if not count:
        return _("No quota changed; nothing saved.")
    return ngettext("{count} quota saved.", "{count} quotas saved.", count).format(count=count)


def quotas_page(
    request: Request,
    visit: Visit,
    resolution: Resolution,
    view: UnitYear,
    rows: list[UnitQuotas],
    **extra: Any,
) -> Response:
    context: dict[str, Any] = {
        "year": view.year,
        "years": year_years(request, resolution.years, view.year),
        "codes": view.columns,
        "rows": rows,
        "saved": saved_words(request),
        "problem": "",
        "others": [],
        "reason": "",
        "reason_problem": "",
    }
    context.update(extra)
    return page(request, "quotas.html", context, visit=visit, status=400 if context["problem"] else 200)


async def quotas_form(request: Request) -> Response:
    visit = await office_visit(request)
    year: int = request.path_params["year"]

    def read(session: Session, resolution: Resolution) -> tuple[Resolution, UnitYear]:
        return resolution, year_quotas(session, resolution, year)

    resolution, view = await on_resolution(request, read, writes=False)
    return quotas_page(request, visit, resolution, view, quota_rows(view, {}, None))


async def quotas_save(request: Request) -> Response:
    visit = await office_visit(request)
    form = await checked_form(request, visit)
    year: int = request.path_params["year"]
    given, reason = given_of(form), field(form, "reason")

    def save(session: Session, resolution: Resolution) -> tuple[Resolution, UnitYear, FormOutcome]:
        done = set_quotas(session, resolution, year, given, visit.account.name, reason)
        return resolution, year_quotas(session, resolution, year), done

    resolution, view, done = await on_resolution(request, save, writes=True)
    if not done.problems:
        return RedirectResponse(f"/quotas/{year}?saved={done.added + done.changed}", status_code=303)
    placed = {(code, u.code) for u in view.units for code in view.columns} | {REASON}
    return quotas_page(
        request,
        visit,
        resolution,
        view,
        quota_rows(view, given, done),
        problem=_("Nothing saved: correct the quotas marked below."),
        others=unplaced(done.problems, placed),
        reason=reason,
        reason_problem=done.problems.get(REASON, ""),
    )


ROUTES = [
    Route("/quotas", to_this_year, methods=["GET"]),
    Route("/quotas/{year:int}", quotas_form, methods=["GET"]),
    Route("/quotas/{year:int}", quotas_save, methods=["POST"]),
]
