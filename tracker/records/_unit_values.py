"""A unit's own figures of a year as one batch: the lines a unit is expected on (its workbook's,
its portal form's), a typed value checked as `tracker record --unit` checks it, and the figures
of an accepted submission stored through the one ledger, naming their author.

Used by `template --units` (tracker/transfer) and by the portal's submissions (tracker/submissions),
so that the workbook, the form and the command line never disagree on what a unit reports."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from tracker import store
from tracker.i18n import Lang
from tracker.records._entering import YearLine, year_lines
from tracker.records._ledger import Decided, Ledger, Outcome
from tracker.records._record import FigureRequest, check_parts, figure_row
from tracker.records._revisions import FigureKind, FigureRow, checked_author
from tracker.store import Resolution, Revision, Session, Target, Unit


def takes_unit_figures(target: Target) -> bool:
    """Whether units report a figure of their own for the target: not a target counted from
    the units' ratings (`tracker rate` records those), which is left out of their workbooks."""
    return target.rating_of is None


def unit_year_lines(session: Session, resolution: Resolution, year: int, lang: Lang) -> list[YearLine]:
    """The lines every unit is expected on in `year` (without its own figures): the targets that
    take figures of their own (year_lines) and take units' figures (takes_unit_figures)."""
    lines = year_lines(session, resolution, year, lang, counted=False)  # a unit reads its own
    return [line for line in lines if takes_unit_figures(line.target)]


def unit_value_row(
    session: Session,
    resolution: Resolution,
    unit: Unit,
    year: int,
    target: Target | str,
    typed: tuple[str, str | None, str | None],
    by: str,
) -> FigureRow:
    """A unit's typed figure (text, note, source) of a target (or of the code a person typed) as
    `tracker record --unit` reads it: the row it would store, or a TrackerError with its very
    message. The unit and the target are the ones found already: a form has many values."""
    text, note, source = typed
    code = target if isinstance(target, str) else target.code
    request = FigureRequest(code, year, text, by, note or None, source or None, unit=unit.code)
    known = None if isinstance(target, str) else target
    return figure_row(session, resolution, request, target=known, unit=unit)[0]


class SubmittedFigureKind(FigureKind):
    """Figures of an accepted submission: stored as every unit's figure is, with the unit
    account that submitted them named as their author."""

    def __init__(self, targets: Sequence[Target], submitted_by: str):
        super().__init__(targets)
        self.submitted_by = submitted_by

    def write(
        self,
        session: Session,
        stored: Sequence[Decided[FigureRow, Revision]],
        reason: str | None,
        by: str,
        now: datetime,
    ) -> list[dict[str, Any]]:
        written = super().write(session, stored, reason, by, now)
        keys = {(w["target_id"], w["unit_id"], w["year"], w["revision"]) for w in written}
        store.mark_submitted_by(session, keys, self.submitted_by)
        return [w | {"submitted_by": self.submitted_by} for w in written]


def store_submitted(
    session: Session,
    resolution: Resolution,
    rows: Sequence[FigureRow],
    *,
    by: str,
    submitted_by: str,
    now: datetime,
    between: Callable[[], None] = lambda: None,
) -> Counter[Outcome]:
    """Store a unit's figures one after the other through the ledger (a row over a different
    figure is a correction: its own `reason`), recorded by `by`, written by `submitted_by`;
    `between` runs after each row. Returns how many were new, changed and unchanged."""
    by, _reason = checked_author(by, False, None, many=True)
    targets = list({row.target_id: row.target for row in rows}.values())
    ledger = Ledger(session, SubmittedFigureKind(targets, submitted_by), by, now)
    for row in rows:
        ledger.take_one(row)
        between()
    check_parts(session, resolution, list(rows))
    return ledger.counts
