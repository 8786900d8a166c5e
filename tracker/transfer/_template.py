"""The workbook the units fill in: one row per target, an empty cell for the figure, with
Excel data validation, and instructions, all in the chosen language. `tracker import` reads it
back (its headers in either language).

A unit's workbook (`tracker template --units`) also has the unit's code in a column of every row,
its name and code in the title lines and on a sheet of their own, whose code cell the defined
name TRACKER_UNIT points to (and a document property of that name): an import knows whose
workbook it is, even after Excel or LibreOffice saved it again."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.evaluate import INFERRED_MARK, localized, short_date
from tracker.i18n import N_, Lang, in_lang
from tracker.sheets import UNIT_MARK, column_letter, header_of, save_workbook
from tracker.transfer._export import yes_no

if TYPE_CHECKING:
    from tracker.records import YearLine
    from tracker.store import Resolution, Unit

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
GIVEN = 6  # the first columns, filled in by the template
# A unit's workbook: its unit's code in a column of every row, after the target's code.
UNIT_TEMPLATE_COLUMNS = (TEMPLATE_COLUMNS[0], ("unit", 10), *TEMPLATE_COLUMNS[1:])
# A unit's workbook: how its figures are typed (instead of steps 2 and 3), and whose it is.
UNIT_FIGURES = (
    N_("2. Type the figure of {year}: a count (members...) in the column «{value}», e.g. 1200;"),
    N_("3. a share (%) only as its counts, «{numerator}» and «{denominator}», e.g. 38 of 42 agencies:"),
    N_("   the committee's share adds up the units' counts (the column «{value}» stays empty)."),
)
UNIT_OWNER = N_("8. This workbook belongs to the unit {code} ({name}): do not change the column «{unit}».")
# A unit's workbook: where and by when it goes back, and who signs it (instead of steps 7 and the
# office's own note on importing it).
UNIT_SEND = N_("7. Save the file as .xlsx and send it back to the Party committee's office by {deadline}.")
UNIT_SIGN = N_(
    "9. On the sheet «{sheet}», the person who drew up the figures and the unit's secretary sign "
    "(a scan of the signed page goes with the file)."
)
# The sender block of a unit's sheet: who drew the figures up, and the committee that sends them.
SENDER = (N_("PREPARED BY"), N_("(signature and full name)"))
SIGNER_CHI_BO = N_("ON BEHALF OF THE BRANCH COMMITTEE")
SIGNER_DANG_BO = N_("ON BEHALF OF THE PARTY COMMITTEE")
SECRETARY = (N_("SECRETARY"), N_("(signature, seal and full name)"))
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


@dataclass(frozen=True)
class UnitSheet:
    """What a unit's workbook adds: whose it is, what its own figure is judged against (its
    quota, or the committee's threshold for a share: code -> value, None for neither), and the
    deadline (None: not configured)."""

    unit: Unit
    thresholds: Mapping[str, float | None] = field(default_factory=dict)
    deadline: date | None = None


def template_headers(
    year: int, lang: Lang, columns: Sequence[tuple[str, int]] = TEMPLATE_COLUMNS
) -> list[str]:
    """ "số liệu (2024)", "số liệu năm trước (2023)": the years in brackets, which an import
    ignores when it reads the header."""
    years = {"value": f" ({year})", "last_year": f" ({year - 1})"}
    return [header_of(column, lang) + years.get(column, "") for column, _width in columns]


def write_template(
    path: Path,
    resolution: Resolution,
    year: int,
    lines: Sequence[YearLine],
    lang: Lang,
    of_unit: UnitSheet | None = None,
) -> None:
    """Write the workbook for `year` (the committee's, or one unit's): sheet «Số liệu» (header
    in row 1) and «Hướng dẫn», and for a unit the sheet «Đơn vị»."""
    from openpyxl import Workbook

    unit = of_unit.unit if of_unit else None
    columns = TEMPLATE_COLUMNS if unit is None else UNIT_TEMPLATE_COLUMNS
    book = Workbook()
    sheet = book.active
    sheet.title = in_lang(lang, "Figures")
    _fill_rows(sheet, year, lines, lang, columns, of_unit)
    _add_validation(sheet, lines, lang, columns, unit is not None)
    notes = book.create_sheet(in_lang(lang, "Instructions"))
    for text in _instructions(resolution, year, lang, sheet.title, of_unit):
        notes.append([text])
    if any(line.inferred for line in lines):
        notes.append([""])
        notes.append([f"{INFERRED_MARK} {in_lang(lang, INFERRED_NOTE)}"])
    notes.column_dimensions["A"].width = 100
    if of_unit is not None:
        _mark_unit(book, of_unit, year, lang)
    save_workbook(book, path)


def _fill_rows(
    sheet: Any,
    year: int,
    lines: Sequence[YearLine],
    lang: Lang,
    columns: Sequence[tuple[str, int]],
    of_unit: UnitSheet | None,
) -> None:
    """The header and one row per target, the given columns shaded; in a unit's workbook the
    threshold column holds what the unit's own figure is judged against."""
    from openpyxl.styles import Alignment, Font, PatternFill

    unit = of_unit.unit if of_unit else None

    sheet.append(template_headers(year, lang, columns))
    for index, (_column, width) in enumerate(columns):
        sheet.column_dimensions[column_letter(index)].width = width
        sheet.cell(row=1, column=index + 1).font = Font(bold=True)
    grey = PatternFill("solid", fgColor="EEEEEE")
    given = GIVEN + (unit is not None)
    for line in lines:
        t = line.target
        # a unit reads the target's short title: the committee's wording carries the committee's figures
        words = localized(t.title, t.title_en, lang) if unit is None else line.short_title
        title = words + (f" {INFERRED_MARK}" if line.inferred else "")
        threshold = of_unit.thresholds.get(t.code, t.threshold) if of_unit else t.threshold
        row = [t.code, year, title, line.rule, threshold, line.previous_words, None]
        sheet.append(row if unit is None else [t.code, unit.code, *row[1:]])
        if unit is not None:  # the unit's rule says what its counts are: wrapped, not cut
            sheet.cell(row=sheet.max_row, column=5).alignment = Alignment(wrap_text=True, vertical="top")
        for index in range(given):
            cell = sheet.cell(row=sheet.max_row, column=index + 1)
            cell.fill = grey
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a title starting with "=" stays text, never a formula
        if unit is not None and line.measure.value == "share":  # a unit's share: its counts only
            sheet.cell(row=sheet.max_row, column=given + 1).fill = grey
    sheet.freeze_panes = f"{column_letter(given - 4)}2"


