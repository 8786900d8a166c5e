"""What a person is told when a submission is no longer as they saw it, or its state does not
allow what they asked: one sentence saying what happened, and who did it, when."""

from __future__ import annotations

from tracker.evaluate import moment_text, printable
from tracker.i18n import _, current_language, current_zone
from tracker.store import Submission
from tracker.submissions._model import UNIT_MAY_CHANGE, SubmissionConflict


def _when(submission: Submission) -> str:
    moment = submission.decided_at or submission.submitted_at or submission.updated_at
    return moment_text(moment, current_zone(), current_language())


def what_happened(submission: Submission) -> str:
    """The submission's last change in a sentence."""
    at, state = _when(submission), submission.state
    if state == "accepted":
        message = _("the office already accepted this year's figures at {at} (by {name})")
        return message.format(at=at, name=printable(submission.decided_by or ""))
    if state == "returned":
        message = _("the office returned this year's figures at {at} (by {name})")
        return message.format(at=at, name=printable(submission.decided_by or ""))
    if state == "submitted":
        message = _("this year's figures were submitted at {at} (by {name}) and wait for the office")
        return message.format(at=at, name=printable(submission.submitted_by or ""))
    message = _("this year's draft was saved again at {at} (by {name}); open the form again to see it")
    return message.format(at=at, name=printable(submission.updated_by))


def check_unit_may_change(submission: Submission | None, version: int | None) -> None:
    """A unit saves or submits only a year not submitted, nor accepted, at the version it read."""
    if submission is None:
        if version not in (None, 0):
            raise SubmissionConflict(_("this year's form was changed meanwhile; open it again"))
        return
    if submission.state not in UNIT_MAY_CHANGE:
        advice = (
            _("it can no longer be changed unless the office returns it")
            if submission.state == "submitted"
            else _("it can no longer be changed")
        )
        raise SubmissionConflict(f"{what_happened(submission)}: {advice}")
    if version is not None and version != submission.version:
        raise SubmissionConflict(what_happened(submission))


def check_office_may_decide(
    submission: Submission | None, version: int | None, unit: str, year: int
) -> Submission:
    """The office accepts or returns only a submitted year, at the version it read."""
    if submission is None or submission.state == "draft":
        message = _(
            "{unit} {year}: nothing was submitted; the office accepts or returns only submitted figures"
        )
        raise SubmissionConflict(message.format(unit=unit, year=year))
    if submission.state != "submitted":
        raise SubmissionConflict(f"{unit} {year}: {what_happened(submission)}")
    if version is not None and version != submission.version:
        raise SubmissionConflict(f"{unit} {year}: {_('the submission changed meanwhile; open it again')}")
    return submission


def lost_race() -> SubmissionConflict:
    """Another writer changed the row between the read and the write (the lock makes it rare)."""
    return SubmissionConflict(
        _("this year's submission was changed meanwhile; nothing was written; open it again")
    )
