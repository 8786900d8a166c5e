"""A unit's form of a year (docs/web.md#a-units-form): `GET /units/{UNIT}/{YEAR}` shows it, `POST`
saves a draft or submits it through tracker.submissions, the command line's rules and messages.

The fields: `T07` (the value as typed), `T07.note`, `T07.source`, `T07.confirm=1` (a value far
from the unit's history, kept once ticked), `version` (the version the person saw), `action`
(`save` or `submit`), `csrf_token`. A refused value: the form again, status 400, each message
next to its field and every field as typed; nothing is saved."""

from __future__ import annotations

from dataclasses import dataclass, replace

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from tracker.accounts import Visit
from tracker.errors import TrackerError
from tracker.i18n import _
from tracker.submissions import EntryInput, Saved, SubmissionConflict, YearForm, save_draft, submit
from tracker.web._portal import in_thread, portal_of
from tracker.web._sign_in import signed_out_form
from tracker.web._unit_views import draw_form, read_form
from tracker.web._visits import Refused, checked_form, current_visit, may_see_unit, signed_in

ACTIONS = {"save": save_draft, "submit": submit}
NOTICES = {"save": "saved", "submit": "submitted"}


@dataclass(frozen=True)
class Typed:
    """What a person typed on the form: each target's value, note, source and tick, by code."""

    entries: dict[str, EntryInput]
    confirmed: frozenset[str]
    version: int | None

    def onto(self, form: YearForm) -> YearForm:
        """The form with what was typed in place of what is stored."""
        lines = []
        for line in form.lines:
            typed = self.entries.get(line.code)
            if typed is not None:
                line = replace(line, text=typed.text, note=typed.note, source=typed.source)
            lines.append(line)
        return replace(form, lines=tuple(lines))


def typed_of(form: FormData, year_form: YearForm) -> Typed:
    """The fields of the form's targets (a field of no target on the form is left alone)."""

    def field(name: str) -> str:
        value = form.get(name)
        return value if isinstance(value, str) else ""

    entries = {
        line.code: EntryInput(field(line.code), field(f"{line.code}.note"), field(f"{line.code}.source"))
        for line in year_form.lines
    }
    confirmed = frozenset(line.code for line in year_form.lines if field(f"{line.code}.confirm") == "1")
    version = field("version").strip()
    if version and not version.isdigit():
        raise Refused(400, _("The form's version is not a number: open the form again."))
    return Typed(entries, confirmed, int(version) if version else None)


async def show_form(request: Request) -> Response:
    visit = await signed_in(request)
    code, year = request.path_params["unit"], request.path_params["year"]
    may_see_unit(visit, code)
    form = await read_form(request, visit, code, year)
    notice = next((words for key, words in notice_words().items() if key in request.query_params), None)
    return draw_form(request, visit, form, notice=notice)


def notice_words() -> dict[str, str]:
    return {
        "saved": _("The draft is saved. Only your unit sees it until you submit it."),
        "submitted": _("The figures are submitted to the office. They count once the office accepts them."),
    }


async def save_form(request: Request) -> Response:
    """Save or submit; refused values, far values and conflicts answer the form again, as typed."""
    code, year = request.path_params["unit"], request.path_params["year"]
    if await current_visit(request) is None:
        message = _(
            "Your session has ended. Sign in again: what you typed comes back into the form, not saved yet."
        )
        return signed_out_form(request, await request.form(), message)
    visit = await signed_in(request)
    form = await checked_form(request, visit)
    may_see_unit(visit, code)
    if visit.account.role != "unit":
        raise Refused(403, _("Only the unit's own account may save or submit its figures."))
    current = await read_form(request, visit, code, year)
    typed = typed_of(form, current)
    if form.get("resume") == "1":  # back from signing in again: shown, not saved
        notice = _(
            "Signed in again. What you typed is back in the form but not saved yet: save or submit it."
        )
        return draw_form(
            request, visit, typed.onto(current), typed=typed.confirmed, notice=notice, version=typed.version
        )
    action = form.get("action")
    if not isinstance(action, str) or action not in ACTIONS:
        raise Refused(400, _("Choose to save the draft or to submit the figures."))
    try:
        saved = await in_thread(lambda: store_form(request, visit, code, year, typed, action))
    except SubmissionConflict as exc:
        now = await read_form(request, visit, code, year)
        return draw_form(request, visit, typed.onto(now), typed=typed.confirmed, problem=str(exc), status=409)
    except TrackerError as exc:
        return draw_form(
            request, visit, typed.onto(current), typed=typed.confirmed, problem=str(exc), status=400
        )
    if not saved.stored:
        return refused_values(request, visit, saved, typed)
    return RedirectResponse(f"/units/{saved.form.unit_code}/{year}?{NOTICES[action]}=1", status_code=303)


def store_form(request: Request, visit: Visit, code: str, year: int, typed: Typed, action: str) -> Saved:
    """One unit of work: the draft saved or the figures submitted, or nothing at all."""
    from tracker.base import current_resolution
    from tracker.submissions import rules_of

    portal = portal_of(request)
    with portal.database.work() as session:
        resolution = current_resolution(session, portal.settings)
        return ACTIONS[action](
            session,
            resolution,
            code,
            year,
            typed.entries,
            account=visit.account.name,
            version=typed.version,
            confirmed=typed.confirmed,
            rules=rules_of(portal.settings),
        )


def refused_values(request: Request, visit: Visit, saved: Saved, typed: Typed) -> Response:
    """The form again as typed, each refused value with its message, each far value with the
    unit's history and the box to confirm it: nothing was saved (400)."""
    lines = tuple(
        replace(line, problem=saved.problems.get(line.code), far=saved.far.get(line.code))
        for line in typed.onto(saved.form).lines
    )
    form = replace(saved.form, lines=lines)
    problem = _("Nothing was saved: correct or confirm the figures marked below.")
    return draw_form(
        request, visit, form, typed=typed.confirmed, problem=problem, status=400, version=typed.version
    )
