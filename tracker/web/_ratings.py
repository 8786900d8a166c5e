"""The standing committee's ratings of its units for a year (`GET/POST /ratings/{year}`, the
office only), as `tracker rate` takes them: a level per unit and per kind the config rates
(the party organisation, its agency); stored by tracker.records.rate_units, all or none, with
the command line's checks and messages, each problem beside its field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from tracker.accounts import Visit
from tracker.base import Resolution, Session
from tracker.evaluate import LEVELS
from tracker.i18n import N_, _, ngettext
from tracker.records import FormOutcome, UnitYear, rate_units, rating_words, year_ratings
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

KIND_WORDS = {"party_org": N_("As a party organisation"), "agency": N_("Its agency")}
REASON = ("", "reason")


@dataclass(frozen=True)
class RatingField:
    """One unit's rating of one kind: its field's name, what counts now, what was typed."""

    name: str
    kind: str
    current: str  # the level that counts now, in words ("" when unrated)
    typed: str  # the level picked (a level code, or what was sent)
    problem: str


@dataclass(frozen=True)
class UnitRatings:
    code: str
    name: str
    fields: list[RatingField]


def rating_rows(
    view: UnitYear, typed: dict[tuple[str, str], str], outcome: FormOutcome | None
) -> list[UnitRatings]:
    problems = {} if outcome is None else outcome.problems
    rows = []
    for unit in view.units:
        fields = []
        for kind in view.columns:
            key = (unit.code, kind)
            current = view.current.get(key)
            words = rating_words(current) if current else ""
            fields.append(
                RatingField(
                    f"{unit.code}.{kind}",
                    _(KIND_WORDS[kind]),
                    words,
                    typed.get(key, ""),
                    problems.get(key, ""),
                )
            )
        rows.append(UnitRatings(unit.code, unit.name, fields))
    return rows


def saved_words(request: Request) -> str:
    count = saved_count(request)
    if count is None:
        return ""
    if not count:
        return _("No rating changed; nothing saved.")
    return ngettext("{count} rating saved.", "{count} ratings saved.", count).format(count=count)


def given_of(form: FormData) -> dict[tuple[str, str], str]:
    """The levels picked, by (unit code, kind): fields `SYT.party_org`, `SYT.agency`; an empty
    one keeps what counts now."""
    given = {}
    for key in form:
        if "." in key and (value := field(form, key).strip()):
            unit, kind = key.rsplit(".", 1)
            given[(unit, kind)] = value
    return given


def ratings_page(
    request: Request,
    visit: Visit,
    resolution: Resolution,
    view: UnitYear,
    rows: list[UnitRatings],
    **extra: Any,
) -> Response:
    context: dict[str, Any] = {
        "year": view.year,
        "years": year_years(request, resolution.years, view.year),
        "kinds": [_(KIND_WORDS[kind]) for kind in view.columns],
        "rows": rows,
        "levels": [(level, rating_words(level)) for level in LEVELS],
        "saved": saved_words(request),
        "others": [],
        "problem": "",
        "reason": "",
        "reason_problem": "",
    }
    context.update(extra)
    return page(request, "ratings.html", context, visit=visit, status=400 if context["problem"] else 200)


async def ratings_form(request: Request) -> Response:
    visit = await office_visit(request)
    year: int = request.path_params["year"]

    def read(session: Session, resolution: Resolution) -> tuple[Resolution, UnitYear]:
        return resolution, year_ratings(session, resolution, year)

    resolution, view = await on_resolution(request, read, writes=False)
    return ratings_page(request, visit, resolution, view, rating_rows(view, {}, None))


async def ratings_save(request: Request) -> Response:
    visit = await office_visit(request)
    form = await checked_form(request, visit)
    year: int = request.path_params["year"]
    given, reason = given_of(form), field(form, "reason")

    def save(session: Session, resolution: Resolution) -> tuple[Resolution, UnitYear, FormOutcome]:
        done = rate_units(session, resolution, year, given, visit.account.name, reason)
        return resolution, year_ratings(session, resolution, year), done

    resolution, view, done = await on_resolution(request, save, writes=True)
    if not done.problems:
        return RedirectResponse(f"/ratings/{year}?saved={done.added + done.changed}", status_code=303)
    return ratings_page(
        request,
        visit,
        resolution,
        view,
        rating_rows(view, given, done),
        problem=_("Nothing saved: correct the ratings marked below."),
        reason=reason,
        reason_problem=done.problems.get(REASON, ""),
        others=unplaced(
            done.problems, {(u.code, kind) for u in view.units for kind in view.columns} | {REASON}
        ),
    )


ROUTES = [
    Route("/ratings", to_this_year, methods=["GET"]),
    Route("/ratings/{year:int}", ratings_form, methods=["GET"]),
    Route("/ratings/{year:int}", ratings_save, methods=["POST"]),
]
