"""A report signed with a certificate made in the test (`tracker report --format pdf --sign`, and a
schedule's `report.sign: true`), read as its reader reads it: poppler's `pdfsig` says the
signature is valid (the certificate's issuer unknown, as an office's own is), and no longer once
one byte of the signed part is changed; `tracker verify-pdf` says the same; the visible signature
sits in the report's signature block, under the signer's title; the PDF is still PDF/A-2b;
the report is stored as any other (`tracker verify --report` finds the history it was made
from); the password is nowhere."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from tests.helpers import Result, default_config_text
from tests.helpers.printed import require_tools, tool
from tests.helpers.signing import COMMON_NAME, PASSWORD, PASSWORD_ENV, make_pkcs12, with_signing

Run = Callable[..., Result]
VALID = "Signature Validation: Signature is Valid."


@pytest.fixture
def office(run: Run, config_file: Path, templates, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:  # type: ignore[no-untyped-def]
    """office(visible=..., extra=...): the command line on the default database, its config
    signing with a certificate made here, the password in the environment."""
    require_tools("pdfsig", "pdftotext")
    templates(default_config_text()).copy_to(config_file)
    make_pkcs12(config_file.parent / "van-phong.p12")
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)

    def configured(visible: bool = True, extra: str = "") -> Run:
        text = with_signing(default_config_text(), "van-phong.p12", visible=visible) + extra
        config_file.write_text(text, encoding="utf-8")
        return lambda *args: run("--config", str(config_file), *args)

    return configured


def pdfsig(path: Path) -> str:
    """What poppler says of the signatures (pdfsig exits non-zero when one is not valid)."""
    import subprocess

    done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=120, check=False)
    return done.stdout + done.stderr


def widget(path: Path) -> tuple[int, tuple[float, float, float, float]]:
    """The page (from 1) and rectangle of the signature's widget, as the PDF records them."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    with path.open("rb") as stream:
        reader = PdfFileReader(stream)
        fields = reader.root["/AcroForm"]["/Fields"]
        assert len(fields) == 1
        field = fields[0]
        rect = tuple(float(v) for v in field["/Rect"])
        kids = reader.root["/Pages"]["/Kids"]  # the reports' page tree is flat
        numbers = [kids.raw_get(i).idnum for i in range(len(kids))]
        return numbers.index(field.raw_get("/P").idnum) + 1, rect  # type: ignore[return-value]


def word_box(path: Path, page: int, word: str) -> tuple[float, float, float, float]:
    """The box of a word on a page as pdftotext lays it out (points, from the top left)."""
    html = tool("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-")
    found = re.search(rf'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">{word}</word>', html)
    assert found, f"{word} not on page {page}"
    x1, y1, x2, y2 = (float(v) for v in found.groups())
    return x1, y1, x2, y2


def still_archival(path: Path) -> None:
    """The signed PDF still says it is PDF/A-2b, its Info and XMP agree, every font (the
    signature's too) is embedded, and its syntax is sound."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("2", "B")
        assert str(pdf.docinfo["/Producer"]) == meta.get("pdf:Producer")
        assert str(pdf.docinfo["/Title"]) == meta.get("dc:title")
        assert pdf.check_pdf_syntax() == []
    fonts = tool("pdffonts", str(path)).splitlines()[2:]
    assert len(fonts) >= 2 and all(" yes yes " in line for line in fonts), fonts


def everything_stored(folder: Path) -> str:
    with closing(sqlite3.connect(folder / "tracker.db")) as database:
        return "\n".join(database.iterdump())


def changed_inside(path: Path) -> Path:
    """The file with one byte of its first stream changed: inside the signed part."""
    data = bytearray(path.read_bytes())
    data[data.index(b"stream\n") + 40] ^= 0x01
    changed = path.with_name("changed.pdf")
    changed.write_bytes(bytes(data))
    return changed


def test_a_signed_report_is_valid_visible_stored_and_a_changed_byte_is_found(
    office: Callable[..., Run], config_file: Path
) -> None:
    tracker = office()
    result = tracker("report", "--format", "pdf,html", "--sign")
    assert result.code == 0, result.err
    pdf, html = (Path(line) for line in result.out.split())
    said = pdfsig(pdf)
    assert VALID in said and f"Signer Certificate Common Name: {COMMON_NAME}" in said, said
    assert "Signature Type: ETSI.CAdES.detached" in said and "Total document signed" in said
    still_archival(pdf)
    checked = tracker("verify-pdf", str(pdf))
    assert checked.code == 0 and f"intact, not changed after signing, signed by {COMMON_NAME}" in checked.out
    # the visible signature: under "BÍ THƯ", in the signer's half of the page
    page, (x1, _y1, x2, y2) = widget(pdf)
    title = word_box(pdf, page, "THƯ")
    height = float(re.findall(r"Page size: +[\d.]+ x ([\d.]+)", tool("pdfinfo", str(pdf)))[0])
    assert height - y2 >= title[3] - 1, "the signature begins under the signer's title"
    assert x1 < title[0] < title[2] < x2, "the signature spans the signer's half, under the title"
    # stored and checked as any other report
    assert tracker("verify", "--report", str(pdf)).code == 0
    folder = config_file.parent
    for text in (result.out, result.err, checked.out, everything_stored(folder), html.read_text("utf-8")):
        assert PASSWORD not in text
    assert PASSWORD.encode("utf-8") not in pdf.read_bytes()
    # one byte changed inside what was signed
    changed = changed_inside(pdf)
    assert VALID not in pdfsig(changed) and "Digest Mismatch" in pdfsig(changed)
    broken = tracker("verify-pdf", str(changed))
    assert broken.code == 1 and "NOT intact: the signed bytes were changed after signing" in broken.out


def test_an_invisible_signature(office: Callable[..., Run]) -> None:
    tracker = office(visible=False)
    result = tracker("report", "--format", "pdf", "--sign")
    assert result.code == 0, result.err
    pdf = Path(result.out.strip())
    assert VALID in pdfsig(pdf)
    _page, (x1, y1, x2, y2) = widget(pdf)
    assert (x2 - x1, y2 - y1) == (0, 0)


def test_a_schedule_that_signs_files_a_signed_report(office: Callable[..., Run], config_file: Path) -> None:
    schedule = "schedules:\n  - id: ky-so\n    cron: yearly\n    report: {formats: [pdf], sign: true}\n"
    tracker = office(extra=schedule)
    result = tracker("schedule", "run-now", "ky-so")
    assert result.code == 0, result.err
    (pdf,) = (config_file.parent / "reports").glob("*.pdf")
    assert VALID in pdfsig(pdf)
    assert PASSWORD not in result.out + result.err + everything_stored(config_file.parent)
