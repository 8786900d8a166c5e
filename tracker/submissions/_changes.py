"""The changes of a submission: a unit saves a draft or submits it, the office returns it with a
comment or accepts it (its figures then stored through the one ledger, and count).

Every change takes the resolution's chain lock (as every stored change does), reads the
submission under it, checks its state and the version the person saw, and changes the row only
while it still has that version: of two people changing one unit's year at once, one wins and the
other is told what happened (SubmissionConflict). A unit's save reads and checks its values
before taking the lock, so that the lock is held only to check the version again and write.
A submit, a return and an accept are each a link of the chain; all of it happens in the
caller's one unit of work, so a crash leaves all or nothing."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from tracker import clock, records, store
from tracker.base import find_target
from tracker.crashpoints import crash_point
from tracker.errors import TrackerError
from tracker.evaluate import MAX_NAME
from tracker.i18n import N_, _
from tracker.records import Outcome, checked_text
from tracker.store import Resolution, Session, Submission, SubmissionValue, Unit
from tracker.submissions._conflicts import (
    check_office_may_decide,
    check_unit_may_change,
    lost_race,
)
from tracker.submissions._form import (
    far_of,
    form_lines,
    form_of,
    no_figure_message,
    typed_rows,
    unit_of_year,
    year_form,
)
from tracker.submissions._model import Accepted, EntryInput, Saved, SubmissionRules, YearForm

ACCEPTED_REASON = N_("accepted from the unit's submission")


def _account(account: str) -> str:
    name = checked_text("--as", account, limit=MAX_NAME) or ""
    if not name:
        raise TrackerError(_("an account name is needed: say who makes the change"))
    return name


def _typed_values(
    session: Session, resolution: Resolution, entries: Mapping[str, EntryInput], confirmed: Collection[str]
) -> list[SubmissionValue]:
    """The entries as rows of submission_value, by the target each code names (a code that names
    none is kept by its text: the check of its value names it)."""
    targets = {t.code.casefold(): t for t in store.targets_of(session, resolution.id)}
    wanted = {c.casefold() for c in confirmed}
    values = []
    for code, entry in entries.items():
        target = targets.get(code.strip().casefold()) or find_target(session, resolution, code)
        if entry.text.strip() or entry.note.strip() or entry.source.strip():
            far_ok = target.code.casefold() in wanted
            values.append(
                SubmissionValue(
                    target.id, entry.text.strip(), entry.note or None, entry.source or None, far_ok
                )
            )
    return values


def _link(session: Session, resolution: Resolution, submission: Submission) -> None:
    content = store.canonical("submission", store.submission_row(submission))
    store.append_links(session, resolution.id, [("submission", content)])


def _change(session: Session, submission: Submission, changes: Mapping[str, Any]) -> Submission:
    changed = store.change_submission(session, submission.id, submission.version, changes)
    if changed is None:
        raise lost_race()
    return changed


def _save(
    session: Session,
    resolution: Resolution,
    unit_code: str,
    year: int,
    entries: Mapping[str, EntryInput],
    *,
    account: str,
    version: int | None,
    confirmed: Collection[str],
    rules: SubmissionRules | None,
    submitting: bool,
) -> Saved:
    """Read and check everything before the chain's lock (refused or far values: nothing is
    written, no lock is taken); under it, read the submission again, check its state and version
    again, write the row and its values and link it. The form shown after is made of what was
    read before the lock and the row as written."""
    rules = rules or SubmissionRules()
    by = _account(account)
    unit = unit_of_year(session, resolution, unit_code, year)
    check_unit_may_change(store.find_submission(session, unit.id, year), version)
    values = _typed_values(session, resolution, entries, confirmed)
    rows, problems = typed_rows(session, resolution, unit, year, values, by)
    every_far = far_of(session, unit, rows, rules)
    far = {code: f for code, f in every_far.items() if not _confirmed(code, confirmed)}
    if submitting and not rows and not problems:
        raise TrackerError(no_figure_message(unit, year))
    if problems or far:
        form = year_form(session, resolution, unit.code, year, rules=rules)
        return Saved(form, problems, far, False)
    lines = form_lines(session, resolution, unit, year, values, every_far, {})
    records.lock_chain(session, resolution.id)
    current = store.find_submission(session, unit.id, year)
    check_unit_may_change(current, version)  # again: another writer may have come first
    changed = _written(session, resolution, (unit, year), current, values, by, submitting)
    return Saved(form_of(unit, year, changed, lines, rules), {}, {}, True)


def _written(
    session: Session,
    resolution: Resolution,
    unit_year: tuple[Unit, int],
    current: Submission | None,
    values: Sequence[SubmissionValue],
    by: str,
    submitting: bool,
) -> Submission:
    """The submission row written (under the chain's lock), its values replaced, a submit linked."""
    (unit, year), now = unit_year, clock.now()
    changes: dict[str, Any] = {"updated_by": by, "updated_at": now}
    if submitting:
        changes |= {"state": "submitted", "submitted_by": by, "submitted_at": now}
    if current is None:
        changed = store.insert_submission(session, resolution.id, unit.id, year, changes)
    else:  # a returned year saved as a draft stays returned until it is submitted again
        changed = _change(session, current, changes)
    store.replace_submission_values(session, changed.id, values)
    if submitting:
        _link(session, resolution, changed)
    return changed


def _confirmed(code: str, confirmed: Collection[str]) -> bool:
    return code.casefold() in {c.casefold() for c in confirmed}


def save_draft(
    session: Session,
    resolution: Resolution,
    unit_code: str,
    year: int,
    entries: Mapping[str, EntryInput],
    *,
    account: str,
    version: int | None,
    confirmed: Collection[str] = (),
    rules: SubmissionRules | None = None,
) -> Saved:
    """Keep the unit's values of the year as a draft (only the unit sees it): nothing is written
    when a value would be refused by `tracker record --unit` or is far from the unit's history
    and not confirmed. An empty text is "no figure"."""
    return _save(
        session, resolution, unit_code, year, entries,
        account=account, version=version, confirmed=confirmed, rules=rules, submitting=False,
    )  # fmt: skip


def submit(
    session: Session,
    resolution: Resolution,
    unit_code: str,
    year: int,
    entries: Mapping[str, EntryInput],
    *,
    account: str,
    version: int | None,
    confirmed: Collection[str] = (),
    rules: SubmissionRules | None = None,
) -> Saved:
    """Save the values as save_draft does and send them to the office (refused without a figure)."""
    return _save(
        session, resolution, unit_code, year, entries,
        account=account, version=version, confirmed=confirmed, rules=rules, submitting=True,
    )  # fmt: skip


def _decided(
    session: Session, resolution: Resolution, unit_code: str, year: int, version: int | None
) -> tuple[Unit, Submission]:
    unit = unit_of_year(session, resolution, unit_code, year)
    records.lock_chain(session, resolution.id)
    found = store.find_submission(session, unit.id, year)
    return unit, check_office_may_decide(found, version, unit.code, year)


def return_submission(
    session: Session,
    resolution: Resolution,
    unit_code: str,
    year: int,
    *,
    account: str,
    version: int | None,
    comment: str,
    rules: SubmissionRules | None = None,
) -> YearForm:
    """Send a submitted year back to the unit with the office's comment (required)."""
    by = _account(account)
    said = (checked_text("--comment", comment, multiline=True) or "").strip()
    if not said:
        raise TrackerError(_("a return needs a comment telling the unit what to change"))
    unit, current = _decided(session, resolution, unit_code, year, version)
    now = clock.now()
    changes = {"state": "returned", "comment": said, "decided_by": by, "decided_at": now}
    changed = _change(session, current, changes | {"updated_by": by, "updated_at": now})
    _link(session, resolution, changed)
    return year_form(session, resolution, unit.code, year, rules=rules)


def accept(
    session: Session,
    resolution: Resolution,
    unit_code: str,
    year: int,
    *,
    account: str,
    version: int | None,
    rules: SubmissionRules | None = None,
) -> Accepted:
    """Store every submitted value as the unit's figure through the one ledger (recorded by the
    office's account, written by the unit's; a different figure already counted is corrected,
    with its reason), and mark the submission accepted. Nothing is stored when a value is now
    refused (the targets changed since): the message names it."""
    by = _account(account)
    unit, current = _decided(session, resolution, unit_code, year, version)
    values = store.submission_values(session, current.id)
    rows, problems = typed_rows(session, resolution, unit, year, values, by)
    if problems:
        raise TrackerError(next(iter(problems.values())))
    reason = _(ACCEPTED_REASON)
    counts = records.store_submitted(
        session,
        resolution,
        [row._replace(reason=reason) for row in rows.values()],
        by=by,
        submitted_by=current.submitted_by or current.updated_by,
        now=clock.now(),
        between=lambda: crash_point("accept-between-figures"),
    )
    now = clock.now()
    changes = {"state": "accepted", "decided_by": by, "decided_at": now, "updated_by": by, "updated_at": now}
    _link(session, resolution, _change(session, current, changes))
    form = year_form(session, resolution, unit.code, year, rules=rules)
    return Accepted(form, counts[Outcome.NEW], counts[Outcome.CHANGED], counts[Outcome.UNCHANGED])
