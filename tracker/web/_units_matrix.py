"""The units matrix of a year (`GET /units?year=YYYY`), for the office and viewers: every unit
existing that year, its submission's state (as `tracker submission list`), late or not, when it
was submitted, how many of its figures count (as `tracker units`), the year's counts at the top,
one click to the unit's submission. A few queries a page, whatever the number of units."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from tracker.base import current_resolution
from tracker.evaluate import moment_text, short_date
from tracker.i18n import _, current_language, current_zone
from tracker.status import units_view
from tracker.submissions import (
    Completeness,
    UnitYearState,
    completeness,
    deadline_of,
    due_year,
    rules_of,
    state_words,
    year_states,
)
from tracker.web._dashboard import year_asked
from tracker.web._pages import page
from tracker.web._portal import in_thread, portal_of
from tracker.web._visits import signed_in

READERS = ("office", "viewer")


@dataclass(frozen=True)
class MatrixRow:
    """One unit's line of the matrix, in words."""

    code: str
    name: str
    state: str  # the state's words
    state_key: str  # none, draft, submitted, accepted, returned
    late: str  # "late" in words, or ""
    submitted_at: str
    reported: str  # how many targets have a figure of the unit that counts, of all (tracker units)
    href: str


@dataclass(frozen=True)
class Matrix:
    year: int
    years: tuple[int, ...]
    deadline: str
    summary: str
    rows: list[MatrixRow]


def when(moment: datetime | None) -> str:
    return "" if moment is None else moment_text(moment, current_zone(), current_language())


def summary_of(counts: Completeness) -> str:
    """ "12/27 submitted, 3 late, 1 returned" """
    message = _("{submitted}/{units} submitted, {late} late, {returned} returned")
    return message.format(
        submitted=counts.submitted, units=counts.units, late=counts.late, returned=counts.returned
    )


def row_of(code: str, found: UnitYearState, year: int, reported: int, targets: int) -> MatrixRow:
    return MatrixRow(
        code=code,
        name=found.name,
        state=state_words(found.state),
        state_key=found.state,
        late=_("late") if found.late else "",
        submitted_at=when(found.submitted_at) if found.state in ("submitted", "accepted") else "",
        reported=f"{reported}/{targets}",
        href=f"/review/{quote(code, safe='')}/{year}",
    )


async def units_matrix(request: Request) -> Response:
    visit = await signed_in(request)
    if visit.account.role not in READERS:  # a unit's account has its own unit's page
        return RedirectResponse(f"/units/{quote(visit.account.unit or '', safe='')}", status_code=303)
    asked, portal, lang = year_asked(request), portal_of(request), current_language()
    rules = rules_of(portal.settings)

    def read() -> Matrix:
        with portal.database.work(writes=False) as session:
            resolution = current_resolution(session, portal.settings)
            year = asked if asked is not None else due_year(resolution.years)
            states = year_states(session, resolution, year, rules=rules)
            reported = units_view(session, resolution, year)
        counted = {line.code: line.reported for line in reported.units}
        rows = [row_of(code, s, year, counted.get(code, 0), reported.targets) for code, s in states.items()]
        deadline = short_date(deadline_of(year, rules.deadline), lang)
        return Matrix(year, tuple(resolution.years), deadline, summary_of(completeness(states)), rows)

    return page(request, "units_matrix.html", {"matrix": await in_thread(read)}, visit=visit)


ROUTES = [Route("/units", units_matrix, methods=["GET"])]
