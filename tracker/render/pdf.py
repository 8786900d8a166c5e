"""The report as a PDF: the HTML report's print styles laid out by WeasyPrint.

No office suite is needed. WeasyPrint embeds a subset of every font it uses; the template asks
for Times New Roman, then Liberation Serif (metric-compatible), so that every Vietnamese letter
comes from one serif family. WeasyPrint is imported here only, when a PDF is asked for.
"""

from __future__ import annotations

import logging
from typing import Any

from tracker.errors import TrackerError
from tracker.i18n import _

QUIET_LOGGERS = ("weasyprint", "weasyprint.progress", "fontTools", "fontTools.subset", "fontTools.ttLib")
DEBIAN_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation fonts-liberation2"


def render_pdf(fmt: str, context: Any, kind: str) -> bytes:
    """The report (`kind` "report") as PDF bytes, from the same HTML the html format writes."""
    from tracker.render.templates import render

    html = render("html", context, kind)
    weasyprint = load_weasyprint()
    document: bytes = weasyprint.HTML(string=html, base_url=None).write_pdf()
    return document


def load_weasyprint() -> Any:
    """WeasyPrint, with its warnings kept off the terminal; one clear error when the system
    libraries it draws with (Pango) are missing."""
    quiet_logs()
    try:
        import weasyprint  # type: ignore[import-untyped]
    except OSError as error:  # cffi could not open libpango / libgobject
        raise TrackerError(missing_libraries_message(error)) from error
    return weasyprint


def missing_libraries_message(error: BaseException) -> str:
    first = str(error).splitlines()[0] if str(error) else type(error).__name__
    message = _(
        "cannot write PDF: WeasyPrint cannot load its system libraries ({error}); "
        "on Debian install {packages}"
    )
    return message.format(error=first, packages=DEBIAN_PACKAGES)


def quiet_logs() -> None:
    """WeasyPrint and fontTools log CSS they skip and font tables they drop; the reader of the
    terminal needs none of it. Only their own loggers are raised, nothing global."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
