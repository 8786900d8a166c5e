"""`tracker report --format docx`: the Party's Word document, read back as python-docx and as
LibreOffice print it, and `tracker report-template` with the office's edited copies."""

from __future__ import annotations

import re
import sqlite3
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

pytestmark = pytest.mark.usefixtures("vietnamese")  # what the office sees: the config's language

NUMBERS = [str(n) for n in range(1, 11)] + ["11 †", "12 †", "13 †"]  # T01-T11, M1, M2; † inferred
RESOLUTION = (
    "Nghị quyết Đại hội đại biểu Đảng bộ Khối cơ quan và Doanh nghiệp tỉnh lần thứ IX, nhiệm kỳ 2020 - 2025"
)
YEARS = ["2021", "2022", "2023", "2024", "2025"]
DATE_LINE = re.compile(r"Điện Biên, ngày \d\d tháng \d\d? năm \d{4}")
HEADINGS = [
    "I. KẾT QUẢ ĐẠT ĐƯỢC",
    "II. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN",
    "III. BÀI HỌC KINH NGHIỆM",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NHIỆM KỲ TỚI",  # the end-of-term report's last heading
]
RECIPIENTS = [
    "- Ban Thường vụ Tỉnh ủy (b/c),",
    "- Các đồng chí Ủy viên Ban Chấp hành Đảng bộ Khối,",
    "- Các tổ chức cơ sở đảng trực thuộc,",
    "- Lưu Văn phòng Đảng ủy.",
]
PLACEHOLDER = "[Văn phòng soạn nội dung phần này.]"


