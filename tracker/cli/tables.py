"""Rich tables for the terminal. Status words are always written out, so the tables read
the same without colour (NO_COLOR, a pipe, a black-and-white printout)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from tracker.evaluate import Status, localized, printable
from tracker.i18n import N_, Lang, in_lang, in_lang_ctx

if TYPE_CHECKING:
    from rich.panel import Panel

    from tracker.records import History
    from tracker.status import StatusView, TargetStatus

STYLES = {
    Status.MET: "bold green",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "bold yellow",
    Status.OFF_TRACK: "bold red",
    Status.MISSED: "bold white on red",
    Status.NO_DATA: "dim",
    Status.INCOMPLETE: "bold magenta",
}

HEADERS: dict[str, str] = {  # the words of the tables, read in the table's language
    "code": N_("Code"),
    "target": N_("Target"),
    "rule": N_("Rule"),
    "status": N_("Status"),
    "why": N_("Why"),
    "legend": N_("* provisional; ! needs attention; missing: elapsed year without a figure"),
    "as_of": N_("as of"),
    "source": N_("Source"),
    "quoted": N_("quoted"),
    "inferred": N_("INFERRED, to be confirmed"),
    "year": N_("Year"),
    "figure": N_("Figure"),
    "revision": N_("Revision"),
    "percent": N_("Of target"),
}
HISTORY_HEADS = (
    N_("Code"), N_("Year"), N_("Rev."), N_("Figure"), N_("By"), N_("When"), N_("Reason"), N_("Note, source"),
)  # fmt: skip


def headers(lang: Lang) -> dict[str, str]:
    words = {key: in_lang(lang, text) for key, text in HEADERS.items()}
    return words | {"missing": in_lang_ctx(lang, "cell", "missing")}


CELL_STYLES = {"missing": "red", "partial": "magenta"}  # the kinds of tracker.status.YearCell


def status_text(row: TargetStatus) -> Text:
    from tracker.status import status_cell

    return Text(status_cell(row), style=STYLES[row.assessment.status])


def cell(row: TargetStatus, year: int, with_counts: bool = False) -> Text:
    """A year's figure with its marks: "90,5%*", "41 (tổng hợp từ 3/26 đơn vị)", "thiếu"."""
    from tracker.status import year_cell

    found = year_cell(row, year, with_counts)
    return Text(found.text, style=CELL_STYLES.get(found.kind, ""))


def source_cell(row: TargetStatus, year: int) -> str:
    """Where a year's figure comes from: the committee's revision number, or its units' roll-up
    ("từ đơn vị"; a rating target's "từ xếp loại")."""
    from tracker.status import figure_source

    found = row.figures.get(year)
    if found is None:
        return ""
    return figure_source(row, year) or str(found.revision)


def title_of(view: StatusView) -> str:
    words = headers(view.lang)
    r = view.resolution
    title = localized(r.title, r.title_en, view.lang)
    return f"{title}\n{r.body} — {words['as_of']} {view.as_of}"


WIDE = 150  # columns needed for one column per year and the explanation beside them


def status_table(view: StatusView, width: int = WIDE) -> Table:
    """The status of every target: one column per year on a wide terminal, stacked when narrow."""
    words = headers(view.lang)
    table = Table(title=title_of(view), caption=words["legend"], show_lines=True)
    if any(row.inferred for row in view.targets):
        table.caption = f"{words['legend']}; † {words['inferred']}"
    table.add_column(words["code"], no_wrap=True)
    if width < WIDE:
        table.add_column(f"{words['target']} · {words['why']}", ratio=1)
        table.add_column(words["status"], no_wrap=True)
        for row in view.targets:
            table.add_row(_code(row), _stacked(row, view), status_text(row))
        return table
    table.add_column(words["target"], ratio=2, min_width=14)
    table.add_column(words["rule"], min_width=10)
    for year in view.resolution.years:
        table.add_column(str(year), justify="right", no_wrap=True)
    table.add_column(words["status"], no_wrap=True)
    table.add_column(words["why"], ratio=4, min_width=24)
    for row in view.targets:
        years = (cell(row, y) for y in view.resolution.years)
        table.add_row(_code(row), row.short_title, row.rule_text, *years, status_text(row), row.explanation)
    return table


