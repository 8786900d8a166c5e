"""Exporting the figures: the current figure of every (target, unit, year), or every revision,
as CSV, XLSX or JSON.

The CSV and XLSX files have the columns `tracker import` reads (code, unit, year, value,
numerator, denominator, provisional, note, source) followed by columns for people to read
(revision, recorded_by, recorded_at, reason, title, submitted_by), which an import ignores. A row of a unit's
figure names its unit (the committee's own figure has none), so an export of the current figures
imported into an empty database with the same config gives the same status.

Headers, the yes/no of `provisional` and the titles follow the language; numbers are written for
machines (a decimal point, full precision) unless `excel_vi` asks for what a Vietnamese-locale
spreadsheet reads as numbers (semicolons between cells, a decimal comma). JSON keeps its keys and
values whatever the language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tracker import clock, sheets, store
from tracker.errors import TrackerError
from tracker.evaluate import localized, moment_cell_format, printable
from tracker.i18n import DEFAULT_LANG, N_, Lang, _, current_zone, in_lang
from tracker.sheets import header_of, neutralised
from tracker.store import Resolution, Revision, Session, Target

FORMATS = ("csv", "xlsx", "json")
UnitCodes = dict[int | None, tuple[int, str]]  # unit id -> (its position, its code)
COLUMNS = (
    "code",
    "unit",
    "year",
    "value",
    "numerator",
    "denominator",
    "provisional",
    "note",
    "source",
    "revision",
    "recorded_by",
    "recorded_at",
    "reason",
    "title",
    "submitted_by",  # the unit account of a figure accepted from its submission (last: added in 0014)
)


RATING_COLUMNS = ("unit", "year", "level", "of", "revision", "recorded_by", "recorded_at", "reason")
QUOTA_COLUMNS = ("target", "year", "unit", "quota", "revision", "recorded_by", "recorded_at", "reason")
# A CSV or XLSX export puts the ratings and the quotas in files of their own beside the figures'
# (so-lieu.csv, so-lieu.ratings.csv, so-lieu.quotas.csv): what `tracker rate --from` and `tracker
# quota --from` read, and `tracker import` of the three files (or their folder) restores.
PARTS = {"ratings": RATING_COLUMNS, "quotas": QUOTA_COLUMNS}


@dataclass(frozen=True)
class Export:
    """The exported rows, in the order of the targets, then the years, then the revisions."""

    resolution: str
    revisions: bool
    rows: list[dict[str, Any]]
    lang: Lang = DEFAULT_LANG
    excel_vi: bool = False  # a CSV for a Vietnamese-locale spreadsheet: ";" and a decimal comma
    ratings: list[dict[str, Any]] = field(default_factory=list)  # the units' ratings, as rows
    quotas: list[dict[str, Any]] = field(default_factory=list)  # the units' quotas, as rows


def choose_format(chosen: str | None, out: Path | None) -> str:
    """The format asked for, else the one the output file's name says, else CSV."""
    name = (chosen or (out.suffix.lstrip(".") if out and out.suffix else "csv")).lower()
    if name not in FORMATS:
        message = _("unknown export format {name!r}; accepted: {accepted}")
        raise TrackerError(message.format(name=name, accepted=", ".join(FORMATS)))
    if name == "xlsx" and out is None:
        raise TrackerError(_("an xlsx export is a file: give --out FILE.xlsx"))
    return name


def collect(
    session: Session,
    resolution: Resolution,
    revisions: bool = False,
    lang: Lang = DEFAULT_LANG,
    excel_vi: bool = False,
) -> Export:
    """The current figures (the latest revision of each target, unit and year), or every
    revision: the committee's own figures (unit empty) and its units'. The current figures
    leave out the stored ones of a target that takes its figures from another (they do not
    count, and an import would refuse them); every revision keeps them."""
    codes: UnitCodes = {u.id: (u.position, u.code) for u in store.units_of(session, resolution.id)}
    if revisions:
        triples = [(t, e) for t, e, _unit in store.revisions_with_units(session, resolution.id)]
    else:
        # a target that takes its figures from another has none that count (kept, not exported)
        targets = {t.id: t for t in store.targets_of(session, resolution.id) if not t.figures_from}
        entries = store.current_entries(session, resolution.id)
        entries += store.current_unit_entries(session, resolution.id)
        triples = [(targets[e.target_id], e) for e in entries if e.target_id in targets]
        triples.sort(key=lambda pair: (pair[0].position, pair[1].year, _unit_order(pair[1], codes)))
    rows = [_row(target, entry, codes, lang) for target, entry in triples]
    ratings, quotas = (
        _ratings(session, resolution, revisions, codes),
        _quotas(session, resolution, revisions, codes),
    )
    return Export(resolution.code, revisions, rows, lang, excel_vi, ratings, quotas)


