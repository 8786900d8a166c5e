"""E-mail delivery: a message with the report attached, sent over SMTP with retries.

The password is read from the environment variable the config names, at send time, and
never enters a message, a log line or an error.
"""

from __future__ import annotations

import mimetypes
import os
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from tracker.schedule_config import SmtpConfig

TEMPORARY = (smtplib.SMTPException, OSError)


@dataclass(frozen=True)
class Delivery:
    sent: bool
    attempts: int
    error: str | None


def build_message(
    smtp: SmtpConfig, recipients: list[str], subject: str, body: str, attachments: list[Path]
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = smtp.sender
    message["To"] = ", ".join(recipients)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=smtp.sender.split("@")[-1])
    message.set_content(body)
    for path in attachments:
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        main, sub = kind.split("/", 1)
        params = {"charset": "utf-8"} if main == "text" else None  # Vietnamese text reads right inline
        message.add_attachment(
            path.read_bytes(), maintype=main, subtype=sub, filename=path.name, params=params
        )
    return message


def send(smtp: SmtpConfig, message: EmailMessage, sleep: Callable[[float], None] = time.sleep) -> Delivery:
    """Send with up to `smtp.retries` attempts, waiting longer after each failure."""
    error = None
    for attempt in range(1, smtp.retries + 1):
        try:
            _send_once(smtp, message)
            return Delivery(True, attempt, None)
        except UnicodeError:  # its text could quote the password: never show it
            return Delivery(False, attempt, f"{smtp.host}:{smtp.port}: the SMTP user name or password has "
                            "non-ASCII characters, which SMTP login cannot send")  # fmt: skip
        except TEMPORARY as exc:
            error = _describe(exc, smtp)
            if attempt < smtp.retries:
                sleep(smtp.retry_delay_seconds * 2 ** (attempt - 1))
        except Exception as exc:  # not worth retrying; recorded, and resent at the next run
            return Delivery(False, attempt, _describe(exc, smtp))
    return Delivery(False, smtp.retries, error)


def _password(smtp: SmtpConfig) -> str | None:
    return os.environ.get(smtp.password_env) if smtp.password_env else None


def _send_once(smtp: SmtpConfig, message: EmailMessage) -> None:
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if smtp.security == "ssl":
        client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout_seconds, context=context)
    else:
        client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_seconds)
    with client:
        if smtp.security == "starttls":
            client.starttls(context=context)
        password = _password(smtp)
        if smtp.username and password is not None:
            client.login(smtp.username, password)
        client.send_message(message)


def _describe(exc: BaseException, smtp: SmtpConfig) -> str:
    """The failure in one line, naming the server and never the password."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    password = _password(smtp)
    if password:
        text = text.replace(password, "***")
    return f"{smtp.host}:{smtp.port}: {type(exc).__name__}: {text}"[:500]
