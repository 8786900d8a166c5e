"""The tables: resolution, target, unit, entry, quota. Changed only through an Alembic migration.

Entries are append-only: a correction is a new row with the next revision number and a
reason; the highest revision of (target, year) is the figure that counts, and of (target, unit,
year) for a unit's figure.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlmodel import Field, SQLModel

# Named constraints, so that migrations can refer to them on SQLite (batch mode) and
# PostgreSQL alike.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def utc_now() -> datetime:
    return datetime.now(UTC)


def stored_moment(moment: datetime) -> datetime:
    """A moment as a query compares it with stored ones: moments are stored as UTC (SQLite keeps
    the wall-clock text without its offset), so an aware one is turned to UTC first; a naive
    moment is taken as UTC."""
    return moment.astimezone(UTC) if moment.tzinfo else moment


def as_utc(moment: datetime) -> datetime:
    """A stored moment as an aware UTC datetime (SQLite hands back naive UTC values)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class ResolutionRow(SQLModel, table=True):
    __tablename__ = "resolution"
    __table_args__ = (UniqueConstraint("code"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32)
    title: str
    title_en: str | None = None
    body: str
    superior_body: str | None = None
    congress_date: date
    first_year: int
    last_year: int

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.first_year, self.last_year + 1))


class TargetRow(SQLModel, table=True):
    __tablename__ = "target"
    __table_args__ = (
        UniqueConstraint("resolution_id", "code"),
        CheckConstraint("threshold >= 0", name="threshold_not_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    resolution_id: int = Field(foreign_key="resolution.id")  # indexed by the unique (resolution_id, code)
    code: str = Field(max_length=32)
    position: int
    title: str
    title_en: str
    short_title: str | None = None
    short_title_en: str | None = None
    measure: str = Field(max_length=16)
    rule: str = Field(max_length=32)
    comparator: str = Field(max_length=2)
    threshold: float
    unit: str = ""
    unit_en: str = ""
    source_kind: str = Field(max_length=16)
    source_wording: str | None = None
    source_why: str | None = None
    source_why_en: str | None = None  # (0005)
    source_reference: str | None = None
    # a "trong đó" target: its figures are part of this target's (0010)
    part_of: str | None = Field(default=None, max_length=32)
    # the target whose figures this one is judged on; it takes none of its own (0010)
    figures_from: str | None = Field(default=None, max_length=32)
    # a rating target (config `measure: rating_share`): its figure is the share of the units
    # rated (as `agency` or `party_org`) at `rating_at_least` or better; measure is "share" (0009)
    rating_of: str | None = Field(default=None, max_length=16)
    rating_at_least: str | None = Field(default=None, max_length=16)


class UnitRow(SQLModel, table=True):
    """A grassroots party organisation of a resolution's committee, for the years it exists (0008)."""

    __tablename__ = "unit"
    __table_args__ = (UniqueConstraint("resolution_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    resolution_id: int = Field(foreign_key="resolution.id")  # indexed by the unique (resolution_id, code)
    code: str = Field(max_length=32)
    position: int
    name: str
    kind: str = Field(max_length=32)
    agency: str | None = None
    from_year: int | None = None
    to_year: int | None = None


RATING_REVISIONS = "ix_rating_unit_id_of_year_revision"


class RatingRow(SQLModel, table=True):
    """One revision of the standing committee's rating of a unit for a year, as a party
    organisation (of = party_org) or as its agency (of = agency); append-only like entries,
    the highest revision counts (0009)."""

    __tablename__ = "rating"
    __table_args__ = (
        Index(RATING_REVISIONS, "unit_id", "of", "year", "revision", unique=True),
        CheckConstraint("revision >= 1", name="revision_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id")  # indexed by RATING_REVISIONS
    of: str = Field(max_length=16)
    year: int
    level: str = Field(max_length=16)
    revision: int
    reason: str | None = None
    recorded_by: str = Field(max_length=128)
    recorded_at: datetime = Field(
        default_factory=utc_now, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


# The committee's own figures (no unit) are numbered per (target, year), a unit's per (target,
# unit, year): two unique indexes, because NULL equals nothing in a unique one (0008).
COMMITTEE_REVISIONS = "ix_entry_target_id_year_revision_committee"
UNIT_REVISIONS = "ix_entry_target_id_unit_id_year_revision"


class EntryRow(SQLModel, table=True):
    """One revision of the figure of one target for one year: the committee's own (unit_id
    NULL) or a unit's."""

    __tablename__ = "entry"
    __table_args__ = (
        Index(
            COMMITTEE_REVISIONS,
            "target_id",
            "year",
            "revision",
            unique=True,
            sqlite_where=text("unit_id IS NULL"),
            # PostgreSQL's index has the same condition (migration 0008 creates it, as every
            # index); `postgresql_where` is not repeated here because declaring it makes
            # SQLAlchemy import its PostgreSQL dialect in every command, SQLite or not (74 ms).
        ),
        Index(UNIT_REVISIONS, "target_id", "unit_id", "year", "revision", unique=True),
        CheckConstraint("revision >= 1", name="revision_positive"),
        CheckConstraint("value >= 0", name="value_not_negative"),
        CheckConstraint(
            "denominator IS NULL OR (denominator > 0 AND numerator >= 0 AND numerator <= denominator)",
            name="counts_make_a_share",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    target_id: int = Field(foreign_key="target.id")  # indexed by UNIT_REVISIONS
    unit_id: int | None = Field(default=None, foreign_key="unit.id")  # None: the committee's own (0008)
    year: int
    revision: int
    value: float
    # counts of people reach millions in a province: 64-bit on every database (0004)
    numerator: int | None = Field(default=None, sa_column=Column(BigInteger))
    denominator: int | None = Field(default=None, sa_column=Column(BigInteger))
    note: str | None = None
    source_document: str | None = None
    provisional: bool = False
    recorded_by: str = Field(max_length=128)
    recorded_at: datetime = Field(
        default_factory=utc_now, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    reason: str | None = None
    # the unit account that wrote a figure accepted from its submission (0014); NULL otherwise,
    # and then left out of the row's text in the chain, so the links made before stay as they are
    submitted_by: str | None = Field(default=None, max_length=64)


class QuotaRow(SQLModel, table=True):
    """One revision of the quota a unit was given for a count target and a year (0010): never
    overwritten; the highest revision of (target, unit, year) is the quota that counts."""

    __tablename__ = "quota"
    __table_args__ = (
        UniqueConstraint("target_id", "unit_id", "year", "revision"),
        CheckConstraint("revision >= 1", name="revision_positive"),
        CheckConstraint("value >= 0", name="value_not_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    target_id: int = Field(foreign_key="target.id")  # indexed by the unique constraint
    unit_id: int = Field(foreign_key="unit.id")
    year: int
    revision: int
    value: int = Field(sa_column=Column(BigInteger, nullable=False))
    reason: str | None = None
    recorded_by: str = Field(max_length=128)
    recorded_at: datetime = Field(
        default_factory=utc_now, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


class ChainLinkRow(SQLModel, table=True):
    """One link of a resolution's chain (0011): a stored change (a figure's, a rating's or a
    quota's revision, or a definition loaded by `init`) in its canonical text, the hash of the
    link before it and its own: sha256(prev + "\n" + content). Numbered 1, 2, ... per resolution,
    so that a link taken away leaves a gap (tracker/store/_chain.py, docs/verify.md)."""

    __tablename__ = "chain_link"
    __table_args__ = (UniqueConstraint("resolution_id", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    resolution_id: int = Field(foreign_key="resolution.id")  # indexed by the unique (resolution_id, seq)
    seq: int
    kind: str = Field(max_length=16)  # the table of the change: entry, rating, quota, target, ...
    content: str = Field(sa_column=Column(Text, nullable=False))
    prev: str = Field(sa_column=Column(String(64), nullable=False))
    hash: str = Field(sa_column=Column(String(64), nullable=False))


class ReportRunRow(SQLModel, table=True):
    """One rendered report: when, as of which year, from which data, and every target's status.

    The next report compares itself with this one ("what changed"), and the scheduler can
    tell what it already made.
    """

    __tablename__ = "report_run"
    # the previous report is the last of its resolution in this index: one row read, however many (0006)
    __table_args__ = (
        Index("ix_report_run_resolution_id_created_at_id", "resolution_id", "created_at", "id"),
        # the previous report of the same as-of year and kind (0007)
        Index(
            "ix_report_run_resolution_id_as_of_kind_created_at_id",
            "resolution_id",
            "as_of",
            "kind",
            "created_at",
            "id",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    resolution_id: int = Field(foreign_key="resolution.id")
    created_at: datetime = Field(
        default_factory=utc_now, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    as_of: int
    kind: str | None = Field(default=None, max_length=16)  # yearly, midterm, final; None before 0007
    lang: str = Field(max_length=2)
    trigger: str = Field(default="manual", max_length=64)
    data_cutoff: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    as_recorded: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    formats: str = Field(max_length=64)
    paths: list[str] = Field(sa_column=Column(JSON, nullable=False))
    statuses: dict[str, str] = Field(sa_column=Column(JSON, nullable=False))
    figures: dict[str, dict[str, float]] = Field(sa_column=Column(JSON, nullable=False))
    # the head of the resolution's chain the report was made from (0011); None before
    chain_head: str | None = Field(default=None, sa_column=Column(String(64)))


class JobRunRow(SQLModel, table=True):
    """One run of a scheduled job, and what became of its e-mail.

    The history drives catch-up (a run missed while the service was down), `schedule list`,
    `only_when_changed`, and the resending of a failed delivery at the next run.
    """

    __tablename__ = "job_run"
    # a schedule's last run, last delivered report and owed e-mail, each found without reading
    # its history (0006)
    __table_args__ = (
        Index("ix_job_run_schedule_id_started_at_id", "schedule_id", "started_at", "id"),
        Index(
            "ix_job_run_schedule_id_delivery_delivered_at_id", "schedule_id", "delivery", "delivered_at", "id"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    schedule_id: str = Field(max_length=64)
    kind: str = Field(max_length=16)
    resolution_id: int = Field(foreign_key="resolution.id")
    trigger: str = Field(max_length=16)  # scheduled, catch-up, run-now
    scheduled_for: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    started_at: datetime = Field(
        default_factory=utc_now, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    finished_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    outcome: str = Field(default="running", max_length=16)  # running, ok, failed
    message: str = ""
    as_of: int | None = None
    report_run_id: int | None = Field(default=None, foreign_key="report_run.id")
    recipients: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    mail_subject: str = ""
    mail_body: str = ""
    attachments: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    delivery: str = Field(default="none", max_length=16)  # none, unchanged, pending, sent, failed
    delivery_attempts: int = 0
    delivered_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    delivery_error: str | None = None
    # the Message-ID of this run's mail, kept so that a resend after a crash carries the same
    # one and the recipients' mail programs show a duplicate once (0004)
    message_id: str | None = Field(default=None, max_length=255)


class ServiceLeaseRow(SQLModel, table=True):
    """Who runs `tracker schedule run` against this database, so that a second one refuses."""

    __tablename__ = "service_lease"

    name: str = Field(primary_key=True, max_length=32)
    holder: str = Field(max_length=256)
    started_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    heartbeat_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


ACCOUNT_NAME_KEY = "uq_account_name_key"
SIGN_IN_BY_NAME = "ix_sign_in_name_key_at"


class AccountRow(SQLModel, table=True):
    """A person who signs in to the portal (0012): a name unique in any case (`name_key`, its
    lower-case form), a role, the unit of a `unit` account (and of no other), an argon2id hash of
    the password, never the password. Accounts are not links of a resolution's chain."""

    __tablename__ = "account"
    __table_args__ = (
        UniqueConstraint("name_key", name=ACCOUNT_NAME_KEY),
        CheckConstraint("role IN ('office', 'unit', 'viewer')", name="known_role"),
        CheckConstraint(
            "(role = 'unit' AND unit_id IS NOT NULL) OR (role <> 'unit' AND unit_id IS NULL)",
            name="unit_of_unit_role",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64)
    name_key: str = Field(max_length=64)
    role: str = Field(max_length=8)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    password_hash: str = Field(sa_column=Column(String(255), nullable=False))
    disabled: bool = False
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    password_changed_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class SignInRow(SQLModel, table=True):
    """One sign-in attempt (0012): the name as typed (printable, cut to 128 characters), its
    lower-case form (what the lock counts by), when, what came of it (ok, wrong_password,
    unknown_name, locked, disabled), where from, and the end of the lock a failure started."""

    __tablename__ = "sign_in"
    __table_args__ = (Index(SIGN_IN_BY_NAME, "name_key", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=128)
    name_key: str = Field(max_length=128)
    at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False, index=True))
    outcome: str = Field(max_length=16)
    remote: str | None = Field(default=None, max_length=64)
    locked_until: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))


class WebSessionRow(SQLModel, table=True):
    """A signed-in browser (0013): the SHA-256 of the token its cookie holds (never the token),
    the account, the form token of its pages (CSRF), and the moments that end it. Kept on the
    server so that signing out, a new password or a disabled account ends it everywhere."""

    __tablename__ = "web_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    csrf_token: str = Field(max_length=64)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    seen_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


SUBMISSION_STATES = ("draft", "submitted", "accepted", "returned")


class SubmissionRow(SQLModel, table=True):
    """A unit's figures of one year entered on the portal (0014): a draft, then submitted, then
    accepted or returned. `version` grows with every change: a writer changes the row only
    while it still has the version it read (the optimistic lock of the faces)."""

    __tablename__ = "submission"
    __table_args__ = (
        UniqueConstraint("unit_id", "year"),
        CheckConstraint("state IN ('draft', 'submitted', 'accepted', 'returned')", name="known_state"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    resolution_id: int = Field(foreign_key="resolution.id", index=True)
    unit_id: int = Field(foreign_key="unit.id")  # indexed by the unique (unit_id, year)
    year: int
    state: str = Field(max_length=16)
    version: int
    comment: str | None = None
    updated_by: str = Field(max_length=64)
    updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    submitted_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    submitted_by: str | None = Field(default=None, max_length=64)
    decided_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    decided_by: str | None = Field(default=None, max_length=64)


class SubmissionValueRow(SQLModel, table=True):
    """One figure of a submission as the unit typed it (0014), with its note and source, and
    whether the unit confirmed it when it was far from its history."""

    __tablename__ = "submission_value"
    __table_args__ = (UniqueConstraint("submission_id", "target_id"),)

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id")  # indexed by the unique constraint
    target_id: int = Field(foreign_key="target.id")
    text: str
    note: str | None = None
    source: str | None = None
    far_confirmed: bool = False