def _code(row: TargetStatus) -> str:
    return row.label


def _stacked(row: TargetStatus, view: StatusView) -> Text:
    """Title and rule, the figures of the elapsed years on one line, then the explanation."""
    figures = Text()
    for year in (y for y in view.resolution.years if y <= view.as_of):
        if figures:
            figures.append(" · ")
        figures.append(f"{year}: ").append_text(cell(row, year))
    text = Text.assemble((row.short_title, "bold"), f" ({row.rule_text})\n")
    return text.append_text(figures).append(f"\n{row.explanation}")


def source_words(row: TargetStatus, words: dict[str, str]) -> str:
    """Where a target's words come from: "theo Điện Biên TV, 18/08/2020" for words quoted from
    a press report, "SUY LUẬN, cần xác nhận" for an inferred target."""
    if row.inferred:
        return words["inferred"]
    return row.quoted_from or words["quoted"]


def target_detail(row: TargetStatus, view: StatusView) -> Panel:
    """One target in full: title, rule, source, every year's figure, status and why."""
    from rich.console import Group
    from rich.panel import Panel

    words = headers(view.lang)
    t = row.target
    said = row.why if row.inferred else (t.source_wording or "")
    source = f"{words['source']}: {source_words(row, words)}: {said}"
    if row.inferred and t.source_reference:
        source += f" ({t.source_reference})"
    years = Table(show_header=True, box=None)
    years.add_column(words["year"])
    years.add_column(words["figure"], justify="right")
    years.add_column(words["revision"], justify="right")
    for year in view.resolution.years:
        years.add_row(str(year), cell(row, year, with_counts=True), source_cell(row, year))
    percent = [Text(f"{words['percent']}: {row.percent_text}")] if row.percent_text else []
    lines = Group(
        Text(row.title, style="bold"),
        Text(f"{words['rule']}: {row.rule_text}"),
        Text(source),
        years,
        Text.assemble(f"{words['status']} ({words['as_of']} {view.as_of}): ", status_text(row)),
        *percent,
        Text(row.explanation),
    )
    return Panel(lines, title=row.label, expand=False)


def targets_table(view: StatusView) -> Table:
    words = headers(view.lang)
    table = Table(title=title_of(view).split("\n")[0], show_lines=True)
    table.add_column(words["code"], no_wrap=True)
    table.add_column(words["target"], ratio=3)
    table.add_column(words["rule"])
    table.add_column(words["source"])
    for row in view.targets:
        table.add_row(row.label, row.title, row.rule_text, source_words(row, words))
    return table


def history_table(found: History, lang: Lang) -> Table:
    """Every revision; a Unit column after the code when any of them is a unit's figure."""
    table = Table(show_lines=False)
    for head in HISTORY_HEADS:  # a date is never cut ("28/11/20…"): it wraps after the time
        table.add_column(in_lang(lang, head), min_width=10 if head is HISTORY_HEADS[5] else None)
        if found.with_units and head is HISTORY_HEADS[0]:
            table.add_column(in_lang(lang, N_("Unit")))
    for line in found.lines:
        cells: list[str | Text] = [line.code, line.unit] if found.with_units else [line.code]
        table.add_row(
            *cells,
            str(line.year),
            str(line.revision),
            line.figure,
            _typed(line.by),
            line.at,
            _typed(line.reason),
            _typed(line.note),
        )
    return table


def _typed(value: str) -> Text:
    """What a person typed, shown as it is: never read as Rich markup ("[red]"), and without
    control characters that would drive the terminal."""
    return Text(printable(value))
