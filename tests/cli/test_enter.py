"""`tracker enter YEAR`: prompts target by target, one confirmation, one transaction; Ctrl-C,
end of input or "no" save nothing."""

from __future__ import annotations

import builtins
import io
import json
import sys
from collections.abc import Iterator

import pytest

pytestmark = pytest.mark.usefixtures("vietnamese")  # what the office sees: the config's language

# The default resolution has 11 targets, in this order.
CODES = ("T01", "T02", "T03", "T04", "T05", "T06", "T07", "T09", "T10", "T11")  # T08 takes T07's


def typed(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    """What the user types, one answer a line, fed to the prompts through standard input."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(line + "\n" for line in lines)))


def answers(**figures: str) -> list[str]:
    """One answer per target (empty: skipped), e.g. answers(T01="38/42", T07="162")."""
    return [figures.get(code, "") for code in CODES]


def figures(tracker) -> dict[str, dict[str, float]]:  # type: ignore[no-untyped-def]
    data = json.loads(tracker("status", "--format", "json").out)
    return {t["code"]: t["figures"] for t in data["targets"] if t["figures"]}


def entries(tracker) -> int:  # type: ignore[no-untyped-def]
    return len(json.loads(tracker("export", "--revisions", "--format", "json").out)["figures"])


def test_a_session_in_vietnamese_saves_everything_after_one_confirmation(tracker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2022", "150")
    typed(monkeypatch, *answers(T01="38/42", T03="90,5", T07="162"), "c")
    result = tracker("enter", "2023")
    assert result.code == 0, result.err
    assert "Nhập số liệu năm 2023" in result.out
    assert "T07  Trong nhiệm kỳ" in result.out and "Yêu cầu: ≥ 750 cả nhiệm kỳ; 2022: 150" in result.out
    assert "T11 †  Hàng năm có từ 90% tổ chức cơ sở đảng" in result.out  # the inferred target's mark
    assert "  † Chỉ tiêu suy luận, cần xác nhận theo văn bản Nghị quyết" in result.out
    assert "Số liệu 2023:" in result.out and "Lưu 3 số liệu năm 2023? [c/k]" in result.out
    assert "90,48% (38/42)" in result.out and "mới" in result.out  # the summary table
    assert "Đã lưu 3 số liệu năm 2023." in result.out
    assert figures(tracker) == {
        "T01": {"2023": 90.4762},
        "T03": {"2023": 90.5},
        "T07": {"2022": 150, "2023": 162},
        "T08": {"2022": 150, "2023": 162},  # it takes its figures from T07
    }


def test_a_bad_answer_is_explained_and_asked_again(tracker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    typed(
        monkeypatch,
        "abc",
        "101",
        "43/42",
        "38/42",
        *answers()[1:6],
        "150.5",
        "-3",
        "162",
        "",
        "",
        "",
        "y",
    )
    result = tracker("enter", "2023", "--lang", "en")
    assert result.code == 0, result.err
    assert "Not accepted: T01 2023: 'abc' is not a number" in result.out
    assert "a share is a percentage from 0 to 100, got '101'" in result.out
    assert "numerator cannot be larger than the denominator" in result.out
    assert "T07 2023: this target counts a whole number; '150.5' is not one" in result.out
    assert "a figure cannot be negative: '-3'" in result.out
    assert "Saved 2 figures for 2023." in result.out
    assert figures(tracker) == {"T01": {"2023": 90.4762}, "T07": {"2023": 162}, "T08": {"2023": 162}}


def test_no_saves_nothing(tracker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    typed(monkeypatch, *answers(T07="162"), "maybe", "k")
    result = tracker("enter", "2023")
    assert result.code == 0
    assert "Trả lời c (có) hoặc k (không)." in result.out and "Không lưu gì." in result.out
    assert entries(tracker) == 0


def _interrupting(after: list[str]) -> Iterator[str]:
    yield from after
    raise KeyboardInterrupt


@pytest.mark.parametrize("where", ["at a figure", "at the confirmation"])
def test_ctrl_c_saves_nothing(tracker, monkeypatch, where) -> None:  # type: ignore[no-untyped-def]
    given = answers(T01="38/42", T07="162") if where == "at the confirmation" else ["38/42", "", "90"]
    feed = _interrupting(given)
    monkeypatch.setattr(builtins, "input", lambda *_: next(feed))
    result = tracker("enter", "2023")
    assert result.code == 130
    assert "tracker: đã dừng; lệnh chưa xong nên không lưu gì" in result.err
    assert entries(tracker) == 0


def test_end_of_input_saves_nothing(tracker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    typed(monkeypatch, "38/42", "20")
    result = tracker("enter", "2023")
    assert result.code == 130 and "không lưu gì" in result.err
    assert entries(tracker) == 0


def test_a_recorded_figure_is_kept_or_corrected_with_a_reason(tracker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2023", "160", "--provisional")
    tracker("record", "T01", "2023", "38/42")
    typed(monkeypatch, "38/42", *answers()[1:6], "165", "", "Số liệu chính thức", *answers()[7:], "c")
    result = tracker("enter", "2023")
    assert result.code == 0, result.err
    assert "Đã có số liệu 2023: 160 (dự ước)" in result.out and "(Enter: giữ nguyên)" in result.out
    assert "sửa, trước: 160 (dự ước)" in result.out
    assert "Đã lưu 1 số liệu năm 2023." in result.out
    assert figures(tracker)["T07"] == {"2023": 165}
    history = tracker("history", "T07").out
    assert "Số liệu chính thức" in history
    assert entries(tracker) == 3  # T01 repeated unchanged: no new revision


def test_nothing_typed_saves_nothing_and_asks_nothing(tracker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    typed(monkeypatch, *answers())
    result = tracker("enter", "2023")
    assert result.code == 0 and "Không có số liệu mới; không lưu gì." in result.out
    assert "[c/k]" not in result.out


def test_provisional_session_marks_estimates(tracker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    typed(monkeypatch, *answers(T07="162"), "c")
    result = tracker("enter", "2023", "--provisional", "--source", "Dự ước 6 tháng", "--by", "Lan")
    assert result.code == 0, result.err
    assert "162 (dự ước)" in result.out
    data = json.loads(tracker("status", "--format", "json").out)
    assert next(t for t in data["targets"] if t["code"] == "T07")["provisional_years"] == [2023]
    history = tracker("history", "T07").out
    assert "Lan" in history and "Dự ước 6 tháng" in history


def test_year_outside_the_term_is_refused_before_any_prompt(tracker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    typed(monkeypatch)
    result = tracker("enter", "2030")
    assert result.code == 2 and "nằm ngoài các năm báo cáo" in result.err
    assert result.out == ""


def test_one_figure_is_said_in_the_singular(tracker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    typed(monkeypatch, *answers(T07="162"), "y")
    result = tracker("enter", "2023", "--lang", "en")
    assert result.code == 0, result.err
    assert "Save 1 figure for 2023? [y/n]" in result.out and "Saved 1 figure for 2023." in result.out
