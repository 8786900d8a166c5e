"""Writing files so that a reader never sees half of one: temporary names, then renames; and
the checks every path given to the tool passes before it is opened: an input must be a regular
file and an output a regular file or a new name (a device, a named pipe or a socket is refused
without being opened, so that /dev/zero is never read and a pipe never blocks)."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from tracker.crashpoints import crash_point
from tracker.errors import TrackerError
from tracker.evaluate import shown_path
from tracker.i18n import N_, _
from tracker.reasons import system_reason

# What a path that is not a regular file is, by its type (stat's S_IFMT).
KINDS = {
    stat.S_IFDIR: N_("a folder"),
    stat.S_IFIFO: N_("a named pipe"),
    stat.S_IFCHR: N_("a device"),
    stat.S_IFBLK: N_("a device"),
    stat.S_IFSOCK: N_("a socket"),
}


def cannot_write_to(folder: Path, exc: OSError) -> str:
    message = _("cannot write to {folder}: {reason}")
    return message.format(folder=shown_path(folder), reason=system_reason(exc))


def cannot_write(path: Path, exc: OSError) -> str:
    return _("cannot write {path}: {reason}").format(path=shown_path(path), reason=system_reason(exc))


def kind_of(mode: int) -> str:
    """What a file of this mode is, in words: "a named pipe", "a device"..."""
    return _(KINDS.get(stat.S_IFMT(mode), N_("a special file")))


def not_a_file(mode: int) -> str:
    """Why a path of this mode is not read or written: "it is a named pipe, not a file"."""
    return _("it is {kind}, not a file").format(kind=kind_of(mode))


def path_status(path: Path) -> os.stat_result | None:
    """The status of `path` (following links), None when there is nothing of that name; a
    name the system refuses (too long, a loop of links, no permission) is one clear line."""
    try:
        return path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        message = _("cannot use {path}: {reason}")
        raise TrackerError(message.format(path=shown_path(path), reason=system_reason(exc))) from None
    except ValueError:  # a NUL character in the name (from a config file)
        reason = _("the name holds a NUL character")
        raise TrackerError(
            _("cannot use {path}: {reason}").format(path=shown_path(path), reason=reason)
        ) from None


def check_input_file(path: Path) -> None:
    """Refuse (one line, exit 2) a path to read that is not a regular file: missing, a folder,
    a device, a named pipe. It is not opened: the check is the file's status."""
    found = path_status(path)
    if found is None:
        raise TrackerError(_("no file {path}").format(path=shown_path(path)))
    if not stat.S_ISREG(found.st_mode):
        message = _("cannot read {path}: {reason}")
        raise TrackerError(message.format(path=shown_path(path), reason=not_a_file(found.st_mode)))


def check_output_file(path: Path) -> None:
    """Refuse a path to write that exists and is not a regular file (a folder, a device such
    as /dev/zero or /dev/full, a named pipe, or a link to one): nothing there is read or
    replaced."""
    found = path_status(path)
    if found is not None and not stat.S_ISREG(found.st_mode):
        message = _("cannot write {path}: {reason}")
        raise TrackerError(message.format(path=shown_path(path), reason=not_a_file(found.st_mode)))


def check_output_folder(path: Path) -> None:
    """Refuse a folder to write in that exists and is not a folder (a file, a device...)."""
    found = path_status(path)
    if found is not None and not stat.S_ISDIR(found.st_mode):
        kind = _("a file") if stat.S_ISREG(found.st_mode) else kind_of(found.st_mode)
        reason = _("it is {kind}, not a folder").format(kind=kind)
        raise TrackerError(
            _("cannot write to {folder}: {reason}").format(folder=shown_path(path), reason=reason)
        )


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
    for path, _data in files:
        check_output_file(path)
        check_output_folder(path.parent)
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
        raise TrackerError(
            _("cannot write {path}: {reason}").format(path=shown_path(path), reason=taken)
        ) from None
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
