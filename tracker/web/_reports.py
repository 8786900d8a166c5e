"""The reports page: the stored report runs with their files to download (office and viewers),
and a form to make one (the office), calling what `tracker report` calls."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from tracker.accounts import Visit
from tracker.base import current_resolution
from tracker.config import report_kind_given
from tracker.errors import TrackerError
from tracker.i18n import LANGS, Lang, _, check_language, current_language
from tracker.render import format_names, parse_formats, prewarm
from tracker.reporting import (
    RunView,
    StoredFile,
    kind_choices,
    make_report,
    report_request,
    run_file,
    stored_runs,
)
from tracker.sheets import cell_year
from tracker.web._pages import page
from tracker.web._portal import in_thread, portal_of
from tracker.web._visits import Refused, checked_form, signed_in

READERS = ("office", "viewer")


@dataclass(frozen=True)
class ReportForm:
    """What the form offers: the formats, kinds, years and languages `tracker report` accepts."""

    formats: tuple[str, ...]
    kinds: list[tuple[str, str]]
    years: tuple[int, ...]
    langs: tuple[str, ...]


async def reports(request: Request) -> Response:
    visit = await signed_in(request, roles=READERS)
    portal, lang = portal_of(request), current_language()
    zone = ZoneInfo(portal.settings.config.timezone)

    def read() -> tuple[list[RunView], tuple[int, ...]]:
        with portal.database.work(writes=False) as session:
            resolution = current_resolution(session, portal.settings)
            runs = stored_runs(session, resolution, portal.settings.reports_dir, zone, lang)
            return runs, resolution.years

    runs, years = await in_thread(read)
    form = ReportForm(format_names(), kind_choices(lang), years, LANGS) if may_make(visit) else None
    made = request.query_params.get("made", "")
    return page(request, "reports.html", {"runs": runs, "form": form, "made": made}, visit=visit)


def may_make(visit: Visit) -> bool:
    return visit.account.role == "office"


def chosen(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def language_of(text: str) -> Lang:
    """The report's language as chosen (default: the page's), or the command line's refusal."""
    if not text:
        return current_language()
    found = check_language(text)
    if found is None:
        message = _("unknown language {lang!r}; accepted: {accepted}")
        raise TrackerError(message.format(lang=text, accepted=", ".join(LANGS)))
    return found


async def make(request: Request) -> Response:
    """POST /reports: a report as `tracker report` makes it; then back to the list (303)."""
    visit = await signed_in(request, roles=READERS)
    if not may_make(visit):
        raise Refused(403, _("Only the office makes reports; your account may read and download them."))
    form = await checked_form(request, visit)
    formats = parse_formats(",".join(str(f) for f in form.getlist("format")))
    year_text, kind_text, lang_text = chosen(form, "year"), chosen(form, "kind"), chosen(form, "lang")
    lang = language_of(lang_text)
    portal = portal_of(request)
    request_given = report_request(
        portal.settings,
        as_of=cell_year(year_text) if year_text else None,
        formats=formats,
        lang=lang,
        kind=report_kind_given(kind_text) if kind_text else None,
    )
    zone = ZoneInfo(portal.settings.config.timezone)

    def make_it() -> int | None:
        prewarm(formats)
        with portal.database.work() as session:
            result = make_report(session, current_resolution(session, portal.settings), request_given, zone)
        return result.run.id

    run_id = await in_thread(make_it)
    return RedirectResponse(f"/reports?made={run_id}", status_code=303)


async def download(request: Request) -> Response:
    """A stored run's file, if it is still in the reports folder."""
    await signed_in(request, roles=READERS)
    run_id, fmt = request.path_params["run"], request.path_params["format"]
    portal = portal_of(request)

    def find() -> StoredFile | None:
        with portal.database.work(writes=False) as session:
            resolution = current_resolution(session, portal.settings)
            return run_file(session, resolution, run_id, fmt, portal.settings.reports_dir)

    found = await in_thread(find)
    if found is None:
        raise Refused(404, _("There is no such report file: it was never made, or it was moved or removed."))
    return FileResponse(found.path, media_type=found.media_type, filename=found.download_name)


ROUTES = [
    Route("/reports", reports, methods=["GET"]),
    Route("/reports", make, methods=["POST"]),
    Route("/reports/{run:int}/{format}", download, methods=["GET"]),
]
