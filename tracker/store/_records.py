"""What the store hands the layers above: frozen records of plain values, one type per stored
thing, defined here once. The tables (tracker/store/_tables.py) never leave the store: a query
turns its rows into these, and a write takes these (or their fields) back.

A record of a row the database has made carries its `id`; a report run or a job run that the
application builds before it is stored has none yet (`id` None) until `save_*` returns it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from tracker.evaluate import Figure


@dataclass(frozen=True)
class Resolution:
    """A congress resolution: one body's resolution for one term."""

    id: int
    code: str
    title: str
    body: str
    congress_date: date
    first_year: int
    last_year: int
    title_en: str | None = None
    superior_body: str | None = None

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.first_year, self.last_year + 1))


@dataclass(frozen=True)
class Target:
    """A measurable target of a resolution, as config.yaml defines it (see docs/config.md)."""

    id: int
    resolution_id: int
    code: str
    position: int
    title: str
    title_en: str
    measure: str
    rule: str
    comparator: str
    threshold: float
    source_kind: str
    short_title: str | None = None
    short_title_en: str | None = None
    unit: str = ""
    unit_en: str = ""
    source_wording: str | None = None
    source_why: str | None = None
    source_why_en: str | None = None
    source_reference: str | None = None
    part_of: str | None = None  # a "trong đó" target: its figures are part of this target's
    figures_from: str | None = None  # the target whose figures this one is judged on
    rating_of: str | None = None  # a rating target: agency or party_org
    rating_at_least: str | None = None  # ... counting the units rated at this level or better


@dataclass(frozen=True)
class Unit:
    """A grassroots party organisation of a resolution's committee, for the years it exists."""

    id: int
    resolution_id: int
    code: str
    position: int
    name: str
    kind: str
    agency: str | None = None
    from_year: int | None = None
    to_year: int | None = None


@dataclass(frozen=True)
class Revision:
    """One stored revision of the figure of a target for a year: the committee's own (unit_id
    None) or a unit's. Never overwritten: the highest revision counts."""

    target_id: int
    unit_id: int | None
    year: int
    revision: int
    figure: Figure
    note: str | None
    source_document: str | None
    reason: str | None
    recorded_by: str
    recorded_at: datetime
    submitted_by: str | None = None  # the unit account whose submission the office accepted


@dataclass(frozen=True)
class UnitFigure:
    """A unit's current figure of one target and year (its latest revision), without the note
    and source of a whole revision: what a committee of a thousand units reads by the year."""

    target_id: int
    unit_id: int
    year: int
    revision: int
    figure: Figure
    recorded_at: datetime


@dataclass(frozen=True)
class Rating:
    """One revision of the standing committee's rating of a unit for a year, as a party
    organisation (of = party_org) or as its agency (of = agency)."""

    unit_id: int
    of: str
    year: int
    level: str
    revision: int
    reason: str | None
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class Quota:
    """One revision of the quota a unit was given for a count target and a year."""

    target_id: int
    unit_id: int
    year: int
    revision: int
    value: int
    reason: str | None
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class ReportRun:
    """One rendered report: when, as of which year, from which data, and every target's status
    and figures (the next report compares itself with them)."""

    resolution_id: int
    as_of: int
    kind: str | None
    lang: str
    formats: str
    created_at: datetime
    trigger: str = "manual"
    data_cutoff: datetime | None = None
    as_recorded: datetime | None = None
    paths: list[str] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)
    figures: dict[str, dict[str, float]] = field(default_factory=dict)
    id: int | None = None
    chain_head: str | None = None  # the hash of the chain's last link when it was made


@dataclass(frozen=True)
class JobRun:
    """One run of a scheduled job, and what became of its e-mail."""

    schedule_id: str
    kind: str
    resolution_id: int
    trigger: str
    started_at: datetime
    scheduled_for: datetime | None = None
    finished_at: datetime | None = None
    outcome: str = "running"  # running, ok, failed
    message: str = ""
    as_of: int | None = None
    report_run_id: int | None = None
    recipients: list[str] = field(default_factory=list)
    mail_subject: str = ""
    mail_body: str = ""
    attachments: list[str] = field(default_factory=list)
    delivery: str = "none"  # none, unchanged, pending, sent, failed
    delivery_attempts: int = 0
    delivered_at: datetime | None = None
    delivery_error: str | None = None
    message_id: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class Lease:
    """Who runs something against this database (the scheduler service, one job's run)."""

    name: str
    holder: str
    started_at: datetime
    heartbeat_at: datetime


@dataclass(frozen=True)
class Account:
    """A portal account as stored: its unit (code and resolution) when it is a unit's, and the
    argon2id hash of its password (which never leaves the accounts package)."""

    id: int
    name: str
    role: str
    unit_id: int | None
    unit_code: str | None
    resolution_code: str | None
    password_hash: str = field(repr=False)
    disabled: bool
    created_at: datetime
    password_changed_at: datetime


@dataclass(frozen=True)
class SignIn:
    """One line of the sign-in log: the name as typed, when, its outcome, where from, and the
    end of the lock this attempt started (a failure that made ten)."""

    name: str
    at: datetime
    outcome: str
    remote: str | None = None
    locked_until: datetime | None = None


@dataclass(frozen=True)
class WebSession:
    """A signed-in browser: its account as stored now, the token of its forms, and when it
    began and was last seen."""

    id: int
    account: Account
    csrf_token: str = field(repr=False)
    created_at: datetime
    seen_at: datetime


@dataclass(frozen=True)
class Submission:
    """A unit's figures of one year entered on the portal: its state and who changed it, when."""

    id: int
    resolution_id: int
    unit_id: int
    year: int
    state: str  # draft, submitted, accepted, returned
    version: int
    comment: str | None
    updated_by: str
    updated_at: datetime
    submitted_at: datetime | None
    submitted_by: str | None
    decided_at: datetime | None
    decided_by: str | None


@dataclass(frozen=True)
class SubmissionValue:
    """One figure of a submission as the unit typed it."""

    target_id: int
    text: str
    note: str | None
    source: str | None
    far_confirmed: bool