def _mark_unit(book: Any, of_unit: UnitSheet, year: int, lang: Lang) -> None:
    """The unit's own sheet (code, name, year, deadline, the sender block), the defined name
    TRACKER_UNIT on its code, and the document's properties: what an import reads to know whose
    workbook it is."""
    from openpyxl.packaging.custom import StringProperty
    from openpyxl.styles import Font
    from openpyxl.workbook.defined_name import DefinedName

    unit = of_unit.unit
    about = book.create_sheet(in_lang(lang, "Unit"))
    about.append([in_lang(lang, "Unit code"), unit.code])
    about.append([in_lang(lang, "Unit name"), unit.name])
    about.append([header_of("year", lang), year])
    if of_unit.deadline is not None:
        about.append([in_lang(lang, "Deadline"), short_date(of_unit.deadline, lang)])
    for row in about.iter_rows(min_col=1, max_col=1):
        row[0].font = Font(bold=True)
    for row in about.iter_rows(min_col=2, max_col=2):
        row[0].data_type = "s" if isinstance(row[0].value, str) else row[0].data_type
    _sender_block(about, unit, lang)
    about.column_dimensions["A"].width, about.column_dimensions["B"].width = 20, 60
    reference = f"{quote_sheetname(about.title)}!$B$1"
    book.defined_names[UNIT_MARK] = DefinedName(UNIT_MARK, attr_text=reference)
    book.custom_doc_props.append(StringProperty(name=UNIT_MARK, value=unit.code))
    book.properties.title = f"{unit.name} ({unit.code}): {year}"
    book.properties.subject = unit.code


