"""The mail password never shows, in whatever form an SMTP server quotes it back: the printed
outcome, the job's stored run and `schedule list` hold none of it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import quopri
import re
import socketserver
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from tests.helpers.smtp_server import run_with_refused_login
from tracker.schedule._secrets import mask_secrets

PASSWORD = "Mat@Khau/2026+Bi=Mat y%Zq"
USER = "van.phong"
CHALLENGE = b"<1896.697170952@quoting.example>"


def b64(data: bytes | str) -> str:
    return base64.b64encode(data.encode() if isinstance(data, str) else data).decode()


def split(text: str, size: int = 7) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


# what the server answers a login with, from what the client sent (its base64 lines)
Echo = Callable[[list[str]], list[str]]
ECHOES: dict[str, tuple[str, Echo]] = {
    "lower-cased": ("PLAIN", lambda sent: [f"5.7.8 bad password {PASSWORD.lower()}"]),
    "upper-cased": ("PLAIN", lambda sent: [f"5.7.8 bad password {PASSWORD.upper()}"]),
    "url-encoded": ("PLAIN", lambda sent: [f"5.7.8 see /login?p={quote(PASSWORD, safe='')}"]),
    "url-encoded, lower": ("PLAIN", lambda sent: [f"5.7.8 p={quote(PASSWORD, safe='').lower()}"]),
    "quote_plus": ("PLAIN", lambda sent: [f"5.7.8 p={quote_plus(PASSWORD)}"]),
    "quoted-printable": ("PLAIN", lambda sent: [f"5.7.8 {quopri.encodestring(PASSWORD.encode()).decode()}"]),
    "AUTH PLAIN": ("PLAIN", lambda sent: [f"5.7.8 cannot accept: AUTH PLAIN {sent[0]}"]),
    "AUTH PLAIN over lines": ("PLAIN", lambda sent: ["5.7.8 cannot accept:", *split(sent[0])]),
    "AUTH PLAIN spaced": ("PLAIN", lambda sent: [" ".join(split(sent[0], 5))]),
    "re-encoded": ("PLAIN", lambda sent: [b64(b"you sent " + base64.b64decode(sent[0]))]),
    "re-encoded over lines": ("PLAIN", lambda sent: split(b64(b"you sent: " + base64.b64decode(sent[0])), 9)),
    "password in base64": ("PLAIN", lambda sent: [f"5.7.8 {b64(PASSWORD)}"]),
    "AUTH LOGIN": ("LOGIN", lambda sent: [f"5.7.8 user {sent[0]} password {sent[1]}"]),
    "AUTH LOGIN over lines": ("LOGIN", lambda sent: [*split(sent[0], 3), *split(sent[1], 5)]),
    "CRAM-MD5": ("CRAM-MD5", lambda sent: [f"5.7.8 {sent[0]} = {base64.b64decode(sent[0]).decode()}"]),
}


class _EchoingSmtp(socketserver.StreamRequestHandler):
    """An SMTP server offering one login mechanism, refusing it with a reply that quotes the
    credentials back in the form the test chose."""

    mechanism = "PLAIN"
    echo: Echo = staticmethod(lambda sent: [])

    def handle(self) -> None:
        self.say("220 echo.example ESMTP")
        sent: list[str] = []
        while line := self.rfile.readline():
            words = line.decode("ascii", "replace").split()
            verb = words[0].upper() if words else ""
            if verb == "EHLO":
                self.say(f"250-echo.example\r\n250 AUTH {self.mechanism}")
            elif verb == "QUIT":
                return self.say("221 bye")
            elif verb == "AUTH":
                sent += words[2:]
                self.challenge(sent)
            elif self.mechanism != "PLAIN" and len(words) == 1:
                sent.append(words[0])
                self.challenge(sent)
            else:
                self.say("503 5.5.1 no")

    def challenge(self, sent: list[str]) -> None:
        if self.mechanism == "CRAM-MD5" and not sent:
            return self.say(f"334 {b64(CHALLENGE)}")
        if self.mechanism == "LOGIN" and len(sent) < 2:
            return self.say("334 " + b64("Username:" if not sent else "Password:"))
        *lines, last = type(self).echo(sent)
        self.say("".join(f"535-{text}\r\n" for text in lines) + f"535 {last}")

    def say(self, text: str) -> None:
        self.wfile.write(f"{text}\r\n".encode())


@contextmanager
def echoing_server(mechanism: str, echo: Echo) -> Iterator[int]:
    handler = type("Handler", (_EchoingSmtp,), {"mechanism": mechanism, "echo": staticmethod(echo)})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def secret_forms() -> tuple[list[str], list[str]]:
    """(forms to look for in any case, base64 forms to look for with whitespace removed)."""
    plain = [PASSWORD, quote(PASSWORD, safe=""), quote_plus(PASSWORD)]
    plain.append(quopri.encodestring(PASSWORD.encode()).decode().strip())
    digest = hmac.new(PASSWORD.encode(), CHALLENGE, hashlib.md5).hexdigest()
    plain.append(digest)
    encoded = [b64(PASSWORD), b64(f"\0{USER}\0{PASSWORD}"), b64(f"{USER} {digest}")]
    encoded += [b64(b"\0" * shift + PASSWORD.encode())[4:-4] for shift in range(3)]  # inside longer base64
    return plain, encoded


def assert_no_secret(place: str) -> None:
    plain, encoded = secret_forms()
    for form in plain:
        assert form.lower() not in place.lower()
    squashed = re.sub(r"\s|\\[rn]", "", place)
    for form in encoded:
        assert form not in squashed and form[:12] not in squashed


@pytest.mark.parametrize("form", list(ECHOES))
def test_a_server_quoting_the_login_in_any_form_never_exposes_the_password(
    tracker, config_file: Path, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TRACKER_SMTP_PASSWORD", PASSWORD)
    mechanism, echo = ECHOES[form]
    with echoing_server(mechanism, echo) as port:
        said = run_with_refused_login(tracker, config_file, port, USER)
    assert "535" in said.stored
    for place in (said.out, said.err, said.listed, said.stored):
        assert_no_secret(place)  # ...without the password in any form


def test_masking_keeps_the_rest_of_the_reply() -> None:
    sent = [b64(f"\0{USER}\0{PASSWORD}")]
    reply = f"5.7.8 {PASSWORD.lower()} and {sent[0][:9]}\n{sent[0][9:]} refused"
    assert mask_secrets(reply, PASSWORD, USER, sent) == "5.7.8 *** and *** refused"
    assert mask_secrets("5.7.8 try again later", PASSWORD, USER, sent) == "5.7.8 try again later"
