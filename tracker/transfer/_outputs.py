"""Where `--out` may write: never over the database or the config in use, never over a file of
another kind, and over an earlier export of the same kind only when asked (`--force`).

A file is taken to be of a kind when both its first bytes and its name say so: a CSV export
replaces `so-lieu.csv`, never `notes.yaml` (text with commas) nor `tracker.db` (an SQLite
database, whatever it is called).
"""

from __future__ import annotations

import codecs
import json
import stat
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.errors import TrackerError
from tracker.evaluate import shown_path
from tracker.files import check_output_file, path_status
from tracker.i18n import N_, _

if TYPE_CHECKING:
    from tracker.config import Settings

SNIFF_BYTES = 64 * 1024
KIND_NAMES = {"csv": N_("a CSV file"), "json": N_("a JSON file"), "xlsx": N_("an Excel workbook")}
NOT_KIND = {"csv": N_("not a CSV file"), "json": N_("not a JSON file"), "xlsx": N_("not an Excel workbook")}
SUFFIXES = {"csv": (".csv", ".tsv", ".txt"), "json": (".json",), "xlsx": (".xlsx", ".xlsm")}
NEW_SUFFIXES = {"csv": SUFFIXES["csv"], "json": SUFFIXES["json"], "xlsx": (".xlsx",)}  # .xlsm: macros


def check_out(settings: Settings, path: Path, fmt: str, *, force: bool) -> None:
    """`check_output` for the running set-up: its database and config are never replaced."""
    from tracker.store import sqlite_path

    check_output(
        path, fmt, force=force, protected=protected_files(sqlite_path(settings.database_url), settings.path)
    )


def check_output(path: Path, fmt: str, *, force: bool, protected: Iterable[tuple[Path, str]]) -> None:
    """Refuse `path` (one clear line) unless writing `fmt` there loses nothing."""
    shown, status = shown_path(path), path_status(path)  # a name too long: one line
    for kept, what in protected:
        if _same_file(path, kept):
            message = _("--out {path} is {what}; nothing was written: choose another file name")
            raise TrackerError(message.format(path=shown, what=_(what)))
    if status is not None and stat.S_ISDIR(status.st_mode):
        message = _("--out {path} is a folder; give a file name, e.g. {example}")
        raise TrackerError(message.format(path=shown, example=shown_path(path / ("so-lieu." + fmt))))
    check_output_file(path)
    if status is None:
        if path.suffix.lower() not in NEW_SUFFIXES[fmt]:
            message = _("--out {path} would hold {kind}; name it *{suffix} (nothing was written)")
            raise TrackerError(
                message.format(path=shown, kind=_(KIND_NAMES[fmt]), suffix=NEW_SUFFIXES[fmt][0])
            )
        return
    found = file_kind(path)
    if found != fmt or path.suffix.lower() not in SUFFIXES[fmt]:
        said = KIND_NAMES[found] if found and found != fmt else NOT_KIND[fmt]
        message = _("--out {path} exists and is {kind}; nothing was written: choose another file name")
        raise TrackerError(message.format(path=shown, kind=_(said)))
    if not force:
        raise TrackerError(_("--out {path} exists; add --force to replace it").format(path=shown))


def protected_files(database: Path | None, config: Path) -> list[tuple[Path, str]]:
    """The files of the running set-up: the config, and the SQLite database with its journals."""
    kept = [(config, N_("the config file in use"))]
    if database is not None:
        journals = ("", "-wal", "-shm", "-journal")
        kept += [(database.with_name(database.name + end), N_("the database in use")) for end in journals]
    return kept


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.resolve() == other.resolve() or (
            path.exists() and other.exists() and path.samefile(other)
        )
    except OSError:
        return False


def file_kind(path: Path) -> str | None:
    """ "xlsx", "json" or "csv" when the file's bytes are of that kind; None when they are not."""
    try:
        with path.open("rb") as stream:
            head = stream.read(SNIFF_BYTES)
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
            return (
                "xlsx" if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names) else None
            )
    except OSError:
        return None
    text = _text(head)
    if text is None:
        return None
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")) and _json(path):
        return "json"
    first_line = stripped.split("\n", 1)[0]
    return "csv" if any(separator in first_line for separator in ",;\t") else None


def _text(head: bytes) -> str | None:
    """The first bytes as text, or None for a binary file (NUL bytes, not UTF-8 or UTF-16)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in head:
        return None
    else:
        encoding = "utf-8-sig"
    try:
        return head.decode(encoding)
    except UnicodeDecodeError as exc:
        # a multi-byte letter cut at the end of the sample is still text
        return head[: exc.start].decode(encoding) if exc.start >= len(head) - 3 else None


def _json(path: Path) -> bool:
    try:
        json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return False
    return True
