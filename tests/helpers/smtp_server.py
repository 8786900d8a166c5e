"""A real SMTP server on loopback for the tests (aiosmtpd), and a free port for "server down".

    with smtp_server() as inbox:             # 127.0.0.1, a free port: inbox.port
        ...                                  # tracker mails to it
        (received,) = inbox.wait_for(1)      # parsed with email.policy.default

`smtp_server(login=("user", "secret"))` requires AUTH (over plain text, as a test may);
`smtp_server(delay=3)` makes the server wait before answering DATA, so that a job is still
sending when the test stops the service; `smtp_server(refuse={"a@b.vn": "550 5.1.1 no such
user"})` answers RCPT TO for that address so. Not a test module: helpers only.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    """A TCP port on 127.0.0.1 with nothing listening (yet): the mail server is down."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def body(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        assert part is not None, "the message has no text/plain body"
        return str(part.get_content())  # type: ignore[attr-defined]

    def attachments(self) -> dict[str, bytes]:
        """File name -> the bytes a recipient saves to disk, for every attachment."""
        found: dict[str, bytes] = {}
        for part in self.message.iter_attachments():
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            found[str(part.get_filename())] = payload
        return found

    def attachment_types(self) -> dict[str, str]:
        """File name -> the Content-Type header (with its charset, if any)."""
        return {str(p.get_filename()): str(p["Content-Type"]) for p in self.message.iter_attachments()}


@dataclass
class Inbox:
    """What the server received, filled from the server's thread."""

    port: int
    delay: float = 0.0
    login: tuple[str, str] | None = None
    refuse: dict[str, str] = field(default_factory=dict)  # recipient -> the server's reply
    messages: list[Received] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)
    data_started: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Received]:
        """At least `count` messages, waiting up to `timeout` seconds; fails the test otherwise."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.02)
        raise AssertionError(f"expected {count} message(s) within {timeout} s, got {len(self.messages)}")

    def snapshot(self) -> list[Received]:
        with self._lock:
            return list(self.messages)

    # aiosmtpd hooks -------------------------------------------------------------------------

    async def handle_RCPT(  # noqa: N802
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.data_started.set()
        if self.delay:
            await asyncio.sleep(self.delay)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        with self._lock:
            self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK: queued"

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        if not isinstance(data, LoginPassword):
            return AuthResult(success=False, handled=False)
        given = (data.login.decode(), data.password.decode())
        with self._lock:
            self.logins.append(given)
        return AuthResult(success=given == self.login, handled=False)  # a refusal answers 535


@contextmanager
def smtp_server(
    port: int | None = None,
    *,
    delay: float = 0.0,
    login: tuple[str, str] | None = None,
    refuse: dict[str, str] | None = None,
) -> Iterator[Inbox]:
    """An SMTP server on 127.0.0.1 (a free port unless given) for the duration of the block."""
    inbox = Inbox(port or free_port(), delay=delay, login=login, refuse=refuse or {})
    options: dict[str, Any] = {}
    if login is not None:
        options = {"authenticator": inbox.authenticate, "auth_require_tls": False, "auth_required": True}
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port, ready_timeout=10, **options)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


@dataclass
class RefusedMail:
    """What a scheduled report whose mail login was refused leaves behind: the run's output and
    error, `schedule list`'s output, and every stored job run's values as one text."""

    out: str
    err: str
    listed: str
    stored: str


def run_with_refused_login(tracker: Any, config_file: Any, port: int, username: str) -> RefusedMail:
    """Point the config at the SMTP server on `port`, record a figure, run a yearly report
    job that mails it (the server refuses the login), and collect every place it was said."""
    import sqlite3
    from contextlib import closing

    config_file.write_text(
        config_file.read_text(encoding="utf-8")
        + f"\nsmtp:\n  host: 127.0.0.1\n  port: {port}\n  security: none\n  sender: tracker@example.org\n"
        f"  username: {username}\n  password_env: TRACKER_SMTP_PASSWORD\n  retries: 1\n"
        "schedules:\n  - id: nam\n    cron: yearly\n    report: {formats: [txt]}\n"
        "    email: {to: [van.phong@example.org]}\n",
        encoding="utf-8",
    )
    tracker("record", "T07", "2021", "160")
    done = tracker("schedule", "run-now", "nam")
    listed = tracker("schedule", "list")
    assert done.code == 1 and "535" in done.out, done.out + done.err  # the refusal is told
    with closing(sqlite3.connect(config_file.parent / "tracker.db")) as db:
        stored = " ".join(str(v) for row in db.execute("SELECT * FROM job_run") for v in row)
    return RefusedMail(done.out, done.err, listed.out, stored)
