"""What the office's entering pages share (figures, ratings, quotas): the office's guard, one
unit of work on the current resolution, the year pages open on, a form's fields as text."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeVar

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from tracker import clock
from tracker.accounts import Visit
from tracker.base import Resolution, Session, current_resolution
from tracker.web._portal import in_thread, portal_of
from tracker.web._visits import signed_in

T = TypeVar("T")
OFFICE = ("office",)
FIELD_MAX = 4000  # a note is at most a few hundred characters; the check names what is too long


async def office_visit(request: Request) -> Visit:
    """The office's account, or 403 for a viewer or a unit (303 to sign in for nobody)."""
    return await signed_in(request, roles=OFFICE)


async def on_resolution(request: Request, work: Callable[[Session, Resolution], T], *, writes: bool) -> T:
    """`work` in one unit of work on the portal's resolution: committed when it returns, rolled
    back when it raises."""
    portal = portal_of(request)

    def run() -> T:
        with portal.database.work(writes=writes) as session:
            return work(session, current_resolution(session, portal.settings))

    return await in_thread(run)


def field(form: FormData, name: str) -> str:
    """A form field as text ("" when missing), cut at FIELD_MAX."""
    value = form.get(name)
    return value[: FIELD_MAX + 1] if isinstance(value, str) else ""


def saved_count(request: Request) -> int | None:
    """How many changes the last save stored (the redirect after it carries the count)."""
    given = request.query_params.get("saved", "")
    return int(given) if given.isdigit() and len(given) < 9 else None


def unplaced(problems: Mapping[Any, str], placed: Collection[Any]) -> list[str]:
    """The problems of fields the page does not show (a unit of another year, a kind unknown)."""
    return [message for key, message in problems.items() if key not in placed]


def year_years(request: Request, years: tuple[int, ...], year: int) -> list[tuple[str, int, bool]]:
    """The reporting years as links to the same page: (address, year, whether it is this one)."""
    base = request.url.path.rsplit("/", 1)[0]
    return [(f"{base}/{other}", other, other == year) for other in years]


async def to_this_year(request: Request) -> Response:
    """/figures, /ratings, /quotas: the page of this calendar year, within the reporting years."""
    await office_visit(request)

    def this_year(session: Session, resolution: Resolution) -> int:
        return min(max(clock.now().year, resolution.first_year), resolution.last_year)

    year = await on_resolution(request, this_year, writes=False)
    return RedirectResponse(f"{request.url.path.rstrip('/')}/{year}", status_code=303)
