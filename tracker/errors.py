"""Errors a user can act on. Each carries the exit code the command line ends with."""

from __future__ import annotations


class TrackerError(Exception):
    """A problem with the user's input or set-up: one clear line, no traceback."""

    exit_code = 2


class UnreachableDatabase(TrackerError):
    """The database server did not answer (exit 1: the input was fine, the world was not)."""

    exit_code = 1


class ConfigError(TrackerError):
    """Every problem found in a config file, reported together (fava's way)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))
