"""The units in the reports (issue 8): under a flagged target the units that hold it back, by
name; the completeness line of the as-of year; the annex of units × targets (every expected
unit, a failing figure marked, a missing one said); each unit's score in the mid-term and
end-of-term reports. What a reader sees, in every format."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from tests.helpers.printed import assert_in_order

pytestmark = pytest.mark.usefixtures("vietnamese")

COMPLETENESS = "2/3 đơn vị đã báo cáo số liệu năm 2022; chưa báo cáo: Chi bộ Công ty X."
BEHIND = "Đơn vị chưa đạt: Đảng bộ Sở Y tế (80%)."


@pytest.fixture
def with_figures(units):  # type: ignore[no-untyped-def]
    """T03 (> 85%) of 2022 from the units only: SYT 8/10 (below), SGD 9/10, CBX has not
    reported; the roll-up, 17/20 = 85%, misses the target."""
    for args in (("T03", "2022", "8/10", "--unit", "SYT"), ("T03", "2022", "9/10", "--unit", "SGD")):
        result = units("record", *args)
        assert result.code == 0, result.err
    return units


def report(units, tmp_path: Path, *args: str) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    result = units("report", "--year", "2022", "--out", str(out), *args)
    assert result.code == 0, result.err
    return {Path(line).suffix[1:]: Path(line) for line in result.out.splitlines()}


def test_text_reports_name_lagging_and_missing_units_and_annex_every_unit(
    with_figures, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    paths = report(with_figures, tmp_path, "--format", "html,md,txt")
    for fmt in ("md", "txt", "html"):
        text = paths[fmt].read_text(encoding="utf-8")
        assert COMPLETENESS in text, fmt
        assert BEHIND in text, fmt
        annex = text.upper().split("PHỤ LỤC 2")[1]
        for name in ("Đảng bộ Sở Y tế", "Đảng bộ Sở Giáo dục", "Chi bộ Công ty X"):
            assert name.upper() in annex, (fmt, name)
        assert "80%" in annex and "(8/10)" in annex and "(!)" in annex and "CHƯA GỬI" in annex, fmt
    md = paths["md"].read_text(encoding="utf-8")
    flagged = md.split("## Chỉ tiêu cần chú ý")[1].split("## ")[0]
    t01 = flagged.split("**T03**")[1].split("\n- ")[0]
    assert BEHIND in t01  # under its own target
    # the unit that sent nothing first, under its own heading; then the one below the threshold
    assert_in_order(
        md,
        [
            "| | _Đơn vị chưa gửi đủ số liệu (1)_ | |",
            "| 1 | Chi bộ Công ty X | **_chưa gửi_** |",
            "| | _Đơn vị có chỉ tiêu chưa đạt (1)_ | |",
            "| 2 | Đảng bộ Sở Y tế | **80% (8/10) (!)** |",
            "| | _Các đơn vị khác (1)_ | |",
            "| 3 | Đảng bộ Sở Giáo dục | 90% (9/10) |",
        ],
    )
    assert "đạt 0/1 chỉ tiêu" not in md  # a yearly report gives no scores


def test_the_annex_shows_each_units_counts_and_the_roll_up_in_every_format(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """T03 (a share) with its counts, T07 (a count) without; the last row adds them up."""
    for args in (
        ("T03", "2022", "38/42", "--unit", "SYT"),
        ("T03", "2022", "8/10", "--unit", "SGD"),
        ("T07", "2022", "12", "--unit", "SYT"),
        ("T07", "2022", "5", "--unit", "CBX"),
    ):
        assert units("record", *args).code == 0
    paths = report(units, tmp_path, "--format", "html,md,txt,docx")
    md = paths["md"].read_text(encoding="utf-8")
    assert "| TT | Đơn vị | Chỉ tiêu 3 | Chỉ tiêu 7 |" in md
    assert "| 3 | Đảng bộ Sở Y tế | 90,48% (38/42) | 12 |" in md
    assert "| 1 | Đảng bộ Sở Giáo dục | **80% (8/10) (!)** | **_chưa gửi_** |" in md
    assert (
        "| | **Tổng cộng** | **88,46% (46/52; tổng hợp từ 2/3 đơn vị)** | **17 (tổng hợp từ 2/3 đơn vị)** |"
        in md
    )
    txt = paths["txt"].read_text(encoding="utf-8")
    assert "3. Đảng bộ Sở Y tế: Chỉ tiêu 3: 90,48% (38/42); Chỉ tiêu 7: 12" in txt
    assert "2. Chi bộ Công ty X: Chỉ tiêu 3: chưa gửi; Chỉ tiêu 7: 5" in txt
    partial = "tổng hợp từ 2/3 đơn vị"  # CBX's T03 and SGD's T07 are owed: the totals are partial
    assert f"= Tổng cộng: Chỉ tiêu 3: 88,46% (46/52; {partial}); Chỉ tiêu 7: 17 ({partial})" in txt
    html = paths["html"].read_text(encoding="utf-8")
    footer = html.split('<tr class="units-total">')[1].split("</tr>")[0]
    assert "Tổng cộng" in footer and f'88,46%<br><span class="counts">(46/52; {partial})</span>' in footer
    assert '90,48%<br><span class="counts">(38/42)</span>' in html
    assert f'17<br><span class="counts">({partial})</span></td>' in footer
    table = Document(str(paths["docx"])).tables[-1]
    rows = [[c.text.strip() for c in row.cells] for row in table.rows]
    assert ["3", "Đảng bộ Sở Y tế", "90,48% (38/42)", "12"] in rows
    assert rows[-1] == ["", "Tổng cộng", f"88,46% (46/52; {partial})", f"17 ({partial})"]


def test_midterm_report_scores_each_unit(with_figures, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = report(with_figures, tmp_path, "--format", "md", "--kind", "midterm")["md"].read_text(
        encoding="utf-8"
    )
    assert "| TT | Đơn vị | Chỉ tiêu 3 | Số chỉ tiêu đạt trong nhiệm kỳ |" in text
    assert "| 2 | Đảng bộ Sở Y tế | **80% (8/10) (!)** | 0/1" in text
    assert "| 3 | Đảng bộ Sở Giáo dục | 90% (9/10) | 1/1" in text
    assert "| 1 | Chi bộ Công ty X | **_chưa gửi_** | 0/1" in text  # a missing figure is not met


def test_midterm_scores_a_count_target_only_where_a_quota_was_given(with_figures, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """T07 of 2022: SYT 12 against a quota of 10 (met), SGD 3 against 5 (not met), CBX 7
    without a quota (not judged)."""
    units = with_figures
    for args in (("T07", "2022", "SYT", "10"), ("T07", "2022", "SGD", "5")):
        assert units("quota", *args).code == 0
    for args in (("T07", "2022", "12", "--unit", "SYT"), ("T07", "2022", "3", "--unit", "SGD"),
                 ("T07", "2022", "7", "--unit", "CBX")):  # fmt: skip
        assert units("record", *args).code == 0
    text = report(units, tmp_path, "--format", "md", "--kind", "midterm")["md"].read_text(encoding="utf-8")
    assert "| 2 | Đảng bộ Sở Y tế | **80% (8/10) (!)** | 12 / chỉ tiêu giao 10 | 1/2" in text
    assert "| 3 | Đảng bộ Sở Giáo dục | 90% (9/10) | **3 / chỉ tiêu giao 5 (!)** | 1/2" in text
    assert "| 1 | Chi bộ Công ty X | **_chưa gửi_** | 7 | 0/1" in text


def test_word_report_has_the_units_annex(with_figures, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = Document(str(report(with_figures, tmp_path, "--format", "docx")["docx"]))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert COMPLETENESS in paragraphs and BEHIND in paragraphs
    assert "\nPHỤ LỤC 2\n" in paragraphs and "PHỤ LỤC 2:" not in paragraphs
    assert "(Kèm theo Báo cáo số" in paragraphs and "của Ban Thường vụ Đảng ủy Khối" in paragraphs
    table = document.tables[-1]
    rows = [[c.text.strip() for c in row.cells] for row in table.rows]
    assert rows[0][:3] == ["TT", "Đơn vị", "Chỉ tiêu 3"]
    assert rows[1:] == [
        ["", "Đơn vị chưa gửi đủ số liệu (1)", ""],
        ["1", "Chi bộ Công ty X", "chưa gửi"],
        ["", "Đơn vị có chỉ tiêu chưa đạt (1)", ""],
        ["2", "Đảng bộ Sở Y tế", "80% (8/10) (!)"],
        ["", "Các đơn vị khác (1)", ""],
        ["3", "Đảng bộ Sở Giáo dục", "90% (9/10)"],
        ["", "Tổng cộng", "85% (17/20; tổng hợp từ 2/3 đơn vị)"],
    ]


def test_reports_without_units_say_nothing_of_units(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert units("record", "T01", "2022", "38/42").code == 0
    paths = report(units, tmp_path, "--format", "html,md,txt,docx")
    for fmt in ("md", "txt", "html"):
        text = paths[fmt].read_text(encoding="utf-8")
        assert "đơn vị đã báo cáo" not in text and "Phụ lục 2" not in text and 'id="units-annex"' not in text
    document = Document(str(paths["docx"]))
    assert len(document.tables) == 3 and "Phụ lục 2" not in "\n".join(p.text for p in document.paragraphs)


def test_the_reminder_names_the_units_that_have_not_reported(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Last year's (2025) T03 from SYT only: SGD has not reported; CBX no longer exists."""
    from tests.cli.test_delivery import configure, reminder
    from tests.helpers.smtp_server import smtp_server

    for number in range(1, 12):  # the committee's figures are all in (T08 takes T07's)
        if number != 8:
            assert units("record", f"T{number:02d}", "2025", "95").code == 0
    assert units("record", "T03", "2025", "8/10", "--unit", "SYT").code == 0
    with smtp_server() as inbox:
        configure(tmp_path / "config.yaml", inbox.port, reminder("01-01"))
        result = units("schedule", "run-now", "nhac")
        assert result.code == 0, result.err
        (mail,) = inbox.wait_for(1)
    assert "Các đơn vị sau chưa báo cáo đủ số liệu năm 2025: SGD" in result.out
    assert mail.subject == "[DHIX-DUK-DB] Nhắc nhập số liệu năm 2025"
    lines = mail.body.splitlines()
    assert lines[:2] == ["Các đơn vị sau chưa báo cáo đủ số liệu năm 2025:", "- SGD Đảng bộ Sở Giáo dục"]
    assert "SYT" not in mail.body and "CBX" not in mail.body


