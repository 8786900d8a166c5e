"""`tracker template YEAR --units`: one workbook per unit expected to report that year, each with
its own rows and last year's figures, named by the unit's code (`2024-SYT.xlsx`).

A unit's workbook speaks to the unit: a count target shows the quota the unit was given for the
year ("chỉ tiêu giao: 12"), not the committee's target (750 over the term), or says that none
was given; a share target says what its two counts are ("cột số đạt: số CBCCVC, NLĐ hoàn thành tốt
nhiệm vụ; cột tổng số: tổng số người"); the unit's sheet gives the deadline (thời hạn) and the
sender block (Người lập biểu; T/M Chi ủy or Đảng ủy, Bí thư). The deadline is the day the
config's reminder (`schedules:` of `kind: reminder`, its `after: MM-DD`) starts to chase the
year's figures, in the next year; without a reminder there is no deadline line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from tracker import store
from tracker.config import ScheduleConfig
from tracker.evaluate import Measure, exists_in, figure, localized
from tracker.i18n import N_, Lang, _, in_lang
from tracker.progress import Progress
from tracker.records import YearLine, unit_year_lines
from tracker.store import Resolution, Revision, Session, Unit
from tracker.transfer._template import UnitSheet, write_template

QUOTA_GIVEN = N_("quota given: {quota}")
NO_QUOTA = N_("no quota given: write what was done")
SHARE_COUNTS = N_("{rule}; numerator: number of {what}; denominator: total number of {whole}")


@dataclass(frozen=True)
class UnitWorkbook:
    """One unit's workbook: where it goes, its rows, and what its unit's sheet says."""

    unit: Unit
    path: Path
    lines: list[YearLine]
    thresholds: dict[str, float | None] = field(default_factory=dict)  # code -> the unit's own
    deadline: date | None = None


def reporting_deadline(schedules: Sequence[ScheduleConfig], resolution: str, year: int) -> date | None:
    """When the figures of `year` are due: the first day a reminder of the resolution chases
    them (its `after`, in the next year); None when no reminder is configured."""
    days = [
        date(year + 1, *(int(part) for part in s.after.split("-")))
        for s in schedules
        if s.kind == "reminder" and s.resolution in (None, resolution)
    ]
    return min(days, default=None)


def unit_workbooks(
    session: Session,
    resolution: Resolution,
    year: int,
    folder: Path,
    lang: Lang,
    deadline: date | None = None,
) -> list[UnitWorkbook]:
    """The workbook of each unit that exists in `year`, in the units' order: the targets that
    take units' figures, each with the unit's own figures of last year and this year, and the
    unit's quota of a count target."""
    lines = unit_year_lines(session, resolution, year, lang)
    units = [u for u in store.units_of(session, resolution.id) if exists_in(year, u.from_year, u.to_year)]
    figures: dict[tuple[int, int | None, int], Revision] = {
        (e.target_id, e.unit_id, e.year): e
        for e in store.current_unit_entries(session, resolution.id)
        if e.year in (year - 1, year)
    }
    quotas = {
        (q.target_id, q.unit_id): q.value
        for q in store.current_quotas(session, resolution.id)
        if q.year == year
    }
    found = []
    for unit in units:
        own = [
            _for_unit(
                replace(
                    line,
                    previous=figures.get((line.target.id, unit.id, year - 1)),
                    current=figures.get((line.target.id, unit.id, year)),
                ),
                quotas.get((line.target.id, unit.id)),
            )
            for line in lines
        ]
        thresholds = {
            line.target.code: _threshold(line, quotas.get((line.target.id, unit.id))) for line in lines
        }
        found.append(UnitWorkbook(unit, folder / workbook_name(year, unit.code), own, thresholds, deadline))
    return found


def _for_unit(line: YearLine, quota: int | None) -> YearLine:
    """The line as the unit reads it: its quota, or what a share's two counts are."""
    lang, target = line.lang, line.target
    if line.measure is Measure.COUNT:
        if quota is None:
            return replace(line, rule=in_lang(lang, NO_QUOTA))
        return replace(line, rule=in_lang(lang, QUOTA_GIVEN).format(quota=figure(quota, Measure.COUNT, lang)))
    what = localized(target.short_title or target.title, target.short_title_en or target.title_en, lang)
    whole = localized(target.unit, target.unit_en, lang)
    return replace(line, rule=in_lang(lang, SHARE_COUNTS).format(rule=line.rule, what=what, whole=whole))


def _threshold(line: YearLine, quota: int | None) -> float | None:
    """What the unit's own figure is judged against: its quota for a count (none without one),
    the committee's threshold for a share."""
    return (
        float(quota)
        if quota is not None
        else (None if line.measure is Measure.COUNT else line.target.threshold)
    )


def workbook_name(year: int, code: str) -> str:
    return f"{year}-{code}.xlsx"


def write_unit_workbooks(
    resolution: Resolution, year: int, books: Sequence[UnitWorkbook], lang: Lang, progress: Progress
) -> None:
    """Write every unit's workbook (each to a temporary name, then renamed to its own)."""
    progress.begin(_("workbooks of the units for {year}").format(year=year), len(books))
    for book in books:
        sheet = UnitSheet(book.unit, book.thresholds, book.deadline)
        write_template(book.path, resolution, year, book.lines, lang, sheet)
        progress.advance(1)
