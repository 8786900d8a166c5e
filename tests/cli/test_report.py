"""`tracker report`: the files, what they say, changes between reports, safety, and stored runs."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tracker.evaluate import Status, status_word

pytestmark = pytest.mark.usefixtures("vietnamese")  # what the office sees: the config's language

STEM = "DHIX-DUK-DB"
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")  # the default config's time zone
T01_TITLE = "Hàng năm có ít nhất 90% cơ quan, đơn vị trong Khối hoàn thành tốt nhiệm vụ"
# a yearly report counts its year: T01 (38/42, an estimate), T07 and T08 (160) reached 2021's
# plan, T02 and T11 did not, six targets have no figure for 2021
SUMMARY_VI = (
    "Năm 2021 có 3/5 chỉ tiêu đạt và vượt; 2 chỉ tiêu không đạt; 6 chỉ tiêu chưa có số liệu năm 2021; "
    "1 chỉ tiêu đánh giá theo số liệu dự ước"
)
SUMMARY_EN = (
    "In 2021, 3/5 targets were met or exceeded; 2 not met; 6 without a figure for 2021; 1 judged on estimates"
)
STAMP_LABELS = (
    "Thời điểm lập báo cáo",
    "Lập ngày",
    "Generated at",
    "Issued",
    "Điện Biên, ngày",
    "Kèm theo",
    "dcterms.created",  # the HTML head's moment made (the PDF's creation date)
)
TITLE_VI = (
    "Nghị quyết Đại hội đại biểu Đảng bộ Khối cơ quan và Doanh nghiệp tỉnh lần thứ IX, nhiệm kỳ 2020 - 2025"
)
CODES = [f"T{i:02d}" for i in range(1, 12)]


def report(tracker, *args: str) -> list[Path]:  # type: ignore[no-untyped-def]
    """Run `tracker report`, check it printed only existing files, return them."""
    result = tracker("report", *args)
    assert result.code == 0, result.err
    paths = [Path(line) for line in result.out.splitlines()]
    assert paths and all(p.is_file() for p in paths), result.out
    return paths


def texts(paths: list[Path]) -> dict[str, str]:
    return {p.suffix[1:]: p.read_text(encoding="utf-8") for p in paths}


def seed(tracker) -> None:  # type: ignore[no-untyped-def]
    """As of 2021: T01, T07 and T08 (on T07's figures) on track, T02 and T11 missed, six targets
    without figures."""
    for args in (
        ("T01", "2021", "38/42", "--provisional", "--source", "25-BC/ĐUK"),
        ("T02", "2021", "18,5", "--source", "30-BC/ĐUK"),
        ("T07", "2021", "160"),
        ("T11", "2021", "85,2"),
    ):
        assert tracker("record", *args).code == 0


def section(text: str, head: str) -> str:
    """One `== head ==` section of the plain-text report."""
    start = text.index(f"== {head} ==")
    end = text.find("\n== ", start + 1)
    return text[start : None if end == -1 else end]


def table_line(txt: str, code: str) -> str:
    return next(line for line in section(txt, "Bảng chỉ tiêu").splitlines() if line.startswith(code))


def runs(tmp_path: Path) -> list[sqlite3.Row]:
    with sqlite3.connect(tmp_path / "tracker.db") as db:
        db.row_factory = sqlite3.Row
        return db.execute("SELECT * FROM report_run ORDER BY id").fetchall()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if STEM in p.name or p.suffix == ".tmp")


def test_writes_three_files_named_after_the_run_and_prints_them(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(tracker)
    paths = report(tracker)
    assert [p.name for p in paths] == [f"{STEM}-2021-vi-r1.{ext}" for ext in ("html", "md", "txt")]
    assert {p.parent for p in paths} == {tmp_path / "reports"}
    assert [p.name for p in report(tracker, "--year", "2022", "--format", "txt")] == [
        f"{STEM}-2022-vi-r2.txt"
    ]
    out = tmp_path / "elsewhere" / "deep"
    wanted = [out / f"{STEM}-2021-vi-r3.md", out / f"{STEM}-2021-vi-r3.html"]
    assert report(tracker, "--out", str(out), "--format", "md,html") == wanted
    assert sorted(out.iterdir()) == sorted(wanted)
    again = report(tracker, "--format", "txt")  # a new run never replaces an earlier run's file
    assert again == [tmp_path / "reports" / f"{STEM}-2021-vi-r4.txt"] and paths[2].is_file()


def test_reports_of_another_database_in_the_same_folder_are_never_removed_nor_replaced(  # type: ignore[no-untyped-def]
    tracker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(tracker)
    filed = report(tracker)  # run 1 of tracker.db
    before = {path: path.read_bytes() for path in filed}
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")  # a database made anew
    assert tracker("init").code == 0
    tracker("record", "T07", "2021", "100")
    clash = tracker("report")  # its run 1 would take the same names
    assert clash.code == 2 and clash.out == ""
    taken = "tên này đã có và không bị thay thế; hãy chuyển tệp đó đi hoặc ghi vào chỗ khác bằng --out"
    assert clash.err == f"tracker: lỗi: không ghi được {filed[0]}: {taken}\n"
    assert {path: path.read_bytes() for path in filed} == before  # neither removed nor replaced
    assert sorted((tmp_path / "reports").iterdir()) == sorted(filed)  # and nothing else left
    elsewhere = tracker("report", "--out", str(tmp_path / "other-reports"))
    assert elsewhere.code == 0, elsewhere.err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--format", "rtf"), "không có định dạng báo cáo 'rtf'; chỉ nhận: html, md, txt, docx, pdf"),
        (("--format", "html,odt"), "không có định dạng báo cáo 'odt'; chỉ nhận: html, md, txt, docx, pdf"),
        (("--kind", "quarterly"), "không có loại báo cáo 'quarterly'; chỉ nhận: nam, so-ket hoặc tong-ket"),
        (("--overview", "--format", "docx"), "không có định dạng báo cáo 'docx'; chỉ nhận: html, md, txt"),
        (("--overview", "--kind", "final"), "--kind không dùng cùng --overview"),
        (("--lang", "fr"), "không có ngôn ngữ 'fr'; chỉ nhận: vi, en"),
        (("--year", "2030"), "năm 2030 nằm ngoài các năm báo cáo 2021-2025"),
        (("--as-recorded", "yesterday"), "--as-recorded 'yesterday' không phải là một thời điểm"),
        (
            ("--date", "27/11/2026"),
            "--date '27/11/2026' không phải là một ngày; hãy ghi ngày ban hành theo dạng",
        ),
        (
            ("--date", "2026-02-30"),
            "--date '2026-02-30' không phải là một ngày; hãy ghi ngày ban hành theo dạng",
        ),
        (("--date", "0999-01-01"), "--date '0999-01-01' không phải là một ngày từ năm 1900 đến 2200"),
        (("--overview", "--date", "2026-11-27"), "--date không dùng cùng --overview"),
    ],
)
def test_bad_options_are_one_line_exit_2_and_no_file(tracker, tmp_path: Path, args, says) -> None:  # type: ignore[no-untyped-def]
    seed(tracker)
    result = tracker("report", *args)
    assert result.code == 2 and says in result.err
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert result.out == "" and leftovers(tmp_path) == [] and runs(tmp_path) == []


def test_header_summary_and_flagged_targets_before_the_table(tracker) -> None:  # type: ignore[no-untyped-def]
    seed(tracker)
    today = datetime.now(ZONE).date()
    found = texts(report(tracker))
    for fmt, text in found.items():
        assert SUMMARY_VI in text, fmt
        assert "Đảng ủy Khối cơ quan và Doanh nghiệp tỉnh".upper() in text.upper(), fmt
        assert "Kết quả thực hiện các chỉ tiêu Nghị quyết, tính đến năm 2021" in text, fmt
        assert "Nghị quyết Đại hội đại biểu Đảng bộ Khối cơ quan và Doanh nghiệp tỉnh lần thứ IX" in text
        assert re.search(r"Số liệu cập nhật đến: \d\d:\d\d \d\d/\d\d/\d{4}", text), fmt
    month = f"{today.month:02d}" if today.month <= 2 else str(today.month)
    dated = f"Điện Biên, ngày {today.day:02d} tháng {month} năm {today.year}"  # the place and date line
    assert f"\nĐẢNG CỘNG SẢN VIỆT NAM\n{dated}\n" in found["txt"] and dated in found["md"]
    assert f'<p class="place-date">{dated}</p>' in found["html"]
    for fmt, text in found.items():  # the kind of report: as of 2021, a yearly one, on one line
        assert f"Kết quả thực hiện {TITLE_VI}, năm 2021" in text, fmt
    assert "\nSố\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0-BC/ĐUK\n" in found["txt"]  # a blank for the number
    assert "Nhiệm kỳ 2020 - 2025" in found["txt"] and "nhiệm kỳ 2020 - 2025" in found["html"]
    assert f'<p class="summary" id="summary">{SUMMARY_VI}</p>' in found["html"]
    flagged = section(found["txt"], "Chỉ tiêu cần chú ý")
    assert [line.split()[1] for line in flagged.splitlines() if line.startswith("! ")] == [
        "T02",
        "T03",
        "T04",
        "T05",
        "T06",
        "T09",
        "T10",
        "T11",
    ]  # fmt: skip; T08 is on track on T07's figures
    assert "Không đạt: Năm 2021 đạt 18,5%, chỉ tiêu từ 20% trở lên" in flagged
    assert "Chưa có số liệu: Thiếu số liệu năm 2021" in flagged
    assert "! T11 † Hàng năm có từ 90% tổ chức cơ sở đảng" in flagged  # the inferred target's mark
    for fmt, head, table in (
        ("txt", "== Chỉ tiêu cần chú ý", "== Bảng chỉ tiêu"),
        ("md", "## Chỉ tiêu cần chú ý", "## Bảng chỉ tiêu"),
        ("html", '<ul class="flagged">', '<table id="targets">'),
    ):
        text = found[fmt]
        # the working copies list the term's flagged targets; the document the year's (T02: 2021)
        why = (
            "Năm 2021 đạt 18,5% (kế hoạch: từ 20% trở lên)"
            if fmt == "html"
            else "Năm 2021 đạt 18,5%, chỉ tiêu từ"
        )
        assert text.index(head) < text.index(why) < text.index(table), fmt


def test_table_marks_provisional_counts_percent_and_missing_years(tracker) -> None:  # type: ignore[no-untyped-def]
    seed(tracker)
    found = texts(report(tracker, "--year", "2022", "--kind", "midterm"))  # the term's percentages
    html, md, txt = found["html"], found["md"], found["txt"]
    assert '90,48%*<span class="prov">dự ước</span><span class="counts">38/42</span>' in html
    assert "90,48%\\* (38/42)" in md and "90,48%* (38/42)" in table_line(txt, "T01")
    for text in found.values():
        assert "Số liệu có dấu * là số dự ước" in text.replace("\\*", "*")
    for text in (html, md):
        assert "đạt 18,5% (năm 2021), chưa đạt chỉ tiêu" in text  # a share: its value against the target
        assert "đạt 90,48% (38/42) (năm 2021), vượt chỉ tiêu" in text and "đạt 21,3% kế hoạch" in text
    assert table_line(txt, "T03").count("thiếu") == 2 and table_line(txt, "T01").count("thiếu") == 1
    missing = section(txt, "Số liệu còn thiếu")
    assert "- Chỉ tiêu 1: thiếu năm 2022" in missing and "- Chỉ tiêu 3: thiếu năm 2021, 2022" in missing
    assert "<li><strong>Chỉ tiêu 3</strong>: thiếu năm 2021, 2022</li>" in html
    assert "- **Chỉ tiêu 7**: thiếu năm 2022" in md
    full = texts(report(tracker, "--year", "2021", "--format", "txt"))["txt"]
    assert "- Chỉ tiêu 1:" not in section(full, "Số liệu còn thiếu")


def test_footnotes_inferred_target_and_sources(tracker) -> None:  # type: ignore[no-untyped-def]
    seed(tracker)
    found = texts(report(tracker))
    assert "T11 †" in table_line(found["txt"], "T11") and '<span class="code">T11 †</span>' in found["html"]
    for fmt, text in found.items():
        notes = text[text.index("Ghi chú") :]
        plain = re.sub(r"<[^>]+>|\*\*", "", notes)
        assert "Chỉ tiêu 11: Chỉ tiêu suy luận, cần xác nhận theo văn bản Nghị quyết" in plain, fmt
        assert "T01: 25-BC/ĐUK" in notes and "T02: 30-BC/ĐUK" in notes, fmt
    later = texts(report(tracker, "--year", "2023", "--format", "txt"))["txt"]
    assert "T01: 25-BC/ĐUK" in later  # figures of earlier years still count


def test_english_report(tracker) -> None:  # type: ignore[no-untyped-def]
    seed(tracker)
    paths = report(tracker, "--lang", "en")
    assert [p.name for p in paths] == [f"{STEM}-2021-en-r1.{ext}" for ext in ("html", "md", "txt")]
    found = texts(paths)
    for fmt, text in found.items():
        assert SUMMARY_EN in text and "This is the first report of this resolution." in text, fmt
        assert "Inferred target, to be confirmed" in text and "Sources of the figures" in text, fmt
        why = "In 2021: 18.5% (plan: at least 20%)" if fmt == "html" else "2021: 18.5%, target at"
        assert why in text, fmt
        assert "on the targets of the resolution, as of 2021" in text, fmt
        assert "Chỉ tiêu cần chú ý" not in text and "Không đạt" not in text, fmt
    assert '<html lang="en">' in found["html"] and "18.5%, short of the target" in found["html"]
    assert '<span class="prov">provisional</span>' in found["html"]


def test_html_is_self_contained_printable_and_charts_every_target(tracker) -> None:  # type: ignore[no-untyped-def]
    seed(tracker)
    html = texts(report(tracker, "--format", "html"))["html"]
    assert re.findall(r"<(?:script|link|img|iframe|object|embed)\b", html, re.I) == []
    assert re.findall(r"\b(?:src|href)\s*=", html, re.I) == [] and "@import" not in html
    assert "url(" not in html and "@font-face" not in html
    assert set(re.findall(r"(?:https?:)?//[\w.-]+\.\w+[^\s\"'<>]*", html)) <= {"http://www.w3.org/2000/svg"}
    assert "@media print" in html and "@page" in html
    assert html.count("<svg") == 11
    for code in CODES:
        assert f'aria-label="{code}{" †" if code == "T11" else ""}: ' in html  # the chart's caption
    rows = re.findall(r'<tr class="target" data-code="(T\d\d)">(.*?)</tr>', html, re.S)
    assert [code for code, _ in rows] == CODES
    words = [status_word(status, "vi", estimate) for status in Status for estimate in (False, True)]
    for code, row in rows:  # the status is a word, not only a colour
        assert any(f">{word}</span>" in row for word in words), code


def test_script_in_title_source_note_and_reason_is_shown_as_text(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    attack = "<script>alert(1)</script>"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(text.replace(f"    title: {T01_TITLE}", f'    title: "{attack}"', 1), "utf-8")
    assert tracker("init").code == 0
    tracker("record", "T01", "2021", "38/42", "--source", attack, "--note", attack)
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    first = texts(report(tracker, "--format", "html"))["html"]
    assert "<script" not in first.lower() and f"T01: {escaped}" in first  # the source document
    tracker("record", "T01", "2021", "30/42", "--amend", "--reason", attack)
    found = texts(report(tracker))
    html = found["html"]
    assert "<script" not in html.lower()
    assert f"<td>{escaped}</td>" in html  # the title in the table
    assert f"lý do: {escaped}" in html  # the reason of the correction
    assert "<script>" not in found["md"] and "\\<script\\>alert(1)\\</script\\>" in found["md"]
    assert attack in found["txt"]  # plain text is shown as typed


def test_first_report_then_status_change_and_correction_with_reason(tracker) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2021", "160")
    tracker("record", "T07", "2022", "170")
    first = texts(report(tracker))
    for fmt, text in first.items():
        assert "Đây là báo cáo đầu tiên của Nghị quyết này." in text, fmt
    again = texts(report(tracker))
    for text in again.values():
        assert "So với báo cáo kết quả năm trước, tính đến năm 2022, lập lúc" in text
        assert "Không có thay đổi về đánh giá hay số liệu." in text
    tracker("record", "T07", "2022", "135", "--amend", "--reason", "Số liệu chính thức", "--by", "Hà")
    third = texts(report(tracker))
    for fmt, text in third.items():
        changes = text[text.index("Thay đổi so với báo cáo trước") :]
        assert "So với báo cáo kết quả năm trước, tính đến năm 2022" in changes, fmt
        assert "đầu tiên" not in changes, fmt
        assert "T07: Đúng tiến độ → Chậm tiến độ" in changes, fmt
        assert "T07 năm 2022: 170 → 135 (lý do: Số liệu chính thức; Hà, " in changes, fmt
    assert "Không có thay đổi" not in third["txt"]


def test_changes_count_from_a_report_of_the_same_year_and_kind_or_say_which(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A report as of 2023 (the mid-term review of 2021-2025) is not compared with a yearly
    report as of 2022 without saying so; a second mid-term review is compared with the first."""
    tracker("record", "T07", "2022", "170")
    report(tracker, "--format", "txt")  # as of 2022: a yearly report
    tracker("record", "T07", "2023", "110")
    first = section(texts(report(tracker, "--format", "txt"))["txt"], "Thay đổi so với báo cáo trước")
    assert (
        "Chưa có báo cáo sơ kết giữa nhiệm kỳ nào trước đây tính đến năm 2023: so với báo cáo gần nhất "
        "là báo cáo kết quả năm tính đến năm 2022, lập lúc "
    ) in first
    report(tracker, "--format", "txt", "--year", "2022", "--kind", "final")  # another year and kind
    second = section(texts(report(tracker, "--format", "txt"))["txt"], "Thay đổi so với báo cáo trước")
    assert "So với báo cáo sơ kết giữa nhiệm kỳ trước, tính đến năm 2023, lập lúc " in second
    kinds = [(r["as_of"], r["kind"]) for r in runs(tmp_path)]
    assert kinds == [(2022, "yearly"), (2023, "midterm"), (2022, "final"), (2023, "midterm")]


def test_as_recorded_rebuilds_the_past_from_old_revisions(tracker, clock) -> None:  # type: ignore[no-untyped-def]
    clock(datetime(2026, 11, 27, 8, 0, tzinfo=UTC))
    tracker("record", "T07", "2021", "160")
    moment = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    clock(datetime(2026, 11, 27, 10, 0, tzinfo=UTC))
    tracker("record", "T07", "2021", "140", "--amend", "--reason", "Số liệu chính thức")
    tracker("record", "T02", "2021", "25")
    paths = report(tracker, "--as-recorded", moment.isoformat(), "--format", "txt")
    assert paths[0].name == f"{STEM}-2021-vi-as-recorded-{moment:%Y%m%dT%H%M%SZ}-r1.txt"
    past = texts(paths)["txt"]
    assert "160" in table_line(past, "T07") and "140" not in table_line(past, "T07")
    assert "Chưa có số liệu" in table_line(past, "T02")
    assert "Dựng lại theo số liệu đã ghi đến: " in past
    assert "Số liệu được điều chỉnh" not in past
    now = texts(report(tracker, "--format", "txt"))["txt"]
    assert "140" in table_line(now, "T07") and "Không đạt" not in table_line(now, "T02")


def test_same_inputs_give_identical_files_but_the_stamp(tracker, tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    clock(datetime(2026, 11, 27, 8, 0, tzinfo=UTC))
    seed(tracker)
    moment = datetime(2026, 11, 27, 9, 0, tzinfo=UTC).isoformat()
    clock(datetime(2026, 11, 27, 10, 0, tzinfo=UTC))
    tracker("record", "T03", "2021", "90")  # recorded after the moment: left out of both
    first = report(tracker, "--as-recorded", moment, "--out", str(tmp_path / "a"))
    clock(datetime(2031, 12, 3, 4, 5, tzinfo=UTC))
    second = report(tracker, "--as-recorded", moment, "--out", str(tmp_path / "b"))
    assert [p.name.replace("-r1.", "-r2.") for p in first] == [p.name for p in second]  # runs 1 and 2

    def without_stamp(path: Path) -> list[str]:
        lines = path.read_text(encoding="utf-8").splitlines()
        return [line for line in lines if not any(label in line for label in STAMP_LABELS)]

    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() != b.read_bytes(), a.name  # the stamps do differ...
        assert "2031" in b.read_text(encoding="utf-8")
        assert without_stamp(a) == without_stamp(b), a.name  # ...and nothing else does
    assert "Chưa có số liệu" in table_line(texts(second)["txt"], "T03")


@pytest.mark.parametrize("kind", ["under_a_file", "read_only"])
def test_unwritable_folder_is_one_clear_error_and_leaves_nothing(tracker, tmp_path: Path, kind) -> None:  # type: ignore[no-untyped-def]
    seed(tracker)
    if kind == "under_a_file":  # works as root too
        (tmp_path / "afile").write_text("a file, not a folder", encoding="utf-8")
        out, why = tmp_path / "afile" / "sub", "một phần của đường dẫn không phải thư mục"
    elif os.geteuid() == 0:
        pytest.skip("root writes into a read-only folder anyway")
    else:
        out, why = tmp_path / "locked", "không có quyền truy cập"
        out.mkdir(mode=0o500)
    try:
        result = tracker("report", "--out", str(out))
    finally:
        if out.is_dir():
            out.chmod(0o700)
    assert result.code == 2 and result.out == ""
    assert result.err.strip() == f"tracker: lỗi: không ghi được vào {out}: {why}"
    assert leftovers(tmp_path) == [] and runs(tmp_path) == []


def test_failure_mid_run_leaves_no_temporary_file(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(tracker)
    out = tmp_path / "out"
    (out / f"{STEM}-2021-vi-r1.md").mkdir(parents=True)  # the Markdown file cannot take its name
    result = tracker("report", "--out", str(out))
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert f"không ghi được {out / f'{STEM}-2021-vi-r1.md'}" in result.err
    assert [p.name for p in out.iterdir() if p.suffix == ".tmp"] == [] and runs(tmp_path) == []


def test_every_run_is_stored_with_the_status_of_every_target(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(tracker)
    paths = report(tracker)
    report(tracker, "--year", "2022", "--format", "md", "--lang", "en")
    first, second = runs(tmp_path)
    assert (first["as_of"], first["formats"], first["lang"]) == (2021, "html,md,txt", "vi")
    assert json.loads(first["paths"]) == [str(p) for p in paths]
    statuses = json.loads(first["statuses"])
    assert sorted(statuses) == CODES
    assert (statuses["T01"], statuses["T02"], statuses["T03"]) == ("on_track", "missed", "no_data")
    assert first["created_at"] and first["data_cutoff"] and first["as_recorded"] is None
    assert json.loads(first["figures"])["T07"] == {"2021": 160}
    assert (second["as_of"], second["formats"], second["lang"]) == (2022, "md", "en")
    assert len(json.loads(second["statuses"])) == 11


# Regressions: bugs found while these tests were written, each fixed and kept tested.


def test_as_recorded_in_local_time_excludes_later_figures(tracker) -> None:  # type: ignore[no-untyped-def]
    tracker("record", "T07", "2021", "160")
    before = (datetime.now(ZONE) - timedelta(minutes=2)).strftime("%Y-%m-%dT%H:%M")  # as a user types it
    past = texts(report(tracker, "--as-recorded", before, "--format", "txt"))["txt"]
    assert "Chưa có chỉ tiêu nào có số liệu năm 2021" in past


def test_markdown_and_text_carry_the_same_facts_as_html(tracker) -> None:  # type: ignore[no-untyped-def]
    seed(tracker)
    found = texts(report(tracker, "--lang", "en"))
    issued = re.search(r'<p class="place-date">Điện Biên, (\d+ \w+ \d{4})</p>', found["html"])
    assert issued is not None
    for fmt in ("md", "txt"):
        text = found[fmt]
        assert f"Điện Biên, {issued.group(1)}" in text, fmt  # the place and date of issue
        assert "2020 - 2025" in text, fmt  # the term
        assert "18.5%, short of the target" in text and "106.7% of target" in text, fmt


def test_failure_mid_run_leaves_no_file_at_all(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(tracker)
    out = tmp_path / "out"
    (out / f"{STEM}-2021-vi-r1.md").mkdir(parents=True)
    assert tracker("report", "--out", str(out)).code == 2
    assert [p.name for p in out.iterdir()] == [f"{STEM}-2021-vi-r1.md"]


def test_a_rebuild_of_the_past_is_not_the_previous_report(tracker, clock) -> None:  # type: ignore[no-untyped-def]
    clock(datetime(2026, 11, 27, 8, 0, tzinfo=UTC))
    tracker("record", "T07", "2021", "160")
    moment = datetime(2026, 11, 27, 9, 0, tzinfo=UTC).isoformat()
    clock(datetime(2026, 11, 27, 10, 0, tzinfo=UTC))
    tracker("record", "T02", "2021", "18,5")
    report(tracker, "--format", "txt")
    report(tracker, "--as-recorded", moment, "--format", "txt")
    changes = section(texts(report(tracker, "--format", "txt"))["txt"], "Thay đổi so với báo cáo trước")
    assert "Không có thay đổi về đánh giá hay số liệu." in changes and "→" not in changes


def test_report_files_are_readable_by_others_per_umask(tracker) -> None:  # type: ignore[no-untyped-def]
    seed(tracker)
    previous = os.umask(0o022)
    try:
        paths = report(tracker)
    finally:
        os.umask(previous)
    assert {stat.S_IMODE(p.stat().st_mode) for p in paths} == {0o644}


def test_page_margins_come_from_the_config(tracker, config_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(
        text.replace(
            "margins_mm: {top: 20, bottom: 20, left: 30, right: 15}", "margins_mm: {top: 25, left: 35}"
        ),
        encoding="utf-8",
    )
    tracker("record", "T07", "2021", "160")
    assert tracker("report", "--format", "html", "--out", str(tmp_path / "out")).code == 0
    html = (tmp_path / "out" / "DHIX-DUK-DB-2021-vi-r1.html").read_text(encoding="utf-8")
    assert "@page { size: A4; margin: 25mm 15mm 20mm 35mm; }" in html


def test_impossible_margins_are_refused(run, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(text.replace("left: 30,", "left: 300,"), encoding="utf-8")
    result = run("--config", str(config_file), "init")
    assert result.code == 2 and "reports.margins_mm.left: tối đa là 60" in result.err


def test_changes_keep_the_estimate_in_the_verdicts_they_compare(tracker) -> None:  # type: ignore[no-untyped-def]
    """A verdict that rested on an estimate is told as such, and an estimate confirmed is a change."""
    tracker("record", "T02", "2021", "18,5", "--provisional")
    first = texts(report(tracker, "--format", "txt"))["txt"]
    assert "Dự ước không đạt" in table_line(first, "T02")
    tracker("record", "T02", "2021", "18", "--amend", "--reason", "Số liệu chính thức")
    changes = section(texts(report(tracker, "--format", "txt"))["txt"], "Thay đổi so với báo cáo trước")
    assert "T02: Dự ước không đạt → Không đạt" in changes
    tracker("record", "T02", "2021", "21", "--amend", "--reason", "Rà soát lại")
    changes = section(texts(report(tracker, "--format", "txt"))["txt"], "Thay đổi so với báo cáo trước")
    assert "T02: Không đạt → Đúng tiến độ" in changes
