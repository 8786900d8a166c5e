"""The long-running service of `tracker schedule run` (APScheduler 3, in-memory job store).

Jobs are rebuilt from the config at every start under their stable ids, so a restart never
duplicates them; the run history that catch-up needs lives in our own job_run table rather
than in a pickled APScheduler job store (hard to migrate, and unreadable to `schedule list`).
A lease row with a heartbeat keeps a second service off the same database.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tracker import store
from tracker.config import ScheduleConfig
from tracker.errors import TrackerError
from tracker.evaluate import moment_text
from tracker.i18n import N_, _, current_language, current_zone
from tracker.reasons import failure_text
from tracker.schedule._jobs import JOB_KINDS, JobContext, deliver_owed_mail, run_job
from tracker.schedule._leases import holder_name, try_lease
from tracker.schedule._mail import masked
from tracker.store import Session, as_utc, unit_of_work

OUTCOME_WORDS = {"running": N_("running"), "ok": N_("ok"), "failed": N_("failed")}
DELIVERY_WORDS = {
    "none": N_("no e-mail"),
    "unchanged": N_("not mailed (nothing changed)"),
    "pending": N_("to be sent"),
    "sent": N_("sent"),
    "failed": N_("failed"),
    "refused": N_("refused for its recipients (not resent)"),
}
LEASE = "scheduler"
HEARTBEAT_SECONDS = 20
STALE_AFTER = timedelta(seconds=75)
log = logging.getLogger("tracker.schedule")


def trigger_of(schedule: ScheduleConfig, zone: Any) -> Any:
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    if schedule.cron is not None:
        return CronTrigger.from_crontab(schedule.cron, timezone=zone)
    return IntervalTrigger(seconds=schedule.interval_seconds or 60, timezone=zone)


def next_fire(schedule: ScheduleConfig, zone: Any, after: datetime) -> datetime | None:
    """The first time the schedule fires after `after`."""
    moment: datetime | None = trigger_of(schedule, zone).get_next_fire_time(after, after)
    return moment


def missed(session: Session, schedule: ScheduleConfig, zone: Any, now: datetime) -> bool:
    """Whether the schedule should have fired since its last recorded run (none: not missed)."""
    last = store.last_run(session, schedule.id)
    if last is None:
        return False
    due = next_fire(schedule, zone, as_utc(last.scheduled_for or last.started_at))
    return due is not None and due <= now


@dataclass
class Service:
    ctx: JobContext
    holder: str

    def __post_init__(self) -> None:
        from apscheduler.executors.pool import ThreadPoolExecutor
        from apscheduler.schedulers.background import BackgroundScheduler

        self.scheduler = BackgroundScheduler(
            timezone=self.ctx.zone,
            # one job at a time; the lease heartbeat on its own thread, so a long job keeps it
            executors={"default": ThreadPoolExecutor(1), "lease": ThreadPoolExecutor(1)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
        )

    def start(self) -> None:
        self._take_lease()
        now = datetime.now(UTC)
        schedules = self.ctx.settings.config.schedules
        with unit_of_work(self.ctx.engine, self.ctx.settings.database_url) as session:
            late = [s for s in schedules if missed(session, s, self.ctx.zone, now)]
        for schedule in schedules:
            self.scheduler.add_job(
                self.fire, trigger_of(schedule, self.ctx.zone), args=[schedule.id, "scheduled"],
                id=schedule.id, name=schedule.id, replace_existing=True,
            )  # fmt: skip
        for schedule in late:
            log.info(_("%s missed a run while the service was down: running it once now"), schedule.id)
            self.scheduler.add_job(self.fire, "date", run_date=now, args=[schedule.id, "catch-up"])
        for schedule in self._owing(schedules, late):
            log.info(_("%s owes e-mail from an earlier run: sending it now"), schedule.id)
            self.scheduler.add_job(self.deliver, "date", run_date=now, args=[schedule.id])
        self.scheduler.add_job(
            self._beat, "interval", seconds=HEARTBEAT_SECONDS, id="#heartbeat", executor="lease"
        )
        self.scheduler.start()
        for job in self.scheduler.get_jobs():
            if not job.id.startswith("#"):
                when = moment_text(job.next_run_time, current_zone(), current_language())
                log.info(_("scheduled %s: next run %s"), job.id, when)

    def fire(self, schedule_id: str, trigger: str) -> None:
        schedule = self.ctx.settings.config.schedule(schedule_id)
        if schedule is None:
            return
        outcome = run_job(self.ctx, schedule, trigger, datetime.now(UTC))
        (log.error if outcome.failed else log.info)("%s", outcome.line())

    def _owing(self, schedules: list[ScheduleConfig], late: list[ScheduleConfig]) -> list[ScheduleConfig]:
        """Schedules with e-mail still owed (a catch-up run sends its own debts anyway)."""
        with unit_of_work(self.ctx.engine, self.ctx.settings.database_url) as session:
            owing = [s for s in schedules if s.email and s not in late]
            return [s for s in owing if store.count_undelivered(session, s.id)]

    def deliver(self, schedule_id: str) -> None:
        schedule = self.ctx.settings.config.schedule(schedule_id)
        if schedule is None:
            return
        try:
            sent = deliver_owed_mail(self.ctx, schedule)
        except Exception as exc:  # logged; the mail stays owed
            said = masked(failure_text(exc), self.ctx.settings.config.smtp)
            log.error(_("%s: owed e-mail not sent: %s"), schedule_id, said)
            return
        for item in sent:
            what = _(DELIVERY_WORDS[item.delivery]) + (f" ({item.error})" if item.error else "")
            (log.info if item.delivery == "sent" and not item.error else log.error)(
                _("%s: owed e-mail of run %d: %s"), schedule_id, item.run_id, what
            )

    def stop(self) -> None:
        """Let the running job finish, then give the lease back."""
        self.scheduler.shutdown(wait=True)
        with unit_of_work(self.ctx.engine, self.ctx.settings.database_url) as session:
            store.release_lease(session, LEASE, self.holder)

    def _take_lease(self) -> None:
        lease = try_lease(self.ctx.engine, self.ctx.settings.database_url, LEASE, self.holder, STALE_AFTER)
        if lease.holder != self.holder:
            message = _(
                "another `tracker schedule run` is already running against this database: {holder}, "
                "since {started} (last seen {seen}); stop it first"
            )
            zone, lang = current_zone(), current_language()
            started, seen = (moment_text(m, zone, lang) for m in (lease.started_at, lease.heartbeat_at))
            raise TrackerError(message.format(holder=lease.holder, started=started, seen=seen))

    def _beat(self) -> None:
        """Refresh the lease; a database busy for a moment costs one warning, not a traceback."""
        try:
            with unit_of_work(self.ctx.engine, self.ctx.settings.database_url) as session:
                store.beat(session, LEASE, self.holder, datetime.now(UTC))
        except Exception as exc:
            log.warning(
                _("lease heartbeat not written: %s (tried again in %s s)"),
                failure_text(exc),
                HEARTBEAT_SECONDS,
            )


def serve(ctx: JobContext, stop: threading.Event) -> None:
    """Run until `stop` is set (by SIGINT or SIGTERM), then finish the running job and exit."""
    service = Service(ctx, holder_name())
    service.start()
    log.info(_("service started (%s); %d schedule(s); Ctrl-C or SIGTERM stops it"), service.holder,
             len(ctx.settings.config.schedules))  # fmt: skip
    try:
        while not stop.wait(0.5):
            pass
    finally:
        log.info(_("stopping: letting the running job finish"))
        service.stop()
        log.info(_("stopped"))


@dataclass(frozen=True)
class ScheduleRow:
    """One line of `schedule list`."""

    id: str
    kind: str
    timing: str
    next_run: datetime | None
    last_started: datetime | None
    last_outcome: str
    last_delivery: str
    failed_deliveries: int


def overview(ctx: JobContext, now: datetime) -> list[ScheduleRow]:
    """Every schedule of the config with its next run and what its last run did
    (`tracker schedule list`), read in one unit of work."""
    with unit_of_work(ctx.engine, ctx.settings.database_url) as session:
        return [_schedule_row(session, ctx, schedule, now) for schedule in ctx.settings.config.schedules]


def _schedule_row(session: Session, ctx: JobContext, schedule: ScheduleConfig, now: datetime) -> ScheduleRow:
    last = store.last_run(session, schedule.id)
    timing = schedule.cron or _("every {seconds} s").format(seconds=schedule.interval_seconds)
    outcome, delivery = "", ""
    if last is not None:
        outcome = _(OUTCOME_WORDS[last.outcome]) + (f": {last.message}" if last.message else "")
        delivery = _(DELIVERY_WORDS[last.delivery]) + (
            f" ({last.delivery_error})" if last.delivery_error else ""
        )
    return ScheduleRow(
        id=schedule.id,
        kind=_(JOB_KINDS[schedule.kind]),
        timing=timing,
        next_run=next_fire(schedule, ctx.zone, now),
        last_started=as_utc(last.started_at) if last else None,
        last_outcome=outcome,
        last_delivery=delivery,
        failed_deliveries=store.count_undelivered(session, schedule.id),
    )
