"""Errors a user can act on. Each carries the exit code the command line ends with."""

from __future__ import annotations


class TrackerError(Exception):
    """A problem with the user's input or set-up: one clear line, no traceback."""

    exit_code = 2


class UnreachableDatabase(TrackerError):
    """The database server did not answer (exit 1: the input was fine, the world was not)."""

    exit_code = 1


class DatabaseBusy(TrackerError):
    """Another command held the database for too long, or changed the same rows at the same
    moment: nothing was saved, and the same command can simply be run again (exit 75, the
    "temporary failure" of sysexits.h, so that scripts can retry)."""

    exit_code = 75


class ConfigError(TrackerError):
    """Every problem found in a config file, reported together (fava's way)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))
