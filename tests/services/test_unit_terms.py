"""A review speaks of each unit's term (issue 20, item 5), called as the report service calls it:
the units' years read by term_views, judged by unit_report. Units that all ended in 2024 are
shown with 2024's figures in an end-of-term report as of 2025, each scored over 2021-2024, and a
"trong đó" result that is not judged (`meets is None`) is left out rather than failing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.unit_round import round_config
from tracker.base import current_resolution, unit_of_work
from tracker.config import load_settings
from tracker.reporting._unit_terms import term_views
from tracker.reporting._units import unit_report
from tracker.status import build_status

DAY = date(2025, 1, 20)


@pytest.fixture
def ended_early(run, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Every unit ended in 2024; DV01 met T03 each year 2021-2024, DV02 fell short in 2023, DV03
    reported 2024 only (the earlier years are missing: not met); ratings of 2022 (as party
    organisations: T11) for DV01 (tốt) and DV02 (hoàn thành)."""
    config = round_config(tmp_path, to_year=2024)
    for args in (
        ("init",),
        *(("record", "T03", str(y), "9/10", "--unit", "DV01") for y in range(2021, 2025)),
        *(
            ("record", "T03", str(y), "7/10" if y == 2023 else "9/10", "--unit", "DV02")
            for y in range(2021, 2025)
        ),
        ("record", "T03", "2024", "10/10", "--unit", "DV03"),
        ("rate", "DV01", "2022", "tot"),
        ("rate", "DV02", "2022", "hoan-thanh"),
    ):
        result = run("--config", str(config), *args)
        assert result.code == 0, (args, result.err)
    return load_settings(config)


def test_a_final_report_shows_the_units_last_year_and_scores_each_over_its_term(ended_early) -> None:  # type: ignore[no-untyped-def]
    with unit_of_work(ended_early, writes=False) as session:
        resolution = current_resolution(session, ended_early)
        view = build_status(session, resolution, as_of=2025, lang="vi")
        views = term_views(session, view)
        found = unit_report(view, "final", on=DAY, views=views)
    assert sorted(views) == [2021, 2022, 2023, 2024, 2025]
    assert found.completeness == ""  # no unit was to report for 2025: not a line
    assert found.title == (
        "Kết quả thực hiện các chỉ tiêu theo đơn vị năm 2024, năm cuối cùng các đơn vị báo cáo "
        "(năm 2025 không có đơn vị nào phải báo cáo)"
    )
    assert found.owed.startswith("Đến ngày 20/1/2025, còn 24/27 đơn vị chưa gửi đủ số liệu năm 2024: ")
    scores = {row.code: row.score for row in found.rows}
    assert scores["DV01"] == "2/2"  # T03 every year, and its rating of 2022 (T11)
    assert scores["DV02"] == "0/2"  # 70% in 2023; rated below "tốt"
    assert scores["DV03"] == "0/1"  # 2021-2023 missing: not met
    assert found.score_head == "Số chỉ tiêu đạt trong nhiệm kỳ"
    assert "0/0" not in found.owed and not found.scores


def test_a_yearly_report_of_a_year_no_unit_was_expected_says_nothing_of_units(ended_early) -> None:  # type: ignore[no-untyped-def]
    with unit_of_work(ended_early, writes=False) as session:
        view = build_status(session, current_resolution(session, ended_early), as_of=2025, lang="vi")
    found = unit_report(view, "yearly", on=DAY)
    assert found.rows == [] and found.completeness == "" and found.scores == []


def test_a_result_not_judged_is_left_out_of_the_score(ended_early) -> None:  # type: ignore[no-untyped-def]
    """As a "trong đó" target's units will be (meets None): neither met nor failed."""
    with unit_of_work(ended_early, writes=False) as session:
        resolution = current_resolution(session, ended_early)
        view = build_status(session, resolution, as_of=2025, lang="vi")
        views = term_views(session, view)

    def unjudged(v):  # type: ignore[no-untyped-def]
        targets = [
            replace(t, units=replace(t.units, results=[replace(r, meets=None) for r in t.units.results]))
            if t.units and t.code == "T11"
            else t
            for t in v.targets
        ]
        return replace(v, targets=targets)

    found = unit_report(view, "final", on=DAY, views={y: unjudged(v) for y, v in views.items()})
    scores = {row.code: row.score for row in found.rows}
    assert scores["DV01"] == "1/1" and scores["DV02"] == "0/1"


def test_the_attached_line_names_the_report_it_goes_with() -> None:
    from tracker.reporting._units import attached_line

    body = "Đảng ủy Khối cơ quan và Doanh nghiệp tỉnh"
    assert attached_line("Số 25-BC/ĐUK", date(2026, 11, 27), body, "vi") == (
        "(Kèm theo Báo cáo số 25-BC/ĐUK, ngày 27 tháng 11 năm 2026 của Ban Thường vụ "
        "Đảng ủy Khối cơ quan và Doanh nghiệp tỉnh)"
    )
    blank = attached_line("-BC/ĐUK", date(2026, 11, 27), body, "vi")
    assert blank.startswith("(Kèm theo Báo cáo số\u00a0") and "-BC/ĐUK, ngày 27 tháng 11 năm 2026" in blank
    assert attached_line("No. 25-BC/ĐUK", date(2026, 11, 27), body, "en").startswith(
        "(Attached to Report No. 25-BC/ĐUK, 27 November 2026"
    )