def test_a_target_flagged_for_a_missing_year_still_names_its_lagging_units(units, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """T03 of 2022 from the units, 27/30 = 90% (on track), but 2021 has no figure: the target is
    flagged for the missing year, outside the attention list's explanations, and CBX (80%) lags."""
    for unit, counts in (("SYT", "10/10"), ("SGD", "9/10"), ("CBX", "8/10")):
        assert units("record", "T03", "2022", counts, "--unit", unit).code == 0
    paths = report(units, tmp_path, "--format", "html,md,txt,docx")
    for fmt in ("md", "txt", "html"):
        text = paths[fmt].read_text(encoding="utf-8")
        assert "Đơn vị chưa đạt: Chi bộ Công ty X (80%)." in text, fmt
        assert "3/3 đơn vị đã báo cáo số liệu năm 2022." in text, fmt
    paragraphs = "\n".join(p.text for p in Document(str(paths["docx"])).paragraphs)
    assert "CBCCVC, NLĐ hoàn thành tốt nhiệm vụ: Đơn vị chưa đạt: Chi bộ Công ty X (80%)." in paragraphs


def committee_name(number: int) -> str:
    return f"Đảng bộ cơ sở số {number:03d}"


@pytest.fixture
def committee(run, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A committee of 130 units (issue 24, item 7): in 2021 eight of them sent T03 (> 85%), each
    7/10, below it; in 2022 none has sent anything yet."""
    from tests.helpers.unit_round import committee_config

    config = committee_config(tmp_path)

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        result = run("--config", str(config), *args)
        assert result.code == 0, (args, result.err)
        return result

    invoke("init")
    for number in range(1, 9):
        invoke("record", "T03", "2021", "7/10", "--unit", f"CS{number:03d}")
    return invoke


def committee_reports(  # type: ignore[no-untyped-def]
    committee, tmp_path: Path, year: int, lang: str = "vi", formats: str = "html,md,txt,docx"
) -> dict[str, Path]:
    out = tmp_path / f"out-{year}-{lang}"
    args = ("report", "--year", str(year), "--lang", lang, "--format", formats, "--out", str(out))
    return {Path(line).suffix[1:]: Path(line) for line in committee(*args).out.splitlines()}


def shown_in(path: Path) -> str:
    """What a reader reads: the text files as written, the Word file's paragraphs."""
    if path.suffix == ".docx":
        return "\n".join(p.text for p in Document(str(path)).paragraphs)
    return path.read_text(encoding="utf-8")


ANNEX_HEAD = {
    "md": "## PHỤ LỤC 2",
    "txt": "== PHỤ LỤC 2 ==",
    "html": 'id="units-annex"',
    "docx": "\nPHỤ LỤC 2\n",
}


def test_long_lists_of_units_name_five_and_count_the_others_and_the_annex_names_all(  # type: ignore[no-untyped-def]
    committee, tmp_path: Path
) -> None:
    """Under the summary, the units not reported; under T03, the 8 units below it: each sentence
    names five, counts the others and points to Phụ lục 2, which names every unit, in every
    format."""
    behind = ", ".join(f"{committee_name(n)} (70%)" for n in range(1, 6))
    behind_line = f"Đơn vị chưa đạt: {behind} và 3 đơn vị khác (chi tiết tại Phụ lục 2)."
    unsent = ", ".join(committee_name(n) for n in range(9, 14))
    named = ", ".join(committee_name(n) for n in range(1, 6))
    expected = {
        2021: f"8/130 đơn vị đã báo cáo số liệu năm 2021; chưa báo cáo: {unsent} và 117 đơn vị khác",
        2022: f"0/130 đơn vị đã báo cáo số liệu năm 2022; chưa báo cáo: {named} và 125 đơn vị khác",
    }
    unnamed = {2021: (6, 7, 8, 14, 130), 2022: (6, 130)}  # in the body: counted, not named
    for year, completeness in expected.items():
        paths = committee_reports(committee, tmp_path, year)
        for fmt, path in paths.items():
            body, annex = shown_in(path).split(ANNEX_HEAD[fmt])
            assert f"{completeness} (chi tiết tại Phụ lục 2)." in body, (year, fmt)
            assert (behind_line in body) is (year == 2021), (year, fmt)
            assert not [n for n in unnamed[year] if committee_name(n) in body], (year, fmt)
            assert all(committee_name(n) in annex for n in range(1, 131)), (year, fmt)
        rows = {row.cells[1].text for row in Document(str(paths["docx"])).tables[-1].rows}
        assert {committee_name(n) for n in range(1, 131)} <= rows  # the Word annex's table too


def test_long_lists_of_units_in_english(committee, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = committee_reports(committee, tmp_path, 2022, "en")["md"].read_text(encoding="utf-8")
    named = ", ".join(committee_name(n) for n in range(1, 6))
    assert f"not reported: {named} and 125 other units (listed in Annex 2)." in text
