"""The office's and viewers' dashboard (the status table of `tracker status` as of a year, and
the report's charts) and `GET /api/status` (exactly `tracker status --format json`)."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tracker.base import current_resolution
from tracker.evaluate import localized
from tracker.i18n import current_language
from tracker.reporting import Chart, target_chart
from tracker.sheets import cell_year
from tracker.status import StatusView, TargetStatus, status_cell, year_cell
from tracker.web._pages import page
from tracker.web._portal import in_thread, portal_of
from tracker.web._visits import signed_in

READERS = ("office", "viewer")


@dataclass(frozen=True)
class Row:
    """One target's line of the dashboard, in words."""

    label: str
    title: str
    rule: str
    cells: list[tuple[str, str]]  # (words, kind of tracker.status.YearCell) per reporting year
    status: str
    status_key: str
    explanation: str
    chart: Chart


@dataclass(frozen=True)
class Dashboard:
    title: str
    body: str
    as_of: int
    years: tuple[int, ...]
    rows: list[Row]
    inferred: bool


def year_asked(request: Request) -> int | None:
    """The `year` of the query, read as every file's year is; None when not given."""
    text = request.query_params.get("year", "").strip()
    return cell_year(text) if text else None


async def status_view(request: Request) -> StatusView:
    """Every target's status as of the year asked (default: the one `tracker status` picks)."""
    year, lang, portal = year_asked(request), current_language(), portal_of(request)

    def read() -> StatusView:
        with portal.database.work(writes=False) as session:
            resolution = current_resolution(session, portal.settings)
            return portal.kept.status(session, resolution, as_of=year, lang=lang)

    return await in_thread(read)


def row_of(row: TargetStatus, view: StatusView) -> Row:
    cells = [year_cell(row, year) for year in view.resolution.years]
    return Row(
        label=row.label,
        title=row.short_title,
        rule=row.rule_text,
        cells=[(cell.text, cell.kind) for cell in cells],
        status=status_cell(row),
        status_key=row.assessment.status.value,
        explanation=row.explanation,
        chart=target_chart(row, view),
    )


def dashboard_of(view: StatusView) -> Dashboard:
    r = view.resolution
    return Dashboard(
        title=localized(r.title, r.title_en, view.lang),
        body=r.body,
        as_of=view.as_of,
        years=r.years,
        rows=[row_of(row, view) for row in view.targets],
        inferred=any(row.inferred for row in view.targets),
    )


async def dashboard(request: Request) -> Response:
    visit = await signed_in(request, roles=READERS)
    board = dashboard_of(await status_view(request))
    return page(request, "dashboard.html", {"board": board}, visit=visit)


async def api_status(request: Request) -> Response:
    """The JSON of `tracker status --format json --year YYYY`, in the request's language."""
    await signed_in(request, roles=READERS)
    year, lang, portal = year_asked(request), current_language(), portal_of(request)

    def read() -> str:
        with portal.database.work(writes=False) as session:
            resolution = current_resolution(session, portal.settings)
            return portal.kept.status_json_text(session, resolution, as_of=year, lang=lang)

    return Response(await in_thread(read) + "\n", media_type="application/json")


ROUTES = [
    Route("/dashboard", dashboard, methods=["GET"]),
    Route("/api/status", api_status, methods=["GET"]),
]
