"""`tracker schedule run | list | run-now`: reports on a schedule, delivered by folder and e-mail."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tracker.cli.app import app
from tracker.cli.common import console, say, state_of
from tracker.cli.language import helptext
from tracker.i18n import N_, _, current_language

if TYPE_CHECKING:
    from rich.text import Text

    from tracker.schedule import JobContext

schedule_app = typer.Typer(
    help=N_("Scheduled reports and reminders: service, list, run-now."),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(schedule_app, name="schedule")


def job_context(ctx: typer.Context, *, writes: bool = True) -> AbstractContextManager[JobContext]:
    """The jobs' context on a ready database; `writes=False` for a command that only reads."""
    from tracker.schedule import job_context as context

    return context(state_of(ctx).settings(), writes=writes)


def _logging() -> None:
    import logging

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


@schedule_app.command(
    "run",
    help=helptext(
        N_("Run the scheduler service in the foreground until Ctrl-C or SIGTERM."),
        N_(
            "Jobs come from the config's schedules: (stable ids); a run missed while the service was "
            "down runs once at start; one log line per run. A second service on the same database "
            "refuses to start."
        ),
        examples=N_(
            "Examples:\n"
            "  tracker schedule run\n"
            "  tracker --config /etc/tracker/config.yaml schedule run   (see docs/scheduling.md)"
        ),
    ),
)
def run(ctx: typer.Context) -> None:
    import signal
    import threading

    from tracker.schedule import serve

    _logging()
    stop = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stop.set())
    with job_context(ctx) as jobs:
        serve(jobs, stop)


@schedule_app.command(
    "list",
    help=helptext(
        N_("List each job: its next run, its last run and result, and deliveries still owed."),
        examples=N_("Examples:\n  tracker schedule list"),
    ),
)
def list_(ctx: typer.Context) -> None:
    from datetime import UTC, datetime

    from rich.text import Text

    from tracker.evaluate import moment_text
    from tracker.schedule import overview

    with job_context(ctx, writes=False) as jobs:
        rows = overview(jobs, datetime.now(UTC))
        zone = jobs.zone
    if not rows:
        say(_("no schedules in the config (add a schedules: section, see docs/scheduling.md)"))
        return
    lang = current_language()
    cells = [
        (
            Text(row.id), Text(row.kind), Text(row.timing),
            Text(moment_text(row.next_run, zone, lang) if row.next_run else "-"),
            Text(moment_text(row.last_started, zone, lang) if row.last_started else _("never")),
            _shown(row.last_outcome or "-"), _shown(row.last_delivery or "-"),
            Text(str(row.failed_deliveries) if row.failed_deliveries else ""),
        )
        for row in rows
    ]  # fmt: skip
    out = console()
    table = _jobs_table(cells)
    # A table only where each cell fits on one line: Rich would otherwise cut columns away.
    natural = out.measure(table, options=out.options.update(max_width=10_000)).maximum
    fits = natural <= out.width
    out.print(table if fits else _jobs_blocks(cells))


def _jobs_table(cells: Sequence[tuple[Text, ...]]) -> Any:
    from rich.box import SIMPLE_HEAD
    from rich.table import Table

    table = Table(box=SIMPLE_HEAD)  # no vertical rules: more room for the cells
    for head in LIST_HEADS:
        table.add_column(_(head), no_wrap=True)
    for row in cells:
        table.add_row(*row)
    return table


def _jobs_blocks(cells: Sequence[tuple[Text, ...]]) -> Any:
    """The jobs one block each, for a terminal too narrow for the table: "Lịch: bao-cao-nam"
    and the other columns below it, each on its line."""
    from rich.console import Group
    from rich.text import Text

    lines: list[Text] = []
    for row in cells:
        for index, (head, cell) in enumerate(zip(LIST_HEADS, row, strict=True)):
            if cell.plain:
                lines.append(Text(("" if index == 0 else "  ") + _(head) + ": ").append_text(cell))
        lines.append(Text(""))
    return Group(*lines[:-1])


LIST_HEADS = (
    N_("Schedule"), N_("Kind"), N_("When"), N_("Next run"), N_("Last run"), N_("Result"), N_("E-mail"),
    N_("Owed"),
)  # fmt: skip


def _shown(text: str) -> Text:
    """A stored message (a mail server's reply among them) as plain text: no Rich markup, no
    control characters."""
    from rich.text import Text

    from tracker.evaluate import printable

    return Text(printable(text, multiline=False))


@schedule_app.command(
    "run-now",
    help=helptext(
        N_("Run one job now (for cron or a systemd timer instead of the service)."),
        N_("Exits 1 when the job failed or its e-mail could not be sent (it is resent at the next run)."),
        examples=N_(
            "Examples:\n"
            "  tracker schedule run-now bao-cao-nam\n"
            "  5 7 15 12 * cd /srv/tracker && .venv/bin/tracker schedule run-now bao-cao-nam"
        ),
    ),
)
def run_now(
    ctx: typer.Context,
    schedule_id: Annotated[
        str, typer.Argument(metavar=N_("ID"), help=N_("The schedule's id in the config."))
    ],
) -> None:
    from tracker.errors import TrackerError
    from tracker.schedule import run_job

    _logging()
    with job_context(ctx) as jobs:
        schedule = jobs.settings.config.schedule(schedule_id)
        if schedule is None:
            valid = ", ".join(s.id for s in jobs.settings.config.schedules) or _("none configured")
            message = _("unknown schedule {schedule!r}; schedules: {valid}")
            raise TrackerError(message.format(schedule=schedule_id, valid=valid))
        outcome = run_job(jobs, schedule, "run-now")
    say(outcome.line())
    if outcome.failed or outcome.delivery in ("failed", "refused"):
        raise typer.Exit(1)
