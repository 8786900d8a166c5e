"""`tracker report --narrative FILE.md` keeps every word of the office's text: each kind of
CommonMark block and inline keeps its words, or the file is refused in one line naming its line;
raw HTML never reaches a report as HTML; the size limits are refused in one line.

The same kinds drawn into the Word file, the PDF and the HTML: tests/render/test_narrative_words.py.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.narrative import HEAD, KEPT, OPENING, REFUSED, REFUSED_LINE, every_kind
from tracker.errors import TrackerError
from tracker.reporting._document import Block
from tracker.reporting._narrative import MAX_PARAGRAPH, parse_narrative, read_narrative

pytestmark = pytest.mark.usefixtures("vietnamese")


def words_of(sections: dict[str, list[Block]]) -> str:
    return " ".join(block.text for blocks in sections.values() for block in blocks)


@pytest.mark.parametrize("kind", list(KEPT))
def test_every_kind_of_block_keeps_its_words_in_its_section(kind: str) -> None:
    text, word = KEPT[kind]
    sections = parse_narrative(HEAD + text + "\n", "so-ket.md")
    assert list(sections) == ["results"]
    assert word in " ".join(block.text for block in sections["results"]), sections


def test_the_text_before_the_first_heading_is_the_opening() -> None:
    sections = parse_narrative(every_kind(), "so-ket.md")
    assert sections["opening"] == [Block("p", "Mở đầu quokkaopening.")]
    assert all(word in words_of({"results": sections["results"]}) for _text, word in KEPT.values())


@pytest.mark.parametrize("kind", list(REFUSED))
def test_a_kind_that_cannot_be_printed_is_refused_naming_its_line(kind: str) -> None:
    text, says = REFUSED[kind]
    with pytest.raises(TrackerError) as caught:
        parse_narrative(HEAD + text, "so-ket.md")
    message = str(caught.value)
    assert message.startswith(f"so-ket.md:{REFUSED_LINE}: ") and says in message, message
    assert len(message.splitlines()) == 1


def test_what_each_kind_shows() -> None:
    """The words as docs/documents.md's table says: marks, tags and addresses dropped, the
    rest in order; a sub-heading a paragraph; code and HTML one paragraph per chunk."""
    shown = {
        kind: [(b.kind, b.text) for b in parse_narrative(HEAD + text + "\n", "a.md")["results"]]
        for kind, (text, _word) in KEPT.items()
    }
    assert shown["link text"] == [("p", "Xem quokkalink nhé.")]
    assert shown["javascript link"] == [("p", "Bấm [quokkajs](javascript:alert(1)) nhé.")]
    assert shown["inline HTML"] == [("p", "Chữ quokkaspan nhé.")]
    assert shown["entity"] == [("p", "Từ quokkaentity và © nhé.")]
    assert shown["sub-heading ###"] == [("p", "quokkasub")]
    assert shown["HTML block"] == [("p", "Khối quokkadiv.")]
    assert shown["HTML list"] == [("li", "Mục quokkahtmlli")]
    assert shown["list item's second paragraph"] == [("li", "Mục một"), ("li", "Đoạn quokkasecond.")]
    assert shown["fenced code's info string"] == [("p", "quokkainfo"), ("p", "Đoạn.")]
    assert shown["after a thematic break"] == [("p", "Trước."), ("p", "Sau quokkarule.")]
    code = parse_narrative(HEAD + "    Một\n    hai.\n\n    Ba.\n", "a.md")["results"]
    assert code == [Block("p", "Một hai."), Block("p", "Ba.")]  # pasted paragraphs stay paragraphs


def test_a_numbered_list_keeps_its_numbers() -> None:
    """The office's "1.", "2." (issue 24, item 4): each item numbered as Markdown shows it (from
    the list's first number, "1." written three times shows 1, 2, 3), with the office's "." or
    ")"; a numbered item's second paragraph is not numbered again; <ol> counts from its start."""
    text = (
        "1. Một là;\n1. Hai là;\n\n   Đoạn tiếp.\n1. Ba là.\n\n- Gạch.\n\n4) Bốn là.\n\n"
        '<ol start="7"><li>Bảy là.</li><li>Tám là.</li></ol>\n'
    )
    blocks = parse_narrative(HEAD + text, "a.md")["results"]
    assert blocks == [
        Block("li", "Một là;", "1."),
        Block("li", "Hai là;", "2."),
        Block("p", "Đoạn tiếp."),
        Block("li", "Ba là.", "3."),
        Block("li", "Gạch."),
        Block("li", "Bốn là.", "4)"),
        Block("li", "Bảy là.", "7."),
        Block("li", "Tám là.", "8."),
    ]
    assert [b.marked for b in blocks[:5]] == [
        "1. Một là;",
        "2. Hai là;",
        "Đoạn tiếp.",
        "3. Ba là.",
        "- Gạch.",
    ]
    odd = '<ol start="²"><li>Một.</li></ol>\n<ol start="' + "9" * 5000 + '"><li>Hai.</li></ol>\n'
    unnumbered = [Block("li", "Một.", "1."), Block("li", "Hai.", "1.")]  # a start that is no number
    assert parse_narrative(HEAD + odd, "a.md")["results"] == unnumbered
    opening = parse_narrative("3. Mở ba.\n4. Mở bốn.\n", "a.md")["opening"]
    assert opening == [Block("li", "Mở ba.", "3."), Block("li", "Mở bốn.", "4.")]


