"""A unit's year through its states: draft, submitted, returned, submitted again, accepted; each
refusal with the command line's words, and nothing written when refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.services.conftest import Work
from tracker.errors import TrackerError
from tracker.records import FigureRequest, record_figure
from tracker.submissions import (
    EntryInput,
    SubmissionConflict,
    accept,
    return_submission,
    save_draft,
    submit,
    unit_years,
    year_form,
    year_states,
)

MOMENT = datetime(2025, 1, 10, 3, 2, tzinfo=UTC)  # 10:02 in Hà Nội


@pytest.fixture(autouse=True)
def _at_moment(clock) -> None:  # type: ignore[no-untyped-def]
    clock(MOMENT)


def test_the_form_lists_what_the_workbook_lists_with_last_year(work: Work) -> None:
    with work() as (session, resolution):
        record_figure(session, resolution, FigureRequest("T07", 2023, "12", "An", unit="SYT"))
    with work(writes=False) as (session, resolution):
        form = year_form(session, resolution, "syt", 2024)
    codes = [line.code for line in form.lines]
    assert "T01" not in codes and "T08" not in codes and {"T03", "T04", "T07"} <= set(codes)
    assert (form.state, form.version, form.late, str(form.deadline)) == ("none", 0, False, "2025-01-31")
    assert form.line("T07").previous == "12" and form.line("T07").text == ""


def test_a_draft_then_submit_then_return_then_accept(work: Work) -> None:
    with work() as (session, resolution):
        saved = save_draft(
            session, resolution, "SYT", 2024, {"T07": EntryInput("120")}, account="syt", version=0
        )
    assert saved.stored and saved.form.state == "draft" and saved.form.version == 1
    with work(writes=False) as (session, resolution):
        assert year_states(session, resolution, 2024)["SYT"].state == "draft"
        assert year_form(session, resolution, "SYT", 2024).line("T07").counted is None  # not before accept
    with work() as (session, resolution):
        entries = {"T07": EntryInput("120"), "T03": EntryInput("38/42", note="quý 4")}
        sent = submit(session, resolution, "SYT", 2024, entries, account="syt", version=1)
    assert sent.form.state == "submitted" and sent.form.submitted_by == "syt"
    with work() as (session, resolution), pytest.raises(SubmissionConflict, match="wait for the office"):
        save_draft(session, resolution, "SYT", 2024, {"T07": EntryInput("1")}, account="syt", version=2)
    with work() as (session, resolution), pytest.raises(TrackerError, match="needs a comment"):
        return_submission(session, resolution, "SYT", 2024, account="vanphong", version=2, comment=" ")
    with work() as (session, resolution):
        back = return_submission(
            session, resolution, "SYT", 2024, account="vanphong", version=2, comment="T07 thiếu"
        )
    assert (back.state, back.comment) == ("returned", "T07 thiếu")
    with work() as (session, resolution):
        again = submit(session, resolution, "SYT", 2024, {"T07": EntryInput("121")}, account="syt", version=3)
    assert again.stored
    with work() as (session, resolution):
        done = accept(session, resolution, "SYT", 2024, account="vanphong", version=4)
    assert (done.new, done.changed, done.unchanged, done.form.state) == (1, 0, 0, "accepted")
    assert done.form.line("T07").counted == "121" and done.form.line("T03").counted is None
    with work(writes=False) as (session, resolution):
        assert (2024, "accepted", "T07 thiếu") in unit_years(session, resolution, "SYT")


def test_the_loser_of_two_accepts_is_told_who_won(work: Work) -> None:
    with work() as (session, resolution):
        submit(session, resolution, "SYT", 2024, {"T07": EntryInput("5")}, account="syt", version=None)
    with work() as (session, resolution):
        accept(session, resolution, "SYT", 2024, account="vanphong", version=1)
    with work() as (session, resolution), pytest.raises(SubmissionConflict) as refused:
        accept(session, resolution, "SYT", 2024, account="other", version=1)
    assert str(refused.value) == (
        "SYT 2024: the office already accepted this year's figures at 2025-01-10 10:02 (by vanphong)"
    )


def test_a_stale_version_is_refused_and_nothing_written(work: Work) -> None:
    with work() as (session, resolution):
        save_draft(session, resolution, "SYT", 2024, {"T07": EntryInput("5")}, account="a", version=0)
    with work() as (session, resolution), pytest.raises(SubmissionConflict, match="saved again"):
        save_draft(session, resolution, "SYT", 2024, {"T07": EntryInput("6")}, account="b", version=0)
    with work(writes=False) as (session, resolution):
        assert year_form(session, resolution, "SYT", 2024).line("T07").text == "5"


def test_the_office_accepts_only_what_was_submitted(work: Work) -> None:
    with work() as (session, resolution), pytest.raises(SubmissionConflict, match="nothing was submitted"):
        accept(session, resolution, "SYT", 2024, account="vanphong", version=None)
    with work() as (session, resolution), pytest.raises(TrackerError, match="nothing to submit"):
        submit(session, resolution, "SYT", 2024, {"T07": EntryInput("")}, account="syt", version=None)


@pytest.mark.parametrize(
    ("code", "typed"), [("T07", "1,2,3"), ("T07", "abc"), ("T03", "43/42"), ("T03", "90")]
)
def test_a_bad_value_gets_the_words_of_record_unit(work: Work, run, units, code: str, typed: str) -> None:  # type: ignore[no-untyped-def]
    said = units("--lang", "en", "record", code, "2024", typed, "--unit", "SYT")
    assert said.code != 0
    with work() as (session, resolution):
        saved = save_draft(
            session, resolution, "SYT", 2024, {code: EntryInput(typed), "T04": EntryInput("1/42")},
            account="syt", version=None,
        )  # fmt: skip
    assert not saved.stored and saved.form.state == "none"
    assert said.err.strip().endswith(saved.problems[code])
    assert list(saved.problems) == [code]


def test_a_far_value_is_kept_only_when_confirmed(work: Work) -> None:
    with work() as (session, resolution):
        for year, value in ((2021, "10"), (2022, "12"), (2023, "11")):
            record_figure(session, resolution, FigureRequest("T07", year, value, "An", unit="SYT"))
    with work() as (session, resolution):
        saved = save_draft(
            session, resolution, "SYT", 2024, {"T07": EntryInput("1200")}, account="s", version=0
        )
    assert not saved.stored and list(saved.far) == ["T07"] and "T07 (unit SYT) 2024" in saved.far["T07"].words
    with work() as (session, resolution):
        saved = save_draft(
            session, resolution, "SYT", 2024, {"T07": EntryInput("1200")}, account="s", version=0,
            confirmed=["T07"],
        )  # fmt: skip
    assert saved.stored


def test_a_late_unit_is_marked_after_the_deadline(work: Work, clock) -> None:  # type: ignore[no-untyped-def]
    clock(datetime(2025, 2, 2, tzinfo=UTC))
    with work() as (session, resolution):
        submit(session, resolution, "SYT", 2024, {"T07": EntryInput("5")}, account="syt", version=None)
    with work(writes=False) as (session, resolution):
        states = year_states(session, resolution, 2024)
    assert (states["SYT"].late, states["SGD"].late, states["SGD"].state) == (False, True, "none")
    assert "CBX" not in states  # CBX exists to 2023
