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
    Issuer,
    default_kind,
    document_block,
    number_line,
    place_date,
    unbroken_body,
)
from tracker.reporting._narrative import parse_narrative

pytestmark = pytest.mark.usefixtures("vietnamese")

TERM = (2021, 2022, 2023, 2024, 2025)
RESOLUTION = (
    "Nghị quyết Đại hội đại biểu Đảng bộ Khối cơ quan và Doanh nghiệp tỉnh lần thứ IX, nhiệm kỳ 2020 - 2025"
)
ISSUER = Issuer("Đảng ủy Khối cơ quan và Doanh nghiệp tỉnh", RESOLUTION, "2020 - 2025", 2020)


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


def block(kind: str, **given):  # type: ignore[no-untyped-def]
    settings = given.pop("settings", DocumentSettings())
    return document_block(
        settings, kind, as_of=2023, issuer=ISSUER, day=date(2026, 11, 27), lang="vi", **given
    )


def test_each_kind_has_its_title_on_one_line_naming_the_resolution() -> None:
    assert block("yearly").kind_title == f"Kết quả thực hiện {RESOLUTION}, năm 2023"
    assert block("midterm").kind_title == f"Sơ kết giữa nhiệm kỳ thực hiện {RESOLUTION}"
    assert block("final").kind_title == f"Tổng kết thực hiện {RESOLUTION}"
    assert all("\n" not in block(kind).kind_title for kind in ("yearly", "midterm", "final"))


def test_a_yearly_report_has_no_lessons_and_ends_with_the_next_years_tasks() -> None:
    assert [(s.numeral, s.title) for s in block("yearly").sections] == [
        ("I", "Kết quả đạt được"),
        ("II", "Hạn chế, khuyết điểm và nguyên nhân"),
        ("III", "Phương hướng, nhiệm vụ năm 2024"),
    ]
    assert [s.title for s in block("midterm").sections] == [
        "Kết quả đạt được",
        "Hạn chế, khuyết điểm và nguyên nhân",
        "Bài học kinh nghiệm",
        "Nhiệm vụ, giải pháp trong thời gian còn lại của nhiệm kỳ",
    ]
    assert block("final").sections[-1].title == "Phương hướng, nhiệm vụ nhiệm kỳ tới"
    assert all(s.placeholder == "[Văn phòng soạn nội dung phần này.]" for s in block("final").sections)


def test_a_yearly_narrative_with_lessons_is_refused_naming_the_yearly_parts() -> None:
    written = {"lessons": [Block("p", "Một là, ...")]}
    with pytest.raises(TrackerError) as caught:
        block("yearly", written=written)
    message = str(caught.value)
    assert "'Bài học kinh nghiệm'" in message and "báo cáo kết quả năm" in message
    assert "Phương hướng, nhiệm vụ năm 2024" in message and len(message.splitlines()) == 1
    assert block("midterm", written=written).sections[2].blocks == written["lessons"]


def test_the_opening_names_the_resolution_and_the_period_unless_the_narrative_gives_one() -> None:
    assert block("yearly").opening == [
        f"Thực hiện {RESOLUTION}, Ban Thường vụ Đảng ủy Khối cơ quan và Doanh nghiệp tỉnh báo cáo kết quả "
        "thực hiện năm 2023 như sau:"
    ]
    assert "sơ kết giữa nhiệm kỳ (giai đoạn 2020 - 2023)" in block("midterm").opening[0]
    assert "tổng kết nhiệm kỳ 2020 - 2025" in block("final").opening[0]
    given = parse_narrative("Năm 2023, trong bối cảnh ...\n\n# Kết quả đạt được\n\nA.\n", "nam.md")
    assert block("yearly", written=given).opening == ["Năm 2023, trong bối cảnh ..."]
    assert block("yearly", written=given).sections[0].blocks == [Block("p", "A.")]


def test_a_numbered_list_is_drawn_as_one_list_from_its_first_number() -> None:
    """The HTML's lists (Section.runs): a numbered list goes on while each number follows the
    last; the opening, one paragraph per line in every format, writes an item's mark."""
    text = "1. Mở một.\n2. Mở hai.\n\n# Kết quả đạt được\n\nA.\n\n3. Ba.\n4. Bốn.\n\n- Gạch.\n\n1. Lại một.\n"
    written = parse_narrative(text, "nam.md")
    drawn = block("yearly", written=written)
    assert drawn.opening == ["1. Mở một.", "2. Mở hai."]
    runs = [(run.kind, run.start, [b.text for b in run.blocks]) for run in drawn.sections[0].runs]
    assert runs == [
        ("p", 1, ["A."]),
        ("ol", 3, ["Ba.", "Bốn."]),
        ("ul", 1, ["Gạch."]),
        ("ol", 1, ["Lại một."]),
    ]


def test_each_annex_says_which_report_it_is_attached_to() -> None:
    numbered = block("final", settings=DocumentSettings(number="25-BC/ĐUK"))
    assert numbered.annex == "Phụ lục 1" and numbered.annex_head(2) == "Phụ lục 2"
    assert numbered.attached == (
        "(Kèm theo Báo cáo số 25-BC/ĐUK, ngày 27 tháng 11 năm 2026 "
        "của Ban Thường vụ Đảng ủy Khối cơ quan và Doanh nghiệp tỉnh)"
    )
    blank = block("final", settings=DocumentSettings(number="-BC/ĐUK")).attached
    assert blank.startswith("(Kèm theo Báo cáo số \u00a0") and "\u00a0-BC/ĐUK, ngày 27" in blank


def test_the_issuing_body_never_breaks_after_and() -> None:
    assert unbroken_body("Đảng ủy Khối cơ quan và Doanh nghiệp tỉnh") == (
        "Đảng ủy Khối cơ quan và\u00a0Doanh nghiệp tỉnh"
    )
    assert (
        unbroken_body("ĐẢNG ỦY KHỐI CƠ QUAN VÀ  DOANH NGHIỆP") == "ĐẢNG ỦY KHỐI CƠ QUAN VÀ\u00a0DOANH NGHIỆP"
    )
    assert unbroken_body("Đảng ủy Khối") == "Đảng ủy Khối"


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
    placed = block("midterm", written=sections)
    assert [bool(s.blocks) for s in placed.sections] == [True, False, True, True]
    assert placed.sections[1].placeholder and not placed.sections[0].placeholder


@pytest.mark.parametrize(
    ("text", "says"),
    [
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
        (None, "không có tệp"),
        (b"\xff\xfe\x00bad", "không phải văn bản UTF-8; hãy lưu phần viết dạng UTF-8"),
        (b"# Kh\xc3\xb4ng r\xc3\xb5\n\nA.\n", "không có tiêu đề 'Không rõ'"),
        (b"x" * 200_001, "dài hơn 200 KB"),
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


def test_a_yearly_narrative_may_name_the_year_of_its_tasks() -> None:
    given = parse_narrative("# III. Phương hướng, nhiệm vụ năm 2024\n\nTiếp tục.\n", "nam.md")
    assert given == {"tasks": [Block("p", "Tiếp tục.")]}
    assert block("yearly", written=given).sections[2].blocks == [Block("p", "Tiếp tục.")]
