"""A printed report read back as a reader would: its pages, its text in order, its fonts.

Shared by the WeasyPrint PDF tests (tests/render/test_pdf.py) and the Chromium print test
(tests/render/test_browser.py); both check the same limits of shared/document-spec ("Limits the tests
check") on the demo's report. Everything is read with poppler-utils (pdfinfo, pdftotext, pdffonts).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest

REQUIRE_ENV = "TRACKER_REQUIRE_BROWSER"  # CI sets it: a missing tool is a failure there, not a skip
POPPLER = ("pdfinfo", "pdftotext", "pdffonts")
DEBIAN_PACKAGES = {"pandoc": "pandoc", "fc-match": "fontconfig"}  # the others: poppler-utils
DEMO_CODES = [*(f"T{i:02d}" for i in range(1, 12)), "M1", "M2"]
DEMO_NUMBERS = [str(n) for n in range(1, len(DEMO_CODES) + 1)]  # the annex's "TT": targets are numbered
RESOLUTION = (
    "Nghị quyết Đại hội đại biểu Đảng bộ Khối cơ quan và Doanh nghiệp tỉnh lần thứ IX, nhiệm kỳ 2020 - 2025"
)
A4 = (595, 842)  # points, rounded; the annex may be landscape (842 x 595)
MAX_PAGES = 6
MAX_TABLE_PAGES = 2
MAX_UNITS_PAGES = 1  # Phụ lục 2, units × targets, added by the demo's units beyond MAX_PAGES
MAX_TITLE_LINES = 4
KIND_TITLES = {  # as of 2025 the term's last year closes it; 2023 is the middle year: a mid-term review
    2025: f"Tổng kết thực hiện {RESOLUTION}",
    2023: f"Sơ kết giữa nhiệm kỳ thực hiện {RESOLUTION}",
}
HEADINGS = [
    "I. KẾT QUẢ ĐẠT ĐƯỢC",
    "II. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN",
    "III. BÀI HỌC KINH NGHIỆM",
]  # IV's title depends on the kind; its numeral is checked
RECIPIENTS = [
    "Nơi nhận:",
    "- Ban Thường vụ Tỉnh ủy (b/c),",
    "- Các tổ chức cơ sở đảng trực thuộc,",
    "- Lưu Văn phòng Đảng ủy.",
]


def require_tools(*names: str) -> None:
    """Skip (or, with TRACKER_REQUIRE_BROWSER=1, fail) when a command the test reads with is absent."""
    missing = [name for name in names if shutil.which(name) is None]
    if missing:
        packages = sorted({DEBIAN_PACKAGES.get(name, "poppler-utils") for name in missing})
        reason = f"{', '.join(missing)} not installed (Debian: {', '.join(packages)})"
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{REQUIRE_ENV}=1 but {reason}")
        pytest.skip(f"printed-report tests skipped: {reason}")


def tool(*args: str) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, (args, done.stderr[-2000:])
    return done.stdout


def tracker_cli(*args: str) -> str:
    """The installed command line, in its own process (the config's language, Vietnamese)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    command = [sys.executable, "-m", "tracker", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@dataclass(frozen=True)
class Reports:
    """The demo's reports as of each year: {(year, lang): {"pdf": path, "html": path}}."""

    folder: Path
    files: dict[tuple[int, str], dict[str, Path]]


def demo_reports(folder: Path, wanted: tuple[tuple[int, str], ...]) -> Reports:
    tracker_cli("demo", "--dir", str(folder))
    config = str(folder / "config.yaml")
    files: dict[tuple[int, str], dict[str, Path]] = {}
    for year, lang in wanted:
        out = tracker_cli(
            "--config", config, "report", "--format", "pdf,html", "--year", str(year), "--lang", lang
        )
        paths = [Path(line) for line in out.split()]
        files[year, lang] = {p.suffix[1:]: p for p in paths}
    return Reports(folder, files)


def page_sizes(pdf: Path) -> list[tuple[int, int]]:
    info = tool("pdfinfo", "-f", "1", "-l", "999", str(pdf))
    return [
        (round(float(w)), round(float(h)))
        for w, h in re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+)", info)
    ]


