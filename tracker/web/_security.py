"""What every answer of the portal carries, and what every request must be (docs/web.md):

- protective headers on every answer: a Content-Security-Policy that allows only the server's own
  scripts, styles and images (no inline script), no framing, no sniffing, no referrer outside;
- a request that changes something (POST) must come from the portal's own pages: an `Origin` or
  `Referer` of another site, or a browser saying the request is cross-site, is refused with 403
  before any handler runs (the form's own token is checked after, by the handler's guard);
- a request body is at most MAX_BODY bytes (a year's form is a few kilobytes).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tracker.i18n import Lang, _, check_language, set_request_language

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
]
HSTS = (b"strict-transport-security", b"max-age=31536000")
NO_STORE = (b"cache-control", b"no-store")
MAX_BODY = 1_000_000
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
LANG_COOKIE = "tracker_lang"


def request_language(scope: Scope, headers: Headers) -> Lang:
    """The language a person picked (a cookie), else the portal's (the config's)."""
    picked = check_language(cookie_parser(headers.get("cookie", "")).get(LANG_COOKIE))
    if picked is not None:
        return picked
    portal = getattr(scope["app"].state, "portal", None)
    return "vi" if portal is None else portal.lang


def own_origin(scope: Scope, headers: Headers) -> str:
    scheme = scope.get("scheme", "http")
    return f"{scheme}://{headers.get('host', '')}".lower()


def foreign(scope: Scope, headers: Headers) -> bool:
    """Whether a changing request comes from another site's page."""
    if headers.get("sec-fetch-site") == "cross-site":
        return True
    origin = headers.get("origin")
    if origin is not None:
        return origin.lower() != own_origin(scope, headers)
    referer = headers.get("referer")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}".lower() != own_origin(scope, headers)
    return False


class Guard:
    """The headers of every answer; foreign and oversized changing requests refused."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        set_request_language(request_language(scope, headers))
        secure = scope.get("scheme") == "https"
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = list(HEADERS) + ([HSTS] if secure else []) + ([] if static else [NO_STORE])
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        if scope["method"] in UNSAFE:
            size = headers.get("content-length")
            if foreign(scope, headers):
                await plain(send_with_headers, 403, _("Refused: this request comes from another site."))
                return
            if size is not None and (not size.isdigit() or int(size) > MAX_BODY):
                await plain(send_with_headers, 413, _("Refused: the request is too large."))
                return
        await self.app(scope, receive, send_with_headers)


async def plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    start: Message = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
        ],
    }
    await send(start)
    await send({"type": "http.response.body", "body": body})
