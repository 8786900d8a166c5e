"""E-mail delivery: a message with the report attached, sent over SMTP with retries.

The password is read from the environment variable the config names, at send time, and
never enters a message, a log line or an error.
"""

from __future__ import annotations

import mimetypes
import os
import re
import smtplib
import ssl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

from tracker.config import SmtpConfig, wire_address
from tracker.evaluate import printable
from tracker.i18n import N_, _
from tracker.reasons import quoted, system_reason
from tracker.render import media_type
from tracker.schedule._secrets import mask_login_reply, mask_secrets

TEMPORARY = (smtplib.SMTPException, OSError)
AUTH_WORDS = frozenset({"AUTH", "PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2", "*"})
_AUTH_CODE = re.compile(r"(?<![0-9])(?:334|535)(?![0-9])")  # a login challenge or refusal


@dataclass(frozen=True)
class Delivery:
    sent: bool
    attempts: int
    error: str | None
    refused: bool = False  # for good: the server refused every recipient (5xx); not resent


# RFC 3834: sent by a program, so that out-of-office and other automatic replies stay away;
# the second is Exchange's own switch for the same.
AUTOMATIC = {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}


def new_message_id(sender: str) -> str:
    return make_msgid(domain=wire_address(sender).rsplit("@", 1)[-1])


