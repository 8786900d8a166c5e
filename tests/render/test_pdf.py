"""`tracker report --format pdf`: the WeasyPrint PDF read back as a reader would (pdfinfo,
pdftotext, pdffonts; see tests/helpers/printed.py), and one clear error when Pango is missing."""

from __future__ import annotations

import builtins
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.printed import (
    KIND_TITLES,
    POPPLER,
    Reports,
    check_printed,
    demo_reports,
    require_tools,
    text,
)
from tracker.errors import TrackerError

WANTED = ((2025, "vi"), (2023, "vi"), (2025, "en"))


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Reports:
    """The demo, and its reports as of 2025 (end of term), 2023 (mid-term) and in English."""
    require_tools(*POPPLER, "fc-match")
    return demo_reports(tmp_path_factory.mktemp("demo"), WANTED)


@pytest.mark.parametrize("year", [2025, 2023])
def test_pdf_prints_the_party_document_within_the_limits(reports: Reports, year: int) -> None:
    files = reports.files[year, "vi"]
    measured = check_printed(files["pdf"], files["html"], KIND_TITLES[year])
    print(f"WeasyPrint {year}: {measured}")


def test_pdf_is_a_pdf_of_the_same_report_as_the_html(reports: Reports) -> None:
    files = reports.files[2025, "vi"]
    assert files["pdf"].read_bytes().startswith(b"%PDF-")
    assert files["pdf"].stem == files["html"].stem  # one run, two formats


def test_english_pdf(reports: Reports) -> None:
    printed = text(reports.files[2025, "en"]["pdf"])
    assert "COMMUNIST PARTY OF VIETNAM" in printed and "REPORT" in printed
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in printed


def test_missing_pango_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint raises OSError when cffi cannot open libpango; the user reads what to install."""
    from tracker.render.pdf import _pdf as pdf

    real_import = builtins.__import__

    def failing_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            raise OSError(
                "cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file"
            )
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing_import)
    with pytest.raises(TrackerError) as caught:
        pdf.load_weasyprint()
    message = str(caught.value)
    assert len(message.splitlines()) == 1
    assert "libpango-1.0-0 libpangoft2-1.0-0" in message and "fonts-liberation" in message
    assert "cannot load library 'libpango-1.0-0'" in message


def test_loading_weasyprint_quiets_only_its_own_loggers() -> None:
    from tracker.render.pdf import _pdf as pdf

    root = logging.getLogger().level
    pdf.quiet_logs()
    assert logging.getLogger("weasyprint").level == logging.ERROR
    assert logging.getLogger("fontTools").level == logging.ERROR
    assert logging.getLogger().level == root


def test_pdf_writes_nothing_on_stderr(tmp_path: Path) -> None:
    """WeasyPrint's and fontTools' warnings stay off the terminal."""
    import subprocess
    import sys

    require_tools(*POPPLER)
    demo = tmp_path / "demo"
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "demo", "--dir", str(demo)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    args = ["--config", str(demo / "config.yaml"), "report", "--format", "pdf", "--year", "2025"]
    done = subprocess.run(
        [sys.executable, "-m", "tracker", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert Path(done.stdout.strip()).suffix == ".pdf"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldconfig's cache is Linux's")
def test_one_reading_of_the_linker_cache_finds_what_ctypes_finds() -> None:
    """WeasyPrint's libraries are looked up in one `ldconfig -p` instead of twenty processes:
    the answers must be those of ctypes itself, found or not."""
    import ctypes.util

    from tracker.render.pdf._pdf import _finder, _ldconfig_listing, one_library_scan

    listing = _ldconfig_listing()
    assert listing, "ldconfig -p printed nothing"
    find = _finder(listing)
    names = ("c", "m", "gobject-2.0", "pango-1.0", "harfbuzz", "fontconfig", "libpango-1.0-0", "no-such-lib")
    assert [find(n) for n in names] == [ctypes.util.find_library(n) for n in names]
    original = ctypes.util.find_library
    with one_library_scan():
        assert ctypes.util.find_library is not original
    assert ctypes.util.find_library is original


def test_a_worker_that_is_never_given_a_report_exits_when_the_command_stops() -> None:
    """The PDF's worker is started before the command knows it will succeed; a command that
    stops (a bad option, a kill) closes the pipe, and the worker leaves without a trace."""
    from tracker.render.pdf._worker import spawn

    worker = spawn("vi")
    out, err = worker.communicate(b"", timeout=60)
    assert (worker.returncode, out, err) == (0, b"", b"")


def test_a_worker_that_fails_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.render.pdf import _worker as pdf_worker

    said = "cannot write PDF: WeasyPrint cannot load its system libraries (x); on Debian install y"
    script = f"import sys; sys.stdin.read(); sys.stderr.write('noise\\n{said}\\n'); sys.exit(3)"
    monkeypatch.setattr(
        pdf_worker,
        "spawn",
        lambda lang: subprocess.Popen(
            [sys.executable, "-c", script],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ),
    )
    monkeypatch.setattr("tracker.render._templates.render", lambda fmt, context, kind: "<p>x</p>")
    monkeypatch.setattr(pdf_worker, "_warm", None)  # not a real worker an earlier test warmed up
    finish = pdf_worker.start_pdf("pdf", object(), "report")
    with pytest.raises(TrackerError) as caught:
        finish()
    assert str(caught.value) == said
