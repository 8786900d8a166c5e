"""The PDF as an archive keeps it and a reader's viewer shows it: PDF/A-2b by default (its
identification, output intent, metadata and embedded fonts, read with pikepdf and poppler), a
plain PDF when the config says so, bookmarks that follow the document's parts, and the charts'
heading kept with the charts when the HTML working copy is printed."""

from __future__ import annotations

import io
import shutil
import subprocess
from contextlib import redirect_stdout
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pytest

from tests.helpers.printed import (
    POPPLER,
    RESOLUTION,
    assert_one_embedded_family,
    charts_sweep,
    heads_without_charts,
    page_texts,
    require_tools,
    tool,
    tracker_cli,
)
from tracker.clock import set_clock

MOMENT = datetime(2027, 3, 15, 2, 30, tzinfo=UTC)  # 09:30 in Điện Biên (the demo's Asia/Ho_Chi_Minh)
CREATED = "2027-03-15T09:30:00+07:00"
BODY = "Đảng ủy Khối cơ quan và Doanh nghiệp tỉnh"
TITLE = f"BÁO CÁO Tổng kết thực hiện {RESOLUTION}"
TOP_LEVEL = [  # the end-of-term report's parts, as printed
    "I. KẾT QUẢ ĐẠT ĐƯỢC",
    "II. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN",
    "III. BÀI HỌC KINH NGHIỆM",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NHIỆM KỲ TỚI",
    "PHỤ LỤC 1",
    "PHỤ LỤC 2",
]


@dataclass(frozen=True)
class Printed:
    archival: Path  # the default: PDF/A-2b
    plain: Path  # document.pdf: plain
    html: Path  # the working copy of the same run as `archival`


def report_at_moment(config: Path, out: Path) -> dict[str, Path]:
    """`tracker report --format pdf,html --year 2025` in this process, its clock at MOMENT."""
    from tracker.cli import main

    args = ["--config", str(config), "report", "--format", "pdf,html", "--year", "2025", "--lang", "vi"]
    set_clock(MOMENT)
    written = io.StringIO()
    try:
        with redirect_stdout(written), pytest.raises(SystemExit) as ended:
            main([*args, "--out", str(out)])
    finally:
        set_clock(None)
    assert ended.value.code in (0, None), written.getvalue()
    return {path.suffix[1:]: path for path in map(Path, written.getvalue().split())}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    require_tools(*POPPLER)
    folder = tmp_path_factory.mktemp("demo")
    tracker_cli("demo", "--dir", str(folder))
    config = folder / "config.yaml"
    archival = report_at_moment(config, folder / "archival")
    text = config.read_text(encoding="utf-8")
    assert "\ndocument:\n" in text
    config.write_text(text.replace("\ndocument:\n", "\ndocument:\n  pdf: plain\n"), encoding="utf-8")
    plain = report_at_moment(config, folder / "plain")
    return Printed(archival["pdf"], plain["pdf"], archival["html"])


def xmp(pdf: pikepdf.Pdf, *keys: str) -> dict[str, object]:
    """The XMP metadata's values of `keys` ("dc:title"), None where it has none."""
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        return {key: meta.get(key) for key in keys}


def test_the_pdf_is_pdf_a_2b_with_an_srgb_output_intent(printed: Printed) -> None:
    with pikepdf.open(printed.archival) as pdf:
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1
        intent = intents[0]
        assert intent.S == pikepdf.Name.GTS_PDFA1
        assert "sRGB" in str(intent.OutputConditionIdentifier)
        profile = intent.DestOutputProfile
        assert profile.N == 3 and profile.read_bytes()[36:40] == b"acsp"  # an ICC profile of RGB
        meta = xmp(pdf, "pdfaid:part", "pdfaid:conformance", "dc:title", "dc:creator", "xmp:CreateDate")
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == TITLE
        assert meta["dc:creator"] == [BODY]
        assert meta["xmp:CreateDate"] == CREATED
        assert "/ID" in pdf.trailer and pdf.check_pdf_syntax() == []  # PDF/A asks for the file's ID


def test_pdfinfo_reads_the_title_the_issuing_body_and_the_moment_made(printed: Printed) -> None:
    for pdf in (printed.archival, printed.plain):
        info = tool("pdfinfo", "-isodates", str(pdf))
        assert f"Title:           {TITLE}\n" in info
        assert f"Author:          {BODY}\n" in info
        assert "CreationDate:    2027-03-15T09:30:00+07\n" in info


def test_every_font_is_embedded(printed: Printed) -> None:
    assert_one_embedded_family(printed.archival)
    assert_one_embedded_family(printed.plain)


def test_the_plain_pdf_claims_no_archival_form(printed: Printed) -> None:
    with pikepdf.open(printed.plain) as pdf:
        assert "/OutputIntents" not in pdf.Root
        assert xmp(pdf, "pdfaid:part") == {"pdfaid:part": None}


def test_a_pdf_a_validator_accepts_it_where_one_is_installed(printed: Printed) -> None:
    """veraPDF (Java; in neither Debian nor PyPI) where the machine has it; the structure
    checked above holds either way."""
    verapdf = shutil.which("verapdf")
    if verapdf is None:
        pytest.skip("no PDF/A validator installed (veraPDF: verapdf.org)")
    done = subprocess.run(
        [verapdf, "--flavour", "2b", str(printed.archival)], capture_output=True, text=True, timeout=300
    )
    assert 'isCompliant="true"' in done.stdout, done.stdout[-3000:]


@dataclass(frozen=True)
class Bookmark:
    title: str
    page: int
    children: list[Bookmark]


def bookmarks(path: Path) -> list[Bookmark]:
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}

        def read(items: list[pikepdf.OutlineItem]) -> list[Bookmark]:
            found = []
            for item in items:
                target = item.destination
                page = pages[target[0].objgen] if isinstance(target, pikepdf.Array) else 0
                found.append(Bookmark(item.title, page, read(item.children)))
            return found

        with pdf.open_outline() as outline:
            return read(outline.root)


def test_the_bookmarks_are_the_document_s_parts_each_at_its_page(printed: Printed) -> None:
    marks = bookmarks(printed.archival)
    assert [mark.title.upper() for mark in marks] == TOP_LEVEL
    pages = page_texts(printed.archival)
    for mark in marks:
        assert mark.title.upper() in pages[mark.page - 1], (mark.title, mark.page)
    by_title = {mark.title.upper(): mark for mark in marks}
    assert [child.title for child in by_title["I. KẾT QUẢ ĐẠT ĐƯỢC"].children] == [
        "1. Kết quả thực hiện các chỉ tiêu"
    ]
    assert by_title["IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NHIỆM KỲ TỚI"].children == []
    assert [child.title for child in by_title["PHỤ LỤC 1"].children] == ["Số liệu còn thiếu", "Ghi chú"]


def test_the_charts_heading_and_its_note_stay_with_the_first_charts(printed: Printed) -> None:
    """The working copy printed with the charts' heading pushed a little further down each time,
    until it reaches the bottom of a page: wherever it lands, the heading, its note and the
    first row of charts share a page."""
    from tracker.render.pdf._pdf import load_weasyprint

    html, copies = charts_sweep(printed.html)
    pdf = printed.html.with_name("charts-sweep.pdf")
    pdf.write_bytes(load_weasyprint().HTML(string=html, base_url=None).write_pdf())
    assert heads_without_charts(pdf, copies) == []
