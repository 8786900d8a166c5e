"""Reading the office's Word template (`document.template`): a file that comes from others.

A .docx file is a zip of XML parts. Before python-docx opens it, the file must be a regular
file (a FIFO would hang the command, a folder or /dev/zero would never end) of a Word
template's size, and its parts must unzip to a size a report can hold: a zip "bomb" of a few
kilobytes can unzip to gigabytes. The unzipped size is checked from the zip's directory, and
again while every part is read through, because the directory can lie.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from io import BytesIO
from pathlib import Path

from tracker.errors import TrackerError
from tracker.evaluate import shown_path
from tracker.i18n import _
from tracker.reasons import system_reason

# The default template is about 25 KB; an office's copy with its emblem and fonts embedded stays
# under a few megabytes. Twenty megabytes leaves room for pictures and reads in a moment.
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
# What the parts of a template may unzip to, together: the default's XML is well under 1 MB;
# one hundred megabytes is room for any document and far from filling a server's memory.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
# A Word document has a few dozen parts; thousands of tiny ones would only cost time.
MAX_PARTS = 5_000
CHUNK = 1024 * 1024


def read_template(path_text: str) -> tuple[str, bytes]:
    """The template's name for messages, and its bytes, once it is known to be a Word
    template of a sound size."""
    path = Path(path_text)
    try:
        data = _read_regular(path)
    except OSError as exc:
        message = _("cannot read the Word template {path}: {reason}")
        raise TrackerError(message.format(path=shown_path(path), reason=system_reason(exc))) from None
    check_unzipped(path.name, data)
    return shown_path(Path(path.name)), data


def _read_regular(path: Path) -> bytes:
    """A regular file's bytes, never more than the limit; anything else is refused before it
    is read (a FIFO opened for reading would wait for a writer)."""
    _check_regular(path, os.stat(path))
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as file:
        _check_regular(path, os.fstat(file.fileno()))  # the same file as the one checked
        data = file.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        _too_large(path)
    return data


def _check_regular(path: Path, found: os.stat_result) -> None:
    if not stat.S_ISREG(found.st_mode):
        message = _("the Word template {path} is a folder, a device or a pipe, not a file; give a .docx file")
        raise TrackerError(message.format(path=shown_path(path)))
    if found.st_size > MAX_TEMPLATE_BYTES:
        _too_large(path)


def _too_large(path: Path) -> None:
    message = _("the Word template {path} is larger than {limit} MB; a Word template is far smaller")
    raise TrackerError(message.format(path=shown_path(path), limit=MAX_TEMPLATE_BYTES // (1024 * 1024)))


def check_unzipped(name: str, data: bytes) -> None:
    """Refuse a zip whose parts unzip to more than the limit, by its directory and by reading
    them through (nothing is kept), and a file that is no sound zip."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS or declared_size(parts) > MAX_UNZIPPED_BYTES:
                _unzips_too_large(name)
            if unzipped_size(archive, parts) > MAX_UNZIPPED_BYTES:
                _unzips_too_large(name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, EOFError, ValueError):
        message = _("{name} is not a Word file (.docx); `tracker report-template` writes one to edit")
        raise TrackerError(message.format(name=name)) from None


def declared_size(parts: list[zipfile.ZipInfo]) -> int:
    """What the zip's directory says its parts unzip to."""
    return sum(p.file_size for p in parts)


def unzipped_size(archive: zipfile.ZipFile, parts: list[zipfile.ZipInfo]) -> int:
    """What the parts really unzip to, read through a chunk at a time and stopped just past the
    limit: memory never holds more than a chunk."""
    total = 0
    for part in parts:
        with archive.open(part) as member:
            while chunk := member.read(CHUNK):
                total += len(chunk)
                if total > MAX_UNZIPPED_BYTES:
                    return total
    return total


def _unzips_too_large(name: str) -> None:
    message = _(
        "{name}: the Word template unzips to more than {limit} MB (or more than {parts} parts); "
        "a Word template is far smaller"
    )
    limit = MAX_UNZIPPED_BYTES // (1024 * 1024)
    raise TrackerError(message.format(name=name, limit=limit, parts=MAX_PARTS))


def template_text(data: bytes) -> str:
    """The words of a template's parts (body, headers, footers) without their XML."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = [n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")]
            xml = "".join(archive.read(n).decode("utf-8", "replace") for n in names)
    except (zipfile.BadZipFile, KeyError, ValueError):
        return ""
    return re.sub(r"<[^>]+>", "", xml).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