def test_a_heading_that_names_a_section_at_any_level_opens_it() -> None:
    text = HEAD + "A.\n\n### Bài học kinh nghiệm\n\nB.\n\nTasks\n=====\n\nC.\n"
    assert parse_narrative(text, "a.md") == {
        "results": [Block("p", "A.")],
        "lessons": [Block("p", "B.")],
        "tasks": [Block("p", "C.")],
    }


def test_a_paragraph_at_the_limit_is_kept() -> None:
    text = "a" * MAX_PARAGRAPH
    assert parse_narrative(HEAD + text + "\n", "a.md") == {"results": [Block("p", text)]}


# --- the property: any text of CommonMark-ish pieces keeps every word, or is refused -----------

WORD = st.from_regex(r"x[a-zăâđêôơưạảấ]{1,8}", fullmatch=True)  # never a section's name
PIECES = (
    "{w}", "*{w}*", "**{w}**", "_{w}_", "`{w}`", "[{w}](https://e.org)", "![{w}](a.png)",
    "<https://{w}.org>", "<b>{w}</b>", "<span>{w}", "&amp;{w}&copy;", "\\*{w}", "{w}\\",
    "# {w}", "## {w}", "### {w}", "#### {w}", "> {w}", ">> {w}", "- {w}", "1. {w}", "  - {w}",
    "    {w}", "```\n{w}\n```", "```{w}\nx\n```", "~~~\n{w}", "<div>{w}</div>", "<div>\n{w}",
    "<p>{w}<br>{w}</p>", "<!-- {w} -->", "<script>{w}</script>", "[{w}]: /u", "[{w}]",
    "{w}\n---", "{w}\n===", "***", "---", "| {w} | b |\n|---|---|", "<{w}>", "</{w}>", "&{w};",
    "<ghi {w}>", "{w}<br>{w}", '<{w} a="b"/>', '<img alt="{w}">', "<table><td>{w}</td></table>",
    "3) {w}", "   {w}", '<ol start="7"><li>{w}</li><li>{w}</ol>',
)  # fmt: skip
SEPARATORS = ("\n", "\n\n", " ", "", "\n    ", "\n> ")


@st.composite
def narratives(draw: st.DrawFn) -> tuple[str, list[str]]:
    words: list[str] = []
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 12))):
        piece = draw(st.sampled_from(PIECES))
        taken = [draw(WORD) for _ in range(piece.count("{w}"))]
        words += taken
        parts.append(piece.replace("{w}", "{}").format(*taken) + draw(st.sampled_from(SEPARATORS)))
    return "".join(parts), words


@settings(max_examples=400, deadline=None)
@given(narratives())
def test_any_narrative_keeps_every_word_or_is_refused(case: tuple[str, list[str]]) -> None:
    text, words = case
    try:
        sections = parse_narrative(text, "a.md")
    except TrackerError as refused:
        assert re.match(r"a\.md:\d+: ", str(refused)), refused
        return
    kept = words_of(sections)
    assert all(word in kept for word in words), (text, sections)


