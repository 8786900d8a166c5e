"""The Word report as the office's programs read it beyond its words: its headings as Word's
navigation pane and pandoc find them, and a template saved again by LibreOffice, as LibreOffice
prints the report drawn from it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn

from tests.helpers.printed import POPPLER, require_tools, tool, tracker_cli

SECTIONS = [
    "I. KẾT QUẢ ĐẠT ĐƯỢC",
    "II. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN",
    "III. BÀI HỌC KINH NGHIỆM",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NHIỆM KỲ TỚI",
]
ANNEXES = ["PHỤ LỤC 1", "PHỤ LỤC 2"]
OWN_PART = "1. Kết quả thực hiện các chỉ tiêu"


def libreoffice() -> str:
    """LibreOffice's command; skipped without it, a failure where TRACKER_REQUIRE_LIBREOFFICE=1."""
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("TRACKER_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("soffice is required (TRACKER_REQUIRE_LIBREOFFICE=1) but is not installed")
        pytest.skip("soffice is not installed (Debian: libreoffice-writer-nogui)")
    return found


def report(config: Path, out: Path, *args: str) -> Path:
    """The demo's Word report (the end-of-term report of 2025 unless `args` say otherwise)."""
    printed = tracker_cli(
        "--config", str(config), "report", "--format", "docx", "--year", "2025", "--out", str(out), *args
    )  # fmt: skip
    (path,) = [Path(line) for line in printed.split()]
    return path


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's config; its database beside it."""
    folder = tmp_path_factory.mktemp("demo")
    tracker_cli("demo", "--dir", str(folder))
    return folder / "config.yaml"


def with_template(config: Path, template: Path) -> Path:
    """A copy of the config that draws the Word report from `template` (beside it)."""
    text = config.read_text(encoding="utf-8")
    edited = config.with_name(f"config-{template.stem}.yaml")
    edited.write_text(text.replace("document:\n", f"document:\n  template: {template.name}\n", 1), "utf-8")
    return edited


def test_the_sections_and_annexes_are_word_headings(demo: Path) -> None:
    document = Document(str(report(demo, demo.parent / "headings")))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]  # fmt: skip
    one = [text for style, text in headings if style == "Heading 1"]
    assert one == [*SECTIONS, *ANNEXES]
    assert ("Heading 2", OWN_PART) in headings
    for name, points in (("Heading 1", 14), ("Heading 2", 14)):
        style = document.styles[name]
        fonts = style.element.rPr.rFonts
        assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
        assert (style.font.size.pt, style.font.bold, style.font.color.rgb) == (points, True, None)


def test_pandoc_finds_the_headings(demo: Path) -> None:
    require_tools("pandoc")
    path = report(demo, demo.parent / "pandoc")
    markdown = tool("pandoc", "-f", "docx", "-t", "markdown", str(path))
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings == [
        f"# {SECTIONS[0]}", f"## {OWN_PART}", *(f"# {text}" for text in SECTIONS[1:]),
        *(f"# {text}" for text in ANNEXES),
    ], headings  # fmt: skip


def test_a_page_break_written_on_a_tag_line_starts_the_next_paragraph(demo: Path) -> None:
    """As LibreOffice writes "PHỤ LỤC 2"'s page break: at the end of the `{%p if %}` line before
    it, which docxtpl removes; and every table as wide as the columns drawn."""
    path = demo.with_name("mau-ngat-trang.docx")
    tracker_cli("report-template", "--out", str(path))
    edited = Document(str(path))
    tag = next(p for p in edited.paragraphs if p.text.startswith("{%p if units.rows"))
    head = next(p for p in edited.paragraphs if "units_annex" in p.text)
    head.paragraph_format.page_break_before = None
    tag.add_run().add_break(WD_BREAK.PAGE)
    edited.save(str(path))
    document = Document(str(report(with_template(demo, path), demo.parent / "ngat-trang")))
    annex = next(p for p in document.paragraphs if p.text == "PHỤ LỤC 2")
    assert annex.paragraph_format.page_break_before
    breaks = document.element.body.xpath('.//w:br[@w:type="page"]')
    assert not breaks  # the break is the heading's own, and nowhere else
    for table in document.tables:
        grid = sum(int(column.get(qn("w:w"))) for column in table._tbl.tblGrid.findall(qn("w:gridCol")))
        width = table._tbl.tblPr.find(qn("w:tblW"))
        assert (width.get(qn("w:type")), int(width.get(qn("w:w")))) == ("dxa", grid)


def to_pdf(soffice: str, path: Path, out: Path) -> Path:
    profile = f"-env:UserInstallation=file://{out / 'lo-profile'}"
    command = [soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", str(out), str(path)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    return out / f"{path.stem}.pdf"


def pages(pdf: Path) -> list[str]:
    """Each page's text, as pdftotext -layout gives it."""
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")[:-1]


def test_a_template_saved_again_by_libreoffice_prints_as_the_original(demo: Path) -> None:
    soffice = libreoffice()
    require_tools(*POPPLER)
    folder = demo.parent / "resaved"
    original = folder / "mau-goc.docx"
    folder.mkdir()
    tracker_cli("report-template", "--out", str(original))
    command = [soffice, "--headless", f"-env:UserInstallation=file://{folder / 'lo-profile'}"]
    command += ["--convert-to", "docx", "--outdir", str(folder / "lo"), str(original)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    resaved = demo.with_name("mau-luu-lai.docx")
    shutil.copy(folder / "lo" / original.name, resaved)
    shutil.copy(original, demo.with_name(original.name))
    printed = {}
    for name in (original.name, resaved.name):
        out = folder / Path(name).stem
        path = report(with_template(demo, demo.with_name(name)), out, "--date", "2026-11-27")
        printed[name] = pages(to_pdf(soffice, path, out))
    assert len(printed[resaved.name]) == len(printed[original.name]), len(printed[original.name])
    for name, texts in printed.items():
        (page,) = [page for page in texts if "PHỤ LỤC 2" in page]
        assert page.split("PHỤ LỤC 2")[0].split() in ([], [str(texts.index(page) + 1)]), (name, page[:300])
    words = [[" ".join(page.split()) for page in texts] for texts in printed.values()]
    assert words[0] == words[1]  # the same words on the same pages: no code broken in a squeezed column
