"""Verdicts as the standing committee reads them once the term is over (issue 9): the same
status, percent of target, estimate and sources in `tracker status` (table, detail, JSON),
`tracker targets`, the reports and the report context the other formats draw."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tracker.reporting._context import History, ReportContext, build_context

pytestmark = pytest.mark.usefixtures("vietnamese")  # what the office sees: the config's language

ENDED = [  # the Bloc was merged in 2025: some 2025 figures never came
    *(("T01", str(year), "39/42") for year in (2021, 2022, 2023, 2024)),
    ("T01", "2025", "40/42", "--provisional"),  # an estimate makes T01 met
    ("T02", "2021", "9/42"),
    ("T02", "2022", "8/42"),  # 19,05%: missed that year, whatever the others say
    *(("T02", str(year), "10/42") for year in (2023, 2024, 2025)),
    *(("T03", str(year), "90") for year in (2021, 2022, 2023, 2024)),  # no 2025 figure
    ("T07", "2021", "160"),
    ("T07", "2022", "170"),
    ("T07", "2023", "110"),  # 440 of 750, 2024 and 2025 missing
]
PACE_WORDS = ("Đúng tiến độ", "Chậm tiến độ", "Khó đạt")


@pytest.fixture
def ended(tracker):  # type: ignore[no-untyped-def]
    for code, year, value, *flags in ENDED:
        assert tracker("record", code, year, value, *flags).code == 0
    return tracker


def targets_json(tracker) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    result = tracker("status", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["as_of"] == 2025
    return {t["code"]: t for t in data["targets"]}


def test_json_as_of_the_last_year_has_no_pace_and_says_what_rests_on_an_estimate(ended) -> None:  # type: ignore[no-untyped-def]
    targets = targets_json(ended)
    assert {t["status"] for t in targets.values()} == {"met", "missed", "incomplete", "no_data"}
    t01, t02, t03, t07 = (targets[code] for code in ("T01", "T02", "T03", "T07"))
    assert (t01["status"], t01["estimate"], t01["provisional_years"]) == ("met", True, [2025])
    assert (t02["status"], t02["estimate"]) == ("missed", False)
    assert t02["percent_of_target"] == {"value": 95.2381, "year": 2022}  # the year that failed
    assert (t03["status"], t03["flagged"], t03["missing_years"]) == ("incomplete", True, [2025])
    assert t07["status"] == "incomplete" and t07["percent_of_target"] == {"value": 58.6667, "year": None}
    assert t07["explanation"] == (
        "Cả nhiệm kỳ 440 đảng viên (58,7% kế hoạch), chỉ tiêu từ 750 đảng viên trở lên; "
        "nhiệm kỳ đã kết thúc nhưng thiếu số liệu năm 2024, 2025"
    )
    assert targets["T11"]["percent_of_target"] is None and targets["T11"]["estimate"] is False


def test_the_status_table_says_incomplete_and_estimate_never_on_pace(ended) -> None:  # type: ignore[no-untyped-def]
    out = ended("status").out
    assert "Dự ước đạt" in out and "! Không đạt" in out and "! Chưa đủ số liệu" in out
    assert not any(word in out for word in PACE_WORDS)
    assert "Năm 2022 đạt 19,05%, chỉ tiêu từ 20% trở lên" in out
    assert not any(sign in out.split("Giải thích")[1] for sign in ("≥ 20% năm", "≥ 750 đảng"))
    english = ended("status", "--lang", "en").out
    assert "Met (estimate)" in english and "Incomplete figures" in english
    assert "2022: 19.05%, target at least 20%" in english


def test_one_target_in_detail_says_its_percent_of_target_and_where_its_words_come_from(ended) -> None:  # type: ignore[no-untyped-def]
    out = ended("status", "T02").out
    assert "So với kế hoạch: đạt 19,05% (8/42) (năm 2022), chưa đạt chỉ tiêu" in out
    assert "Nguồn: theo Điện Biên TV, 18/08/2020: trong đó 20% cơ quan" in out
    assert "trích dẫn" not in out
    english = ended("status", "T01", "--lang", "en").out
    assert "Of target: 92.86% (39/42) (2021), above the target" in english and "Met (estimate)" in english
    assert "Source: per Điện Biên TV, 18/08/2020" in english
    assert "T11 †" in ended("status", "T11").out


def test_targets_say_where_their_words_come_from_and_mark_the_inferred_one(tracker) -> None:  # type: ignore[no-untyped-def]
    out = tracker("targets").out
    assert "theo Điện Biên TV, 18/08/2020" in out and "theo Báo Điện Biên Phủ, 18/08/2020" in out
    assert "T11 †" in out and "SUY LUẬN" in out and "trích dẫn" not in out
    assert "per Điện Biên TV, 18/08/2020" in tracker("targets", "--lang", "en").out


def test_reports_in_markdown_and_text_agree_with_the_status(ended) -> None:  # type: ignore[no-untyped-def]
    result = ended("report", "--format", "md,txt")
    assert result.code == 0, result.err
    md, txt = (Path(line).read_text(encoding="utf-8") for line in result.out.splitlines())
    summary = (  # as of the last reporting year: an end-of-term report, in its own words
        "Đạt và vượt 1/11 chỉ tiêu; không đạt 1 chỉ tiêu; 6 chỉ tiêu chưa có số liệu; "
        "3 chỉ tiêu chưa đủ số liệu; 1 chỉ tiêu đánh giá theo số liệu dự ước"
    )
    inferred = "11 chỉ tiêu, trong đó 1 chỉ tiêu suy luận cần xác nhận"
    for text in (md, txt):
        assert summary in text and inferred in text
        assert text.index(summary) < text.index(inferred) < text.index("Chỉ tiêu cần chú ý")
        assert not any(word in text for word in PACE_WORDS)
        assert "đạt 19,05% (8/42) (năm 2022), chưa đạt chỉ tiêu" in text and "đạt 58,7% kế hoạch" in text
        assert "Nguồn lời văn các chỉ tiêu" in text
        assert "T01, T02, T03, T07, T08, T09, T10: theo Điện Biên TV, 18/08/2020" in text
        assert "T11 †" in text
    assert "| Dự ước đạt |" in md and "| ! Chưa đủ số liệu |" in md
    assert "- **Chỉ tiêu 11**: thiếu năm 2021, 2022, 2023, 2024, 2025" in md
    assert "  Chưa đủ số liệu: Cả nhiệm kỳ 440 đảng viên" in txt


def context(config_file: Path, kind: str) -> ReportContext:
    from tracker.cli.common import current_resolution, unit_of_work
    from tracker.config import load_settings
    from tracker.reporting._document import DocumentSettings, Issuer, document_block
    from tracker.status import build_status

    settings = load_settings(config_file)
    with unit_of_work(settings, writes=False) as session:
        view = build_status(session, current_resolution(session, settings), lang="vi")
        now = datetime(2026, 1, 15, tzinfo=UTC)
        history = History(True, "", [], [])
        issuer = Issuer("Đảng ủy Khối", "Nghị quyết Đại hội", "2020 - 2025", 2020)
        document = document_block(
            DocumentSettings(), kind, as_of=view.as_of, issuer=issuer, day=now.date(), lang="vi"
        )
        return build_context(
            view,
            history,
            now=now,
            zone=ZoneInfo("Asia/Ho_Chi_Minh"),
            as_recorded=None,
            kind=kind,
            document=document,
        )


def test_the_report_context_carries_the_verdicts_for_every_format(ended, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    final = context(config_file, "final")
    assert final.summary == (
        "Đạt và vượt 1/11 chỉ tiêu; không đạt 1 chỉ tiêu; 6 chỉ tiêu chưa có số liệu; "
        "3 chỉ tiêu chưa đủ số liệu; 1 chỉ tiêu đánh giá theo số liệu dự ước"
    )
    assert final.inferred_summary == "11 chỉ tiêu, trong đó 1 chỉ tiêu suy luận cần xác nhận"
    rows = {row.code: row for row in final.rows}
    assert (rows["T01"].status, rows["T01"].estimate, rows["T01"].status_key) == ("Dự ước đạt", True, "met")
    assert (rows["T02"].status, rows["T02"].percent) == (
        "Không đạt",
        "đạt 19,05% (8/42) (năm 2022), chưa đạt chỉ tiêu",
    )
    assert (rows["T07"].status, rows["T07"].status_key) == ("Chưa đủ số liệu", "incomplete")
    assert (rows["T11"].label, rows["T01"].label) == ("T11 †", "T01")
    assert rows["T11"].chart.title.startswith("T11 †: ")
    assert final.quoted_sources == [
        ("T01, T02, T03, T07, T08, T09, T10", "theo Điện Biên TV, 18/08/2020"),
        ("T04, T05, T06", "theo Báo Điện Biên Phủ, 18/08/2020 (baodienbienphu.com.vn, bài 180227)"),
    ]
    midterm = context(config_file, "midterm")
    assert midterm.summary.startswith("1/11 chỉ tiêu đạt tiến độ; 1 chỉ tiêu chưa đạt; ")
    yearly = context(config_file, "yearly")  # a yearly report counts its own year: two figures in 2025
    assert yearly.summary.startswith(
        "Năm 2025 có 2/2 chỉ tiêu đạt và vượt; 9 chỉ tiêu chưa có số liệu năm 2025"
    )
    assert {row.status for row in midterm.rows} <= {
        "Đạt tiến độ",
        "Chưa đạt",
        "Chưa có số liệu",
        "Chưa đủ số liệu",
    }


def test_the_history_of_figures_marks_the_inferred_target(tracker) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T11", "2021", "85,2")
    tracker("record", "T01", "2021", "38/42")
    lines = [line for line in tracker("history").out.splitlines() if line.startswith("│ T")]
    assert [line.split("│")[1].strip() for line in lines] == ["T01", "T11 †"]
