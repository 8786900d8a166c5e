"""Phụ lục 2 of 27 units printed (issue 20, item 6): nothing printed is cut. The PDF the tool
writes (WeasyPrint) and the Word file as LibreOffice prints it both hold every target's column
(the last one, "Chỉ tiêu 11", included) and every unit, on landscape A4 pages, with no word
beyond the page's edge."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers.printed import bbox_words, page_sizes, require_tools, text
from tests.helpers.unit_round import UNITS, round_config
from tests.render.test_docx import to_pdf

LANDSCAPE = (842, 595)  # A4, points
pytestmark = pytest.mark.usefixtures("vietnamese")


@pytest.fixture
def round27(run, tmp_path: Path) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    """A round of 27 units in which a column is filled for every target with unit data: one unit
    sent every share and its admissions, three agencies and two organisations were rated; then
    the report of 2024 as PDF and Word."""
    config = round_config(tmp_path)

    def invoke(*args: str) -> str:
        result = run("--config", str(config), *args)
        assert result.code == 0, (args, result.err)
        return str(result.out)

    invoke("init")
    for code in ("T03", "T04", "T05", "T06", "T09", "T10"):
        invoke("record", code, "2024", "8/10", "--unit", "DV12")
    invoke("record", "T07", "2024", "12", "--unit", "DV12")
    invoke("quota", "T07", "2024", "DV12", "15")
    for unit, level in (("DV01", "tot"), ("DV12", "hoan-thanh"), ("CQDU", "xuat-sac")):
        invoke("rate", unit, "2024", level, "--of", "agency")
    for unit, level in (("DV12", "khong-hoan-thanh"), ("DV26", "tot")):
        invoke("rate", unit, "2024", level)
    out = invoke("report", "--year", "2024", "--format", "pdf,docx", "--out", str(tmp_path / "out"))
    return {Path(line).suffix[1:]: Path(line) for line in out.split()}


def annex_pages(pdf: Path) -> list[int]:
    pages = len(page_sizes(pdf))
    first = next(n for n in range(1, pages + 1) if "PHỤ LỤC 2" in text(pdf, "-f", str(n), "-l", str(n)))
    return list(range(first, pages + 1))


def assert_nothing_cut(pdf: Path) -> None:
    """Every unit and the last column are printed on the annex's landscape pages, and no word of
    them lies beyond a page's edge."""
    pages = annex_pages(pdf)
    sizes = page_sizes(pdf)
    assert all(sizes[n - 1] == LANDSCAPE for n in pages), [sizes[n - 1] for n in pages]
    printed = " ".join(" ".join(text(pdf, "-f", str(n), "-l", str(n), "-raw").split()) for n in pages)
    assert "Chỉ tiêu 11" in printed and "Chỉ tiêu 10" in printed and "Chỉ tiêu 1 " in printed
    for _code, name in UNITS:
        assert name in printed, name
    width, height = LANDSCAPE
    words = [w for w in bbox_words(pdf) if w.page in pages]
    assert words
    outside = [w for w in words if w.x < 0 or w.right > width + 0.5]
    assert not outside, outside[:5]
    assert max(w.y for w in words) < height


def test_the_pdf_prints_every_column_and_every_unit_of_27(round27: dict[str, Path]) -> None:
    require_tools("pdfinfo", "pdftotext")
    assert_nothing_cut(round27["pdf"])
    flat = " ".join(text(round27["pdf"], "-raw").split())
    assert re.search(r"Tổng cộng", flat)


def test_libreoffice_prints_every_column_and_every_unit_of_27(
    round27: dict[str, Path], soffice: str, tmp_path: Path
) -> None:
    require_tools("pdfinfo", "pdftotext")
    assert_nothing_cut(to_pdf(soffice, round27["docx"], tmp_path))


def test_a_units_workbook_saved_again_by_libreoffice_keeps_its_words_and_imports(
    units, tmp_path: Path, soffice: str
) -> None:  # type: ignore[no-untyped-def]
    """The unit's workbook of 2024 after `tracker quota T07 2024 SYT 12`, filled, then saved by
    LibreOffice: its quota, deadline and sender block read the same, and it imports."""
    import subprocess

    from openpyxl import load_workbook

    from tests.cli.test_delivery import reminder
    from tests.cli.test_unit_import import fill

    config = Path(units.config)
    config.write_text(config.read_text(encoding="utf-8") + "schedules:\n" + reminder("02-15", email=False))
    assert units("quota", "T07", "2024", "SYT", "12").code == 0
    assert units("template", "2024", "--units", "--out", str(tmp_path / "d")).code == 0
    source = tmp_path / "d" / "2024-SYT.xlsx"
    fill(source, {"I2": 40, "J2": 42, "H6": 12})
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
         "--convert-to", "xlsx", "--outdir", str(tmp_path / "lo"), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    resaved = tmp_path / "lo" / "2024-SYT.xlsx"
    book = load_workbook(resaved)
    t07 = next(r for r in book.worksheets[0].iter_rows(min_row=2, values_only=True) if r[0] == "T07")
    assert t07[4] == "chỉ tiêu giao: 12" and t07[5] == 12
    about = [tuple(r) for r in book["Đơn vị"].iter_rows(values_only=True)]
    assert ("Thời hạn gửi", "15/2/2025") in about and ("NGƯỜI LẬP BIỂU", "T/M ĐẢNG ỦY") in about
    imported = units("import", str(resaved))
    assert imported.code == 0, imported.err
    assert "12 / chỉ tiêu giao 12" in units("status", "T07", "--units", "--year", "2024").out
