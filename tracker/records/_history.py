"""Every stored revision of a resolution's figures as `tracker history` shows it: who, when and
why, already in the reader's words (the face only lays the lines out)."""

from __future__ import annotations

from dataclasses import dataclass

from tracker import store
from tracker.base import check_year, find_target
from tracker.evaluate import Measure, code_label, figure_words, moment_text
from tracker.i18n import Lang, current_zone
from tracker.store import Resolution, Session


@dataclass(frozen=True)
class HistoryLine:
    """One revision. `by`, `reason` and `note` are what a person typed, as typed: the face
    shows them safely."""

    code: str  # "T11 †" when inferred
    unit: str  # the unit's code; "" for the committee's own figure
    year: int
    revision: int
    figure: str  # "90,48% (38/42) (dự ước)"
    by: str
    at: str  # when, in the configured time zone
    reason: str
    note: str  # the note and the source document


@dataclass(frozen=True)
class History:
    lines: list[HistoryLine]

    @property
    def with_units(self) -> bool:
        """Whether any revision is a unit's figure (a Unit column is then shown)."""
        return any(line.unit for line in self.lines)


def history(
    session: Session, resolution: Resolution, code: str | None, year: int | None, lang: Lang
) -> History:
    """Every revision, the committee's and the units', oldest first within each (target, year,
    unit), of one target and one year if given."""
    target = find_target(session, resolution, code) if code else None
    if year is not None:
        check_year(resolution, year)
    rows = store.revisions_with_units(session, resolution.id, target.code if target else None, year)
    zone = current_zone()
    lines = [
        HistoryLine(
            code_label(t.code, t.source_kind == "inferred"),
            unit.code if unit is not None else "",
            entry.year,
            entry.revision,
            figure_words(entry.figure, Measure(t.measure), lang),
            entry.recorded_by,
            moment_text(entry.recorded_at, zone, lang),
            entry.reason or "",
            "; ".join(x for x in (entry.note, entry.source_document) if x),
        )
        for t, entry, unit in rows
    ]
    return History(lines)
