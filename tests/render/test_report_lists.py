"""The report's lists and tables as the reader's programs read them (issue 24, items 3, 4, 7).

- The Markdown report read by pandoc: its lists are lists (a list after its sentence, the units
  under a target nested in its item), its tables are tables with columns as wide as their
  content (the target's title widest, not ten equal columns), and no empty bold (`****`).
- The office's numbered list ("1. Một là, ...") numbered in every format: the Word file's
  paragraphs, the HTML's <ol start>, the PDF's text, the text and Markdown files.
- A committee of 130 units: the PDF names five units not reported and counts the others.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from tests.cli.test_unit_reports import committee, committee_name, committee_reports
from tests.helpers.printed import require_tools, text, tool

__all__ = ["committee"]  # the fixture, used by the PDF test below
pytestmark = pytest.mark.usefixtures("vietnamese")

NARRATIVE = """Năm 2022, Ban Thường vụ báo cáo như sau:

# Kết quả đạt được

Ban Thường vụ đã lãnh đạo:

1. Một là, quokkamot;
2. Hai là, quokkahai.

# tasks

3. Ba là, quokkaba;
4. Bốn là, quokkabon.
"""


@pytest.fixture
def reported(units, tmp_path: Path) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    """The yearly report of 2022 with the narrative above, made after an earlier one and a
    correction of T01 (its changes are a list): T03 from the units (SYT below the threshold, CBX
    owes its figure), T07 from one unit in 2021 only (no total in 2022: an empty cell)."""
    for args in (
        ("T03", "2022", "8/10", "--unit", "SYT"),
        ("T03", "2022", "9/10", "--unit", "SGD"),
        ("T07", "2021", "12", "--unit", "SYT"),
        ("T01", "2022", "38/42"),
    ):
        assert units("record", *args).code == 0
    narrative = tmp_path / "nam-2022.md"
    narrative.write_text(NARRATIVE, encoding="utf-8")
    common = ("report", "--year", "2022", "--narrative", str(narrative))
    assert units(*common, "--format", "md", "--out", str(tmp_path / "before")).code == 0
    amended = units("record", "T01", "2022", "39/42", "--amend", "--reason", "Rà soát lại")
    assert amended.code == 0, amended.err
    result = units(*common, "--format", "html,md,txt,docx,pdf", "--out", str(tmp_path / "out"))
    assert result.code == 0, result.err
    return {Path(line).suffix[1:]: Path(line) for line in result.out.split()}


def pandoc_blocks(path: Path) -> list[Any]:
    require_tools("pandoc")
    return list(json.loads(tool("pandoc", "-f", "markdown", "-t", "json", str(path)))["blocks"])


def nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Every element of pandoc's tree, depth first."""
    if isinstance(value, dict):
        if "t" in value:
            yield value
        for item in value.values():
            yield from nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from nodes(item)


def words(value: Any) -> str:
    return " ".join(node["c"] for node in nodes(value) if node["t"] == "Str")


def after_header(blocks: list[Any], title: str) -> list[Any]:
    """The blocks under the level-2 heading `title`, up to the next one."""
    start = next(i for i, b in enumerate(blocks) if b["t"] == "Header" and words(b["c"][2]) == title)
    rest = blocks[start + 1 :]
    end = next((i for i, b in enumerate(rest) if b["t"] == "Header" and b["c"][0] <= 2), len(rest))
    return rest[:end]


