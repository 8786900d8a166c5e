"""A unit's form of a year, and the state of the units' years: what the faces show of submissions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from tracker import clock, records, store
from tracker.base import check_unit_year, check_year, find_unit
from tracker.errors import TrackerError
from tracker.evaluate import Measure, exists_in, figure, figure_words, localized
from tracker.i18n import _, current_language, current_zone
from tracker.records import FarValue, FigureRow
from tracker.store import Resolution, Session, Submission, SubmissionValue, Unit
from tracker.submissions._model import (
    DEFAULT_DEADLINE,
    Completeness,
    FormLine,
    SubmissionRules,
    UnitYear,
    UnitYearState,
    YearForm,
)


def deadline_of(year: int, month_day: str = DEFAULT_DEADLINE) -> date:
    """When the figures of `year` are due: that day ("MM-DD") of the next year."""
    month, day = (int(part) for part in month_day.split("-"))
    return date(year + 1, month, day)


def is_late(year: int, state: str, month_day: str) -> bool:
    """Past the deadline (today in the configured zone) and not submitted or accepted."""
    today = clock.now().astimezone(current_zone()).date()
    return state not in ("submitted", "accepted") and today > deadline_of(year, month_day)


def unit_of_year(session: Session, resolution: Resolution, unit_code: str, year: int) -> Unit:
    """The unit a person names, existing in a year of the resolution (else a TrackerError)."""
    unit = find_unit(session, resolution, unit_code)
    check_year(resolution, year)
    check_unit_year(unit, year)
    return unit


def typed_rows(
    session: Session,
    resolution: Resolution,
    unit: Unit,
    year: int,
    values: Sequence[SubmissionValue],
    by: str,
) -> tuple[dict[str, FigureRow], dict[str, str]]:
    """The rows the typed values would store (by code), and the command line's message for each
    value it would refuse; a value left empty is neither."""
    if not any(value.text.strip() for value in values):
        return {}, {}
    targets = {t.id: t for t in store.targets_of(session, resolution.id)}
    rows: dict[str, FigureRow] = {}
    problems: dict[str, str] = {}
    for value in values:
        target = targets.get(value.target_id)
        code = f"#{value.target_id}" if target is None else target.code
        if not value.text.strip():
            continue
        typed = (value.text, value.note, value.source)
        try:
            rows[code] = records.unit_value_row(session, resolution, unit, year, target or code, typed, by)
        except TrackerError as exc:
            problems[code] = str(exc)
    return rows, problems


def far_of(
    session: Session, unit: Unit, rows: Mapping[str, FigureRow], rules: SubmissionRules
) -> dict[str, FarValue]:
    """The rows far from the unit's own history, by code."""
    found = records.far_rows(session, list(rows.values()), rules.far, {unit.id: unit.code})
    return {far.code: far for far in found}


def year_form(
    session: Session,
    resolution: Resolution,
    unit_code: str,
    year: int,
    *,
    rules: SubmissionRules | None = None,
) -> YearForm:
    """The unit's form of the year: every target it is expected on (as its workbook of
    `template --units`), its figure of the year before, its quota, what it has typed, what counts."""
    rules = rules or SubmissionRules()
    unit = unit_of_year(session, resolution, unit_code, year)
    submission = store.find_submission(session, unit.id, year)
    values = [] if submission is None else store.submission_values(session, submission.id)
    rows, problems = typed_rows(session, resolution, unit, year, values, "-")
    far = far_of(session, unit, rows, rules)
    lines = form_lines(session, resolution, unit, year, values, far, problems)
    return form_of(unit, year, submission, lines, rules)


def form_of(
    unit: Unit, year: int, submission: Submission | None, lines: Sequence[FormLine], rules: SubmissionRules
) -> YearForm:
    state = "none" if submission is None else submission.state
    deadline = deadline_of(year, rules.deadline)
    late = is_late(year, state, rules.deadline)
    if submission is None:
        return YearForm(unit.code, unit.name, year, state, 0, None, deadline, late, tuple(lines))
    return YearForm(
        unit.code,
        unit.name,
        year,
        state,
        submission.version,
        submission.comment,
        deadline,
        late,
        tuple(lines),
        submission.updated_by,
        submission.updated_at,
        submission.submitted_by,
        submission.submitted_at,
    )


