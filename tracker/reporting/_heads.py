"""The chain's head a report names, read back from its file (`tracker verify --report FILE`).

Every format names the head's first 12 hex digits in its footer, after "History code" (Mã lịch
sử); the HTML names it in full in its keywords (`tracker-chain:<head>`), which WeasyPrint copies
into the PDF's metadata (/Keywords), so a PDF is matched by its full head without reading its
text (the PDF's text streams are compressed and glyph-coded). A Word file is read as the text of
its parts (document.xml and footers)."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from tracker import store
from tracker.errors import TrackerError
from tracker.i18n import _, in_lang
from tracker.store import Resolution, Session

FULL = re.compile(r"tracker-chain:([0-9a-f]{64})")


def _labelled() -> re.Pattern[str]:
    """The footer's line in either language: "Mã lịch sử: 3f2a9c1b7d4e"."""
    labels = sorted({re.escape(in_lang(lang, "History code")) for lang in ("vi", "en")})
    return re.compile(rf"(?:{'|'.join(labels)}):\s*([0-9a-f]{{12,64}})(?![0-9a-f])")


def report_text(path: Path) -> str:
    """The text of a report file in which its head is looked for."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        message = _("cannot read the report {path}: {reason}")
        raise TrackerError(message.format(path=path, reason=exc.strerror or exc)) from None
    if data.startswith(b"PK"):
        return _docx_text(path)
    if data.startswith(b"%PDF"):
        return _pdf_text(data)
    return data.decode("utf-8", errors="replace")


def _pdf_text(data: bytes) -> str:
    """A PDF's bytes, and its compressed streams inflated (the metadata may sit in one)."""
    texts = [data.decode("latin-1")]
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            texts.append(zlib.decompress(stream[1]).decode("latin-1"))
        except zlib.error:
            continue
    return "\n".join(texts)


def _docx_text(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as docx:
            parts = [
                n for n in docx.namelist() if n.startswith(("word/", "docProps/")) and n.endswith(".xml")
            ]
            xml = "".join(docx.read(name).decode("utf-8", errors="replace") for name in parts)
    except (zipfile.BadZipFile, OSError):
        raise TrackerError(_("{path} is not a report file of this tool").format(path=path)) from None
    paragraphs = re.sub(r"</w:p>", "\n", xml)
    return re.sub(r"<[^>]+>", "", paragraphs)


def head_in_report(path: Path) -> str:
    """The head a report file names (in full where the format keeps it, else its first 12 hex
    digits), or a TrackerError when it names none."""
    text = report_text(path)
    found = FULL.search(text) or _labelled().search(text)
    if found is None:
        message = _("{path} names no history code (a report made before the chain, or not a report)")
        raise TrackerError(message.format(path=path))
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
        raise TrackerError(message.format(path=path))
    return head_in_report(path)
