"""A status table's cells in words, the same on every face (the terminal's `tracker status`,
the portal's dashboard): a year's figure with its marks, and a target's status with its own."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.evaluate import figure_words
from tracker.i18n import N_, in_lang, in_lang_ctx
from tracker.status._targets import TargetStatus

FIGURE, PARTIAL, MISSING, EMPTY = "figure", "partial", "missing", "empty"


@dataclass(frozen=True)
class YearCell:
    """What a year's cell of a target says, and which kind of cell it is (FIGURE; PARTIAL, a
    roll-up of only some units; MISSING, an elapsed year without a figure; EMPTY)."""

    text: str
    kind: str


def year_cell(row: TargetStatus, year: int, with_counts: bool = False) -> YearCell:
    """ "90,5%*" (an estimate), "41 (tổng hợp từ 3/26 đơn vị)", "thiếu" or nothing."""
    found = row.figures.get(year)
    if found is None:
        if year in row.assessment.missing_years:
            return YearCell(in_lang_ctx(row.lang, "cell", "missing"), MISSING)
        return YearCell("", EMPTY)
    text = figure_words(
        found.figure, row.measure, row.lang, counts=with_counts, estimate=False, against=row.against
    )
    text += "*" if found.figure.provisional else ""
    if found.partial:  # not yet the committee's figure
        return YearCell(f"{text} ({row.coverage_text(year)})", PARTIAL)
    return YearCell(text, FIGURE)


def status_cell(row: TargetStatus) -> str:
    """The status word, marked "! " when the status needs attention."""
    return ("! " if row.assessment.flagged else "") + row.status_text


def figure_source(row: TargetStatus, year: int) -> str:
    """Where a year's figure comes from when the committee recorded none, in words: "từ xếp
    loại" (a target counted from ratings) or "tổng hợp từ đơn vị"; "" for the committee's own."""
    found = row.figures.get(year)
    if found is None or not found.rolled_up:
        return ""
    return in_lang(row.lang, N_("from ratings") if row.target.rating_of else N_("from units"))


def counted_figure(row: TargetStatus, year: int) -> str:
    """A year's figure that status and the report count where the committee recorded none, with
    where it comes from: "66,67% (2/3) (từ xếp loại)"; "" when the committee recorded it."""
    source = figure_source(row, year)
    return f"{year_cell(row, year, with_counts=True).text} ({source})" if source else ""
