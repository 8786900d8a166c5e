"""Every problem of an import, collected with its place and told together (fava's way): the
first MAX_SHOWN shown, the others counted, then what became of the import."""

from __future__ import annotations

from tracker.errors import TrackerError
from tracker.evaluate import printable
from tracker.i18n import ngettext

MAX_SHOWN = 50  # problems listed; the others are counted


class Problems:
    """The problems found, in order: the first MAX_SHOWN kept to show, the rest counted."""

    def __init__(self) -> None:
        self.shown: list[str] = []
        self.count = 0

    def __bool__(self) -> bool:
        return self.count > 0

    def add(self, problem: str) -> None:
        """One problem, on one line: a text taken from a file (a cell, a name) may hold a line
        break or a control character; it is shown printable."""
        self.count += 1
        if len(self.shown) < MAX_SHOWN:
            self.shown.append(printable(problem, multiline=False))


def raise_problems(problems: Problems) -> None:
    """One error whose lines are every problem (the first 50), then what became of the import."""
    if not problems:
        return
    shown = list(problems.shown)
    if problems.count > len(shown):
        more = problems.count - len(shown)
        shown.append(
            ngettext("... and {count} more problem", "... and {count} more problems", more).format(count=more)
        )
    found = ngettext(
        "{count} problem found; nothing was imported",
        "{count} problems found; nothing was imported",
        problems.count,
    )
    shown.append(found.format(count=problems.count))
    raise TrackerError("\n".join(shown))
