"""The office's review of a unit's submission (`/review/{UNIT}/{YEAR}`): the office and viewers
read it (each value as typed, its note and source, the figure that counts now, the unit's figure
of the year before, the far values, its state, who submitted it when); the office accepts it
(its figures then count) or returns it with a comment, through tracker.submissions as
`tracker submission accept | return` do. Every decision names the version of the submission
the page showed: of two people deciding at once, one wins, the other reads a 409 page saying
what happened, and nothing of theirs is written."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from tracker.accounts import Visit
from tracker.base import current_resolution
from tracker.errors import TrackerError
from tracker.evaluate import short_date
from tracker.i18n import _, current_language
from tracker.sheets import cell_year
from tracker.submissions import (
    FormLine,
    SubmissionConflict,
    YearForm,
    accept,
    as_office_sees,
    return_submission,
    rules_of,
    state_words,
    year_form,
)
from tracker.web._pages import page
from tracker.web._portal import in_thread, portal_of
from tracker.web._units_matrix import READERS, when
from tracker.web._visits import Refused, checked_form, signed_in

DECIDERS = ("office",)
SHOWN_STATES = ("submitted", "accepted", "returned")
COUNTS = ("new", "changed", "unchanged")


@dataclass(frozen=True)
class ReviewLine:
    code: str
    name: str
    measure: str
    previous: str
    typed: str
    note: str
    source: str
    counted: str
    far: str


@dataclass(frozen=True)
class Review:
    unit_code: str
    unit_name: str
    year: int
    state: str
    state_key: str
    version: int
    late: str
    deadline: str
    submitted: str  # "submitted by syt at ..."
    comment: str
    shown: bool  # the typed values are shown (not a draft, nor nothing)
    may_decide: bool
    action: str
    lines: list[ReviewLine]


def unit_year(request: Request) -> tuple[str, int]:
    return request.path_params["unit"], cell_year(request.path_params["year"])


def line_of(line: FormLine) -> ReviewLine:
    far = "" if line.far is None else line.far.words
    typed = (line.text, line.note, line.source)
    return ReviewLine(
        line.code, line.name, line.unit_of_measure, line.previous or "", *typed, line.counted or "", far
    )


def review_of(form: YearForm, visit: Visit) -> Review:
    form = as_office_sees(form)  # a draft's values are the unit's own
    shown = form.state in SHOWN_STATES
    submitted = ""
    if form.submitted_by and form.submitted_at and shown:
        message = _("submitted by {name} at {at}")
        submitted = message.format(name=form.submitted_by, at=when(form.submitted_at))
    return Review(
        unit_code=form.unit_code,
        unit_name=form.unit_name,
        year=form.year,
        state=state_words(form.state),
        state_key=form.state,
        version=form.version,
        late=_("late") if form.late else "",
        deadline="" if form.deadline is None else short_date(form.deadline, current_language()),
        submitted=submitted,
        comment=form.comment or "" if form.state == "returned" else "",
        shown=shown,
        may_decide=visit.account.role in DECIDERS and form.state == "submitted",
        action=f"/review/{quote(form.unit_code, safe='')}/{form.year}",
        lines=[line_of(line) for line in form.lines],
    )


async def read_form(request: Request, unit: str, year: int) -> YearForm:
    portal = portal_of(request)
    rules = rules_of(portal.settings)

    def read() -> YearForm:
        with portal.database.work(writes=False) as session:
            resolution = current_resolution(session, portal.settings)
            return year_form(session, resolution, unit, year, rules=rules)

    return await in_thread(read)


def notice_of(review: Review, query: Mapping[str, str]) -> str:
    """What the decision just made did (after its redirect), said only while it is still so."""
    done = query.get("done")
    if done == "returned" and review.state_key == "returned":
        message = _("{unit} {year} returned to the unit with the comment")
        return message.format(unit=review.unit_code, year=review.year)
    if done == "accepted" and review.state_key == "accepted":
        counts = {key: query.get(key, "") for key in COUNTS}
        if all(value.isascii() and value.isdigit() for value in counts.values()):
            message = _("{unit} {year} accepted: {new} new, {changed} corrected, {unchanged} unchanged")
            return message.format(unit=review.unit_code, year=review.year, **counts)
    return ""


def review_page(
    request: Request, visit: Visit, form: YearForm, *, problem: str = "", comment: str = "", status: int = 200
) -> Response:
    review = review_of(form, visit)
    context = {
        "review": review,
        "notice": notice_of(review, request.query_params),
        "problem": problem,
        "typed_comment": comment,
    }
    return page(request, "review.html", context, visit=visit, status=status)


async def show_review(request: Request) -> Response:
    visit = await signed_in(request, roles=READERS)
    unit, year = unit_year(request)
    return review_page(request, visit, await read_form(request, unit, year))


def version_of(form: FormData) -> int:
    text = str(form.get("version") or "").strip()
    if not (text.isascii() and text.isdigit()):
        raise Refused(400, _("The form has no version of the submission; open the page again."))
    return int(text)


async def decide(request: Request) -> Response:
    visit = await signed_in(request, roles=DECIDERS)
    form = await checked_form(request, visit)
    unit, year = unit_year(request)
    action, version, comment = form.get("action"), version_of(form), str(form.get("comment") or "")
    if action not in ("accept", "return"):
        raise Refused(400, _("Choose Accept or Return."))
    portal, account = portal_of(request), visit.account.name
    rules = rules_of(portal.settings)

    def write() -> tuple[str, dict[str, object]]:
        with portal.database.work(writes=True) as session:
            resolution = current_resolution(session, portal.settings)
            if action == "return":
                back = return_submission(
                    session, resolution, unit, year,
                    account=account, version=version, comment=comment, rules=rules,
                )  # fmt: skip
                return back.unit_code, {"done": "returned"}
            done = accept(session, resolution, unit, year, account=account, version=version, rules=rules)
            counts = {"new": done.new, "changed": done.changed, "unchanged": done.unchanged}
            return done.form.unit_code, {"done": "accepted", **counts}

    try:
        code, said = await in_thread(write)
    except SubmissionConflict as exc:
        return conflict_page(request, visit, str(exc), unit, year)
    except TrackerError as exc:  # an empty comment, a value now refused: the page again, with why
        found = await read_form(request, unit, year)
        return review_page(request, visit, found, problem=str(exc), comment=comment, status=400)
    where = f"/review/{quote(code, safe='')}/{year}?{urlencode(said)}"
    return RedirectResponse(where, status_code=303)


def conflict_page(request: Request, visit: Visit, message: str, unit: str, year: int) -> Response:
    context = {"message": message, "back": f"/review/{quote(unit, safe='')}/{year}"}
    return page(request, "review_conflict.html", context, visit=visit, status=409)


ROUTES = [
    Route("/review/{unit}/{year}", show_review, methods=["GET"]),
    Route("/review/{unit}/{year}", decide, methods=["POST"]),
]
