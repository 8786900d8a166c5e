"""The committee's own figures of a year (`GET/POST /figures/{year}`, the office only), as
`tracker enter YEAR` asks them: every target with its figure of the year before and the one that
counts now; a field per target code (`T07=120`, `T03=38/42`) with its note, source, estimate
mark and, to correct a counted figure, its reason. The answers are checked and stored by
tracker.records.enter_year, all or nothing; a problem is shown at its field, with what was typed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from tracker.accounts import Visit
from tracker.base import Resolution, Session
from tracker.errors import TrackerError
from tracker.i18n import _, current_language, ngettext
from tracker.records import FarValue, ImportOptions, YearAnswer, YearEntry, YearLine, enter_year, year_lines
from tracker.web._office import field as text_of
from tracker.web._office import office_visit, on_resolution, saved_count, to_this_year, year_years
from tracker.web._pages import page
from tracker.web._portal import portal_of
from tracker.web._visits import checked_form

ANSWER_FIELDS = ("value", "note", "source", "reason")  # where a problem of an answer is placed


@dataclass(frozen=True)
class TargetField:
    """One target of the form, in words, with what was typed and what was said of it."""

    code: str
    label: str
    title: str
    rule: str
    previous: str
    current: str
    current_note: str  # the note of the figure that counts now, as typed (shown as text)
    answer: YearAnswer
    problems: dict[str, str] = field(default_factory=dict)  # by field: value, note, source, reason
    far: str = ""  # why the figure is far from the last years (their figures in it)
    counted: str = ""  # without the committee's own: what counts now, and from where (ratings, units)
    counted_note: str = ""  # a target counted from ratings: that it is, and what a typed figure does


def target_fields(
    lines: list[YearLine], answers: dict[str, YearAnswer], entry: YearEntry | None
) -> list[TargetField]:
    problems = {} if entry is None else entry.problems
    far: dict[str, FarValue] = {} if entry is None else entry.far
    found = []
    for line in lines:
        code = line.target.code
        found.append(
            TargetField(
                code,
                line.label,
                line.title,
                line.rule,
                line.previous_words or "-",
                line.words(line.current),
                (line.current.note or "") if line.current else "",
                answers.get(code, YearAnswer()),
                {what: problems.get((code, what), "") for what in ANSWER_FIELDS},
                far[code].words if code in far else "",
                "" if line.current else line.counted(line.year),
                line.counted_note,
            )
        )
    return found


def answers_of(form: FormData) -> dict[str, YearAnswer]:
    """The form's answers by target code: `T07`, `T07.note`, `T07.source`, `T07.reason`,
    `T07.estimate` (ticked: an estimate), `T07.confirm` (the far figure confirmed, as typed)."""
    codes = {key.split(".", 1)[0] for key in form if key != "csrf_token"}
    return {
        code: YearAnswer(
            text_of(form, code),
            text_of(form, f"{code}.note"),
            text_of(form, f"{code}.source"),
            bool(text_of(form, f"{code}.estimate")),
            text_of(form, f"{code}.reason"),
            text_of(form, f"{code}.confirm"),
        )
        for code in codes
    }


def figures_page(
    request: Request,
    visit: Visit,
    year: int,
    resolution: Resolution,
    fields: list[TargetField],
    *,
    problem: str = "",
    status: int = 200,
) -> Response:
    context: dict[str, Any] = {
        "year": year,
        "fields": fields,
        "years": year_years(request, resolution.years, year),
        "problem": problem,
        "far_count": sum(1 for f in fields if f.far),
        "saved": saved_words(request, year),
    }
    return page(request, "figures.html", context, visit=visit, status=status)


def saved_words(request: Request, year: int) -> str:
    """What the last save did, as `tracker enter` says it (the redirect carries the count)."""
    count = saved_count(request)
    if count is None:
        return ""
    if not count:
        return _("No new figures; nothing saved.")
    return ngettext("Saved {n} figure for {year}.", "Saved {n} figures for {year}.", count).format(
        n=count, year=year
    )


async def figures_form(request: Request) -> Response:
    visit = await office_visit(request)
    year: int = request.path_params["year"]
    lang = current_language()

    def read(session: Session, resolution: Resolution) -> tuple[Resolution, list[YearLine]]:
        return resolution, year_lines(session, resolution, year, lang)

    resolution, lines = await on_resolution(request, read, writes=False)
    return figures_page(request, visit, year, resolution, target_fields(lines, {}, None))


async def figures_save(request: Request) -> Response:
    visit = await office_visit(request)
    form = await checked_form(request, visit)
    year: int = request.path_params["year"]
    answers, lang = answers_of(form), current_language()
    options = ImportOptions(visit.account.name, far=portal_of(request).settings.config.checks.far_rule)

    def save(session: Session, resolution: Resolution) -> tuple[Resolution, YearEntry]:
        return resolution, enter_year(session, resolution, year, answers, options, lang)

    try:
        resolution, entry = await on_resolution(request, save, writes=True)
    except TrackerError as exc:  # refused when stored (nothing was): the form again, as typed
        resolution, lines = await on_resolution(
            request, lambda s, r: (r, year_lines(s, r, year, lang)), writes=False
        )
        fields = target_fields(lines, answers, None)
        return figures_page(request, visit, year, resolution, fields, problem=str(exc), status=400)
    if entry.problems or entry.far:
        problem = _("Nothing saved: correct the figures marked below.") if entry.problems else ""
        fields = target_fields(entry.lines, answers, entry)
        return figures_page(
            request, visit, year, resolution, fields, problem=problem, status=400 if problem else 200
        )
    return RedirectResponse(f"/figures/{year}?saved={entry.stored}", status_code=303)


ROUTES = [
    Route("/figures", to_this_year, methods=["GET"]),
    Route("/figures/{year:int}", figures_form, methods=["GET"]),
    Route("/figures/{year:int}", figures_save, methods=["POST"]),
]
