"""The files an import reads: those named on the command line, a folder standing for its
spreadsheets (.csv, .xlsx, .xlsm, sorted by name, without Excel's lock files ~$* and hidden
files).

In a folder only regular files are read, and links are never followed: a folder of workbooks
received by mail may hold a link to a file elsewhere, a named pipe or a device under a
spreadsheet's name. Such an entry is never skipped unseen either: an import is every row or
none, and a workbook left out would leave a unit's figures missing without a word, so the import
is refused, each entry named with what it is (docs/data-entry.md).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from tracker.errors import TrackerError
from tracker.evaluate import shown_path
from tracker.files import kind_of, path_status
from tracker.i18n import _, ngettext
from tracker.reasons import system_reason
from tracker.sheets import SUFFIXES

HIDDEN = ("~$", ".~lock", ".")  # Excel's and LibreOffice's lock files, and hidden files


def files_to_import(given: Sequence[Path]) -> list[Path]:
    """The files named, a folder standing for its spreadsheets; each file once."""
    found: list[Path] = []
    for path in given:
        status = path_status(path)  # a name too long or a loop of links: one clear line
        if status is not None and stat.S_ISDIR(status.st_mode):
            found += _folder_files(path)
        else:
            found.append(path)  # its reader checks its type, and that it is a regular file
    _check_once(found)
    return found


def _folder_files(folder: Path) -> list[Path]:
    """The regular files of `folder` to import, or one error naming every entry that is not one."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        message = _("cannot read the folder {path}: {reason}")
        raise TrackerError(message.format(path=shown_path(folder), reason=system_reason(exc))) from None
    files: list[Path] = []
    odd: list[str] = []
    for entry in entries:
        if Path(entry.name).suffix.lower() not in SUFFIXES or entry.name.startswith(HIDDEN):
            continue
        mode = entry.stat(follow_symlinks=False).st_mode
        if stat.S_ISREG(mode):
            files.append(folder / entry.name)
        else:
            odd.append(_odd_entry(folder / entry.name, mode))
    if odd:
        said = ngettext(
            "{count} entry of the folder {path} is not a file; nothing was imported",
            "{count} entries of the folder {path} are not files; nothing was imported",
            len(odd),
        )
        raise TrackerError("\n".join([*odd, said.format(count=len(odd), path=shown_path(folder))]))
    if not files:
        message = _("the folder {path} holds no spreadsheet to import ({accepted})")
        raise TrackerError(message.format(path=shown_path(folder), accepted=", ".join(SUFFIXES)))
    return files


def _odd_entry(path: Path, mode: int) -> str:
    """What an entry that is not read is, and what to do with it."""
    if stat.S_ISLNK(mode):
        message = _("{path}: a link, not read (links in a folder are not followed); import the file itself")
        return message.format(path=shown_path(path))
    message = _("{path}: {kind}, not a file; move it out of the folder")
    return message.format(path=shown_path(path), kind=kind_of(mode))


def _check_once(paths: list[Path]) -> None:
    """Refuse a file given twice (by two names, or in a folder and by its own name)."""
    seen: set[tuple[int, int] | str] = set()
    for path in paths:
        status = path_status(path)
        key: tuple[int, int] | str = (
            (status.st_dev, status.st_ino) if status is not None else os.path.abspath(path)
        )
        if key in seen:
            raise TrackerError(
                _("{path} is given twice; import each file once").format(path=shown_path(path))
            )
        seen.add(key)
