"""`tracker schedule run | list | run-now`: reports on a schedule, delivered by folder and e-mail."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import app
from tracker.cli.common import console, say, state_of

if TYPE_CHECKING:
    from rich.text import Text

    from tracker.services.jobs import JobContext

schedule_app = typer.Typer(
    help="Scheduled reports and reminders: service, list, run-now.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(schedule_app, name="schedule")


@contextmanager
def job_context(ctx: typer.Context) -> Iterator[JobContext]:
    from tracker.services.jobs import JobContext
    from tracker.store.engine import ensure_ready, make_engine

    settings = state_of(ctx).settings()
    engine = make_engine(settings.database_url)
    try:
        ensure_ready(engine, settings.database_url)
        yield JobContext(engine, settings)
    finally:
        engine.dispose()


def _logging() -> None:
    import logging

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


@schedule_app.command("run")
def run(ctx: typer.Context) -> None:
    """Run the scheduler service in the foreground until Ctrl-C or SIGTERM.

    Jobs come from the config's schedules: (stable ids); a run missed while the service was
    down runs once at start; one log line per run. A second service on the same database
    refuses to start.

    \b
    Examples:
      tracker schedule run
      tracker --config /etc/tracker/config.yaml schedule run   (see docs/scheduling.md)
    """
    import signal
    import threading

    from tracker.services.scheduler import serve

    _logging()
    stop = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stop.set())
    with job_context(ctx) as jobs:
        serve(jobs, stop)


@schedule_app.command("list")
def list_(ctx: typer.Context) -> None:
    """List each job: its next run, its last run and result, and deliveries still owed.

    \b
    Examples:
      tracker schedule list
    """
    from datetime import UTC, datetime

    from rich.table import Table

    from tracker.services.scheduler import overview
    from tracker.store.engine import unit_of_work

    with job_context(ctx) as jobs, unit_of_work(jobs.engine, jobs.settings.database_url) as session:
        rows = overview(session, jobs, datetime.now(UTC))
        zone = jobs.zone
    if not rows:
        say("no schedules in the config (add a schedules: section, see docs/scheduling.md)")
        return
    table = Table()
    for head in ("id", "kind", "when", "next run", "last run", "result", "e-mail", "owed"):
        table.add_column(head)
    for row in rows:
        table.add_row(
            row.id, row.kind, row.timing,
            f"{row.next_run.astimezone(zone):%Y-%m-%d %H:%M}" if row.next_run else "-",
            f"{row.last_started.astimezone(zone):%Y-%m-%d %H:%M}" if row.last_started else "never",
            _shown(row.last_outcome or "-"), _shown(row.last_delivery or "-"),
            str(row.failed_deliveries) if row.failed_deliveries else "",
        )  # fmt: skip
    console().print(table)


def _shown(text: str) -> Text:
    """A stored message (a mail server's reply among them) as plain text: no Rich markup, no
    control characters."""
    from rich.text import Text

    from tracker.evaluate.text import printable

    return Text(printable(text, multiline=False))


@schedule_app.command("run-now")
def run_now(
    ctx: typer.Context,
    schedule_id: Annotated[str, typer.Argument(metavar="ID", help="The schedule's id in the config.")],
) -> None:
    """Run one job now (for cron or a systemd timer instead of the service).

    Exits 1 when the job failed or its e-mail could not be sent (it is resent at the next run).

    \b
    Examples:
      tracker schedule run-now bao-cao-nam
      5 7 15 12 * cd /srv/tracker && .venv/bin/tracker schedule run-now bao-cao-nam
    """
    from tracker.errors import TrackerError
    from tracker.services.jobs import run_job

    _logging()
    with job_context(ctx) as jobs:
        schedule = jobs.settings.config.schedule(schedule_id)
        if schedule is None:
            valid = ", ".join(s.id for s in jobs.settings.config.schedules) or "none configured"
            raise TrackerError(f"unknown schedule {schedule_id!r}; schedules: {valid}")
        outcome = run_job(jobs, schedule, "run-now")
    say(outcome.line())
    if outcome.failed or outcome.delivery == "failed":
        raise typer.Exit(1)
