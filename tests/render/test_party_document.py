"""The report as the Party document the standing committee signs, read back as the office reads
it: the Word file (python-docx) and the PDF (pdftotext) of the demo's yearly report of 2023, its
mid-term review (2023) and its end-of-term report (2025), all issued on 27/11/2026."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.helpers.printed import POPPLER, require_tools, text, tracker_cli

RESOLUTION = (
    "Nghị quyết Đại hội đại biểu Đảng bộ Khối cơ quan và Doanh nghiệp tỉnh lần thứ IX, nhiệm kỳ 2020 - 2025"
)
TITLES = {
    "yearly": f"Kết quả thực hiện {RESOLUTION}, năm 2023",
    "midterm": f"Sơ kết giữa nhiệm kỳ thực hiện {RESOLUTION}",
    "final": f"Tổng kết thực hiện {RESOLUTION}",
}
YEARS = {"yearly": 2023, "midterm": 2023, "final": 2025}
KINDS = list(TITLES)
ISSUED = "2026-11-27"
DATE_LINE = "Điện Biên, ngày 27 tháng 11 năm 2026"
ATTACHED = "-BC/ĐUK, ngày 27 tháng 11 năm 2026 của Ban Thường vụ Đảng ủy Khối cơ quan và Doanh nghiệp tỉnh)"
TOOL_LINES = (
    "Số liệu cập nhật đến",
    "Thời điểm lập báo cáo",
    "Thay đổi so với báo cáo trước",
    "Nguồn lời văn",
    "theo Điện Biên TV",
    "Nguồn số liệu",
    "Ghi chú làm việc",
    "Biểu đồ",
)
CODE = re.compile(r"\b(?:T\d\d|M\d)\b")


@dataclass(frozen=True)
class Issued:
    """One report's files by format, and what its Word file and PDF say."""

    files: dict[str, Path]
    word: list[str]  # the Word file's paragraphs, table cells included, in reading order
    pdf: str  # the PDF's words, one space apart
    layout: list[str]  # the PDF's lines as pdftotext -layout prints them


def word_paragraphs(path: Path) -> list[str]:
    body = Document(str(path)).element.body
    texts = ("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))
    return [" ".join(text.split()) for text in texts if text.strip()]


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Issued]:
    require_tools(*POPPLER)
    folder = tmp_path_factory.mktemp("demo")
    tracker_cli("demo", "--dir", str(folder))
    found = {}
    for kind in KINDS:
        out = tracker_cli(
            "--config", str(folder / "config.yaml"), "report", "--format", "html,md,txt,docx,pdf",
            "--year", str(YEARS[kind]), "--kind", kind, "--date", ISSUED, "--out", str(folder / kind),
        )  # fmt: skip
        files = {path.suffix[1:]: path for path in map(Path, out.split())}
        flat = " ".join(text(files["pdf"]).split())
        layout = text(files["pdf"], "-layout").splitlines()
        found[kind] = Issued(files, word_paragraphs(files["docx"]), flat, layout)
    return found


def before_units(words: str) -> str:
    """The report and Phụ lục 1, without Phụ lục 2 (the units' annex names units by their codes)."""
    return words.split("PHỤ LỤC 2")[0]


@pytest.mark.parametrize("kind", KINDS)
def test_one_title_line_the_same_in_word_pdf_and_every_format(reports: dict[str, Issued], kind: str) -> None:
    issued = reports[kind]
    title = TITLES[kind]
    assert issued.word.count(title) == 1  # one paragraph, said once
    assert RESOLUTION not in issued.word  # not repeated on a line of its own
    assert issued.word[issued.word.index("BÁO CÁO") + 1] == title
    assert issued.pdf.count(title) == 1 and issued.pdf.index("BÁO CÁO") < issued.pdf.index(title)
    for fmt in ("html", "md", "txt"):
        assert title in issued.files[fmt].read_text(encoding="utf-8"), fmt


@pytest.mark.parametrize("kind", KINDS)
def test_the_word_file_and_the_pdf_carry_none_of_the_tools_own_lines(
    reports: dict[str, Issued], kind: str
) -> None:
    issued = reports[kind]
    word = " ".join(issued.word)
    for line in TOOL_LINES:
        assert line not in word and line not in issued.pdf, line
    html = issued.files["html"].read_text(encoding="utf-8")
    assert "Số liệu cập nhật đến" in html and "Thay đổi so với báo cáo trước" in html  # the working copy


@pytest.mark.parametrize("kind", KINDS)
def test_the_annex_is_numbered_with_its_kem_theo_line_and_targets_are_numbered_not_coded(
    reports: dict[str, Issued], kind: str
) -> None:
    issued = reports[kind]
    head = issued.word.index("PHỤ LỤC 1")
    attached = issued.word[head + 1]
    assert attached.startswith("(Kèm theo Báo cáo số") and attached.endswith(ATTACHED), attached
    assert "PHỤ LỤC" not in issued.word[:head]  # no annex without its number
    assert "(Kèm theo Báo cáo số" in issued.pdf and " ".join(ATTACHED.split()) in issued.pdf
    assert any(line.strip() == "PHỤ LỤC 1" for line in issued.layout)
    for words in (" ".join(issued.word), issued.pdf):
        body = before_units(words).replace("/ ", "/")  # a requirement wrapped in its cell
        assert not CODE.search(body), CODE.findall(body)
        assert "Từ 90% trở lên/năm" in body and "Trên 85%/năm" in body and "≥" not in body
    assert issued.word[issued.word.index("Chỉ tiêu") - 1] == "TT"  # the annex's first column


