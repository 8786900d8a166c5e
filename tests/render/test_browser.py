"""The HTML report opened in headless Chromium: what the reader sees, and no browser errors.

Skipped when no Chromium is installed; TRACKER_REQUIRE_BROWSER=1 (as CI sets) turns the skip
into a failure so that the check cannot silently disappear.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers.printed import (
    KIND_TITLES,
    POPPLER,
    charts_sweep,
    check_printed,
    demo_reports,
    heads_without_charts,
    require_tools,
)

pytestmark = pytest.mark.usefixtures("vietnamese")  # what the office sees: the config's language

REQUIRE_BROWSER_ENV = "TRACKER_REQUIRE_BROWSER"
TIMEOUT = 120  # seconds for one Chromium run
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--enable-logging=stderr", "--v=0",
)  # fmt: skip
DEMO_CODES = [*(f"T{i:02d}" for i in range(1, 12)), "M1", "M2"]
EXTERNAL_TAGS = {"script", "link", "img", "iframe", "object", "embed", "video", "audio", "source"}


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


@pytest.fixture
def chromium() -> str:
    found = find_chromium()
    if found is None:
        reason = "no Chromium found (chromium, chromium-browser, google-chrome, /usr/bin/chromium)"
        if os.environ.get(REQUIRE_BROWSER_ENV) == "1":
            pytest.fail(f"a browser is required ({REQUIRE_BROWSER_ENV}=1) but {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    return found


@dataclass
class Browsed:
    dom: str
    console: list[str]  # console messages and uncaught errors the page produced


def open_in_chromium(chromium: str, page: Path, profile: Path, *extra: str) -> Browsed:
    """Load a local file in headless Chromium; return the DOM it dumped and its console lines."""
    args = [chromium, *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()]
    done = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    # Chromium's own noise (dbus, gpu, sandbox warnings) never carries these markers.
    console = [
        line
        for line in done.stderr.splitlines()
        if "CONSOLE" in line or "Uncaught" in line or "ERROR:CONSOLE" in line
    ]
    return Browsed(done.stdout, console)


class Page(HTMLParser):
    """What a reader sees: the summary paragraph, the target rows, anything that loads from outside."""

    def __init__(self) -> None:
        super().__init__()
        self.summary = ""
        self.rows: list[str] = []
        self.row_texts: dict[str, str] = {}
        self.external: list[str] = []
        self.svgs = 0
        self._in_summary = False
        self._row: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in EXTERNAL_TAGS or "src" in values or "href" in values:
            self.external.append(f"<{tag} {values}>")
        if tag == "svg":
            self.svgs += 1
        if values.get("id") == "summary":
            self._in_summary = True
        if tag == "tr" and "target" in (values.get("class") or "").split():
            self._row = values.get("data-code") or "?"
            self.rows.append(self._row)
            self.row_texts[self._row] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._in_summary = False
        if tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._in_summary:
            self.summary += data
        if self._row is not None:
            self.row_texts[self._row] += data


def parse(dom: str) -> Page:
    page = Page()
    page.feed(dom)
    page.close()
    return page


def demo_report(run, folder: Path) -> Path:  # type: ignore[no-untyped-def]
    result = run("demo", "--dir", str(folder))
    assert result.code == 0, result.err
    html = next((folder / "reports").glob("DHIX-DUK-DB-2023-vi-r*.html"))
    assert html.is_file(), sorted(p.name for p in folder.rglob("*"))
    return html


def test_demo_report_shows_summary_and_every_target_without_errors(run, chromium, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    html = demo_report(run, tmp_path / "demo")
    browsed = open_in_chromium(chromium, html, tmp_path / "profile", "--dump-dom")
    assert browsed.console == []
    page = parse(browsed.dom)
    # as of 2023, the middle of 2021-2025: a mid-term review, in its words
    assert re.match(r"\d+/13 chỉ tiêu đạt tiến độ; \d+ chỉ tiêu chưa đạt", page.summary), page.summary
    assert page.rows == DEMO_CODES
    assert page.svgs == len(DEMO_CODES)
    assert page.external == []
    assert "SỐ LIỆU MINH HỌA" in browsed.dom  # the demo says its figures are synthetic


def test_report_of_recorded_figures_in_both_languages(tracker, chromium, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T01", "2021", "38/42", "--provisional")
    tracker("record", "T02", "2021", "18,5")
    tracker("record", "T07", "2021", "160")
    for lang, summary, word in (
        ("vi", "Năm 2021 có 3/4 chỉ tiêu đạt và vượt; 1 chỉ tiêu không đạt", "Không đạt"),  # its year
        ("en", "In 2021, 3/4 targets were met or exceeded; 1 not met", "Missed"),
    ):
        result = tracker("report", "--format", "html", "--lang", lang)
        assert result.code == 0, result.err
        html = Path(result.out.strip())
        browsed = open_in_chromium(chromium, html, tmp_path / f"profile-{lang}", "--dump-dom")
        assert browsed.console == [], lang
        page = parse(browsed.dom)
        assert page.summary.startswith(summary), page.summary
        assert page.rows == [f"T{i:02d}" for i in range(1, 12)]
        assert word in page.row_texts["T02"] and "38/42" in page.row_texts["T01"]
        assert page.external == []


def test_screenshot_of_the_report_is_a_real_image(run, chromium, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    html = demo_report(run, tmp_path / "demo")
    shot = tmp_path / "report.png"
    browsed = open_in_chromium(
        chromium, html, tmp_path / "profile", "--window-size=1280,2400", f"--screenshot={shot}"
    )
    assert browsed.console == []
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 20_000  # a blank page is a few kilobytes; the report is far more


def test_console_errors_would_be_caught(chromium, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The error check is not blind: a page with a failing script is reported."""
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><p id="summary">x</p><script>console.error("boom"); missing();</script>',
        encoding="utf-8",
    )
    browsed = open_in_chromium(chromium, broken, tmp_path / "profile", "--dump-dom")
    assert any("boom" in line for line in browsed.console), browsed.console
    assert any("Uncaught ReferenceError" in line for line in browsed.console), browsed.console
    assert parse(browsed.dom).external == ["<script {}>"]


