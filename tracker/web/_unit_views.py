"""A unit's form of a year drawn for the person who opened it: its state, deadline and comment in
words, every target's field with last year's figure, the quota, the value's accepted ways, and
beside a far value the unit's history and the box that confirms it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from tracker.accounts import Visit
from tracker.errors import TrackerError
from tracker.evaluate import history_words, short_date
from tracker.i18n import _, current_language
from tracker.submissions import FormLine, YearForm, as_office_sees, state_words
from tracker.web._pages import page
from tracker.web._portal import in_thread, portal_of
from tracker.web._visits import Refused


@dataclass(frozen=True)
class FieldView:
    """One target's line of the form, every word ready for the page."""

    line: FormLine
    far_words: str | None
    history: str | None
    confirm: bool  # the box "I confirm this figure" is drawn
    confirmed: bool  # ...and ticked


async def read_form(request: Request, visit: Visit, code: str, year: int) -> YearForm:
    """The unit's form of the year as the visitor may see it; an unknown unit or year: 404 with
    the command line's message."""
    from tracker.base import current_resolution
    from tracker.submissions import rules_of, year_form

    portal = portal_of(request)

    def read() -> YearForm:
        with portal.database.work(writes=False) as session:
            resolution = current_resolution(session, portal.settings)
            return year_form(session, resolution, code, year, rules=rules_of(portal.settings))

    try:
        form = await in_thread(read)
    except TrackerError as exc:
        raise Refused(404, str(exc)) from exc
    return form if visit.account.role == "unit" else as_office_sees(form)


def field_views(form: YearForm, ticked: Collection[str] | None) -> list[FieldView]:
    """The lines as fields; `ticked`: the codes the person ticked (None: the form as stored, where
    a far value was kept only once confirmed)."""
    lang = current_language()
    views = []
    for line in form.lines:
        far = line.far
        history = None if far is None else history_words(far.far.history, far.far.measure, lang)
        confirmed = (far is not None and line.text != "") if ticked is None else line.code in ticked
        views.append(
            FieldView(
                line, None if far is None else far.words, history, far is not None or confirmed, confirmed
            )
        )
    return views


def editable(visit: Visit, form: YearForm) -> bool:
    """The unit's own account, on a year it may still change (office and viewers only read)."""
    account = visit.account
    own = account.role == "unit" and (account.unit or "").upper() == form.unit_code.upper()
    return own and form.unit_may_change


def draw_form(
    request: Request,
    visit: Visit,
    form: YearForm,
    *,
    typed: Collection[str] | None = None,
    notice: str | None = None,
    problem: str | None = None,
    status: int = 200,
    version: int | None = None,
) -> Response:
    """The form page; `typed`: the codes ticked when the form shows what was just typed."""
    lang = current_language()
    values = {
        "form": form,
        "fields": field_views(form, typed),
        "state_words": state_words(form.state),
        "deadline": "" if form.deadline is None else short_date(form.deadline, lang),
        "editable": editable(visit, form),
        "unsaved": typed is not None,
        "office": visit.account.role == "office",
        "version": form.version if version is None else version,
        "notice": notice,
        "problem": problem,
        "accepted_ways": _("162, 1.200, 90,5, 90.5, 90,5% or 38/42 (a share as its counts)."),
    }
    return page(request, "unit_form.html", values, visit=visit, status=status)