def _ratings(
    session: Session, resolution: Resolution, revisions: bool, codes: UnitCodes
) -> list[dict[str, Any]]:
    """The ratings that count (or every revision), in the units' order by year and kind."""
    found = store.rating_revisions(session, resolution.id)
    if not revisions:
        latest = {(r.unit_id, r.of, r.year): r for r in found}  # the highest revision comes last
        found = [r for r in found if latest[(r.unit_id, r.of, r.year)] is r]
    return [
        {
            "unit": codes.get(r.unit_id, (0, "?"))[1],
            "year": r.year,
            "of": r.of,
            "level": r.level,
            "revision": r.revision,
            "recorded_by": r.recorded_by,
            "recorded_at": _utc_text(r.recorded_at),
            "reason": r.reason,
        }
        for r in found
    ]


def _quotas(
    session: Session, resolution: Resolution, revisions: bool, codes: UnitCodes
) -> list[dict[str, Any]]:
    """The quotas that count (or every revision), by target, year and unit."""
    targets = {t.id: t.code for t in store.targets_of(session, resolution.id)}
    found = store.quota_revisions(session, resolution.id)
    if not revisions:
        latest = {(q.target_id, q.unit_id, q.year): q for q in found}  # the highest revision last
        found = [q for q in found if latest[(q.target_id, q.unit_id, q.year)] is q]
    return [
        {
            "code": targets.get(q.target_id, "?"),
            "unit": codes.get(q.unit_id, (0, "?"))[1],
            "year": q.year,
            "quota": q.value,
            "revision": q.revision,
            "recorded_by": q.recorded_by,
            "recorded_at": _utc_text(q.recorded_at),
            "reason": q.reason,
        }
        for q in found
    ]


def _utc_text(moment: datetime) -> str:
    """A stored moment as ISO text in UTC (SQLite hands back naive UTC values)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="seconds")


def _unit_order(entry: Revision, codes: UnitCodes) -> tuple[int, int]:
    """The committee's figure of a year first, then its units' in their order."""
    return (0, 0) if entry.unit_id is None else (1, codes.get(entry.unit_id, (0, ""))[0])


def _row(target: Target, entry: Revision, codes: UnitCodes, lang: Lang) -> dict[str, Any]:
    moment = entry.recorded_at if entry.recorded_at.tzinfo else entry.recorded_at.replace(tzinfo=UTC)
    found = entry.figure
    return {
        "code": target.code,
        "unit": codes[entry.unit_id][1] if entry.unit_id is not None else None,
        "year": entry.year,
        "value": int(found.value) if found.value.is_integer() else found.value,
        "numerator": found.numerator,
        "denominator": found.denominator,
        "provisional": found.provisional,
        "note": entry.note,
        "source": entry.source_document,
        "revision": entry.revision,
        "recorded_by": entry.recorded_by,
        "recorded_at": moment.astimezone(UTC).isoformat(timespec="seconds"),
        "reason": entry.reason,
        "title": localized(target.title, target.title_en, lang),
        "submitted_by": entry.submitted_by,
    }


def yes_no(flag: bool, lang: Lang) -> str:
    return in_lang(lang, "yes") if flag else in_lang(lang, "no")


def _cell(value: Any, export: Export) -> str:
    """A value for a CSV cell: empty for none, yes/no for the provisional flag, full precision
    numbers, and text that no spreadsheet opens as a formula or that could disturb a terminal."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value, export.lang)
    if isinstance(value, float):
        return repr(value).replace(".", ",") if export.excel_vi else repr(value)
    if isinstance(value, str):
        return neutralised(printable(value))
    return str(value)