def text(pdf: Path, *options: str) -> str:
    return tool("pdftotext", *options, str(pdf), "-")


def page_text(pdf: Path, page: int, *options: str) -> str:
    return text(pdf, "-f", str(page), "-l", str(page), *options)


def units_annex_pages(pdf: Path, pages: int) -> list[int]:
    """The pages of Phụ lục 2 (units × targets), at the end of the report: from the page that
    opens it to the last."""
    for page in range(1, pages + 1):
        if "PHỤ LỤC 2" in page_text(pdf, page):
            return list(range(page, pages + 1))
    return []


def assert_in_order(found: str, expected: list[str]) -> None:
    """Each expected piece appears after the one before it (whitespace as printed is ignored)."""
    flat = " ".join(found.split())
    at = 0
    for piece in expected:
        where = flat.find(" ".join(piece.split()), at)
        assert where >= 0, f"{piece!r} not found after {flat[max(0, at - 80) : at]!r}"
        at = where + len(piece)


def reading_order(kind_title: str, summary: str) -> list[str]:
    """What the first pages say, in order, then the annex with every target."""
    return [
        "ĐẢNG BỘ TỈNH ĐIỆN BIÊN",
        "ĐẢNG ỦY KHỐI CƠ QUAN",
        "VÀ DOANH NGHIỆP TỈNH",  # never broken after "VÀ"
        "Số",
        "-BC/ĐUK",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Điện Biên, ngày",
        "BÁO CÁO",
        kind_title,
        HEADINGS[0],
        summary,
        *HEADINGS[1:],
        "IV. ",
        "PHỤ LỤC 1",
    ]


def fonts(pdf: Path) -> list[tuple[str, str]]:
    """(font name without its subset tag, emb yes/no) of each font pdffonts lists."""
    lines = tool("pdffonts", str(pdf)).splitlines()[2:]
    found = []
    for line in lines:
        parts = line.split()
        found.append((parts[0].split("+", 1)[-1], parts[-5]))
    return found


def family_key(name: str) -> str:
    """ "Liberation-Serif-BoldItalic", "LiberationSerif-Bold", "TimesNewRomanPS-BoldMT" -> the family."""
    key = re.sub(r"[^a-z]", "", name.lower())
    return re.sub(r"(ps)?(bold|italic|regular|oblique)*(mt)?$", "", key)


def expected_family() -> str:
    """The one serif family the report must print in: Times New Roman where installed, else
    what fontconfig substitutes for it (Liberation Serif, metric-compatible)."""
    family = tool("fc-match", "Times New Roman", "family").strip().split(",")[0]
    return family_key(family)


def assert_one_embedded_family(pdf: Path) -> list[str]:
    found = fonts(pdf)
    assert found, "no font in the PDF"
    assert all(emb == "yes" for _, emb in found), found
    assert {family_key(name) for name, _ in found} == {expected_family()}, found
    return [name for name, _ in found]


@dataclass(frozen=True)
class Word:
    page: int
    x: float  # left edge
    y: float  # top edge
    right: float
    text: str


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', re.S)
SAME_LINE = 1.0  # points: words of one printed line share their top edge
CELL_GAP = 8.0  # points: two table cells' paddings; words of a sentence are closer
WORD_GAP = 4.5  # points: a space at 11.5 pt is about 2.9; the next table column starts further off


def bbox_words(pdf: Path) -> list[Word]:
    """Every printed word with its box (pdftotext -bbox), in the order poppler reads them."""
    xhtml = text(pdf, "-bbox")
    words = []
    for number, page in enumerate(re.findall(r"<page .*?</page>", xhtml, re.S), start=1):
        for match in WORD.finditer(page):
            x, y, right = (float(match.group(i)) for i in (1, 2, 3))
            words.append(Word(number, x, y, right, unescape(match.group(4))))
    return words


