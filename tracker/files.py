"""Writing files so that a reader never sees half of one: temporary names, then renames."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from tracker.crashpoints import crash_point
from tracker.errors import TrackerError
from tracker.i18n import _
from tracker.reasons import system_reason


def cannot_write_to(folder: Path, exc: OSError) -> str:
    return _("cannot write to {folder}: {reason}").format(folder=folder, reason=system_reason(exc))


def cannot_write(path: Path, exc: OSError) -> str:
    return _("cannot write {path}: {reason}").format(path=path, reason=system_reason(exc))


def _mode_for(path: Path) -> int:
    """The mode a plain open() would give: the old file's, else 0o666 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _stage(path: Path, data: str | bytes) -> Path:
    """Write `data` (text, or a file's bytes) to a temporary file beside `path`; return the
    temporary's name."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise TrackerError(cannot_write_to(path.parent, exc)) from None
    try:
        os.fchmod(handle, _mode_for(path))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise TrackerError(cannot_write(path, exc)) from None
        raise
    return Path(temporary)


def write_all_atomic(files: list[tuple[Path, str | bytes]], *, replace: bool = True) -> None:
    """Write every file through a temporary name, then rename them all; with `replace=False`
    a file that exists already is never replaced (the write fails instead).

    A failure leaves no temporary file and none of this run's files: those already renamed
    are removed again (an older file they replaced is not restored).
    """
    staged: list[tuple[Path, Path]] = []
    renamed: list[Path] = []
    try:
        for path, text in files:
            staged.append((_stage(path, text), path))
        crash_point("files-staged")
        for temporary, path in staged:
            _place(temporary, path, replace)
            renamed.append(path)
            crash_point("file-renamed")
    except BaseException:
        for temporary, _path in staged:
            temporary.unlink(missing_ok=True)
        for path in renamed:
            path.unlink(missing_ok=True)
        raise


def _place(temporary: Path, path: Path, replace: bool) -> None:
    """Give the staged file its name: a rename, or (not replacing) a hard link."""
    try:
        if replace:
            os.replace(temporary, path)
        else:
            _link_new(temporary, path)
    except FileExistsError:
        taken = _("the name is taken and is not replaced; move that file away or write elsewhere with --out")
        raise TrackerError(_("cannot write {path}: {reason}").format(path=path, reason=taken)) from None
    except OSError as exc:
        raise TrackerError(cannot_write(path, exc)) from None


def _link_new(temporary: Path, path: Path) -> None:
    """A hard link fails where `path` exists, so no file is ever replaced; then the temporary
    goes. A file system without hard links gets a check and a rename."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        if path.exists():
            raise FileExistsError(errno.EEXIST, "exists", str(path)) from None
        os.replace(temporary, path)
        return
    temporary.unlink(missing_ok=True)


def remove_files(paths: list[Path]) -> None:
    """Remove files that are there (a clean-up: one that cannot be removed is left alone)."""
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            continue


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename."""
    write_all_atomic([(path, data)])
