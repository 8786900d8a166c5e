"""Mailing what a schedule owes: each run's e-mail, sent outside any transaction and recorded
after, under the schedule's lease (so two runs of one job never send the same mail).

Delivery is at least once: a process killed after the server accepted a message but before
that was recorded sends it again. The resend carries the same Message-ID (kept with the run
before the first attempt), so mail programs show it once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from tracker import store
from tracker.config import SmtpConfig
from tracker.crashpoints import crash_point
from tracker.i18n import _
from tracker.reasons import system_reason
from tracker.schedule import _mail as mailer
from tracker.store import Engine, unit_of_work


@dataclass(frozen=True)
class Letter:
    """One run's e-mail as stored, read out of the transaction before it is sent."""

    run_id: int
    recipients: list[str]
    subject: str
    body: str
    attachments: list[str]
    message_id: str


@dataclass(frozen=True)
class Sent:
    run_id: int
    delivery: str  # sent, failed (owed: sent again), or refused (the recipients, for good)
    error: str | None


def deliver_owed(
    engine: Engine, url: str, smtp: SmtpConfig, schedule_id: str, sleep: Callable[[float], None] = time.sleep
) -> list[Sent]:
    """Send every e-mail the schedule owes, oldest first; each recorded in its own transaction.
    The caller holds the schedule's lease."""
    with unit_of_work(engine, url) as session:
        owed = store.undelivered(session, schedule_id)
    results = []
    for run_id in owed:
        letter = _letter(engine, url, smtp, run_id)
        if letter is not None:
            results.append(_send_and_record(engine, url, smtp, letter, sleep))
    return results


def _letter(engine: Engine, url: str, smtp: SmtpConfig, run_id: int) -> Letter | None:
    """The run's e-mail, with its Message-ID stored first (committed before any attempt)."""
    with unit_of_work(engine, url) as session:
        run = store.get_run(session, run_id)
        if run is None or run.delivery not in store.OWED:
            return None
        if not run.message_id:
            run = store.save_run(session, replace(run, message_id=mailer.new_message_id(smtp.sender)))
        return Letter(
            run_id,
            list(run.recipients),
            run.mail_subject,
            run.mail_body,
            list(run.attachments),
            run.message_id or "",
        )


def _send_and_record(
    engine: Engine, url: str, smtp: SmtpConfig, letter: Letter, sleep: Callable[[float], None]
) -> Sent:
    crash_point("mail-sending")
    result = _send(smtp, letter, sleep)
    crash_point("mail-sent")
    with unit_of_work(engine, url) as session:
        run = store.get_run(session, letter.run_id)
        assert run is not None
        run = replace(
            run,
            delivery_attempts=run.delivery_attempts + result.attempts,
            delivery=_delivery_of(result),
            delivered_at=datetime.now(UTC) if result.sent else None,
            delivery_error=mailer.masked(result.error, smtp) if result.error else None,
        )
        store.save_run(session, run)
    return Sent(letter.run_id, run.delivery, result.error)


def _delivery_of(result: mailer.Delivery) -> str:
    if result.sent:
        return "sent"
    return "refused" if result.refused else "failed"


def _send(smtp: SmtpConfig, letter: Letter, sleep: Callable[[float], None]) -> mailer.Delivery:
    try:
        attachments = [Path(p) for p in letter.attachments]
        message = mailer.build_message(
            smtp, letter.recipients, letter.subject, letter.body, attachments, letter.message_id
        )
    except OSError as exc:  # a report file removed since: say so, keep it owed
        said = _("cannot attach {file}: {reason}")
        return mailer.Delivery(False, 0, said.format(file=exc.filename, reason=system_reason(exc)))
    except ValueError as exc:  # an address kept before the config check refused its kind
        return mailer.Delivery(False, 0, str(exc), refused=True)
    return mailer.send(smtp, message, sleep)
