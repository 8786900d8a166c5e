"""Masking the mail password, and what the client sent while logging in, out of any text an
SMTP failure turns into (printed, logged or stored with the job's run).

A server may quote the credentials back in any shape: as typed, lower- or upper-cased,
URL-encoded, quoted-printable, or in base64 (the AUTH PLAIN and AUTH LOGIN lines, a CRAM-MD5
answer), the base64 split across lines or re-encoded inside a longer base64 text. Every such
form is masked, whatever whitespace, line breaks or escaped line breaks (`\\r\\n` in a
Python bytes repr) stand between its characters.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from urllib.parse import quote, quote_plus

MASK = "***"
# between two characters of a quoted secret: spaces, line breaks, their escaped forms, a
# quoted-printable soft line break, or a continued SMTP reply's code ("\r\n535-5.7.8 ")
_GAP = r"(?:\s|\\[rnt]|=(?=\s|\\[rn])|(?<=\n)[2-5]\d\d[ -](?:\d\.\d{1,3}\.\d{1,3} )?)*"
# a long base64-looking word after an AUTH reply code (334 challenge, 535 refusal)
_AFTER_AUTH_CODE = re.compile(r"(?<![0-9])(334|535)([- ]\S*?)?(\s+)([A-Za-z0-9+/_-]{12,}={0,2})")
_BASE64_RUN = re.compile(r"(?=[A-Za-z0-9+/]*[0-9+/])[A-Za-z0-9+/]{16,}={0,2}")  # not plain words
SHORTEST = 4  # a shorter piece of a base64 text could be any word: not masked on its own


def mask_secrets(
    text: str, password: str | None, username: str | None = None, sent: list[str] | None = None
) -> str:
    """`text` with every form of the password and of the login exchange (`sent`: the words the
    client sent while logging in) replaced by ***."""
    for pattern in _patterns(password, username, tuple(sent or ())):
        text = pattern.sub(MASK, text)
    return text


def mask_login_reply(text: str) -> str:
    """A refused login's reply with any long base64-looking word masked: a piece of the
    credentials the server quoted in a shape not foreseen."""
    text = _AFTER_AUTH_CODE.sub(lambda m: f"{m[1]}{m[2] or ''}{m[3]}{MASK}", text)
    return _BASE64_RUN.sub(MASK, text)


def _patterns(password: str | None, username: str | None, sent: tuple[str, ...]) -> list[re.Pattern[str]]:
    """The forms to mask, longest first (a shorter form inside a longer one is masked with it)."""
    plain, encoded = _forms(password, username, sent)
    found = [(form, re.IGNORECASE) for form in plain] + [(form, 0) for form in encoded - plain]
    found.sort(key=lambda item: len(item[0]), reverse=True)
    return [re.compile(_GAP.join(re.escape(c) for c in form), flags) for form, flags in found]


def _forms(password: str | None, username: str | None, sent: tuple[str, ...]) -> tuple[set[str], set[str]]:
    """(forms matched in any case, base64 forms matched exactly)."""
    secrets = {word for word in sent if len(word) >= SHORTEST}
    for word in sent:
        secrets |= {piece for piece in _decoded(word) if piece != username and len(piece) >= SHORTEST}
    plain: set[str] = set()
    if password:
        plain |= _text_forms(password)
        secrets |= {password, password.lower(), password.upper()}
        if username:
            secrets |= {f"\0{username}\0{password}", f"{username}\0{password}"}
    encoded: set[str] = set()
    for secret in secrets:
        encoded |= _base64_forms(secret.encode("utf-8", "replace"))
    encoded |= {word for word in sent if len(word) >= SHORTEST}
    return {form for form in plain if form}, {form for form in encoded if len(form) >= SHORTEST}


def _text_forms(password: str) -> set[str]:
    """The password as typed, URL-encoded and quoted-printable (each matched in any case)."""
    raw = password.encode("utf-8", "replace")
    return {
        password,
        quote(password, safe=""),
        quote_plus(password, safe=""),
        quopri.encodestring(raw).decode("ascii").rstrip("\n").replace("=\n", ""),
        quopri.encodestring(raw, header=True).decode("ascii").rstrip("\n").replace("=\n", ""),
    }


def _base64_forms(secret: bytes) -> set[str]:
    """The base64 of `secret` whole, and the part of it that shows whatever stands before it in
    a longer base64 text (three alignments), in both alphabets (standard and URL-safe)."""
    forms = {base64.b64encode(secret).decode("ascii")}
    for shift in range(3):
        text = base64.b64encode(b"\0" * shift + secret).decode("ascii").rstrip("=")
        start = (shift * 4 + 2) // 3  # the first character that owes nothing to the padding
        end = len(text) - (1 if (shift + len(secret)) % 3 else 0)  # nor to what follows
        forms.add(text[start:end])
    forms |= {form.replace("+", "-").replace("/", "_") for form in forms}
    return {form for form in forms if len(form) >= SHORTEST}


def _decoded(word: str) -> list[str]:
    """What a base64 word the client sent says (AUTH PLAIN's `\\0user\\0password`, a CRAM-MD5
    answer `user digest`), cut into its pieces."""
    try:
        text = base64.b64decode(word, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return []
    return [piece for piece in re.split(r"[\0 ]", text) if piece]
