"""Every kind of CommonMark block and inline in the office's narrative reaches the Word file
(python-docx: every paragraph, table cells included), the PDF (pdftotext) and the HTML (its
text), each kind with a word of its own; the kinds that cannot be printed are refused before
anything is drawn (tests/cli/test_narrative_words.py)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.helpers.narrative import KEPT, OPENING, every_kind
from tests.helpers.printed import require_tools, text, tracker_cli

KINDS = {**KEPT, "opening": OPENING}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


def word_text(path: Path) -> str:
    body = Document(str(path)).element.body
    paragraphs = ("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))
    return " ".join(" ".join(paragraphs).split())


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The demo's report with a narrative of every kind, as each format's reader sees its words."""
    require_tools("pdftotext")
    folder = tmp_path_factory.mktemp("narrative")
    tracker_cli("demo", "--dir", str(folder))
    narrative = folder / "so-ket.md"
    narrative.write_text(every_kind(), encoding="utf-8")
    out = tracker_cli(
        "--config", str(folder / "config.yaml"), "report", "--format", "docx,pdf,html",
        "--narrative", str(narrative), "--out", str(folder / "out"),
    )  # fmt: skip
    files = {path.suffix[1:]: path for path in map(Path, out.split())}
    return {
        "docx": word_text(files["docx"]),
        "pdf": " ".join(text(files["pdf"]).split()),
        "html": html_text(files["html"]),
    }


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_of_block_reaches_every_format(drawn: dict[str, str], kind: str, fmt: str) -> None:
    word = KINDS[kind][1]
    assert word in drawn[fmt], f"{kind}: {word!r} not in the {fmt} file"
