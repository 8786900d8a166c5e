"""Why the system refused, in the reader's language.

The operating system, the network, a database driver or a library explain a failure in their
own words, in English ("[Errno 13] Permission denied"). A message of tracker says the common
failures in its own language (`system_reason`) and quotes anything else as what it is, the
system's words, between « » (`quoted`): a reader sees at once which part is a quotation, and
the whole text can still be looked up.
"""

from __future__ import annotations

import errno
import sys

from tracker.i18n import N_, _

MAX_QUOTED = 300
# The failures a person meets with files and networks, by their errno.
ERRNO_TEXTS = {
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.ENOENT: N_("no such file or folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.EISDIR: N_("it is a folder"),
    errno.EEXIST: N_("it exists already"),
    errno.ENOSPC: N_("no space left on the disk"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EDQUOT: N_("the disk quota is used up"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.ELOOP: N_("a loop of links (a link that leads back to itself)"),
    errno.EMFILE: N_("too many open files"),
    errno.ECONNREFUSED: N_("the server refused the connection"),
    errno.ECONNRESET: N_("the server closed the connection"),
    errno.ETIMEDOUT: N_("the server did not answer in time"),
    errno.EHOSTUNREACH: N_("the server cannot be reached"),
    errno.ENETUNREACH: N_("the network cannot be reached"),
}


def quoted(text: str) -> str:
    """The system's own words, on one line, as a quotation: «Connection refused»."""
    from tracker.evaluate import printable

    line = " ".join(printable(text).split())
    if len(line) > MAX_QUOTED:
        line = line[: MAX_QUOTED - 1] + "…"
    return f"«{line}»"


def system_reason(exc: BaseException, text: str | None = None) -> str:
    """A failure of the system in the reader's language, or quoted when it is not a common one.
    `text` is what to quote instead of the exception's own words (a scrubbed copy)."""
    detail = text if text is not None else (str(exc) or type(exc).__name__)
    if _is_a(exc, "socket", "gaierror"):
        return _("the server's name cannot be found")
    if _is_a(exc, "ssl", "SSLError"):
        return _("the secure connection (TLS) failed: {detail}").format(detail=quoted(detail))
    if isinstance(exc, TimeoutError):
        return _(ERRNO_TEXTS[errno.ETIMEDOUT])
    if isinstance(exc, OSError) and exc.errno in ERRNO_TEXTS:
        return _(ERRNO_TEXTS[exc.errno])
    return quoted(detail)


def _is_a(exc: BaseException, module: str, name: str) -> bool:
    """Whether `exc` is a `module.name`, without importing the module: an exception of a module
    that was never imported cannot exist (and ssl alone costs every command 15 ms to import)."""
    loaded = sys.modules.get(module)
    return loaded is not None and isinstance(exc, getattr(loaded, name))


def failure_text(exc: BaseException) -> str:
    """What went wrong in a job, for its record and the log: tracker's own message as it is, a
    system failure in words, anything else quoted with its kind."""
    from tracker.errors import TrackerError

    if isinstance(exc, TrackerError):
        return str(exc)
    if isinstance(exc, OSError):
        return system_reason(exc)
    return quoted(f"{type(exc).__name__}: {exc}")
