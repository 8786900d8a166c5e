"""tracker.records on the database, without the command line: a figure recorded changes what
tracker.status judges; a bad one is refused with its reason and stores nothing; the history
keeps every revision."""

from __future__ import annotations

import pytest

from tests.services.conftest import Work
from tracker.errors import TrackerError
from tracker.records import FigureRequest, history, record_figure
from tracker.status import build_status


def figure(code: str, year: int, value: str, **more: object) -> FigureRequest:
    return FigureRequest(code=code, year=year, value=value, recorded_by="Lan", **more)  # type: ignore[arg-type]


def status_of(work: Work, code: str, as_of: int | None = None) -> tuple[str, str]:
    with work(writes=False) as (session, resolution):
        (found,) = build_status(session, resolution, codes=[code], as_of=as_of, lang="en").targets
    return found.status_text, found.explanation


def test_a_recorded_figure_is_judged_by_the_status(work: Work) -> None:
    """T07 asks for 750 members over the five years: 160 in 2021 keeps the pace; 100 more in
    2022 cannot reach it even at the best year's rate."""
    assert status_of(work, "T07")[0] == "No data"
    with work() as (session, resolution):
        done = record_figure(session, resolution, figure("T07", 2021, "160"))
    assert (done.subject, done.year, done.revision) == ("T07", 2021, 1)
    assert done.summary.startswith("160, revision 1, by Lan at ")
    assert status_of(work, "T07")[0] == "On track"
    with work() as (session, resolution):
        record_figure(session, resolution, figure("T07", 2022, "100"))
    status, explanation = status_of(work, "T07")
    assert status == "Unlikely", explanation
    assert status_of(work, "T07", as_of=2021)[0] == "On track"  # as of 2021, 2022 does not count


def test_a_share_is_recorded_with_its_counts_in_words(work: Work) -> None:
    with work() as (session, resolution):
        done = record_figure(session, resolution, figure("T03", 2022, "38/42", provisional=True))
    assert done.summary.startswith("90.48% (38/42) (provisional), revision 1, by Lan at ")
    assert status_of(work, "T03")[0] == "On track"  # every year so far above 85%


@pytest.mark.parametrize(
    ("request_", "says"),
    [
        (figure("T07", 2019, "160"), "year 2019 is outside the reporting years 2021-2025"),
        (figure("T99", 2021, "160"), "unknown target code 'T99'; valid codes: T01, T02,"),
        (figure("T07", 2021, "160", amend=True), "--amend needs --reason TEXT"),
    ],
)
def test_a_bad_figure_is_refused_with_its_reason_and_nothing_stored(
    work: Work, request_: FigureRequest, says: str
) -> None:
    with pytest.raises(TrackerError) as refused, work() as (session, resolution):
        record_figure(session, resolution, request_)
    assert says in str(refused.value)
    with work(writes=False) as (session, resolution):
        assert history(session, resolution, None, None, "en").lines == []


def test_a_second_figure_needs_amend_and_the_history_keeps_both(work: Work) -> None:
    with work() as (session, resolution):
        record_figure(session, resolution, figure("T07", 2021, "160", note="Báo cáo năm"))
    with pytest.raises(TrackerError) as refused, work() as (session, resolution):
        record_figure(session, resolution, figure("T07", 2021, "165"))
    assert "--amend" in str(refused.value)
    with work() as (session, resolution):
        done = record_figure(session, resolution, figure("T07", 2021, "165", amend=True, reason="Đính chính"))
    assert done.revision == 2
    with work(writes=False) as (session, resolution):
        lines = history(session, resolution, "T07", 2021, "en").lines
    shown = [
        (line.code, line.year, line.revision, line.figure, line.by, line.reason, line.note) for line in lines
    ]
    assert shown == [
        ("T07", 2021, 1, "160", "Lan", "", "Báo cáo năm"),
        ("T07", 2021, 2, "165", "Lan", "Đính chính", "Báo cáo năm"),  # a correction keeps the note
    ]