def build_message(
    smtp: SmtpConfig,
    recipients: list[str],
    subject: str,
    body: str,
    attachments: list[Path],
    message_id: str | None = None,
) -> EmailMessage:
    """The message as the server gets it: the addresses in the form SMTP carries (an accented
    domain in IDNA), so that a server without SMTPUTF8 takes them too."""
    message = EmailMessage()
    message["From"] = wire_address(smtp.sender)
    message["To"] = ", ".join(wire_address(r) for r in recipients)
    _set_words(message, "Subject", subject)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = message_id or new_message_id(smtp.sender)
    for name, value in AUTOMATIC.items():
        message[name] = value
    message.set_content(body)
    for path in attachments:
        kind = media_type(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        main, sub = kind.split("/", 1)
        params = {"charset": "utf-8"} if main == "text" else None  # Vietnamese text reads right inline
        message.add_attachment(
            path.read_bytes(), maintype=main, subtype=sub, filename=path.name, params=params
        )
    return message


def _set_words(message: EmailMessage, name: str, text: str) -> None:
    """A header of words in any language, written so that every reader gets its spaces back.
    Python's own folding of a long accented header (before CPython gh-144156) can drop the space
    between two encoded words ("nhiệmkỳ"); the older encoder keeps each space inside a word."""
    if text.isascii():
        message[name] = text
    else:
        from email.header import Header

        message.set_raw(name, Header(text, "utf-8", header_name=name).encode())


def send(smtp: SmtpConfig, message: EmailMessage, sleep: Callable[[float], None] = time.sleep) -> Delivery:
    """Send with up to `smtp.retries` attempts, waiting longer after each failure."""
    error = None
    for attempt in range(1, smtp.retries + 1):
        secrets: list[str] = []
        try:
            refused = _send_once(smtp, message, secrets)
            return Delivery(True, attempt, _partly_refused(smtp, refused))
        except UnicodeError:  # its text could quote the password: never show it
            said = _(
                "{server}: the SMTP user name or password has non-ASCII characters, "
                "which SMTP login cannot send"
            )
            return Delivery(False, attempt, said.format(server=f"{smtp.host}:{smtp.port}"))
        except TEMPORARY as exc:
            error = _describe(exc, smtp, secrets)
            if _refused_for_good(exc):
                return Delivery(False, attempt, error, refused=True)
            if attempt < smtp.retries:
                sleep(smtp.retry_delay_seconds * 2 ** (attempt - 1))
        except Exception as exc:  # not worth retrying; recorded, and resent at the next run
            return Delivery(False, attempt, _describe(exc, smtp, secrets))
    return Delivery(False, smtp.retries, error)


class _Scrubbed:
    """Keeps what the client sends while it logs in (the credentials, in base64), so that an
    error reply which quotes them can be scrubbed before it is shown, logged or stored."""

    secrets: list[str]
    _logging_in = False

    def putcmd(self, cmd: str, args: str = "") -> None:
        if self._logging_in:
            self.secrets.extend(word for word in f"{cmd} {args}".split() if word.upper() not in AUTH_WORDS)
        super().putcmd(cmd, args)  # type: ignore[misc]

    def auth(self, *args: Any, **kwargs: Any) -> Any:
        self._logging_in = True
        try:
            return super().auth(*args, **kwargs)  # type: ignore[misc]
        finally:
            self._logging_in = False


class _Client(_Scrubbed, smtplib.SMTP):
    pass


class _SslClient(_Scrubbed, smtplib.SMTP_SSL):
    pass


def _password(smtp: SmtpConfig) -> str | None:
    return os.environ.get(smtp.password_env) if smtp.password_env else None


def _send_once(smtp: SmtpConfig, message: EmailMessage, secrets: list[str]) -> dict[str, tuple[int, bytes]]:
    """Send once; the recipients the server refused while it took the message for the others."""
    context = ssl.create_default_context()
    client: _Client | _SslClient
    if smtp.security == "ssl":
        client = _SslClient(smtp.host, smtp.port, timeout=smtp.timeout_seconds, context=context)
    else:
        client = _Client(smtp.host, smtp.port, timeout=smtp.timeout_seconds)
    client.secrets = secrets
    with client:
        if smtp.security == "starttls":
            with _needing(NO_STARTTLS):
                client.starttls(context=context)
        password = _password(smtp)
        if smtp.username and password is not None:
            with _needing(NO_LOGIN):
                client.login(smtp.username, password)
        return client.send_message(message)


NO_STARTTLS = N_("the server does not offer STARTTLS, which the config asks for (smtp.security: starttls)")
NO_LOGIN = N_("the server does not offer login (AUTH), which the config asks for (smtp.username)")


class _Lacking(smtplib.SMTPNotSupportedError):
    """The server lacks what a step of sending needs; `words` say which, for the reader."""

    def __init__(self, words: str, said: str) -> None:
        super().__init__(said)
        self.words = words


@contextmanager
def _needing(words: str) -> Iterator[None]:
    """A step the server must offer: its refusal told as the step's own (not another's)."""
    try:
        yield
    except smtplib.SMTPNotSupportedError as exc:
        raise _Lacking(words, str(exc)) from None


def _refused_for_good(exc: BaseException) -> bool:
    """Every recipient refused with a permanent reply (5xx): the letter keeps its addresses, so
    sending it again can never help; it is told, and not owed."""
    if not isinstance(exc, smtplib.SMTPRecipientsRefused) or not exc.recipients:
        return False
    return all(code >= 500 for code, _reply in exc.recipients.values())


def _partly_refused(smtp: SmtpConfig, refused: dict[str, tuple[int, bytes]]) -> str | None:
    """What to tell when the server took the message for some recipients and refused others."""
    if not refused:
        return None
    said = _("sent to the other recipients; the server refused {recipients}")
    names = ", ".join(shown_address(address) for address in refused)
    words = printable(_recipients_words(refused), multiline=False)
    return f"{smtp.host}:{smtp.port}: {said.format(recipients=names)}: {quoted(words)}"[:500]


def shown_address(address: str) -> str:
    """An address as the office wrote it: an IDNA domain back in its letters (xn--b-8xm.vn ->
    bộ.vn), the one the server named otherwise."""
    local, _at, domain = address.rpartition("@")
    if "xn--" not in domain.lower():
        return address
    import idna

    try:
        return f"{local}@{idna.decode(domain)}"
    except idna.IDNAError:
        return address


def _recipients_words(refused: dict[str, tuple[int, bytes]]) -> str:
    """ "a@b.vn: 550 5.1.1 no such user; ...": each refused recipient with the server's reply."""
    return "; ".join(
        f"{shown_address(address)}: {code} {reply.decode('utf-8', 'replace')}"
        for address, (code, reply) in refused.items()
    )


def _describe(exc: BaseException, smtp: SmtpConfig, secrets: list[str]) -> str:
    """The failure in one line, naming the server and never the password nor what the client
    sent while logging in (a server may quote it back in its error, in any form)."""
    login_refused = isinstance(exc, smtplib.SMTPAuthenticationError)
    text = printable(masked(_server_words(exc), smtp, secrets, login_refused), multiline=False)
    text = " ".join(text.split()) or type(exc).__name__
    return f"{smtp.host}:{smtp.port}: {_reason(exc, text)}"[:500]


def masked(
    text: str, smtp: SmtpConfig | None, sent: list[str] | None = None, login_refused: bool = False
) -> str:
    """`text` (anything an SMTP failure became) with every form of the password and of the
    login exchange masked: the one scrubber of every path from a mail failure to a reader.
    After a refused login or an AUTH reply code, any long base64-looking word goes too."""
    if smtp is None:
        return text
    text = mask_secrets(text, _password(smtp), smtp.username, sent)
    return mask_login_reply(text) if login_refused or _AUTH_CODE.search(text) else text


def _server_words(exc: BaseException) -> str:
    """The server's reply as text (its lines as they came, not a bytes repr whose escapes
    would hide a quoted secret split across lines), or the exception's own words."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return _recipients_words(exc.recipients)
    if isinstance(exc, smtplib.SMTPResponseException):
        reply = exc.smtp_error
        said = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
        return f"({exc.smtp_code}, {said})"
    return str(exc)


# What an SMTP server's refusal means, in words; its own reply follows, quoted.
REFUSALS = (
    (smtplib.SMTPAuthenticationError, N_("the server refused the user name or password")),
    (smtplib.SMTPRecipientsRefused, N_("the server refused the recipients")),
    (smtplib.SMTPSenderRefused, N_("the server refused the sender")),
    (smtplib.SMTPServerDisconnected, N_("the server closed the connection")),
    (smtplib.SMTPNotSupportedError, N_("the server does not offer what sending this message needs")),
    (smtplib.SMTPException, N_("the server refused the message")),
)


def _reason(exc: BaseException, text: str) -> str:
    """Why sending failed, in the reader's language, with the server's or the system's own words
    (already scrubbed) quoted."""
    if isinstance(exc, _Lacking):
        return f"{_(exc.words)}: {quoted(text)}"
    for kind, words in REFUSALS:
        if isinstance(exc, kind):
            return f"{_(words)}: {quoted(f'{type(exc).__name__}: {text}')}"
    return system_reason(exc, f"{type(exc).__name__}: {text}")
