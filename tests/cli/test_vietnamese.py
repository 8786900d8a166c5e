"""Vietnamese everywhere: every documented bad input answers in Vietnamese with `--lang vi` (and
by default), a whole working session prints no English sentence, and with `--lang en` no
Vietnamese one but the names and titles a user wrote."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

# Words that only an English sentence of tracker holds; a Vietnamese one never does.
ENGLISH = re.compile(
    r"\b(the|is|are|not|an|of|and|or|to|be|must|cannot|accepted|unknown|error|file|row|rows|column|"
    r"figure|figures|target|targets|year|value|missing|already|has|with|for|use|write|number|whole|"
    r"share|count|database|invalid|option|argument|command|found|problem|problems|nothing|was|"
    r"imported|saved|recorded|expected|should|input|valid|run|see|than|from|by|revision|schema|"
    r"created|added|changed|removed|report|reports|done|mailed|mail|no|yes|exported|template|folder|"
    r"demo|try|status|rule|source|note|unlikely|missed|met|track|pace|behind|provisional)\b",
    re.IGNORECASE,
)
# Words of tracker's own Vietnamese, which an English sentence never holds.
VIETNAMESE = re.compile(
    r"\b(số liệu|chỉ tiêu|lỗi|đã ghi|Đánh giá|Giải thích|tính đến|dự ước|lần ghi|người ghi)\b"
)
# What a message quotes rather than says: names, codes, paths, options, a column's header as
# the file wrote it ("column C (số liệu)"), and the office's own term beside its English one
# ("an estimate (dự ước)"), and the values a person types, words joined by "-" (to-chuc-dang, so-ket).
LITERAL = re.compile(
    r"\(dự ước\)|\b[A-Z]{1,3} \([^)]*\)|'[^']*'|\"[^\"]*\"|`[^`]*`|«[^»]*»|\S*[/\\]\S*|--?[a-z][\w-]*"
    r"|\b[A-Z0-9_]{2,}\b|\b[a-z]+(?:-[a-z]+)+\b"
)


# tracker's commands are names, the same in every language.
COMMANDS = {"init", "demo", "record", "history", "targets", "status", "report", "enter", "import", "confirm",
            "export", "template", "schedule", "run", "list", "run-now"}  # fmt: skip


def english_left(text: str) -> list[str]:
    """The English words of a text once what it quotes (names, codes, paths, options, commands)
    is set aside."""
    return [word for word in ENGLISH.findall(LITERAL.sub(" ", text)) if word not in COMMANDS]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def bad_inputs(folder: Path) -> list[list[str]]:
    """Every bad input the README and docs/data-entry.md document, as command lines."""
    good = write(folder / "tot.csv", "mã,năm,số liệu\nT07,2021,160\n")
    files = {
        "cu.xls": b"x",
        "bang.ods": b"x",
        "hong.xlsx": b"not a zip file",
        "trong.csv": b"",
        "chi-tieu-de.csv": "mã,năm,số liệu\n".encode(),
        "latin.csv": "code,year,value,note\nT07,2021,5,Ghi chú\n".encode("cp1258"),
        "cot-la.csv": "mã,năm,giá trị lạ\nT07,2021,5\n".encode(),
        "thieu-cot.csv": "mã,số liệu\nT07,5\n".encode(),
        "ngoac.csv": 'mã,năm,số liệu,ghi chú\nT07,2021,160,"Báo cáo\nT07,2022,170,ok\n'.encode(),
        "it-o.csv": "mã,năm,số liệu,ghi chú\nT07,2021\n".encode(),
        "dong-sai.csv": (
            "mã,năm,số liệu,dự ước\nT99,2021,5,\nT07,2019,5,\nT07,2022,150.5,\nT07,2023,160,có lẽ\n"
            "T07,2024,160,\nT07,2024,170,\nT01,2024,101,\n"
        ).encode(),
    }
    write(folder / "xep-loai.csv", "đơn vị,năm,xếp loại\nSYT,2023,giỏi\n")
    for name, content in files.items():
        (folder / name).write_bytes(content)
    for name in ("tracker.db", "config.yaml", "ton-tai.csv"):
        (folder / name).touch()
    write(folder / "ton-tai.csv", "mã,năm\n")
    f = str(folder)
    return [
        ["record", "T07", "2023", "150.5"],
        ["record", "T07", "2023", "1,000"],
        ["record", "T07", "2023", "1e5"],
        ["record", "T07", "2023", "-3"],
        ["record", "T07", "2023", "12345678901234567891"],
        ["record", "T01", "2023", "101"],
        ["record", "T01", "2023", "12.500"],
        ["record", "T01", "2023", "43/42"],
        ["record", "T01", "2023", "5/0"],
        ["record", "T07", "2023", "3/4"],
        ["record", "T07", "2023", "90%"],
        ["record", "T07", "2023", "٩٠"],
        ["record", "T99", "2023", "5"],
        ["record", "T08", "2023", "150"],
        ["quota", "T01", "2023", "SYT", "3"],
        ["quota", "T07", "2023", "SYT", "2,5"],
        ["quota", "T07", "2023"],
        ["record", "T07", "2030", "5"],
        ["record", "T07", "2021", "5", "--amend"],
        ["record", "T07", "2021", "5", "--reason", "sửa"],
        ["record", "T07", "2025", "5", "--amend", "--reason", "sửa"],
        ["record", "T07", "2021", "170", "--note", "a\x1bb"],
        ["record", "T07", "twenty", "5"],
        ["record"],
        ["statuss"],
        ["status", "--year"],
        ["status", "--format", "xml"],
        ["status", "--lang", "fr"],
        ["status", "T42"],
        ["report", "--format", "rtf"],
        ["report", "--kind", "quarterly"],
        ["report", "--narrative", f"{f}/khong-co.md"],
        ["report-template", "--out", f"{f}/config.yaml"],
        ["report", "--as-recorded", "hôm qua"],
        ["report", "--as-recorded", "0001-01-01"],
        ["confirm", "T07", "2022"],
        ["history", "--year", "2030"],
        ["export", "--format", "doc"],
        ["export", "--format", "xlsx"],
        ["export", "--out", f"{f}/tracker.db", "--force"],
        ["export", "--out", f"{f}/ton-tai.csv"],
        ["export", "--out", f],
        ["template", "2023", "--out", f"{f}/mau.xls"],
        ["schedule", "run-now", "khong-co"],
        *(["import", f"{f}/{name}"] for name in files),
        ["import", str(good), "--amend"],
        ["import", str(good), "--reason", "sửa"],
        ["rate", "SYT", "2023", "giỏi"],
        ["rate", "SYT", "2023", "tot", "--of", "xa"],
        ["rate", "SYT", "2023", "tot"],
        ["rate", "SYT", "2030", "tot"],
        ["rate", "SYT", "2023"],
        ["rate", "--from", f"{f}/xep-loai.csv"],
        ["record", "T01", "2023", "5/6", "--unit", "SYT"],
    ]


@pytest.fixture
def initialised(run, ready_config: Path, vietnamese) -> Path:  # type: ignore[no-untyped-def]
    assert run("--config", str(ready_config), "record", "T07", "2021", "160").code == 0
    return ready_config


def test_every_documented_bad_input_answers_in_vietnamese(run, initialised: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "tep"
    folder.mkdir()
    for args in bad_inputs(folder):
        for lang in ([], ["--lang", "vi"]):  # the config's language, and asked for
            result = run("--config", str(initialised), *lang, *args)
            assert result.code in (1, 2), (args, result.err)
            lines = result.err.splitlines()
            assert lines and all(line.startswith("tracker: lỗi: ") for line in lines), (args, result.err)
            assert not english_left(result.err), (args, english_left(result.err), result.err)


def test_the_same_bad_inputs_answer_in_english_when_asked(run, initialised: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "tep"
    folder.mkdir()
    for args in bad_inputs(folder):
        result = run("--config", str(initialised), "--lang", "en", *args)
        assert result.err.startswith("tracker: error: "), (args, result.err)
        assert not VIETNAMESE.search(LITERAL.sub(" ", result.err)), (args, result.err)


def a_working_session(run, config: Path, tmp_path: Path, lang: list[str], monkeypatch) -> str:  # type: ignore[no-untyped-def]
    """init, record (good and bad values), enter, import (good and bad file), export, template,
    confirm, history, status, report, schedule list and demo, as an office runs them; everything
    they print."""
    said = []

    def tracker(*args: str, typed: list[str] | None = None) -> None:
        if typed is not None:  # the answers to enter's prompts, one a line
            monkeypatch.setattr(sys, "stdin", io.StringIO("".join(line + "\n" for line in typed)))
        result = run("--config", str(config), *lang, *args)
        assert result.code in (0, 1, 2), (args, result.err)
        said.append(result.out + result.err)

    tracker("init")
    tracker("record", "T07", "2021", "1.200", "--note", "Báo cáo năm")
    tracker("record", "T07", "2021", "150,5")  # a count is whole
    tracker("record", "T01", "2021", "43/42")
    tracker("record", "T01", "2021", "38/42", "--provisional")
    tracker("record", "T07", "2021", "160", "--amend", "--reason", "Số liệu chính thức")
    tracker("confirm", "T01", "2021")
    tracker(
        "enter",
        "2022",
        typed=["abc", "101", "38/42", *[""] * 5, "-3", "150", *[""] * 4, "y" if lang else "c"],
    )
    book = Workbook()
    book.active.append(["mã", "năm", "số liệu"])
    book.active.append(["T03", 2021, 0.905])
    book.active["C2"].number_format = "0.0%"
    book.save(tmp_path / "so-lieu.xlsx")
    tracker("import", str(tmp_path / "so-lieu.xlsx"), "--dry-run")
    tracker("import", str(tmp_path / "so-lieu.xlsx"))
    bad = write(tmp_path / "sai.csv", "mã,năm,số liệu\nT99,2021,5\nT07,2023,1,5\n")
    tracker("import", str(bad))
    tracker("export", "--out", str(tmp_path / "xuat.csv"))
    said.append((tmp_path / "xuat.csv").read_text(encoding="utf-8-sig").splitlines()[0])  # its header
    tracker("template", "2022", "--out", str(tmp_path / "mau.xlsx"))
    tracker("history")
    tracker("targets")
    tracker("status")
    tracker("status", "T07")
    tracker("report", "--format", "txt")
    reports = sorted((config.parent / "reports").glob("*.txt"))
    assert reports
    said.extend(path.read_text(encoding="utf-8") for path in reports)
    tracker("schedule", "list")
    tracker("--help")
    tracker("record", "--help")
    demo = run(*lang, "demo", "--dir", str(tmp_path / "demo"))
    assert demo.code == 0, demo.err
    said.append(demo.out + demo.err)
    return "\n".join(said)


def test_a_whole_session_in_vietnamese_prints_no_english(
    run, config_file: Path, tmp_path: Path, vietnamese, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    said = a_working_session(run, config_file, tmp_path, [], monkeypatch)
    left = [line for line in said.splitlines() if english_left(line)]
    assert not left, "\n".join(left)
    assert "đã ghi T07 2021: 1.200" in said and "90,48% (38/42)" in said
    assert "Đã lưu 2 số liệu năm 2022." in said and "SỐ LIỆU MINH HỌA (giả định" in said


def test_a_whole_session_in_english_prints_no_vietnamese_sentence(
    run, config_file: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    said = a_working_session(run, config_file, tmp_path, ["--lang", "en"], monkeypatch)
    assert not VIETNAMESE.search(LITERAL.sub(" ", said)), VIETNAMESE.findall(said)
    assert "recorded T07 2021: 1,200" in said and "90.48% (38/42)" in said
    assert "Saved 2 figures for 2022." in said and "SYNTHETIC DEMO FIGURES" in said


def test_a_refused_number_cell_is_quoted_as_the_language_writes_numbers(
    run, initialised: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    book = Workbook()
    book.active.append(["mã", "năm", "số liệu"])
    book.active.append(["T01", 2021, 101.25])
    book.active.append(["T07", 2021, 2e15])
    book.save(tmp_path / "so.xlsx")
    vi = run("--config", str(initialised), "import", str(tmp_path / "so.xlsx")).err
    assert (
        "đã nhập 101,25" in vi
        and "2.000.000.000.000.000 quá lớn đối với một số đếm (tối đa 1.000.000.000.000.000)" in vi
    )
    en = run("--config", str(initialised), "--lang", "en", "import", str(tmp_path / "so.xlsx")).err
    assert (
        "got 101.25" in en
        and "2,000,000,000,000,000 is too large for a count (at most 1,000,000,000,000,000)" in en
    )
