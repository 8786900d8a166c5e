"""The Party document's words: report kinds, the number and date lines, the office's narrative,
and the one-line refusals of a narrative file that cannot be placed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracker.errors import TrackerError
from tracker.reporting._document import (
    Block,
    DocumentSettings,
    default_kind,
    document_block,
    number_line,
    place_date,
)
from tracker.reporting._narrative import parse_narrative

pytestmark = pytest.mark.usefixtures("vietnamese")

TERM = (2021, 2022, 2023, 2024, 2025)


@pytest.mark.parametrize(
    ("years", "as_of", "kind"),
    [
        (TERM, 2021, "yearly"),
        (TERM, 2022, "yearly"),
        (TERM, 2023, "midterm"),
        (TERM, 2024, "yearly"),
        (TERM, 2025, "final"),
        ((2020, 2021, 2022, 2023, 2024, 2025), 2023, "midterm"),
        ((2021, 2022, 2023), 2022, "midterm"),
        ((2021, 2022, 2023), 2023, "final"),
    ],
)
def test_the_as_of_year_chooses_the_kind_of_report(years: tuple[int, ...], as_of: int, kind: str) -> None:
    assert default_kind(years, as_of) == kind


def test_the_number_leaves_a_blank_for_the_hand_written_number() -> None:
    assert number_line("25-BC/ĐUK", "vi") == "Số 25-BC/ĐUK"
    blank = number_line("-BC/ĐUK", "vi")
    assert blank.startswith("Số\u00a0") and blank.endswith("-BC/ĐUK") and len(blank) > len("Số -BC/ĐUK") + 3
    assert number_line("", "en").startswith("No.\u00a0")


def test_the_date_line_has_the_place_and_the_padded_day_and_month() -> None:
    assert place_date("Điện Biên", date(2021, 2, 3), "vi") == "Điện Biên, ngày 03 tháng 02 năm 2021"
    assert place_date("Điện Biên", date(2026, 11, 27), "vi") == "Điện Biên, ngày 27 tháng 11 năm 2026"
    assert place_date("", date(2026, 11, 27), "vi") == "Ngày 27 tháng 11 năm 2026"
    assert place_date("Điện Biên", date(2026, 11, 27), "en") == "Điện Biên, 27 November 2026"


def test_each_kind_has_its_title_and_the_last_section_of_a_final_report_looks_ahead() -> None:
    def block(kind: str):  # type: ignore[no-untyped-def]
        return document_block(
            DocumentSettings(), kind, as_of=2023, term="2020 - 2025", day=date(2026, 11, 27), lang="vi"
        )

    assert block("yearly").kind_title == "Kết quả thực hiện Nghị quyết năm 2023"
    assert block("midterm").kind_title == "Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết nhiệm kỳ 2020 - 2025"
    assert block("final").kind_title == "Tổng kết thực hiện Nghị quyết nhiệm kỳ 2020 - 2025"
    titles = [s.title for s in block("midterm").sections]
    assert titles == [
        "Kết quả đạt được",
        "Hạn chế, khuyết điểm và nguyên nhân",
        "Bài học kinh nghiệm",
        "Nhiệm vụ, giải pháp trong thời gian còn lại của nhiệm kỳ",
    ]
    assert block("final").sections[-1].title == "Phương hướng, nhiệm vụ nhiệm kỳ tới"
    assert all(s.placeholder == "[Văn phòng soạn nội dung phần này.]" for s in block("final").sections)


NARRATIVE = """\
# I. Kết quả đạt được

Ban Thường vụ đã **lãnh đạo** toàn diện,
các chỉ tiêu cơ bản đạt.

- Công tác chính trị tư tưởng được chú trọng;
- Công tác kiểm tra, giám sát được tăng cường.

## 3. Lessons learned

Một là, phát huy sức mạnh đoàn kết.

## tasks

Tiếp tục thực hiện Nghị quyết.
"""


def test_the_narrative_goes_under_its_headings_in_either_language_with_or_without_numerals() -> None:
    sections = parse_narrative(NARRATIVE, "so-ket.md")
    assert sections == {
        "results": [
            Block("p", "Ban Thường vụ đã lãnh đạo toàn diện, các chỉ tiêu cơ bản đạt."),
            Block("li", "Công tác chính trị tư tưởng được chú trọng;"),
            Block("li", "Công tác kiểm tra, giám sát được tăng cường."),
        ],
        "lessons": [Block("p", "Một là, phát huy sức mạnh đoàn kết.")],
        "tasks": [Block("p", "Tiếp tục thực hiện Nghị quyết.")],
    }
    placed = document_block(
        DocumentSettings(), "yearly", as_of=2023, term="", day=date(2026, 1, 5), lang="vi", written=sections
    )
    assert [bool(s.blocks) for s in placed.sections] == [True, False, True, True]
    assert placed.sections[1].placeholder and not placed.sections[0].placeholder


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Lời mở đầu.\n\n# Kết quả đạt được\n\nA.\n", "so-ket.md:1: có nội dung trước tiêu đề đầu tiên"),
        ("# Kết quả\n\nA.\n", "so-ket.md:1: không có tiêu đề 'Kết quả'; chỉ nhận: Kết quả đạt được"),
        (
            "# Kết quả đạt được\n\nA.\n\n# Results achieved\n\nB.\n",
            "so-ket.md:5: mục 'Results achieved' xuất hiện hai lần",
        ),
    ],
)
def test_a_narrative_that_cannot_be_placed_is_refused_with_its_line(text: str, says: str) -> None:
    with pytest.raises(TrackerError) as caught:
        parse_narrative(text, "so-ket.md")
    assert str(caught.value).startswith(says)


def _seeded(tracker) -> None:  # type: ignore[no-untyped-def]
    assert tracker("record", "T07", "2021", "160").code == 0


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "không đọc được"),
        (b"\xff\xfe\x00bad", "không phải văn bản UTF-8; hãy lưu phần viết dạng UTF-8"),
        (b"# Kh\xc3\xb4ng r\xc3\xb5\n\nA.\n", "không có tiêu đề 'Không rõ'"),
        (b"x" * 1_000_001, "dài hơn 1 MB"),
    ],
)
def test_a_bad_narrative_file_is_one_line_exit_2_and_no_report(  # type: ignore[no-untyped-def]
    tracker, tmp_path: Path, content: bytes | None, says: str
) -> None:
    _seeded(tracker)
    path = tmp_path / "so-ket.md"
    if content is not None:
        path.write_bytes(content)
    result = tracker("report", "--format", "txt", "--narrative", str(path))
    assert result.code == 2 and says in result.err, result.err
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert result.out == "" and not (tmp_path / "reports").exists()