def headers(lang: Lang) -> list[str]:
    return [header_of(column, lang) for column in COLUMNS]


def csv_text(export: Export, part: str = "figures") -> str:
    """One part of the export as CSV: "," between fields, or ";" for a Vietnamese-locale
    spreadsheet; a field holding a separator is quoted (`sheets.csv_text` says why)."""
    rows, columns = _part(export, part)
    header = [header_of(column, export.lang) for column in columns]
    lines = [header, *([_cell(row[c], export) for c in columns] for row in rows)]
    return sheets.csv_text(lines, ";" if export.excel_vi else ",")


def _part(export: Export, part: str) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    """The rows and columns of one part of an export: its figures, ratings or quotas."""
    if part == "ratings":
        return export.ratings, RATING_COLUMNS
    if part == "quotas":
        return [{**q, "target": q["code"]} for q in export.quotas], QUOTA_COLUMNS
    return export.rows, COLUMNS


def part_path(out: Path, part: str) -> Path:
    """Where a part of an export goes beside the figures' file: so-lieu.ratings.csv."""
    return out if part == "figures" else out.with_name(f"{out.stem}.{part}{out.suffix}")


def parts_of(export: Export) -> list[str]:
    """The parts an export to files writes: the figures, and the ratings and quotas it holds."""
    return ["figures", *(part for part in PARTS if _part(export, part)[0])]


def json_text(export: Export) -> str:
    document = {
        "resolution": export.resolution,
        "exported_at": clock.now().isoformat(timespec="seconds"),
        "revisions": export.revisions,
        "figures": export.rows,
        "ratings": export.ratings,
        "quotas": export.quotas,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


SHEET_NAMES = {"figures": N_("Figures"), "ratings": N_("Ratings"), "quotas": N_("Quotas")}


def write_xlsx(export: Export, path: Path, part: str = "figures") -> None:
    """Text as text cells (a note starting with "=" is never a formula), numbers as numbers, the
    moment of recording as a date cell in the configured time zone; laid out for reading and
    filtering (`sheets.write_table`)."""
    from openpyxl import Workbook

    rows, columns = _part(export, part)
    book = Workbook(write_only=True)
    name = SHEET_NAMES[part] if part != "figures" or not export.revisions else N_("Revisions")
    header = [header_of(column, export.lang) for column in columns]
    cells = [[_xlsx_cell(row[c], c, export.lang) for c in columns] for row in rows]
    sheets.write_table(book, in_lang(export.lang, name), header, cells, moment_cell_format(export.lang))
    sheets.save_workbook(book, path)


def _xlsx_cell(value: Any, column: str, lang: Lang) -> Any:
    if isinstance(value, bool):
        return yes_no(value, lang)
    if column == "recorded_at" and isinstance(value, str):  # ISO text in UTC, as CSV and JSON have it
        return datetime.fromisoformat(value).astimezone(current_zone()).replace(tzinfo=None)
    return printable(value) if isinstance(value, str) else value


def write_export(export: Export, fmt: str, out: Path | None) -> str | None:
    """Write the export to `out` (CSV with a BOM, so Excel reads the diacritics; a CSV or XLSX
    export's ratings and quotas in files of their own beside it, see part_path), or return its
    text for standard output when there is no file (a CSV's figures alone; with a BOM for a
    Vietnamese-locale spreadsheet, which is meant to be opened by a double click)."""
    from tracker.files import write_all_atomic

    if out is None:
        if fmt == "json":
            return json_text(export)
        return ("\ufeff" if export.excel_vi else "") + csv_text(export)  # a double click reads the BOM
    if fmt == "json":
        written: list[tuple[Path, str | bytes]] = [(out, json_text(export))]
    elif fmt == "csv":
        written = [(part_path(out, part), "\ufeff" + csv_text(export, part)) for part in parts_of(export)]
    else:
        for part in parts_of(export):
            write_xlsx(export, part_path(out, part), part)
        return None
    write_all_atomic(written, replace=True)
    return None
