"""The chain's head a report names, read back from its file (`tracker verify --report FILE`).

Every format names the head's first 12 hex digits in its footer, after "History code" (Mã lịch
sử); the HTML names it in full in its keywords (`tracker-chain:<head>`), which WeasyPrint copies
into the PDF's metadata (/Keywords), so a PDF is matched by its full head without reading its
text (the PDF's text streams are compressed and glyph-coded). A Word file is read as the text of
its parts (document.xml and footers).

A report file to verify may come from anywhere: only a regular file is read, no larger than
MAX_REPORT_BYTES, and what its zip parts or PDF streams unzip to is bounded (MAX_UNPACKED_BYTES),
so a crafted file cannot hang the command or fill the memory."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import NoReturn

from tracker import store
from tracker.errors import TrackerError
from tracker.evaluate import shown_path
from tracker.i18n import _, in_lang
from tracker.store import Resolution, Session

# A report of this tool is a few megabytes at most (a PDF with its charts); far more is no report.
MAX_REPORT_BYTES = 100 * 1024 * 1024
# What one Word part or PDF stream may unpack to, and all of them together: a report's text is
# well under a megabyte; a "bomb" of a few kilobytes could unpack to gigabytes.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
FULL = re.compile(r"tracker-chain:([0-9a-f]{64})")


def _labelled() -> re.Pattern[str]:
    """The footer's line in either language: "Mã lịch sử: 3f2a9c1b7d4e"."""
    labels = sorted({re.escape(in_lang(lang, "History code")) for lang in ("vi", "en")})
    return re.compile(rf"(?:{'|'.join(labels)}):\s*([0-9a-f]{{12,64}})(?![0-9a-f])")


def report_text(path: Path) -> str:
    """The text of a report file in which its head is looked for."""
    from tracker.files import check_input_file

    check_input_file(path)
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_REPORT_BYTES + 1)
    except OSError as exc:
        message = _("cannot read the report {path}: {reason}")
        raise TrackerError(message.format(path=shown_path(path), reason=exc.strerror or exc)) from None
    if len(data) > MAX_REPORT_BYTES:
        _not_a_report(path)
    if data.startswith(b"PK"):
        return _docx_text(path)
    if data.startswith(b"%PDF"):
        return _pdf_text(data)
    return data.decode("utf-8", errors="replace")


def _pdf_text(data: bytes) -> str:
    """A PDF's bytes, and its compressed streams inflated (the metadata may sit in one), no
    more than the limit in all."""
    texts, budget = [data.decode("latin-1")], MAX_UNPACKED_BYTES
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            inflated = zlib.decompressobj().decompress(stream[1], budget)
        except zlib.error:
            continue
        budget -= len(inflated)
        texts.append(inflated.decode("latin-1"))
        if budget <= 0:
            break
    return "\n".join(texts)


def _docx_text(path: Path) -> str:
    """The words of a Word report's parts; a part unpacking past the limit is no report."""
    budget, xml = MAX_UNPACKED_BYTES, []
    try:
        with zipfile.ZipFile(path) as docx:
            for name in docx.namelist():
                if not (name.startswith(("word/", "docProps/")) and name.endswith(".xml")):
                    continue
                with docx.open(name) as part:
                    data = part.read(budget + 1)
                budget -= len(data)
                if budget < 0:
                    _not_a_report(path)
                xml.append(data.decode("utf-8", errors="replace"))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, EOFError, OSError):
        _not_a_report(path)
    paragraphs = re.sub(r"</w:p>", "\n", "".join(xml))
    return re.sub(r"<[^>]+>", "", paragraphs)


def _not_a_report(path: Path) -> NoReturn:
    raise TrackerError(_("{path} is not a report file of this tool").format(path=shown_path(path)))


def head_in_report(path: Path) -> str:
    """The head a report file names (in full where the format keeps it, else its first 12 hex
    digits), or a TrackerError when it names none."""
    text = report_text(path)
    found = FULL.search(text) or _labelled().search(text)
    if found is None:
        message = _("{path} names no history code (a report made before the chain, or not a report)")
        raise TrackerError(message.format(path=shown_path(path)))
    return found[1]


def report_head(session: Session, resolution: Resolution, given: str) -> str:
    """The head named by `--report`: a stored run's number (its full head), or a report file."""
    path = Path(given)
    if given.isdigit() and not path.exists():
        known, head = store.report_run_head(session, resolution.id, int(given))
        if not known:
            message = _("there is no report run {run} of {code}; give a run number or a report file")
            raise TrackerError(message.format(run=given, code=resolution.code))
        if head is None:
            message = _("report run {run} was made before the chain and names no history code")
            raise TrackerError(message.format(run=given))
        return head
    if not path.is_file():
        message = _("no report file {path}; give a report file or a run number")
        raise TrackerError(message.format(path=shown_path(path)))
    return head_in_report(path)