def form_lines(
    session: Session,
    resolution: Resolution,
    unit: Unit,
    year: int,
    values: Sequence[SubmissionValue],
    far: Mapping[str, FarValue],
    problems: Mapping[str, str],
) -> list[FormLine]:
    lang = current_language()
    lines = records.unit_year_lines(session, resolution, year, lang)
    keys = {(line.target.id, unit.id, when) for line in lines for when in (year - 1, year)}
    figures = {(e.target_id, e.year): e for e in store.latest_unit_entries(session, keys)}
    quotas = store.latest_quotas(session, {(line.target.id, unit.id, year) for line in lines})
    typed = {v.target_id: v for v in values}
    found = []
    for line in lines:
        target, value = line.target, typed.get(line.target.id)
        quota = quotas.get((target.id, unit.id, year))
        previous, counted = figures.get((target.id, year - 1)), figures.get((target.id, year))
        found.append(
            FormLine(
                target.code,
                line.title,
                localized(target.unit, target.unit_en, lang),
                None if previous is None else figure_words(previous.figure, line.measure, lang),
                None if quota is None else figure(quota.value, Measure.COUNT, lang),
                "" if value is None else value.text,
                "" if value is None else value.note or "",
                "" if value is None else value.source or "",
                None if counted is None else figure_words(counted.figure, line.measure, lang),
                far.get(target.code),
                problems.get(target.code),
            )
        )
    return found


def year_states(
    session: Session, resolution: Resolution, year: int, *, rules: SubmissionRules | None = None
) -> dict[str, UnitYearState]:
    """Each unit existing in the year (by code, in the units' order): its submission's state,
    when it last changed, and whether it is late."""
    rules = rules or SubmissionRules()
    check_year(resolution, year)
    found = {s.unit_id: s for s in store.submissions_of(session, resolution.id, year)}
    states = {}
    for unit in store.units_of(session, resolution.id):
        if not exists_in(year, unit.from_year, unit.to_year):
            continue
        submission = found.get(unit.id)
        state = "none" if submission is None else submission.state
        moment = None if submission is None else submission.updated_at
        states[unit.code] = UnitYearState(
            state,
            moment,
            is_late(year, state, rules.deadline),
            unit.name,
            None if submission is None else submission.submitted_at,
        )
    return states


def completeness(states: Mapping[str, UnitYearState]) -> Completeness:
    """The counts of a year's units matrix (year_states)."""
    found = [s.state for s in states.values()]
    return Completeness(
        units=len(found),
        submitted=sum(state in ("submitted", "accepted") for state in found),
        accepted=found.count("accepted"),
        late=sum(s.late for s in states.values()),
        returned=found.count("returned"),
    )


def due_year(years: Sequence[int]) -> int:
    """The reporting year whose figures are due now (last year), within the resolution's years."""
    wanted = clock.now().year - 1
    return min(max(wanted, years[0]), years[-1])


def unit_years(session: Session, resolution: Resolution, unit_code: str) -> list[tuple[int, str, str | None]]:
    """(year, state, the office's comment) of every year of the resolution the unit exists in."""
    unit = find_unit(session, resolution, unit_code)
    found = {s.year: s for s in store.unit_submissions(session, unit.id)}
    years = [y for y in resolution.years if exists_in(y, unit.from_year, unit.to_year)]
    return [(y, "none", None) if y not in found else (y, found[y].state, found[y].comment) for y in years]


def unit_year_list(
    session: Session, resolution: Resolution, unit_code: str, *, rules: SubmissionRules | None = None
) -> list[UnitYear]:
    """Every year of the resolution the unit exists in: its state, the office's comment, its
    deadline, and whether it is late (a unit's own page)."""
    due = (rules or SubmissionRules()).deadline
    return [
        UnitYear(year, state, comment, deadline_of(year, due), is_late(year, state, due))
        for year, state, comment in unit_years(session, resolution, unit_code)
    ]


def as_office_sees(form: YearForm) -> YearForm:
    """A draft is the unit's own until it is submitted: the office and viewers see its state,
    not its values."""
    if form.state != "draft":
        return form
    lines = tuple(replace(line, text="", note="", source="", far=None, problem=None) for line in form.lines)
    return replace(form, lines=lines)


def no_figure_message(unit: Unit, year: int) -> str:
    message = _("{unit} {year}: nothing to submit: the form has no figure; type at least one value")
    return message.format(unit=unit.code, year=year)