def _sender_block(about: Any, unit: Unit, lang: Lang) -> None:
    """Under the unit's details: who drew the figures up (left) and the unit's committee, its
    secretary signing (right), with room to sign."""
    from openpyxl.styles import Alignment, Font

    signer = SIGNER_CHI_BO if unit.kind.startswith("chi-bo") else SIGNER_DANG_BO
    about.append([])
    first = about.max_row + 1
    for left, right in ((SENDER[0], signer), (SENDER[1], SECRETARY[0]), ("", SECRETARY[1])):
        about.append([in_lang(lang, left) if left else None, in_lang(lang, right)])
    for row in about.iter_rows(min_row=first, max_row=about.max_row):
        for cell in row:
            cell.alignment = Alignment(horizontal="center")
            cell.font = Font(
                bold=not str(cell.value or "").startswith("("), italic=str(cell.value or "").startswith("(")
            )


def quote_sheetname(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def _instructions(
    resolution: Resolution, year: int, lang: Lang, sheet: str, of_unit: UnitSheet | None
) -> list[str]:
    unit = of_unit.unit if of_unit else None
    columns = TEMPLATE_COLUMNS if unit is None else UNIT_TEMPLATE_COLUMNS
    names = {column: header_of(column, lang) for column, _width in columns}
    given = ", ".join(names[column] for column, _width in columns[: GIVEN + (unit is not None)])
    words = {
        **names,
        "year": year,
        "sheet": sheet,
        "given": given,
        "yes": yes_no(True, lang),
        "resolution": localized(resolution.title, resolution.title_en, lang),
    }
    if of_unit is None or unit is None:
        return [in_lang(lang, text).format(**words) if text else "" for text in INSTRUCTIONS]
    words |= {"code": unit.code, "name": unit.name}
    title = in_lang(lang, "Unit: {name} ({code})").format(**words)
    send = [INSTRUCTIONS[-3]]  # step 7, without a deadline
    if of_unit.deadline is not None:
        words["deadline"] = short_date(of_unit.deadline, lang)
        send = [UNIT_SEND]
    sign = in_lang(lang, UNIT_SIGN).format(sheet=in_lang(lang, "Unit"))
    texts = [*INSTRUCTIONS[:5], *UNIT_FIGURES, *INSTRUCTIONS[10:-3], *send, UNIT_OWNER]
    return [title, "", *(in_lang(lang, text).format(**words) if text else "" for text in texts), sign]


def _add_validation(
    sheet: Any, lines: Sequence[YearLine], lang: Lang, columns: Sequence[tuple[str, int]], of_unit: bool
) -> None:
    """Excel checks the cells as they are typed: 0-100 for a share, a whole number for a count;
    in a unit's workbook, nothing in the value of a share (a unit gives its counts)."""
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
    if of_unit:
        share = DataValidation(type="textLength", operator="equal", formula1="0")
        share.error = share.prompt = in_lang(
            lang, "A unit's share is given as its counts: fill in the two columns to the right"
        )
    yes, no = yes_no(True, lang), yes_no(False, lang)
    flag = DataValidation(type="list", formula1=f'"{yes},{no}"')
    flag.error = flag.prompt = in_lang(lang, "Write «{yes}» when the figure is an estimate").format(yes=yes)
    for rule in (share, count, counts, flag):
        rule.showErrorMessage = rule.showInputMessage = rule.allow_blank = True
        rule.errorTitle = rule.promptTitle = in_lang(lang, "Figures")
        sheet.add_data_validation(rule)
    at = {column: column_letter(index) for index, (column, _width) in enumerate(columns)}
    value, numerator, denominator, provisional = (
        at[c] for c in ("value", "numerator", "denominator", "provisional")
    )
    for row, line in enumerate(lines, start=2):
        if line.target.measure == "share":
            share.add(f"{value}{row}")
            counts.add(f"{numerator}{row}:{denominator}{row}")
        else:
            count.add(f"{value}{row}")
        flag.add(f"{provisional}{row}")
