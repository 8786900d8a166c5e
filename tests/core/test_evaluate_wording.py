"""The summary of a report in the words of its kind, and the other pure wordings of a verdict."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.evaluate import Status, code_label, inferred_line, number, status_word, summary_line
from tracker.evaluate._wording import babel_number

MET, ON, RISK, OFF, MISSED, NONE, INCOMPLETE = (
    Status.MET,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.OFF_TRACK,
    Status.MISSED,
    Status.NO_DATA,
    Status.INCOMPLETE,
)
MIDTERM = [MET] * 3 + [ON] * 5 + [RISK, OFF, MISSED]  # 8 on pace, 3 behind
FINAL = [MET] * 8 + [MISSED] * 2 + [INCOMPLETE]


def test_a_yearly_summary_names_every_status_that_occurs() -> None:
    statuses = [MET, ON, ON, RISK, MISSED, NONE, INCOMPLETE]
    assert summary_line(statuses, "vi") == (
        "Đạt 1/7 chỉ tiêu; 2 chỉ tiêu đúng tiến độ; 1 chỉ tiêu chậm tiến độ; 1 chỉ tiêu không đạt; "
        "1 chỉ tiêu chưa có số liệu; 1 chỉ tiêu chưa đủ số liệu"
    )
    assert summary_line(statuses, "en", kind="yearly") == (
        "Met 1 of 7 targets; 2 on track; 1 behind pace; 1 missed; 1 without figures; "
        "1 with incomplete figures"
    )


def test_a_midterm_review_says_on_pace_and_not_yet_achieved() -> None:
    assert summary_line(MIDTERM, "vi", kind="midterm") == "8/11 chỉ tiêu đạt tiến độ; 3 chỉ tiêu chưa đạt"
    assert summary_line(MIDTERM, "en", kind="midterm") == "8 of 11 targets on pace; 3 not yet achieved"
    gaps = [ON, ON, NONE, INCOMPLETE]
    assert summary_line(gaps, "vi", "midterm") == (
        "2/4 chỉ tiêu đạt tiến độ; 1 chỉ tiêu chưa có số liệu; 1 chỉ tiêu chưa đủ số liệu"
    )


def test_a_midterm_review_never_says_it_achieved_none() -> None:
    statuses = [MISSED] * 3 + [NONE] * 8
    vi = summary_line(statuses, "vi", "midterm")
    assert vi == "Chưa có chỉ tiêu nào đạt tiến độ; 3 chỉ tiêu chưa đạt; 8 chỉ tiêu chưa có số liệu"
    assert "0/" not in vi and "Đạt 0" not in vi
    assert summary_line(statuses, "en", "midterm").startswith("No target on pace yet; 3 not yet achieved")


def test_an_end_of_term_report_says_met_or_exceeded_and_missed() -> None:
    assert summary_line(FINAL, "vi", kind="final") == (
        "Đạt và vượt 8/11 chỉ tiêu; không đạt 2 chỉ tiêu; 1 chỉ tiêu chưa đủ số liệu"
    )
    assert summary_line(FINAL, "en", kind="final") == (
        "Met or exceeded 8 of 11 targets; missed 2; 1 with incomplete figures"
    )
    assert summary_line([MISSED, MISSED], "vi", "final") == "Không có chỉ tiêu nào đạt; không đạt 2 chỉ tiêu"


def test_a_summary_counts_the_verdicts_on_estimates() -> None:
    estimates = [True, False, False, False, False, False, False, False, True, False, False]
    assert summary_line(FINAL, "vi", "final", estimates) == (
        "Đạt và vượt 8/11 chỉ tiêu; không đạt 2 chỉ tiêu; 1 chỉ tiêu chưa đủ số liệu; "
        "2 chỉ tiêu đánh giá theo số liệu dự ước"
    )
    assert summary_line(FINAL, "en", "final", [False] * 11).endswith("1 with incomplete figures")


def test_an_unknown_report_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="quarterly"):
        summary_line(FINAL, "vi", kind="quarterly")


def test_the_summary_says_how_many_targets_are_inferred() -> None:
    assert inferred_line(11, 1, "vi") == "11 chỉ tiêu, trong đó 1 chỉ tiêu suy luận cần xác nhận"
    assert inferred_line(11, 1, "en") == "11 targets, of which 1 is inferred and to be confirmed"
    assert inferred_line(13, 3, "en") == "13 targets, of which 3 are inferred and to be confirmed"
    assert inferred_line(11, 0, "vi") == ""


def test_status_words_with_and_without_an_estimate() -> None:
    assert [status_word(s, "vi") for s in Status] == [
        "Đạt", "Đúng tiến độ", "Chậm tiến độ", "Khó đạt", "Không đạt", "Chưa có số liệu", "Chưa đủ số liệu",
    ]  # fmt: skip
    assert status_word(MET, "vi", estimate=True) == "Dự ước đạt"
    assert status_word(MISSED, "vi", estimate=True) == "Dự ước không đạt"
    assert status_word(MISSED, "en", estimate=True) == "Missed (estimate)"
    assert status_word(INCOMPLETE, "en", estimate=True) == "Incomplete figures"


def test_an_inferred_code_carries_its_mark() -> None:
    assert code_label("T11", True) == "T11 †" and code_label("T01", False) == "T01"


def test_halves_are_rounded_up_as_people_do() -> None:
    assert number(95.25, "vi", 1) == "95,3" and number(95.24, "en", 1) == "95.2"
    assert number(146.5, "vi", 0) == "147" and number(-0.001, "vi", 1) == "0"


@given(
    st.one_of(
        st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
        st.integers(-(10**12), 10**12).map(float),
        st.integers(0, 100_000).map(lambda n: n / 1000),  # shares and halves to round
    ),
    st.sampled_from(["vi", "en"]),
    st.integers(0, 3),
)
def test_a_number_is_written_as_babel_writes_it(value: float, lang: str, digits: int) -> None:
    """number() writes vi and en itself, for speed; Babel is the reference."""
    assert number(value, lang, digits) == babel_number(value, lang, digits)  # type: ignore[arg-type]
