"""The units' submissions on the portal: a unit's form of a year, its draft, its submission, the
office's return or acceptance (docs/submissions.md). The command line (`tracker submission`) and
the web call these same functions."""

from __future__ import annotations

from tracker.submissions._changes import accept, return_submission, save_draft, submit
from tracker.submissions._form import (
    as_office_sees,
    completeness,
    deadline_of,
    due_year,
    unit_year_list,
    unit_years,
    year_form,
    year_states,
)
from tracker.submissions._json import form_json
from tracker.submissions._model import (
    DEFAULT_DEADLINE,
    STATE_WORDS,
    STATES,
    Accepted,
    Completeness,
    EntryInput,
    FormLine,
    Saved,
    SubmissionConflict,
    SubmissionRules,
    UnitYear,
    UnitYearState,
    YearForm,
)
from tracker.submissions._rules import rules_of, state_words

__all__ = [
    "DEFAULT_DEADLINE",
    "STATES",
    "STATE_WORDS",
    "Accepted",
    "Completeness",
    "EntryInput",
    "FormLine",
    "Saved",
    "SubmissionConflict",
    "SubmissionRules",
    "UnitYear",
    "UnitYearState",
    "YearForm",
    "accept",
    "as_office_sees",
    "completeness",
    "deadline_of",
    "due_year",
    "form_json",
    "return_submission",
    "rules_of",
    "save_draft",
    "state_words",
    "submit",
    "unit_year_list",
    "unit_years",
    "year_form",
    "year_states",
]
