"""The units matrix of a year (`GET /units?year=YYYY`), for the office and viewers: every unit
existing that year, its submission's state (as `tracker submission list`), late or not, when it
was submitted, how many of its figures count (as `tracker units`), the year's counts at the top,
one click to the unit's submission. A few queries a page, whatever the number of units."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from tracker.base import Resolution, Session, current_resolution
from tracker.errors import TrackerError
from tracker.evaluate import moment_text, number, short_date
from tracker.i18n import _, current_language, current_zone
from tracker.status import units_view
from tracker.submissions import (
    Completeness,
    SubmissionRules,
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


@dataclass(frozen=True)
class Shown:
    """One page of the matrix: the rows of the state chosen, PAGE_ROWS at a time."""

    matrix: Matrix
    rows: list[MatrixRow]
    state: str  # "" (every unit) or a key of SHOWN_STATES
    states: list[tuple[str, str]]  # (key, words) of the filter
    page: int
    pages: int
    position: str  # "Units 1-100 of 1,000"
    previous: str | None  # the address of the page before, or None
    next: str | None


PAGE_ROWS = 100  # a phone's screen, and a page the server draws in a few milliseconds whatever the committee
SHOWN_STATES = ("none", "draft", "submitted", "accepted", "returned", "late")


def when(moment: datetime | None) -> str:
    return "" if moment is None else moment_text(moment, current_zone(), current_language())


def summary_of(counts: Completeness) -> str:
    """ "12/27 submitted, 3 late, 1 returned" """
    message = _("{submitted}/{units} submitted, {late} late, {returned} returned")
    lang = current_language()
    return message.format(
        submitted=number(counts.submitted, lang),
        units=number(counts.units, lang),
        late=number(counts.late, lang),
        returned=number(counts.returned, lang),
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


def matrix_of(session: Session, resolution: Resolution, year: int, rules: SubmissionRules) -> Matrix:
    states = year_states(session, resolution, year, rules=rules)
    reported = units_view(session, resolution, year)
    counted = {line.code: line.reported for line in reported.units}
    rows = [row_of(code, s, year, counted.get(code, 0), reported.targets) for code, s in states.items()]
    deadline = short_date(deadline_of(year, rules.deadline), current_language())
    return Matrix(year, tuple(resolution.years), deadline, summary_of(completeness(states)), rows)


def chosen_state(request: Request) -> str:
    state = request.query_params.get("state", "")
    if state and state not in SHOWN_STATES:
        message = _("unknown state {state!r}; accepted: {accepted}")
        raise TrackerError(message.format(state=state[:40], accepted=", ".join(SHOWN_STATES)))
    return state


def chosen_page(request: Request) -> int:
    text = request.query_params.get("page", "1")
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 100_000:
        raise TrackerError(_("page {page!r} is not accepted: a whole number from 1").format(page=text[:40]))
    return int(text)


def address(matrix: Matrix, state: str, at: int) -> str:
    return "/units?" + urlencode({"year": matrix.year, **({"state": state} if state else {}), "page": at})


def shown_of(matrix: Matrix, state: str, asked: int) -> Shown:
    """The page asked of the rows of the state asked (a page past the last: the last)."""
    rows = [r for r in matrix.rows if not state or r.state_key == state or (state == "late" and r.late)]
    pages = max(1, -(-len(rows) // PAGE_ROWS))
    at = min(asked, pages)
    first = (at - 1) * PAGE_ROWS
    shown = rows[first : first + PAGE_ROWS]
    position = _("Units {first}-{last} of {count}").format(
        first=first + 1 if shown else 0,
        last=first + len(shown),
        count=number(len(rows), current_language()),
    )
    return Shown(
        matrix=matrix,
        rows=shown,
        state=state,
        states=[(key, _("late") if key == "late" else state_words(key)) for key in SHOWN_STATES],
        page=at,
        pages=pages,
        position=position,
        previous=address(matrix, state, at - 1) if at > 1 else None,
        next=address(matrix, state, at + 1) if at < pages else None,
    )


async def units_matrix(request: Request) -> Response:
    visit = await signed_in(request)
    if visit.account.role not in READERS:  # a unit's account has its own unit's page
        return RedirectResponse(f"/units/{quote(visit.account.unit or '', safe='')}", status_code=303)
    asked, portal, lang = year_asked(request), portal_of(request), current_language()
    state, asked_page, rules = chosen_state(request), chosen_page(request), rules_of(portal.settings)

    def read() -> Matrix:
        with portal.database.work(writes=False) as session:
            resolution = current_resolution(session, portal.settings)
            year = asked if asked is not None else due_year(resolution.years)
            build = lambda: matrix_of(session, resolution, year, rules)  # noqa: E731
            return portal.kept.view(session, resolution, ("units", year, lang), build)

    shown = shown_of(await in_thread(read), state, asked_page)
    return page(request, "units_matrix.html", {"matrix": shown.matrix, "shown": shown}, visit=visit)


ROUTES = [Route("/units", units_matrix, methods=["GET"])]