def demo(run, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """The demo's database and config (11 targets and the demo's M1, M2); its config file."""
    folder = tmp_path / "demo"
    assert run("demo", "--dir", str(folder)).code == 0
    return folder / "config.yaml"


def word_report(run, config: Path, *args: str) -> Path:  # type: ignore[no-untyped-def]
    """The demo's Word report as of 2025 (an end-of-term report), written to a fresh folder."""
    out = config.parent / "bao-cao"
    result = run(
        "--config", str(config), "report", "--format", "docx", "--year", "2025", "--out", str(out), *args
    )
    assert result.code == 0, result.err
    (path,) = [Path(line) for line in result.out.splitlines()]
    assert path.suffix == ".docx" and path.is_file()
    return path


def paragraphs(path: Path) -> list[str]:
    """Every paragraph of the body in reading order, those in table cells included."""
    body = Document(str(path)).element.body
    texts = ("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))
    return [" ".join(text.split()) for text in texts if text.strip()]


def assert_in_order(haystack: list[str], needles: list[str | re.Pattern[str]]) -> None:
    """Each needle is (or matches the whole of) a paragraph after the previous one's."""
    at = 0
    for needle in needles:
        for i in range(at, len(haystack)):
            text = haystack[i]
            if needle.fullmatch(text) if isinstance(needle, re.Pattern) else needle == text:
                at = i + 1
                break
        else:
            pytest.fail(f"{needle!r} not found after paragraph {at}: {haystack[at : at + 8]}")


def following(texts: list[str], heading: str) -> str:
    return texts[texts.index(heading) + 1]


def set_template(config: Path, name: str) -> None:
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("document:\n", f"document:\n  template: {name}\n", 1), encoding="utf-8")


def stored_runs(config: Path) -> int:
    with sqlite3.connect(config.parent / "tracker.db") as db:
        return int(db.execute("SELECT count(*) FROM report_run").fetchone()[0])


def test_the_word_report_reads_in_the_partys_order(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = word_report(run, demo(run, tmp_path))
    texts = paragraphs(path)
    header = ["ĐẢNG BỘ TỈNH ĐIỆN BIÊN", "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", "*", "Số -BC/ĐUK"]
    top = [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        DATE_LINE,
        "BÁO CÁO",
        f"Tổng kết thực hiện {RESOLUTION}",
        re.compile(r"Thực hiện Nghị quyết Đại hội .* tổng kết nhiệm kỳ 2020 - 2025 như sau:"),  # the opening
    ]
    assert_in_order(texts, [*header, *top, *HEADINGS, "Nơi nhận:", *RECIPIENTS])
    assert_in_order(texts, [HEADINGS[-1], "T/M BAN THƯỜNG VỤ", "BÍ THƯ", "PHỤ LỤC 1"])
    summary = following(texts, "1. Kết quả thực hiện các chỉ tiêu")
    assert re.search(r"\d+/13 chỉ tiêu", summary), summary
    assert texts.index(HEADINGS[0]) < texts.index(summary) < texts.index(HEADINGS[1])
    assert texts.count(PLACEHOLDER) == 4  # no narrative given: a line for the office in each section


def test_the_annex_is_a_landscape_table_of_every_target_by_year(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = Document(str(word_report(run, demo(run, tmp_path))))
    table = document.tables[2]  # after the header's and the signature's; the units' follows
    heads = [cell.text for cell in table.rows[0].cells]
    assert heads == ["TT", "Chỉ tiêu", "Yêu cầu", *YEARS, "So với kế hoạch", "Đánh giá"]
    assert [row.cells[0].text for row in table.rows[1:]] == NUMBERS  # numbered, the inferred marked
    t01 = [cell.text for cell in table.rows[1].cells]
    assert t01[1].startswith("Hàng năm có ít nhất 90% cơ quan") and "11/12" in t01[3]
    assert (t01[2], table.rows[3].cells[2].text) == ("Từ 90% trở lên/năm", "Trên 85%/năm")  # in words
    first, annex = document.sections[0], document.sections[-1]
    assert first.orientation == WD_ORIENT.PORTRAIT and round(first.page_width.mm) == 210
    assert annex.orientation == WD_ORIENT.LANDSCAPE and round(annex.page_width.mm) == 297
    assert [
        round(x.mm) for x in (first.top_margin, first.right_margin, first.bottom_margin, first.left_margin)
    ] == [
        20,
        15,
        20,
        30,
    ]  # fmt: skip  (reports.margins_mm of the default config)


def test_page_numbers_from_page_two_in_times_new_roman(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = Document(str(word_report(run, demo(run, tmp_path))))
    first = document.sections[0]
    assert first.different_first_page_header_footer
    assert "PAGE" in "".join(t.text or "" for t in first.header._element.iter(qn("w:instrText")))
    assert not list(first.first_page_header._element.iter(qn("w:instrText")))
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    assert document.styles["Normal"].font.size.pt == 14


def to_pdf(soffice: str, path: Path, tmp_path: Path) -> Path:
    """The Word file as LibreOffice prints it, with a profile of this test's own."""
    out = tmp_path / "pdf"
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    command = [soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", str(out), str(path)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    return out / f"{path.stem}.pdf"


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_libreoffice_prints_it_on_at_most_six_pages_in_order(run, tmp_path: Path, soffice: str) -> None:  # type: ignore[no-untyped-def]
    pdf = to_pdf(soffice, word_report(run, demo(run, tmp_path)), tmp_path)
    text = " ".join(pdftotext(pdf).split())
    order = ["ĐẢNG BỘ TỈNH ĐIỆN BIÊN", "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", "*", "Số -BC/ĐUK"]
    order += [
        DATE_LINE.search(text).group(0),
        "BÁO CÁO",
        f"Tổng kết thực hiện {RESOLUTION}",
    ]  # type: ignore[union-attr]
    order += ["1. Kết quả thực hiện các chỉ tiêu", "/13 chỉ tiêu", *HEADINGS[1:], "Nơi nhận:", *RECIPIENTS]
    order += ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "PHỤ LỤC 1"]
    at = 0
    for needle in order:
        found = text.find(needle, at)
        assert found >= 0, f"{needle!r} not found after: {text[at : at + 200]!r}"
        at = found + len(needle)
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True
    ).stdout).group(1))  # type: ignore[union-attr]  # fmt: skip
    lines = [line.strip() for line in pdftotext(pdf, "-layout").splitlines()]
    assert any(line.endswith("ĐẢNG CỘNG SẢN VIỆT NAM") for line in lines)  # on one line
    assert any(line.startswith("(Kèm theo Báo cáo số") for line in lines)  # under PHỤ LỤC 1
    assert any(DATE_LINE.search(line) and line.endswith(tuple("0123456789")) for line in lines)
    by_page = [pdftotext(pdf, "-f", str(n), "-l", str(n)) for n in range(1, pages + 1)]
    units = [n for n, page in enumerate(by_page) if "PHỤ LỤC 2" in page]  # the demo's units, at the end
    assert len(units) == 1 and pages - units[0] <= 1, (units, pages)  # on one page of its own
    assert units[0] <= 6  # the pages before it: the report without its units
    by_page = by_page[: units[0]]
    annex = [n for n, page in enumerate(by_page) if "PHỤ LỤC 1" in page or "\n13 †" in page]
    assert annex and annex[-1] - annex[0] + 1 <= 2, annex  # the targets table within two pages


def test_the_offices_narrative_goes_under_its_headings(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = demo(run, tmp_path)
    narrative = tmp_path / "tong-ket.md"
    narrative.write_text(
        "# Kết quả đạt được\n\nĐảng bộ Khối hoàn thành phần lớn các chỉ tiêu.\n\n"
        "- Kết nạp đảng viên đạt khá.\n\n"
        "## Bài học kinh nghiệm\n\nPhát huy vai trò người đứng đầu.\n",
        encoding="utf-8",
    )
    texts = paragraphs(word_report(run, config, "--narrative", str(narrative)))
    # the report's own numbered part first, so that the office numbers its parts after it
    assert following(texts, HEADINGS[0]) == "1. Kết quả thực hiện các chỉ tiêu"
    office = texts.index("Đảng bộ Khối hoàn thành phần lớn các chỉ tiêu.")
    assert texts.index(HEADINGS[0]) + 2 < office < texts.index(HEADINGS[1])
    assert texts[office + 1] == "- Kết nạp đảng viên đạt khá."
    assert following(texts, HEADINGS[2]) == "Phát huy vai trò người đứng đầu."
    assert following(texts, HEADINGS[3]) == PLACEHOLDER
    assert texts[texts.index(HEADINGS[2]) - 1] == PLACEHOLDER  # section II: the office's line, last
    assert texts.count(PLACEHOLDER) == 2


def test_report_template_writes_a_word_file_once(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "mau.docx"
    result = run("report-template", "--out", str(out))
    assert result.code == 0, result.err
    template = paragraphs(out)
    assert "{{ labels.party|upper }}" in template and "{{ document.place_date }}" in template
    assert "{%tr for row in rows %}" in template  # the placeholders are literal, for the office to keep
    before = out.read_bytes()
    again = run("report-template", "--out", str(out))
    assert again.code == 2 and len(again.err.strip().splitlines()) == 1 and "Traceback" not in again.err
    assert out.read_bytes() == before


def test_the_offices_edited_template_is_used(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = demo(run, tmp_path)
    template = config.parent / "mau.docx"
    assert run("report-template", "--out", str(template)).code == 0
    edited = Document(str(template))
    heading = next(p for p in edited.paragraphs if p.text == "{{ labels.doc_type|upper }}")
    heading.runs[0].text = "BÁO CÁO CỦA VĂN PHÒNG"
    edited.add_paragraph("Mẫu của Văn phòng")
    edited.save(str(template))
    set_template(config, "mau.docx")
    texts = paragraphs(word_report(run, config))
    assert "BÁO CÁO CỦA VĂN PHÒNG" in texts and texts[-1] == "Mẫu của Văn phòng"
    assert "BÁO CÁO" not in texts


@pytest.mark.parametrize(
    ("placeholder", "named"),
    [("{{ chu_ky }}", "{{ chu_ky }}"), ("{{ document.nope }}", "{{ document.nope }}")],
)
def test_a_placeholder_the_report_does_not_know_is_refused_by_name(
    run, tmp_path: Path, placeholder: str, named: str
) -> None:  # type: ignore[no-untyped-def]
    config = demo(run, tmp_path)
    template = config.parent / "mau-bao-cao.docx"
    assert run("report-template", "--out", str(template)).code == 0
    edited = Document(str(template))
    edited.add_paragraph(f"Người ký: {placeholder}")
    edited.save(str(template))
    set_template(config, "mau-bao-cao.docx")
    runs = stored_runs(config)
    out = config.parent / "bao-cao"
    result = run(
        "--config", str(config), "report", "--format", "docx,html", "--year", "2025", "--out", str(out)
    )
    assert result.code == 2 and "Traceback" not in result.err
    (line,) = result.err.strip().splitlines()
    assert "mau-bao-cao.docx: " in line and named in line, line
    assert not list(out.glob("*")) if out.exists() else True  # no report file
    assert stored_runs(config) == runs  # and no run stored


def test_a_template_that_is_not_a_word_file_is_refused_in_one_line(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = demo(run, tmp_path)
    (config.parent / "mau.docx").write_text("không phải tệp Word", encoding="utf-8")
    set_template(config, "mau.docx")
    result = run("--config", str(config), "report", "--format", "docx", "--year", "2025")
    assert result.code == 2 and "Traceback" not in result.err
    (line,) = result.err.strip().splitlines()
    assert "mau.docx" in line and "Word" in line, line


def test_the_english_report(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    texts = paragraphs(word_report(run, demo(run, tmp_path), "--lang", "en"))
    assert_in_order(
        texts, ["COMMUNIST PARTY OF VIETNAM", "REPORT", "I. RESULTS ACHIEVED", "III. LESSONS LEARNED"]
    )
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in texts


def test_markup_in_a_title_is_shown_as_text(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    title = "Nghị quyết Đại hội đại biểu Đảng bộ Khối cơ quan và Doanh nghiệp tỉnh lần thứ IX, nhiệm kỳ 2020"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(text.replace(title, title + ' <script>&"x"', 1), encoding="utf-8")
    assert run("--config", str(config_file), "init").code == 0
    texts = paragraphs(word_report(run, config_file))
    assert any(title + ' <script>&"x"' in text for text in texts), texts[:12]