@pytest.mark.parametrize("year", [2025, 2023])
def test_html_printed_by_chromium_within_the_limits(chromium, tmp_path: Path, year: int) -> None:  # type: ignore[no-untyped-def]
    """The HTML's print styles in Chromium's own layout (`--print-to-pdf`, no browser header or
    footer): the same limits as the WeasyPrint PDF (tests/helpers/printed.py), read back by poppler."""
    require_tools(*POPPLER, "fc-match")
    html = demo_reports(tmp_path / "demo", ((year, "vi"),)).files[year, "vi"]["html"]
    printed = tmp_path / f"chromium-{year}.pdf"
    open_in_chromium(
        chromium, html, tmp_path / "profile", f"--print-to-pdf={printed}", "--no-pdf-header-footer"
    )
    measured = check_printed(printed, html, KIND_TITLES[year])
    print(f"Chromium {year}: {measured}")


def test_chromium_prints_the_charts_heading_with_the_first_charts(chromium, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The working copy's charts' heading and note, wherever they land on the page, are printed
    on the page of the first row of charts (tests/helpers/printed.py: charts_sweep)."""
    require_tools(*POPPLER)
    html = demo_reports(tmp_path / "demo", ((2025, "vi"),)).files[2025, "vi"]["html"]
    swept, copies = charts_sweep(html)
    page = tmp_path / "charts-sweep.html"
    page.write_text(swept, encoding="utf-8")
    printed = tmp_path / "charts-sweep.pdf"
    open_in_chromium(
        chromium, page, tmp_path / "profile", f"--print-to-pdf={printed}", "--no-pdf-header-footer"
    )
    assert heads_without_charts(printed, copies) == []