# --- through the command line ------------------------------------------------------------------


def _seeded(tracker) -> None:  # type: ignore[no-untyped-def]
    assert tracker("record", "T07", "2021", "160").code == 0


@pytest.mark.parametrize("kind", list(REFUSED))
def test_a_refused_narrative_is_one_line_exit_2_and_no_report(  # type: ignore[no-untyped-def]
    tracker, tmp_path: Path, kind: str
) -> None:
    _seeded(tracker)
    path = tmp_path / "so-ket.md"
    path.write_text(OPENING[0] + HEAD + REFUSED[kind][0], encoding="utf-8")
    out = str(tmp_path / "r")
    result = tracker("report", "--format", "docx,pdf,html", "--narrative", str(path), "--out", out)
    assert result.code == 2 and f"so-ket.md:{REFUSED_LINE + 2}: " in result.err, result.err
    assert REFUSED[kind][1] in result.err
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert result.out == "" and not (tmp_path / "r").exists()


def test_raw_html_and_javascript_links_reach_the_html_report_as_text(  # type: ignore[no-untyped-def]
    tracker, tmp_path: Path
) -> None:
    _seeded(tracker)
    path = tmp_path / "so-ket.md"
    path.write_text(
        HEAD + "<div onclick=\"steal()\">quokkadiv <img src=x onerror=alert(1) alt='quokkaalt'></div>\n\n"
        'Bấm [quokkajs](javascript:alert(1)) hoặc <a href="javascript:alert(2)">quokkaa</a> '
        "&lt;b&gt;quokkalt&lt;/b&gt;.\n",
        encoding="utf-8",
    )
    result = tracker("report", "--format", "html", "--narrative", str(path), "--out", str(tmp_path / "r"))
    assert result.code == 0, result.err
    html = Path(result.out.strip()).read_text(encoding="utf-8")
    for word in ("quokkadiv", "quokkaalt", "quokkajs", "quokkaa", "&lt;b&gt;quokkalt&lt;/b&gt;"):
        assert word in html, word
    for raw in ("onclick", "onerror", "<img src=x", 'href="javascript', "<b>quokkalt"):
        assert raw not in html, raw
    assert "[quokkajs](javascript:alert(1))" in html  # not a link: printed as written


@pytest.mark.parametrize(
    ("size", "refused"), [(200_000, False), (200_001, True)], ids=["at the limit", "over it"]
)
def test_a_narrative_over_200_kb_is_refused_in_one_line(  # type: ignore[no-untyped-def]
    tracker, tmp_path: Path, size: int, refused: bool
) -> None:
    _seeded(tracker)
    path = tmp_path / "so-ket.md"
    paragraph = "Đoạn văn của văn phòng.\n\n".encode()
    text = HEAD.encode() + paragraph * ((size - len(HEAD.encode())) // len(paragraph))
    path.write_bytes(text + b"x" * (size - len(text)))
    assert path.stat().st_size == size
    result = tracker("report", "--format", "html", "--narrative", str(path), "--out", str(tmp_path / "r"))
    if refused:
        assert result.code == 2 and "so-ket.md: dài hơn 200 KB (khoảng 60 trang in)" in result.err, result.err
        assert len(result.err.strip().splitlines()) == 1 and not (tmp_path / "r").exists()
    else:
        assert result.code == 0, result.err


def test_a_narrative_that_is_a_pipe_or_has_a_strange_name_is_refused_in_one_printable_line(
    tmp_path: Path,
) -> None:
    pipe = tmp_path / "nhan\x1b[2Jxet.md"
    os.mkfifo(pipe)  # reading it would block for ever
    with pytest.raises(TrackerError) as refused:
        read_narrative(pipe)
    said = str(refused.value)
    assert "\x1b" not in said and "\n" not in said and "xet.md" in said


def test_a_narrative_is_read_no_further_than_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "dai.md"
    path.write_bytes(b"a" * 300_000)
    with pytest.raises(TrackerError, match="200 KB"):
        read_narrative(path)