def code_cells(words: list[Word], codes: list[str]) -> list[Word]:
    """The number cells of the targets table ("TT"), top to bottom: a number at the left edge of
    its page with no word (but "†") closer than two cells' paddings on either side. Numbers in
    sentences ("Chỉ tiêu 6:") always have one; the page number stands in the middle."""
    lefts = {page: min(w.x for w in words if w.page == page) for page in {w.page for w in words}}

    def on_line(word: Word) -> list[Word]:
        return [o for o in words if o is not word and o.page == word.page and abs(o.y - word.y) < SAME_LINE]

    def crowded(word: Word) -> bool:
        line = on_line(word)
        marks = [o.right for o in line if o.text == "†" and 0 <= o.x - word.right < WORD_GAP]
        right = max([word.right, *marks])  # "T11 †" is one code
        return any(o.text != "†" and o.right > word.x - CELL_GAP and o.x < right + CELL_GAP for o in line)

    found = (w for w in words if w.text in codes and w.x < lefts[w.page] + 20 and not crowded(w))
    return sorted(found, key=lambda w: (w.page, w.y))


def title_line_count(words: list[Word], title: str, cell: Word) -> int:
    """How many printed lines a target's title takes in its table cell.

    The title's first word is the nearest word right of the code cell on the same line. Each
    next word of the title is either on the same line just after the previous one (a space
    apart) or, when the line wrapped, the first word of the next line at the cell's left edge.
    Following the title word by word counts its lines; a title the walk cannot follow fails the
    test rather than passing unmeasured."""
    wanted = title.split()
    page = [w for w in words if w.page == cell.page]
    right_of_code = [
        w for w in page if abs(w.y - cell.y) < SAME_LINE and w.x > cell.right + 1 and w.text != "†"
    ]
    first = min(right_of_code, key=lambda w: w.x)
    assert first.text == wanted[0], f"{cell.text}: the title starts {first.text!r}, expected {wanted[0]!r}"
    left, previous, lines = first.x, first, 1
    for expected in wanted[1:]:
        after = [
            w
            for w in page
            if w.text == expected
            and abs(w.y - previous.y) < SAME_LINE
            and 0 <= w.x - previous.right < WORD_GAP
        ]
        if after:
            previous = after[0]
            continue
        below = [w for w in page if abs(w.x - left) < 2 and w.y > previous.y + SAME_LINE]
        assert below, f"{cell.text}: {expected!r} of the title not found"
        previous = min(below, key=lambda w: w.y)
        assert previous.text == expected, f"{cell.text}: expected {expected!r}, printed {previous.text!r}"
        lines += 1
    return lines


def summary_of(html: Path) -> str:
    """The summary line as the HTML says it (its wording is the evaluation's, not the layout's)."""
    found = re.search(r'<p class="summary" id="summary">(.*?)</p>', html.read_text(encoding="utf-8"), re.S)
    assert found, "no summary in the HTML"
    return unescape(found.group(1))


def titles(html: Path) -> dict[str, str]:
    """Each target's title as the HTML's table holds it (its second cell), by its number ("TT")."""
    page = html.read_text(encoding="utf-8")
    row = r'<tr class="target" data-code="[^"]+">\s*<td[^>]*>(\d+).*?</td>\s*<td>(.*?)</td>'
    rows = re.findall(row, page, re.S)
    return {number: unescape(title) for number, title in rows}