def test_the_yearly_report_counts_its_year_and_has_the_yearly_sections(reports: dict[str, Issued]) -> None:
    issued = reports["yearly"]
    opening = (
        "Năm 2023 có 7/11 chỉ tiêu đạt và vượt; 4 chỉ tiêu không đạt; 2 chỉ tiêu chưa có số liệu năm 2023"
    )
    headings = [
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "II. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024",
    ]
    for words in (" ".join(issued.word), issued.pdf):
        at = [words.index(heading) for heading in headings]
        assert at == sorted(at)
        assert at[0] < words.index(opening) < at[1]
        assert "BÀI HỌC KINH NGHIỆM" not in words and "IV." not in before_units(words)
        assert "Các chỉ tiêu chưa đạt kế hoạch năm 2023:" in words  # the year, then apart the term
        assert words.index("Các chỉ tiêu chưa đạt kế hoạch năm 2023:") < words.index(
            "Đối với cả nhiệm kỳ, các chỉ tiêu sau cần chú ý:"
        )
        assert "đạt 101,9% kế hoạch (năm 2021)" not in words  # not the weakest year of the term
        assert "Đúng tiến độ" not in before_units(words)
    assert "Ban Thường vụ Đảng ủy Khối cơ quan và Doanh nghiệp tỉnh báo cáo kết quả thực hiện năm 2023" in (
        issued.pdf
    )


def test_the_mid_term_summary_speaks_the_words_of_its_table(reports: dict[str, Issued]) -> None:
    document = Document(str(reports["midterm"].files["docx"]))
    annex = next(t for t in document.tables if t.rows[0].cells[0].text == "TT")
    words = [row.cells[-1].text for row in annex.rows[1:]]
    summary = next(p for p in reports["midterm"].word if "chỉ tiêu đạt tiến độ" in p)
    on_pace = int(re.match(r"(\d+)/13 chỉ tiêu đạt tiến độ", summary).group(1))  # type: ignore[union-attr]
    behind = int(re.search(r"; (\d+) chỉ tiêu chưa đạt", summary).group(1))  # type: ignore[union-attr]
    assert (words.count("Đạt tiến độ"), words.count("Chưa đạt")) == (on_pace, behind), (summary, words)
    assert set(words) <= {"Đạt tiến độ", "Chưa đạt", "Chưa có số liệu", "Chưa đủ số liệu"}


@pytest.mark.parametrize("kind", KINDS)
def test_the_date_of_issue_is_the_place_date_line_in_every_format(
    reports: dict[str, Issued], kind: str
) -> None:
    issued = reports[kind]
    assert DATE_LINE in issued.word
    assert any(line.strip().endswith(DATE_LINE) for line in issued.layout)
    for fmt in ("html", "md", "txt"):
        assert DATE_LINE in issued.files[fmt].read_text(encoding="utf-8"), fmt


@pytest.mark.parametrize("kind", KINDS)
def test_the_pdf_signs_beside_the_recipients_and_never_breaks_the_body_after_and(
    reports: dict[str, Issued], kind: str
) -> None:
    layout = reports[kind].layout
    beside = [i for i, line in enumerate(layout) if "Nơi nhận:" in line and "T/M BAN THƯỜNG VỤ" in line]
    assert beside, "the signature is not beside Nơi nhận"
    assert "BÍ THƯ" in layout[beside[0] + 1] and "Ban Thường vụ Tỉnh ủy" in layout[beside[0] + 1]
    page = "\n".join(layout[: beside[0]]).split("\f")[-1]  # the signature's page, up to it
    assert "[Văn phòng soạn nội dung phần này.]" in page  # the last lines of text kept with it
    assert any(line.strip().startswith("VÀ DOANH NGHIỆP TỈNH") for line in layout[:4])
    assert not any(line.strip().endswith(" VÀ") for line in layout)


@pytest.mark.parametrize("paragraphs", [5, 7, 23])  # lengths that once left the signature alone
def test_the_signature_never_stands_alone_on_a_page(reports: dict[str, Issued], paragraphs: int) -> None:
    folder = reports["midterm"].files["pdf"].parent.parent
    narrative = folder / f"nhiem-vu-{paragraphs}.md"
    lines = ["# Nhiệm vụ, giải pháp trong thời gian còn lại của nhiệm kỳ", ""]
    for n in range(1, paragraphs + 1):
        lines += [
            f"Đoạn {n}: tiếp tục lãnh đạo, chỉ đạo thực hiện có hiệu quả các nhiệm vụ chính trị, nâng",
            "",
        ]
        lines[-2] += " cao chất lượng sinh hoạt chi bộ và công tác kiểm tra, giám sát."
    narrative.write_text("\n".join(lines), encoding="utf-8")
    out = tracker_cli(
        "--config", str(folder / "config.yaml"), "report", "--format", "pdf", "--year", "2023",
        "--narrative", str(narrative), "--out", str(folder / f"alone-{paragraphs}"),
    )  # fmt: skip
    pages = text(Path(out.strip()), "-layout").split("\f")
    (page,) = [page for page in pages if "T/M BAN THƯỜNG VỤ" in page]
    before = page.split("T/M BAN THƯỜNG VỤ")[0]
    assert f"Đoạn {paragraphs}:" in before  # the last lines of text kept with it
    assert "Nơi nhận:" in page.splitlines()[len(before.splitlines()) - 1]  # on the authority's line
