"""Who is behind, said apart (issue 20, items 5, 10 and 13): in a round of 27 units where three
sent their figures, Phụ lục 2 names the units that owe figures first and apart, the units below
a target or their quota apart, and the ratings the Ban Thường vụ has not yet made apart; a unit
that sent nothing never looks better than one that did. An end-of-term report whose units all
ended a year early speaks of each unit's term, and has no "0/0" line."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document

from tests.helpers.printed import assert_in_order
from tests.helpers.unit_round import UNITS, name_of, round_config

pytestmark = pytest.mark.usefixtures("vietnamese")

SENT = ("DV01", "DV02", "CQDU")  # the three units whose figures are in
NOT_SENT = "**_chưa gửi_** | "  # a figure the unit owes, in bold: never looks better than a "(!)"
DAY = datetime(2025, 1, 20, 3, 0, tzinfo=UTC)  # the report's day: 20/1/2025 in Điện Biên


@pytest.fixture
def round27(run, tmp_path: Path, clock):  # type: ignore[no-untyped-def]
    """2024's round: DV01 38/42 and 12 admissions (quota 12), DV02 8/10 and 5 (quota 10),
    CQDU 9/10 and 3 (no quota); the agencies DV01 (tốt), DV02 (hoàn thành) and DV03 (xuất
    sắc) rated; the other 24 units sent nothing."""
    config = round_config(tmp_path)

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        result = run("--config", str(config), *args)
        assert result.code == 0, (args, result.err)
        return result

    invoke("init")
    for code, counts, admitted in (("DV01", "38/42", "12"), ("DV02", "8/10", "5"), ("CQDU", "9/10", "3")):
        invoke("record", "T03", "2024", counts, "--unit", code)
        invoke("record", "T07", "2024", admitted, "--unit", code)
    invoke("quota", "T07", "2024", "DV01", "12")
    invoke("quota", "T07", "2024", "DV02", "10")
    for code, level in (("DV01", "tot"), ("DV02", "hoan-thanh"), ("DV03", "xuat-sac")):
        invoke("rate", code, "2024", level, "--of", "agency")
    clock(DAY)
    return invoke


def reports(invoke, tmp_path: Path, *args: str) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    result = invoke("report", "--out", str(tmp_path / "out"), *args)
    return {Path(line).suffix[1:]: Path(line) for line in result.out.splitlines()}


def annex_of(text: str) -> str:
    """Phụ lục 2, up to the next part of the report (md "## ", txt "== ")."""
    start = text.index("PHỤ LỤC 2")
    ends = [at for at in (text.find("\n## ", start), text.find("\n== ", start + 12)) if at >= 0]
    return text[start : min(ends, default=len(text))]


def test_the_annex_says_apart_who_owes_figures_who_lags_and_which_ratings_are_not_made(
    round27, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    paths = reports(round27, tmp_path, "--year", "2024", "--format", "md,txt")
    owing = [name for code, name in UNITS if code not in SENT]
    for fmt in ("md", "txt"):
        annex = annex_of(paths[fmt].read_text(encoding="utf-8"))
        owed_line = next(line for line in annex.splitlines() if line.startswith("Đến ngày 20/1/2025"))
        assert owed_line.startswith("Đến ngày 20/1/2025, còn 24/27 đơn vị chưa gửi đủ số liệu năm 2024: ")
        assert all(name in owed_line for name in owing)
        assert all(name_of(code) + "," not in owed_line for code in SENT)
        lagging = next(line for line in annex.splitlines() if line.startswith("Đơn vị chưa đạt mức chỉ tiêu"))
        assert "Đảng bộ Sở Giáo dục và Đào tạo (" in lagging
        assert "chỉ tiêu 3: 80%; chỉ tiêu 7: 5 / chỉ tiêu giao 10)" in lagging
        assert not any(name_of(code) in lagging for code, _name in UNITS if code not in ("DV01", "DV02"))
        unrated = next(line for line in annex.splitlines() if line.startswith("Ban Thường vụ chưa xếp loại"))
        assert unrated.startswith("Ban Thường vụ chưa xếp loại năm 2024 (chỉ tiêu 1, 2): 24/27 đơn vị: ")
        assert name_of("DV04") in unrated and name_of("CQDU") in unrated and name_of("DV03") not in unrated
        # the three lists, apart and in that order, before the table
        assert annex.index(owed_line) < annex.index(lagging) < annex.index(unrated)
    md = annex_of(paths["md"].read_text(encoding="utf-8"))
    assert_in_order(
        md,
        [
            "| TT | Đơn vị | Chỉ tiêu 1 | Chỉ tiêu 2 | Chỉ tiêu 3 | Chỉ tiêu 7 |",
            "| | _Đơn vị chưa gửi đủ số liệu (24)_ |",
            "| 1 | Đảng bộ Sở Nông nghiệp và Phát triển nông thôn | xuất sắc | xuất sắc | " + NOT_SENT * 2,
            "| 2 | Đảng bộ Sở Tài chính | _chưa xếp loại_ | _chưa xếp loại_ | " + NOT_SENT * 2,
            "| 24 | Chi bộ Công ty Cổ phần Cấp nước Điện Biên |",
            "| | _Đơn vị có chỉ tiêu chưa đạt (",
            "| | **Tổng cộng** |",
        ],
    )
    # a unit that sent nothing is never among those that did, nor after them
    sent_rows = [md.index(f"| {name_of(code)} |") for code in SENT]
    assert all(md.index(f"| {name} |") < min(sent_rows) for name in owing)
    assert "thiếu" not in md


def test_the_word_annex_puts_the_owed_units_first_under_their_heading(round27, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = Document(str(reports(round27, tmp_path, "--year", "2024", "--format", "docx")["docx"]))
    paragraphs = [p.text for p in document.paragraphs]
    assert "PHỤ LỤC 2" in paragraphs
    at = paragraphs.index("PHỤ LỤC 2")
    attached = paragraphs[at + 1]
    assert attached.startswith("(Kèm theo Báo cáo số") and ", ngày 20 tháng 01 năm 2025 " in attached
    assert attached.endswith("của Ban Thường vụ Đảng ủy Khối cơ quan và Doanh nghiệp tỉnh)")
    rows = [[c.text.strip() for c in row.cells] for row in document.tables[-1].rows]
    assert rows[0] == ["TT", "Đơn vị", "Chỉ tiêu 1", "Chỉ tiêu 2", "Chỉ tiêu 3", "Chỉ tiêu 7"]
    assert rows[1][1] == "Đơn vị chưa gửi đủ số liệu (24)"
    assert [r[0] for r in rows[2:26]] == [str(n) for n in range(1, 25)]
    assert all(r[4] == "chưa gửi" for r in rows[2:26])
    assert rows[-1][1] == "Tổng cộng" and rows[-1][4] == "88,71% (55/62; tổng hợp từ 3/27 đơn vị)"
    assert rows[-1][5] == "20 (tổng hợp từ 3/27 đơn vị)"


def test_the_committees_annex_numbers_the_targets_instead_of_their_codes(round27, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    md = annex_of(
        reports(round27, tmp_path, "--year", "2024", "--format", "md")["md"].read_text(encoding="utf-8")
    )
    assert "PHỤ LỤC 2:" not in md and "Tất cả đơn vị" not in md
    assert "| T0" not in md and " T03 " not in md
    assert "\n- Chỉ tiêu 3: " in md and "\n- Chỉ tiêu 7: " in md
    assert "Các cột là các chỉ tiêu, đánh số theo thứ tự trong Nghị quyết (như ở Phụ lục 1):" in md


def test_english_annex(round27, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    md = reports(round27, tmp_path, "--year", "2024", "--format", "md", "--lang", "en")["md"].read_text(
        encoding="utf-8"
    )
    annex = md[md.index("ANNEX 2") :]
    assert "As of 20 Jan 2025, 24/27 units have not sent all their figures for 2024: " in annex
    assert "| Row no. | Unit | Target 1 | Target 2 | Target 3 | Target 7 |" in annex
    assert "| | **Total** |" in annex


@pytest.fixture
def ended_early(run, tmp_path: Path, clock):  # type: ignore[no-untyped-def]
    """Every unit ended in 2024 (the Bloc merged in 2025): DV01 met T03 every year it reported
    (2021-2024), DV02 fell short in 2023; the others sent nothing."""
    config = round_config(tmp_path, to_year=2024)

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        result = run("--config", str(config), *args)
        assert result.code == 0, (args, result.err)
        return result

    invoke("init")
    for year in (2021, 2022, 2023, 2024):
        invoke("record", "T03", str(year), "9/10", "--unit", "DV01")
        invoke("record", "T03", str(year), "7/10" if year == 2023 else "9/10", "--unit", "DV02")
    clock(DAY)
    return invoke


def test_an_end_of_term_report_of_units_that_ended_early_has_no_empty_year(
    ended_early, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    paths = reports(ended_early, tmp_path, "--year", "2025", "--kind", "final", "--format", "md,txt,html")
    for fmt, path in paths.items():
        text = path.read_text(encoding="utf-8")
        assert "0/0 đơn vị" not in text and " 0/0 " not in text, fmt
        assert "đơn vị đã báo cáo số liệu năm 2025" not in text, fmt  # no unit was to report for 2025
        assert "đơn vị chưa gửi đủ số liệu năm 2025" not in text, fmt
        assert "đạt 0/" not in text, fmt


def test_an_end_of_term_report_speaks_of_each_units_term(ended_early, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    md = reports(ended_early, tmp_path, "--year", "2025", "--kind", "final", "--format", "md")["md"]
    text = md.read_text(encoding="utf-8")
    assert "Kết quả thực hiện các chỉ tiêu theo đơn vị năm 2024, năm cuối cùng các đơn vị báo cáo" in text
    assert "| Đảng bộ Sở Y tế | 90% (9/10) | 1/1 |" in text
    assert "| Đảng bộ Sở Giáo dục và Đào tạo | 90% (9/10) | 0/1 |" in text


def test_three_units_of_27_make_no_verdict_of_the_committee(round27, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Before the deadline, the three units' sums are not the Đảng bộ's figures: every format says
    the year is partial and judges it "Chưa đủ số liệu", never "Không đạt" or "Khó đạt"."""
    paths = reports(round27, tmp_path, "--year", "2024", "--format", "html,md,txt,docx")
    for fmt, path in paths.items():
        if fmt == "docx":
            document = Document(str(path))
            cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
            text = "\n".join([p.text for p in document.paragraphs] + cells)
        else:
            text = path.read_text(encoding="utf-8")
        text = " ".join(text.split())
        assert "tổng hợp từ 3/27 đơn vị" in text, fmt  # T03's and T07's 2024, under the figure
        assert "3/27 đơn vị đã xếp loại" in text, fmt  # T01's and T02's 2024: the ratings made so far
        assert "Chưa đủ số liệu" in text, fmt
        assert "chỉ tiêu mới có số liệu của một phần các đơn vị" in text, fmt  # the year's opening count
        assert "Khó đạt" not in text and "Chậm tiến độ" not in text, fmt
    status = round27("status", "--year", "2024", "--format", "json").out
    found = {t["code"]: t for t in json.loads(status)["targets"]}
    for code in ("T01", "T03", "T07"):
        assert found[code]["status"] == "incomplete", code
        assert found[code]["partial_years"]["2024"]["expected"] == 27, code