def check_printed(pdf: Path, html: Path, kind_title: str) -> dict[str, object]:
    """Every limit of the spec on one printed report; returns what was measured."""
    sizes = page_sizes(pdf)
    units_annex = units_annex_pages(pdf, len(sizes))
    assert 1 < len(sizes) - len(units_annex) <= MAX_PAGES, sizes  # the limit of the report without units
    assert len(units_annex) <= MAX_UNITS_PAGES, units_annex  # the demo's 12 units: one page
    assert sizes[0] == A4 and all(size in (A4, A4[::-1]) for size in sizes), sizes
    assert_in_order(text(pdf), reading_order(kind_title, summary_of(html)))
    layout = text(pdf, "-layout").splitlines()
    assert any("ĐẢNG CỘNG SẢN VIỆT NAM" in line for line in layout)
    assert any(re.search(r"Điện Biên, ngày \d\d tháng \d\d? năm \d{4}", line) for line in layout)
    assert any("Nơi nhận:" in line and "T/M BAN THƯỜNG VỤ" in line for line in layout)  # side by side
    flat = " ".join(text(pdf).split())
    assert all(recipient in flat for recipient in RECIPIENTS), flat
    assert "(Kèm theo Báo cáo số" in flat and "của Ban Thường vụ Đảng ủy Khối" in flat
    words = [w for w in bbox_words(pdf) if w.page not in units_annex]
    cells = code_cells(words, DEMO_NUMBERS)
    assert [cell.text for cell in cells] == DEMO_NUMBERS  # one row per target, in order
    pages = sorted({cell.page for cell in cells})
    assert pages[-1] - pages[0] + 1 <= MAX_TABLE_PAGES, pages
    by_code = titles(html)
    counts = {cell.text: title_line_count(words, by_code[cell.text], cell) for cell in cells}
    assert max(counts.values()) <= MAX_TITLE_LINES, counts
    assert not page_text(pdf, 1).strip().startswith("1")  # no number on the first page
    assert page_text(pdf, 2).strip().startswith("2")  # the second page is numbered, at the top
    return {
        "pages": len(sizes),
        "table_pages": pages,
        "title_lines": max(counts.values()),
        "fonts": assert_one_embedded_family(pdf),
    }


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, in order (pdftotext ends each page with a form feed)."""
    return text(pdf).split("\f")[:-1]


CHART_HEAD = re.compile(r"<h3[^>]*>Biểu đồ</h3>.*?</section>", re.S)
FIGURE = re.compile(r"<figure>.*?</figure>", re.S)
SWEEP_MM = range(0, 171, 5)  # a landscape page's height within its margins, in steps under a chart's


def charts_sweep(html: Path, figures: int = 2) -> tuple[str, int]:
    """The charts' part of a Vietnamese HTML working copy (heading, note, the first `figures`
    charts) printed again and again, each copy on a page of its own below a blank a little
    taller than the last: somewhere the heading falls at the foot of the page. The HTML of the
    copies with the report's own styles, and how many there are."""
    page = html.read_text(encoding="utf-8")
    found = CHART_HEAD.search(page)
    assert found, "no charts in the HTML"
    part = found.group(0).removesuffix("</section>")
    charts = FIGURE.findall(part)
    part = (
        part[: part.index(charts[0])]
        + "".join(charts[:figures])
        + part[part.index(charts[-1]) + len(charts[-1]) :]
    )
    opening = '<section id="working-notes" style="break-before: page">'
    copies = [f'{opening}<div style="height: {mm}mm"></div>{part}</section>' for mm in SWEEP_MM]
    head = page.split("<body>", 1)[0]
    return f"{head}<body>{''.join(copies)}</body></html>", len(copies)


def heads_without_charts(pdf: Path, copies: int) -> list[int]:
    """The pages of a printed `charts_sweep` where the charts' heading stands without the first
    chart (its caption starts "T01"); every copy's heading must be found once."""
    pages = page_texts(pdf)
    heads = [n for n, page in enumerate(pages, start=1) if "Biểu đồ" in page]
    assert len(heads) == copies, heads
    return [n for n in heads if not re.search(r"^T01\b", pages[n - 1], re.M)]
