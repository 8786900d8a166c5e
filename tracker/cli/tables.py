"""Rich tables for the terminal. Status words are always written out, so the tables read
the same without colour (NO_COLOR, a pipe, a black-and-white printout)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from tracker.evaluate import Measure, Status
from tracker.evaluate.text import printable
from tracker.evaluate.wording import PROVISIONAL, STATUS_WORDS, Lang, figure

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from rich.panel import Panel

    from tracker.services.status import Figure, StatusView, TargetStatus
    from tracker.store.tables import Entry, Target

STYLES = {
    Status.MET: "bold green",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "bold yellow",
    Status.OFF_TRACK: "bold red",
    Status.MISSED: "bold white on red",
    Status.NO_DATA: "dim",
}

HEADERS: dict[Lang, dict[str, str]] = {
    "vi": {
        "code": "Mã",
        "target": "Chỉ tiêu",
        "rule": "Yêu cầu",
        "status": "Đánh giá",
        "why": "Giải thích",
        "missing": "thiếu",
        "legend": "* dự ước; ! cần chú ý; thiếu: năm đã qua chưa có số liệu",
        "as_of": "tính đến năm",
        "source": "Nguồn",
        "quoted": "trích Nghị quyết",
        "inferred": "SUY LUẬN, cần xác nhận",
        "year": "Năm",
        "figure": "Số liệu",
        "revision": "Lần sửa",
    },
    "en": {
        "code": "Code",
        "target": "Target",
        "rule": "Rule",
        "status": "Status",
        "why": "Why",
        "missing": "missing",
        "legend": "* provisional; ! needs attention; missing: elapsed year without a figure",
        "as_of": "as of",
        "source": "Source",
        "quoted": "quoted",
        "inferred": "INFERRED, to be confirmed",
        "year": "Year",
        "figure": "Figure",
        "revision": "Revision",
    },
}


def status_text(row: TargetStatus) -> Text:
    status = row.assessment.status
    mark = "! " if row.assessment.flagged else ""
    return Text(mark + STATUS_WORDS[row.lang][status], style=STYLES[status])


def cell(row: TargetStatus, year: int, with_counts: bool = False) -> Text:
    found: Figure | None = row.figures.get(year)
    if found is None:
        if year in row.assessment.missing_years:
            return Text(HEADERS[row.lang]["missing"], style="red")
        return Text("")
    text = figure(found.value, row.measure, row.lang)
    if with_counts and found.denominator:
        text += f" ({found.numerator}/{found.denominator})"
    if found.provisional:
        text += "*"
    return Text(text)


def title_of(view: StatusView) -> str:
    words = HEADERS[view.lang]
    r = view.resolution
    title = r.title if view.lang == "vi" or not r.title_en else r.title_en
    return f"{title}\n{r.body} — {words['as_of']} {view.as_of}"


WIDE = 150  # columns needed for one column per year and the explanation beside them


def status_table(view: StatusView, width: int = WIDE) -> Table:
    """The status of every target: one column per year on a wide terminal, stacked when narrow."""
    words = HEADERS[view.lang]
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
    return row.code + (" †" if row.inferred else "")


def _stacked(row: TargetStatus, view: StatusView) -> Text:
    """Title and rule, the figures of the elapsed years on one line, then the explanation."""
    figures = Text()
    for year in (y for y in view.resolution.years if y <= view.as_of):
        if figures:
            figures.append(" · ")
        figures.append(f"{year}: ").append_text(cell(row, year))
    text = Text.assemble((row.short_title, "bold"), f" ({row.rule_text})\n")
    return text.append_text(figures).append(f"\n{row.explanation}")


def target_detail(row: TargetStatus, view: StatusView) -> Panel:
    """One target in full: title, rule, source, every year's figure, status and why."""
    from rich.console import Group
    from rich.panel import Panel

    words = HEADERS[view.lang]
    t = row.target
    source = words["inferred"] if row.inferred else words["quoted"]
    said = (t.source_why if row.inferred else t.source_wording) or ""
    years = Table(show_header=True, box=None)
    years.add_column(words["year"])
    years.add_column(words["figure"], justify="right")
    years.add_column(words["revision"], justify="right")
    for year in view.resolution.years:
        found = row.figures.get(year)
        years.add_row(str(year), cell(row, year, with_counts=True), str(found.revision) if found else "")
    lines = Group(
        Text(row.title, style="bold"),
        Text(f"{words['rule']}: {row.rule_text}"),
        Text(f"{words['source']}: {source}: {said} ({t.source_reference or '-'})"),
        years,
        Text.assemble(f"{words['status']} ({words['as_of']} {view.as_of}): ", status_text(row)),
        Text(row.explanation),
    )
    return Panel(lines, title=row.code, expand=False)


def targets_table(view: StatusView) -> Table:
    words = HEADERS[view.lang]
    table = Table(title=title_of(view).split("\n")[0], show_lines=True)
    table.add_column(words["code"], no_wrap=True)
    table.add_column(words["target"], ratio=3)
    table.add_column(words["rule"])
    table.add_column(words["source"])
    for row in view.targets:
        source = words["inferred"] if row.inferred else words["quoted"]
        table.add_row(row.code, row.title, row.rule_text, source)
    return table


def history_table(rows: Sequence[tuple[Target, Entry]], lang: Lang, zone: ZoneInfo) -> Table:
    heads = {
        "vi": ("Mã", "Năm", "Lần", "Số liệu", "Người ghi", "Thời điểm", "Lý do sửa", "Ghi chú, nguồn"),
        "en": ("Code", "Year", "Rev", "Figure", "By", "When", "Reason", "Note, source"),
    }[lang]
    table = Table(show_lines=False)
    for head in heads:
        table.add_column(head)
    for target, entry in rows:
        note = "; ".join(x for x in (entry.note, entry.source_document) if x)
        table.add_row(
            target.code,
            str(entry.year),
            str(entry.revision),
            _entry_figure(target, entry, lang),
            _typed(entry.recorded_by),
            _local(entry.recorded_at, zone),
            _typed(entry.reason or ""),
            _typed(note),
        )
    return table


def _typed(value: str) -> Text:
    """What a person typed, shown as it is: never read as Rich markup ("[red]"), and without
    control characters that would drive the terminal."""
    return Text(printable(value))


def _entry_figure(target: Target, entry: Entry, lang: Lang) -> str:
    text = figure(entry.value, Measure(target.measure), lang)
    if entry.denominator:
        text += f" ({entry.numerator}/{entry.denominator})"
    return text + (f" ({PROVISIONAL[lang]})" if entry.provisional else "")


def _local(moment: datetime, zone: ZoneInfo) -> str:
    from datetime import UTC

    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(zone).strftime("%d/%m/%Y %H:%M")
