"""The workbook the units fill in: one row per target, an empty cell for the figure, with
Excel data validation, and instructions, all in the chosen language. `tracker import` reads it
back (its headers in either language)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.evaluate.wording import INFERRED_MARK, Lang, localized
from tracker.i18n import N_, in_lang
from tracker.services.exporting import yes_no
from tracker.services.workbook import column_letter, header_of
from tracker.services.xlsx_file import save_workbook

if TYPE_CHECKING:
    from tracker.services.entering import YearLine
    from tracker.store.tables import Resolution

TEMPLATE_COLUMNS = (  # (column, width); the first six are given, the others filled in
    ("code", 8),
    ("year", 8),
    ("title", 60),
    ("rule", 22),
    ("threshold", 12),
    ("last_year", 22),
    ("value", 18),
    ("numerator", 12),
    ("denominator", 12),
    ("provisional", 12),
    ("note", 30),
    ("source", 20),
)
INSTRUCTIONS = (
    N_("How to fill in the figures of {year}"),
    "",
    N_("1. Sheet «{sheet}»: each row is one target of {resolution}."),
    N_("   Do not change the columns {given}; do not rename the columns,"),
    N_("   and insert no row above the header (row 1)."),
    N_("2. Type the figure of {year} in the column «{value}»:"),
    N_("   - a share (%): a number from 0 to 100, without the percent sign, e.g. 90,5;"),
    N_("   - a count (members...): a whole number, e.g. 1200."),
    N_("3. A share is best given as its counts: «{numerator}» and «{denominator}»,"),
    N_("   e.g. 38 of 42 agencies and units; the column «{value}» may then stay empty."),
    N_("4. An estimate (not yet official): write «{yes}» in the column «{provisional}»."),
    N_("5. Notes and the source document (e.g. 25-BC/ĐUK) go in the columns «{note}» and «{source}»."),
    N_("6. No figure yet: leave the row empty; it is skipped."),
    N_("7. Save the file as .xlsx and send it back to the Party committee's office."),
    "",
    N_("The office imports the file with: tracker import <file name>.xlsx"),
)
INFERRED_NOTE = N_("Inferred target, to be confirmed against the resolution's text")


def template_headers(year: int, lang: Lang) -> list[str]:
    """ "số liệu (2024)", "số liệu năm trước (2023)": the years in brackets, which an import
    ignores when it reads the header."""
    years = {"value": f" ({year})", "last_year": f" ({year - 1})"}
    return [header_of(column, lang) + years.get(column, "") for column, _width in TEMPLATE_COLUMNS]


def write_template(
    path: Path, resolution: Resolution, year: int, lines: Sequence[YearLine], lang: Lang
) -> None:
    """Write the workbook for `year`: sheet «Số liệu» (header in row 1) and «Hướng dẫn»."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = in_lang(lang, "Figures")
    sheet.append(template_headers(year, lang))
    for index, (_column, width) in enumerate(TEMPLATE_COLUMNS):
        sheet.column_dimensions[column_letter(index)].width = width
        sheet.cell(row=1, column=index + 1).font = Font(bold=True)
    grey = PatternFill("solid", fgColor="EEEEEE")
    for line in lines:
        t = line.target
        title = localized(t.title, t.title_en, lang) + (f" {INFERRED_MARK}" if line.inferred else "")
        sheet.append([t.code, year, title, line.rule, t.threshold, line.words(line.previous), None])
        for index in range(6):
            cell = sheet.cell(row=sheet.max_row, column=index + 1)
            cell.fill = grey
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a title starting with "=" stays text, never a formula
    sheet.freeze_panes = "C2"
    _add_validation(sheet, lines, lang)
    notes = book.create_sheet(in_lang(lang, "Instructions"))
    for text in _instructions(resolution, year, lang, sheet.title):
        notes.append([text])
    if any(line.inferred for line in lines):
        notes.append([""])
        notes.append([f"{INFERRED_MARK} {in_lang(lang, INFERRED_NOTE)}"])
    notes.column_dimensions["A"].width = 100
    save_workbook(book, path)


def _instructions(resolution: Resolution, year: int, lang: Lang, sheet: str) -> list[str]:
    names = {column: header_of(column, lang) for column, _width in TEMPLATE_COLUMNS}
    given = ", ".join(names[column] for column, _width in TEMPLATE_COLUMNS[:6])
    words = {
        **names,
        "year": year,
        "sheet": sheet,
        "given": given,
        "yes": yes_no(True, lang),
        "resolution": localized(resolution.title, resolution.title_en, lang),
    }
    return [in_lang(lang, text).format(**words) if text else "" for text in INSTRUCTIONS]


def _add_validation(sheet: Any, lines: Sequence[YearLine], lang: Lang) -> None:
    """Excel checks the cells as they are typed: 0-100 for a share, a whole number for a count."""
    from openpyxl.worksheet.datavalidation import DataValidation

    share = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
    share.error = in_lang(lang, "A share is a number from 0 to 100 (without the percent sign), e.g. 90,5")
    share.prompt = in_lang(
        lang, "Share %: a number from 0 to 100, or the counts in the two columns to the right"
    )
    count = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    count.error = count.prompt = in_lang(lang, "A whole number of at least 0, e.g. 1200")
    counts = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    counts.error = counts.prompt = in_lang(
        lang, "Counts: whole numbers of at least 0 (the numerator no larger than the denominator)"
    )
    yes, no = yes_no(True, lang), yes_no(False, lang)
    flag = DataValidation(type="list", formula1=f'"{yes},{no}"')
    flag.error = flag.prompt = in_lang(lang, "Write «{yes}» when the figure is an estimate").format(yes=yes)
    for rule in (share, count, counts, flag):
        rule.showErrorMessage = rule.showInputMessage = rule.allow_blank = True
        rule.errorTitle = rule.promptTitle = in_lang(lang, "Figures")
        sheet.add_data_validation(rule)
    for row, line in enumerate(lines, start=2):
        if line.target.measure == "share":
            share.add(f"G{row}")
            counts.add(f"H{row}:I{row}")
        else:
            count.add(f"G{row}")
        flag.add(f"J{row}")
