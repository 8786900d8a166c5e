"""The report as a PDF: the HTML report's print styles laid out by WeasyPrint.

No office suite is needed. WeasyPrint embeds a subset of every font it uses; the template asks
for Times New Roman, then Liberation Serif (metric-compatible), so that every Vietnamese letter
comes from one serif family. WeasyPrint is imported here only, when a PDF is asked for.

By default the PDF is PDF/A-2b, the form archives keep (config `document.pdf`): WeasyPrint
writes its identification and XMP metadata and an sRGB output intent; the title, the author
(the issuing body) and the creation date come from the HTML's head, for a plain PDF too.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from tracker.errors import TrackerError
from tracker.i18n import _

QUIET_LOGGERS = ("weasyprint", "weasyprint.progress", "fontTools", "fontTools.subset", "fontTools.ttLib")
DEBIAN_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation fonts-liberation2"
ARCHIVAL, PLAIN = "pdf/a-2b", "plain"  # the values of `document.pdf`
VARIANTS: dict[str, str | None] = {ARCHIVAL: "pdf/a-2b", PLAIN: None}  # -> WeasyPrint's pdf_variant


def render_pdf(fmt: str, context: Any, kind: str) -> bytes:
    """The report (`kind` "report") as PDF bytes, from the same HTML the html format writes,
    drawn in this process (the report service draws it in a worker: _worker.py)."""
    return draw_pdf(load_weasyprint(), party_html(context, kind), variant_of(context))


def variant_of(context: Any) -> str:
    """The PDF's form the report asks for (`document.pdf`); PDF/A-2b when it says nothing."""
    variant = getattr(context, "pdf_variant", ARCHIVAL)
    return variant if variant in VARIANTS else ARCHIVAL


def party_html(context: Any, kind: str) -> str:
    """The HTML the PDF is drawn from: the report as the Party document, without the tool's own
    lines (data cut-off, generation time, changes, sources, charts) that the HTML working copy keeps."""
    from dataclasses import fields, is_dataclass, replace

    from tracker.render._templates import render

    drawn = is_dataclass(context) and not isinstance(context, type)
    if drawn and any(f.name == "party_document" for f in fields(context)):
        context = replace(context, party_document=True)
    return render("html", context, kind)


def draw_pdf(weasyprint: Any, html: str, variant: str = ARCHIVAL) -> bytes:
    """The PDF of an HTML report, PDF/A-2b or plain (`variant`); it loads nothing from outside
    (base_url None)."""
    pdf_variant = VARIANTS[variant]
    options = {"pdf_variant": pdf_variant} if pdf_variant else {}
    document: bytes = weasyprint.HTML(string=html, base_url=None).write_pdf(**options)
    return document


def load_weasyprint() -> Any:
    """WeasyPrint, with its warnings kept off the terminal; one clear error when the system
    libraries it draws with (Pango) are missing."""
    quiet_logs()
    try:
        with one_library_scan():
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


@contextmanager
def one_library_scan() -> Iterator[None]:
    """While WeasyPrint loads, answer `ctypes.util.find_library` from one reading of the
    linker's cache.

    WeasyPrint tries several names for each of its libraries ("libgobject-2.0-0", ...,
    "libgobject-2.0.so.0"); cffi asks `find_library` about each name that does not open, and on
    Linux that runs `ldconfig -p`, then gcc and ld: some twenty processes and 0.3 s of a PDF
    report's 2 s. The answers are the same from one `ldconfig -p`. Elsewhere, or without
    ldconfig, nothing is changed."""
    import ctypes.util

    listing = _ldconfig_listing() if sys.platform.startswith("linux") else b""
    if not listing:
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = _finder(listing)  # type: ignore[assignment]
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _ldconfig_listing() -> bytes:
    try:
        done = subprocess.run(
            ["/sbin/ldconfig", "-p"],
            capture_output=True,
            env={"LC_ALL": "C", "LANG": "C"},
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return b""
    return done.stdout if done.returncode == 0 else b""


def _finder(listing: bytes) -> Callable[[str], str | None]:
    """find_library as ctypes does it with ldconfig (the library of this machine's word size)."""
    abi = b"x86-64" if os.uname().machine == "x86_64" else b""

    def find_library(name: str) -> str | None:
        pattern = rb"\s+(lib" + re.escape(os.fsencode(name)) + rb"\.[^\s]+)\s+\(([^)]*)\)"
        for found in re.finditer(pattern, listing):
            if abi in found.group(2):
                return os.fsdecode(found.group(1))
        return None

    return find_library
