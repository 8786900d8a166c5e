"""The plain views and errors of the units' submissions, as the faces (command line, web) read them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from tracker.errors import TrackerError
from tracker.evaluate import FarRule
from tracker.i18n import N_
from tracker.records import FarValue

# "none": nothing saved yet; the others are a stored submission's state
STATES = ("none", "draft", "submitted", "accepted", "returned")
STATE_WORDS = {
    "none": N_("not submitted"),
    "draft": N_("draft"),
    "submitted": N_("submitted"),
    "accepted": N_("accepted"),
    "returned": N_("returned"),
}
UNIT_MAY_CHANGE = ("none", "draft", "returned")
DEFAULT_DEADLINE = "01-31"  # figures of year N are due that day of year N+1 (config web.deadline)


class SubmissionConflict(TrackerError):
    """The submission is no longer as the person saw it, or not in a state that allows the
    change: nothing was written; the message says what happened."""

    exit_code = 1


@dataclass(frozen=True)
class SubmissionRules:
    """What the config says of submissions: the rule of a far value, the yearly deadline "MM-DD"."""

    far: FarRule = field(default_factory=FarRule)
    deadline: str = DEFAULT_DEADLINE


@dataclass(frozen=True)
class FormLine:
    """One target on a unit's form of a year, every word in the reader's language."""

    code: str
    name: str
    unit_of_measure: str  # the measure's words: "người", "%"
    previous: str | None  # the unit's figure of the year before
    quota: str | None  # the unit's quota of a count target
    text: str  # the value as typed in the draft or submission ("" if none)
    note: str
    source: str
    counted: str | None  # the unit's figure that counts now for the year
    far: FarValue | None = None
    problem: str | None = None


@dataclass(frozen=True)
class YearForm:
    """A unit's form of a year: its state and every line."""

    unit_code: str
    unit_name: str
    year: int
    state: str
    version: int  # 0 while nothing is saved
    comment: str | None
    deadline: date | None
    late: bool
    lines: tuple[FormLine, ...]
    updated_by: str | None = None
    updated_at: datetime | None = None
    submitted_by: str | None = None
    submitted_at: datetime | None = None

    @property
    def unit_may_change(self) -> bool:
        """Whether the unit may still save or submit it (not submitted, nor accepted)."""
        return self.state in UNIT_MAY_CHANGE

    def line(self, code: str) -> FormLine:
        return next(line for line in self.lines if line.code.casefold() == code.casefold())


@dataclass(frozen=True)
class EntryInput:
    """One value as a unit typed it."""

    text: str
    note: str = ""
    source: str = ""


@dataclass(frozen=True)
class Saved:
    """What saving (or submitting) a form did: stored, or why not."""

    form: YearForm
    problems: dict[str, str]  # code -> the command line's message for the value
    far: dict[str, FarValue]  # code -> a value far from the unit's history, not confirmed
    stored: bool


@dataclass(frozen=True)
class Accepted:
    """What accepting a submission stored."""

    form: YearForm
    new: int
    changed: int
    unchanged: int


@dataclass(frozen=True)
class UnitYear:
    """One reporting year on a unit's own page: its state, the office's comment, the deadline."""

    year: int
    state: str
    comment: str | None
    deadline: date
    late: bool


@dataclass(frozen=True)
class UnitYearState:
    """A unit's year in the units matrix."""

    state: str
    updated_at: datetime | None
    late: bool
    name: str = ""
    submitted_at: datetime | None = None


@dataclass(frozen=True)
class Completeness:
    """How far the units of a year are: how many exist, have submitted (accepted ones too), were
    accepted, are late, were returned and wait for the unit."""

    units: int
    submitted: int
    accepted: int
    late: int
    returned: int