def test_pandoc_reads_the_markdown_reports_lists_and_tables(reported: dict[str, Path]) -> None:
    source = reported["md"].read_text(encoding="utf-8")
    assert "****" not in source
    blocks = pandoc_blocks(reported["md"])
    assert not [n for n in nodes(blocks) if n["t"] == "Strong" and not n["c"]]  # no empty bold

    changes = after_header(blocks, "Thay đổi so với báo cáo trước")
    assert [b["t"] for b in changes] == ["Para", "BulletList"], changes  # the sentence, then its list
    assert "Rà soát lại" in words(changes[1])
    flagged = after_header(blocks, "Chỉ tiêu cần chú ý")
    assert [b["t"] for b in flagged] == ["BulletList"]
    (t03,) = [item for item in flagged[0]["c"] if "T03" in words(item)]
    assert [b["t"] for b in t03] == ["Plain", "BulletList"]  # the units behind it, nested
    assert "Đơn vị chưa đạt: Đảng bộ Sở Y tế (80%)." in words(t03[1])
    stamp = next(b for b in blocks if b["t"] == "Para" and words(b).startswith("Thời điểm lập báo cáo"))
    assert "Ban Thường vụ báo cáo như sau" not in words(stamp)  # not run into the opening
    assert not [b for b in nodes(blocks) if b["t"] == "BulletList" and "Mã lịch sử" in words(b)]

    targets, units_table = (b for b in blocks if b["t"] == "Table")
    widths = [spec[1]["c"] for spec in targets["c"][2]]  # ColWidth: a share of the line
    assert len(widths) == 10  # code, target, rule, five years, against the plan, status
    assert max(widths) == widths[1] and len(set(widths)) > 3, widths  # the title widest, not all equal
    assert widths[0] < widths[3] < widths[1], widths
    heads = [words(cell) for cell in nodes(units_table["c"][3]) if cell["t"] == "Plain"]
    assert heads == ["TT", "Đơn vị", "Chỉ tiêu 3", "Chỉ tiêu 7"]
    rows = [[words(cell) for cell in row[1]] for body in units_table["c"][4] for row in body[3]]
    assert ["2", "Đảng bộ Sở Giáo dục", "90% (9/10)", "chưa gửi"] in rows
    assert rows[-1] == ["", "Tổng cộng", "85% (17/20; tổng hợp từ 2/3 đơn vị)", ""]  # the empty total


def test_pandoc_reads_the_overview_table_with_its_columns(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert tracker("record", "T07", "2021", "160").code == 0
    result = tracker("report", "--overview", "--format", "md", "--out", str(tmp_path))
    assert result.code == 0, result.err
    (table,) = (b for b in pandoc_blocks(Path(result.out.strip())) if b["t"] == "Table")
    widths = [spec[1]["c"] for spec in table["c"][2]]
    assert len(widths) == 7 and max(widths) == widths[1], widths  # the resolution's name widest


def test_the_narratives_numbered_list_is_numbered_in_every_format(reported: dict[str, Path]) -> None:
    items = ["1. Một là, quokkamot;", "2. Hai là, quokkahai.", "3. Ba là, quokkaba;", "4. Bốn là, quokkabon."]
    paragraphs = [p.text for p in Document(str(reported["docx"])).paragraphs]
    assert all(item in paragraphs for item in items), [p for p in paragraphs if "quokka" in p]
    lines = reported["txt"].read_text(encoding="utf-8").splitlines()
    assert all(item in lines for item in items)
    require_tools("pdftotext")
    printed = [" ".join(line.split()) for line in text(reported["pdf"]).splitlines()]
    assert all(item in printed for item in items), [line for line in printed if "quokka" in line]

    html = reported["html"].read_text(encoding="utf-8")
    lists = re.findall(r'<ol class="numbered" start="(\d+)"[^>]*>(.*?)</ol>', html)
    assert [(start, re.findall(r"<li>(.*?)</li>", body)) for start, body in lists] == [
        ("1", ["Một là, quokkamot;", "Hai là, quokkahai."]),
        ("3", ["Ba là, quokkaba;", "Bốn là, quokkabon."]),
    ]
    ordered = [n["c"] for n in nodes(pandoc_blocks(reported["md"])) if n["t"] == "OrderedList"]
    assert [(attributes[0], [words(item) for item in found]) for attributes, found in ordered] == [
        (1, ["Một là, quokkamot;", "Hai là, quokkahai."]),
        (3, ["Ba là, quokkaba;", "Bốn là, quokkabon."]),
    ]


def test_the_pdf_names_five_units_not_reported_and_counts_the_others(committee, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    require_tools("pdftotext")
    pdf = committee_reports(committee, tmp_path, 2022, formats="pdf")["pdf"]
    printed = " ".join(text(pdf).split())
    body, annex = printed.split("PHỤ LỤC 2")  # the annex's head; the body says "Phụ lục 2"
    named = ", ".join(committee_name(n) for n in range(1, 6))
    said = f"0/130 đơn vị đã báo cáo số liệu năm 2022; chưa báo cáo: {named} và 125 đơn vị khác"
    assert f"{said} (chi tiết tại Phụ lục 2)." in body
    assert committee_name(6) not in body
    assert all(committee_name(n) in annex for n in range(1, 131))
