"""The PDF drawn in a second process, while this one does the rest of the report.

Laying out a PDF costs more than everything else a report does (WeasyPrint loads in half a
second and draws in nearly one). A worker process started as soon as a command knows it will
write a PDF (`prewarm`) loads WeasyPrint while the command reads the database and evaluates;
it then draws the HTML it is given while this process writes the Word file and the other
formats. On a machine of two cores a report in Word and PDF takes the time of the longer
of the two, not their sum.

The worker reads on its standard input one line naming the PDF's form (`pdf/a-2b` or `plain`,
config `document.pdf`), then the HTML, and writes the PDF on its standard output; it reads
nothing else and writes no file. A command that stops before it needs the PDF (a
bad option, a kill) closes the pipe: the worker reads nothing, and exits.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any

from tracker.errors import TrackerError
from tracker.i18n import _, current_language

TIMEOUT_S = 600  # a report of a few pages takes a second; a stuck worker is given up, not awaited
_warm: subprocess.Popen[bytes] | None = None


def spawn(lang: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "tracker.render.pdf", lang]  # __main__.py: main()
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def prewarm() -> None:
    """Start the worker now, so that it has WeasyPrint loaded by the time the HTML is ready."""
    global _warm
    if _warm is None:
        _warm = spawn(current_language())


def _worker() -> subprocess.Popen[bytes]:
    global _warm
    worker, _warm = _warm, None
    return worker if worker is not None else spawn(current_language())


def start_pdf(fmt: str, context: Any, kind: str) -> Callable[[], bytes]:
    """Hand the report's HTML to a worker; the function returned waits for its PDF."""
    from tracker.render.pdf._pdf import party_html, variant_of

    html = variant_of(context).encode("ascii") + b"\n" + party_html(context, kind).encode("utf-8")
    worker = _worker()
    result: dict[str, Any] = {}

    def exchange() -> None:  # a thread: the HTML may be larger than a pipe holds
        try:
            result["out"], result["err"] = worker.communicate(html, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            worker.kill()
            result["out"], result["err"] = b"", _("the PDF took too long to draw").encode()

    thread = threading.Thread(target=exchange, daemon=True)
    thread.start()

    def finish() -> bytes:
        thread.join()
        out: bytes = result.get("out", b"")
        if worker.returncode != 0 or not out.startswith(b"%PDF-"):
            raise TrackerError(_failure(worker.returncode, result.get("err", b"")))
        return out

    return finish


def _failure(code: int | None, err: bytes) -> str:
    """The worker's own one-line message, else what became of it."""
    lines = err.decode("utf-8", errors="replace").strip().splitlines()
    if lines:
        return lines[-1]
    return _("cannot write PDF: the process drawing it stopped (exit {code})").format(code=code)


def main(argv: list[str]) -> int:
    """The worker: load WeasyPrint, read the PDF's form and the HTML, write the PDF."""
    from tracker.i18n import DEFAULT_LANG, check_language, set_language
    from tracker.process import quick_process
    from tracker.render.pdf._pdf import ARCHIVAL, VARIANTS, draw_pdf, load_weasyprint

    quick_process()
    set_language(check_language(argv[0] if argv else None) or DEFAULT_LANG)
    try:
        weasyprint = load_weasyprint()
    except TrackerError as error:
        sys.stderr.write(f"{error}\n")
        return 3
    given = sys.stdin.buffer.read()
    if not given:
        return 0  # the command stopped before it needed the PDF
    first, _newline, html = given.partition(b"\n")
    variant = first.decode("ascii", errors="replace").strip()
    drawn = draw_pdf(weasyprint, html.decode("utf-8"), variant if variant in VARIANTS else ARCHIVAL)
    sys.stdout.buffer.write(drawn)
    return 0
