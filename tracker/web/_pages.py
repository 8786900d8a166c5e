"""The portal's pages: Jinja2 templates (tracker/web/templates), escaped everywhere, drawn
from plain values the handlers prepare (the templates hold no logic), in the request's language.
Every page is served with the headers of _security.py; none loads anything from elsewhere."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from tracker import __version__
from tracker.accounts import Visit
from tracker.i18n import _, current_language, ngettext

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(_=_, ngettext=ngettext, static=static_url)
    return env


def static_url(name: str) -> str:
    """A shipped file's address, with the version so that a new release is fetched anew."""
    return f"/static/{name}?v={__version__}"


def nav_of(visit: Visit | None) -> list[tuple[str, str]]:
    """The links of the page's header for the account's role: (address, words)."""
    if visit is None:
        return []
    account = visit.account
    if account.role == "unit":
        return [(f"/units/{account.unit}", _("My unit"))]
    links = [("/dashboard", _("Dashboard")), ("/units", _("Units")), ("/reports", _("Reports"))]
    links.append(("/history", _("History")))
    if account.role == "office":
        links += [("/figures", _("Figures")), ("/ratings", _("Ratings")), ("/quotas", _("Quotas"))]
    return links


def page(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    visit: Visit | None = None,
    status: int = 200,
) -> HTMLResponse:
    """A page drawn for the request: its template, its values, who is signed in."""
    values: dict[str, Any] = {
        "lang": current_language(),
        "visit": visit,
        "account": None if visit is None else visit.account,
        "csrf_token": None if visit is None else visit.csrf_token,
        "nav": nav_of(visit),
        "path": request.url.path,
        "other_lang": "en" if current_language() == "vi" else "vi",
    }
    values.update(context or {})
    html = environment().get_template(template).render(values)
    return HTMLResponse(html, status_code=status)
