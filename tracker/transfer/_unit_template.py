"""`tracker template YEAR --units`: one workbook per unit expected to report that year, each with
its own rows and last year's figures, named by the unit's code (`2024-SYT.xlsx`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from tracker import store
from tracker.evaluate import exists_in
from tracker.i18n import Lang, _
from tracker.progress import Progress
from tracker.records import YearLine, year_lines
from tracker.store import Resolution, Revision, Session, Target, Unit
from tracker.transfer._template import write_template


@dataclass(frozen=True)
class UnitWorkbook:
    """One unit's workbook: where it goes, and its rows."""

    unit: Unit
    path: Path
    lines: list[YearLine]


def takes_unit_figures(target: Target) -> bool:
    """Whether units report a figure of their own for the target: not a target counted from
    the units' ratings (`tracker rate` records those), which is left out of their workbooks."""
    return target.rating_of is None


def unit_workbooks(
    session: Session, resolution: Resolution, year: int, folder: Path, lang: Lang
) -> list[UnitWorkbook]:
    """The workbook of each unit that exists in `year`, in the units' order: the targets that
    take units' figures, each with the unit's own figures of last year and this year."""
    lines = [line for line in year_lines(session, resolution, year, lang) if takes_unit_figures(line.target)]
    units = [u for u in store.units_of(session, resolution.id) if exists_in(year, u.from_year, u.to_year)]
    figures: dict[tuple[int, int | None, int], Revision] = {
        (e.target_id, e.unit_id, e.year): e
        for e in store.current_unit_entries(session, resolution.id)
        if e.year in (year - 1, year)
    }
    found = []
    for unit in units:
        own = [
            replace(
                line,
                previous=figures.get((line.target.id, unit.id, year - 1)),
                current=figures.get((line.target.id, unit.id, year)),
            )
            for line in lines
        ]
        found.append(UnitWorkbook(unit, folder / workbook_name(year, unit.code), own))
    return found


def workbook_name(year: int, code: str) -> str:
    return f"{year}-{code}.xlsx"


def write_unit_workbooks(
    resolution: Resolution, year: int, books: Sequence[UnitWorkbook], lang: Lang, progress: Progress
) -> None:
    """Write every unit's workbook (each to a temporary name, then renamed to its own)."""
    progress.begin(_("workbooks of the units for {year}").format(year=year), len(books))
    for book in books:
        write_template(book.path, resolution, year, book.lines, lang, book.unit)
        progress.advance(1)
