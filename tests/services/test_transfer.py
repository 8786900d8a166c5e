"""tracker.transfer on the database, without the command line: the rows an export writes, the
current figure of each target and year, or every revision."""

from __future__ import annotations

from tests.services.conftest import Work
from tracker.records import FigureRequest, record_figure
from tracker.transfer import collect


def test_an_export_holds_the_current_figures_or_every_revision(work: Work) -> None:
    with work() as (session, resolution):
        for request in (
            FigureRequest("T07", 2021, "160", recorded_by="Lan", note="Báo cáo năm"),
            FigureRequest("T03", 2021, "38/42", recorded_by="Lan", provisional=True),
            FigureRequest("T07", 2021, "165", recorded_by="Hùng", amend=True, reason="Đính chính"),
        ):
            record_figure(session, resolution, request)
    with work(writes=False) as (session, resolution):
        current, every = collect(session, resolution, lang="en"), collect(session, resolution, revisions=True)
    keys = ("code", "year", "numerator", "denominator", "provisional", "revision", "recorded_by", "reason")
    assert [(*(row[k] for k in keys), round(row["value"], 4)) for row in current.rows] == [
        ("T03", 2021, 38, 42, True, 1, "Lan", None, 90.4762),  # in the config's order of targets
        ("T07", 2021, None, None, False, 2, "Hùng", "Đính chính", 165),
    ]
    assert current.rows[1]["note"] == "Báo cáo năm"  # a correction keeps the note
    assert current.rows[1]["title"].startswith(
        "Over the term, the Party Committee strives to admit 750"
    )  # in English
    assert [(row["code"], row["revision"], round(row["value"], 4)) for row in every.rows] == [
        ("T03", 1, 90.4762),
        ("T07", 1, 160),
        ("T07", 2, 165),
    ]
