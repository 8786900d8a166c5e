"""One run of a scheduled job: render and file the report (or check for missing figures),
record the run, then deliver by e-mail as a second step (tracker/schedule/_delivery.py).

The report is stored before any e-mail is tried, so a mail server that is down loses
nothing: the failed delivery is recorded and sent again at the schedule's next run, or when
the service starts. Each run is its own unit of work (the scheduler's equivalent of one
command), and runs of one schedule never overlap: each holds the schedule's lease.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from tracker import store
from tracker.base import load_resolution
from tracker.config import ScheduleConfig, Settings
from tracker.evaluate import number, short_date
from tracker.i18n import N_, Lang, _, current_language
from tracker.reasons import failure_text
from tracker.reporting import (
    ReportResult,
    figures_of,
    mail_subject,
    mail_words,
    make_report,
    report_request,
    report_signing,
    statuses_of,
    units_not_reported,
)
from tracker.schedule._delivery import Sent, deliver_owed
from tracker.schedule._leases import job_lease
from tracker.schedule._mail import masked
from tracker.status import StatusView, build_status, default_as_of
from tracker.store import Engine, JobRun, Resolution, Session, unit_of_work, utc_now

JOB_KINDS = {"report": N_("report"), "reminder": N_("reminder")}


@dataclass
class JobOutcome:
    """What one run did, for the one log line per run and for `schedule run-now`."""

    schedule_id: str
    kind: str
    as_of: int | None = None
    paths: list[str] = field(default_factory=list)
    delivery: str = "none"
    recipients: list[str] = field(default_factory=list)
    message: str = ""
    seconds: float = 0.0
    failed: bool = False

    def line(self) -> str:
        """`bao-cao-nam: báo cáo xong, tính đến năm 2023 -> ...; đã gửi thư tới ... (1,2 giây)`."""
        mail = {
            "sent": _("mailed to {recipients}").format(recipients=", ".join(self.recipients)),
            "failed": _("mail FAILED (kept, resent at the next run)"),
            "refused": _("mail REFUSED for its recipients (not resent; check the schedule's email.to)"),
            "unchanged": _("not mailed (nothing changed)"),
        }.get(self.delivery, _("no mail"))
        template = _("{schedule}: {kind} FAILED") if self.failed else _("{schedule}: {kind} done")
        line = template.format(schedule=self.schedule_id, kind=_(JOB_KINDS.get(self.kind, self.kind)))
        if self.as_of:
            line += _(", as of {year}").format(year=self.as_of)
        line += f" -> {', '.join(self.paths) or '-'}; {mail}" + (f"; {self.message}" if self.message else "")
        seconds = number(self.seconds, current_language(), 1)
        return line + " " + _("({seconds} s)").format(seconds=seconds)


@dataclass(frozen=True)
class JobContext:
    engine: Engine
    settings: Settings
    sleep: Callable[[float], None] = time.sleep

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.settings.config.timezone)

    @property
    def lang(self) -> Lang:
        """The language of the reports and mail of a schedule that names none: the one the
        service runs in (--lang, TRACKER_LANG, else the config's)."""
        return current_language()


@contextmanager
def job_context(settings: Settings, *, writes: bool = True) -> Iterator[JobContext]:
    """The jobs' context on a ready database; `writes=False` for work that only reads."""
    engine = store.make_engine(settings.database_url, writes=writes)
    try:
        store.ensure_ready(engine, settings.database_url)
        yield JobContext(engine, settings)
    finally:
        engine.dispose()


def run_job(
    ctx: JobContext, schedule: ScheduleConfig, trigger: str, scheduled_for: datetime | None = None
) -> JobOutcome:
    """Run one job and record it; a failure is recorded and reported, never raised."""
    started = time.monotonic()
    outcome = JobOutcome(schedule.id, schedule.kind)
    try:
        with job_lease(ctx.engine, ctx.settings.database_url, schedule.id):
            with unit_of_work(ctx.engine, ctx.settings.database_url) as session:
                run = _start_run(session, ctx, schedule, trigger, scheduled_for)
                if schedule.kind == "reminder":
                    run = _remind(session, ctx, schedule, run, outcome)
                else:
                    run = _report(session, ctx, schedule, run, outcome)
            _deliver_pending(ctx, schedule, outcome, run.id)
    except Exception as exc:  # a job must never take the service down
        outcome.failed, outcome.message = True, masked(failure_text(exc), ctx.settings.config.smtp)
        _record_failure(ctx, schedule, trigger, scheduled_for, outcome.message)
    outcome.seconds = time.monotonic() - started
    return outcome


def _start_run(
    session: Session, ctx: JobContext, schedule: ScheduleConfig, trigger: str, scheduled_for: datetime | None
) -> JobRun:
    resolution = load_resolution(session, resolution_of(ctx, schedule))
    return JobRun(
        schedule_id=schedule.id,
        kind=schedule.kind,
        resolution_id=resolution.id,
        trigger=trigger,
        started_at=utc_now(),
        scheduled_for=scheduled_for,
        recipients=list(schedule.email.to) if schedule.email else [],
    )


def resolution_of(ctx: JobContext, schedule: ScheduleConfig) -> str:
    """The resolution a job reports on: its own `resolution:`, else the service's."""
    return schedule.resolution or ctx.settings.definition.code


def pick_as_of(session: Session, resolution: Resolution, choice: str, today: date) -> int:
    """The as-of year of a scheduled report: the latest with figures, or last calendar year."""
    if choice == "previous_year":
        return min(max(today.year - 1, resolution.first_year), resolution.last_year)
    return default_as_of(resolution, (e.year for e in store.current_entries(session, resolution.id)))


def _report(
    session: Session, ctx: JobContext, schedule: ScheduleConfig, run: JobRun, out: JobOutcome
) -> JobRun:
    resolution = load_resolution(session, resolution_of(ctx, schedule))
    lang: Lang = schedule.report.lang or ctx.lang
    now = datetime.now(UTC)
    as_of = pick_as_of(session, resolution, schedule.report.as_of, now.astimezone(ctx.zone).date())
    request = report_request(
        ctx.settings,
        as_of=as_of,
        formats=tuple(schedule.report.formats),
        lang=lang,
        trigger=f"schedule:{schedule.id}"[:64],
        kind=schedule.report.kind,
        signing=report_signing(ctx.settings) if schedule.report.sign else None,
    )
    result = make_report(session, resolution, request, ctx.zone, now)
    subject, body = report_mail(result, schedule)
    run = replace(
        run,
        report_run_id=result.run.id,
        as_of=result.view.as_of,
        attachments=[str(p) for p in result.paths],
        mail_subject=subject,
        mail_body=body,
        delivery=_delivery_plan(session, schedule, result.view),
    )
    run = _finish(session, run, "ok")
    out.as_of, out.paths, out.delivery, out.recipients = (
        run.as_of,
        run.attachments,
        run.delivery,
        run.recipients,
    )
    return run


def _delivery_plan(session: Session, schedule: ScheduleConfig, view: StatusView) -> str:
    if schedule.email is None:
        return "none"
    if schedule.email.only_when_changed:
        last = store.last_delivered_report(session, schedule.id)
        if last is not None and (last.statuses, last.figures) == (statuses_of(view), figures_of(view)):
            return "unchanged"
    return "pending"


def report_mail(result: ReportResult, schedule: ScheduleConfig) -> tuple[str, str]:
    """Subject and short body, in the report's language: the report's kind, its own summary
    sentence (an end-of-term report's "Đạt và vượt 9/13 chỉ tiêu"), the flagged targets."""
    view = result.view
    words = mail_words(view.lang)
    subject = mail_subject(result.run.kind or "", view.lang).format(
        code=view.resolution.code, as_of=view.as_of
    )
    lines = [result.summary, ""]
    flagged = view.flagged
    lines.append(words["flagged"] if flagged else words["none_flagged"])
    for t in flagged:
        lines.append(f"- {t.label} {t.short_title}: {t.status_text}. {t.explanation}")
    lines += ["", words["attached"].format(names=", ".join(p.name for p in result.paths)), ""]
    lines.append(words["footer"].format(schedule=schedule.id))
    return subject, "\n".join(lines) + "\n"


def _remind(
    session: Session, ctx: JobContext, schedule: ScheduleConfig, run: JobRun, out: JobOutcome
) -> JobRun:
    resolution = load_resolution(session, resolution_of(ctx, schedule))
    today = datetime.now(UTC).astimezone(ctx.zone).date()
    month, day = (int(part) for part in schedule.after.split("-"))
    year, lang = today.year - 1, schedule.report.lang or ctx.lang
    words = mail_words(lang)
    lacking: list[str] = []
    if today < date(today.year, month, day):
        out.message = words["reminder_early"].format(after=short_date(date(today.year, month, day), lang))
    elif year in resolution.years:
        view = build_status(session, resolution, as_of=year, lang=lang)
        lacking, out.message = reminder_lines(view, words, year)
    run, out.as_of = replace(run, as_of=year), year
    if lacking:
        run = replace(
            run,
            mail_subject=words["reminder_subject"].format(code=resolution.code, year=year),
            mail_body="\n".join([*lacking, "", words["footer"].format(schedule=schedule.id)]) + "\n",
            delivery="pending" if schedule.email else "none",
        )
    run = _finish(session, run, "ok", out.message)
    out.delivery, out.recipients = run.delivery, run.recipients
    return run


def reminder_lines(view: StatusView, words: dict[str, str], year: int) -> tuple[list[str], str]:
    """The reminder's body lines (the targets without a figure of the year, then the units that
    have not reported all theirs, by code and name) and its one-line summary; no lines when
    everything is in."""
    # a target that takes its figures from another is not asked for them: its source is
    targets = [t for t in view.targets if year in t.assessment.missing_years and not t.target.figures_from]
    units = units_not_reported(view)
    lines: list[str] = []
    summary: list[str] = []
    if targets:
        lines += [
            words["reminder_intro"].format(year=year),
            *(f"- {t.code} {t.short_title}" for t in targets),
        ]
        summary.append(f"{lines[0]} {', '.join(t.code for t in targets)}")
    if units:
        intro = words["reminder_units"].format(year=year)
        lines += ([""] if lines else []) + [intro, *(f"- {u.code} {u.name}" for u in units)]
        summary.append(f"{intro} {', '.join(u.code for u in units)}")
    return lines, " ".join(summary) if summary else words["reminder_done"].format(year=year)


def _finish(session: Session, run: JobRun, outcome: str, message: str = "") -> JobRun:
    finished = replace(run, outcome=outcome, message=message[:2000], finished_at=datetime.now(UTC))
    return store.save_run(session, finished)


def _deliver_pending(ctx: JobContext, schedule: ScheduleConfig, out: JobOutcome, run_id: int | None) -> None:
    """Send every e-mail the schedule owes: this run's, and any earlier one not yet sent."""
    smtp = ctx.settings.config.smtp
    if schedule.email is None or smtp is None:
        return
    for sent in deliver_owed(ctx.engine, ctx.settings.database_url, smtp, schedule.id, ctx.sleep):
        if sent.run_id == run_id:
            out.delivery = sent.delivery
            out.message = sent.error or out.message


def deliver_owed_mail(ctx: JobContext, schedule: ScheduleConfig) -> list[Sent]:
    """Send what the schedule owes now, without a new run (the service does it at start, so
    an e-mail owed by a process that was killed does not wait for the job's next run)."""
    smtp = ctx.settings.config.smtp
    if schedule.email is None or smtp is None:
        return []
    with job_lease(ctx.engine, ctx.settings.database_url, schedule.id):
        return deliver_owed(ctx.engine, ctx.settings.database_url, smtp, schedule.id, ctx.sleep)


def _record_failure(
    ctx: JobContext, schedule: ScheduleConfig, trigger: str, scheduled_for: datetime | None, message: str
) -> None:
    try:
        with unit_of_work(ctx.engine, ctx.settings.database_url) as session:
            run = _start_run(session, ctx, schedule, trigger, scheduled_for)
            _finish(session, run, "failed", message)
    except Exception:  # the database itself is gone: the log line is all that is left
        return
