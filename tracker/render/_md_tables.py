"""The rules under the Markdown tables' heads ("|-----|---:|"), each as long as its column wants.

pandoc sizes the columns of a wide table (a row longer than its line) by the relative length of
these dashes; three dashes everywhere gave ten equal columns in Word, a target's title squeezed
into a column as narrow as a year's figure (the demo's report: 13 pages, now 7). Each column is
laid out as a browser lays out a table: every column gets its longest word (and a cell's
margins), so that a short column's figure is not broken, and what is left of the line goes to
the columns whose text is longer than that, in proportion to how much longer; a table that
fits on the line gets each column's longest text.
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any

LINE = 120  # characters a row is laid out on (a landscape page, or a portrait page in small type)
SHORTEST = 3  # dashes: the fewest a column's rule may have (pandoc and GitHub need three)
PADDING = 4  # characters of a cell's margins and rules beside its text: "12" wants room for six


def rule_line(columns: list[list[str]], right: Container[int] = ()) -> str:
    """The rule of a table whose columns hold these texts (the head's included); the columns
    in `right` are aligned right ("---:")."""
    widths = _widths([[" ".join(text.split()) for text in texts] for texts in columns])
    rules = ["-" * (w - 1) + ":" if i in right else "-" * w for i, w in enumerate(widths)]
    return "|" + "|".join(rules) + "|"


def _widths(columns: list[list[str]]) -> list[int]:
    longest = [max((len(text) for text in texts), default=0) for texts in columns]
    words = [max((len(word) for text in texts for word in text.split()), default=0) for texts in columns]
    least = [max(SHORTEST, word + PADDING) for word in words]
    most = [max(low, whole + PADDING) for low, whole in zip(least, longest, strict=True)]
    if sum(most) <= LINE:
        return most
    spare, wanting = max(LINE - sum(least), 0), [high - low for low, high in zip(least, most, strict=True)]
    total = sum(wanting) or 1
    return [low + round(spare * want / total) for low, want in zip(least, wanting, strict=True)]


def report_rules(context: Any) -> dict[str, str]:
    """The rules of a report's two tables: the targets ("targets") and the units ("units")."""
    labels, rows = context.labels, context.rows
    columns = [
        [labels["code"], *(row.label for row in rows)],
        [labels["target"], *(row.title for row in rows)],
        [labels["rule"], *(row.rule for row in rows)],
    ]
    for index, year in enumerate(context.years):
        columns.append([str(year), *(_figure(row.cells[index], labels) for row in rows)])
    columns.append([labels["percent_head"], *(row.percent for row in rows)])
    columns.append([labels["status"], *(("! " if row.flagged else "") + row.status for row in rows)])
    years = set(range(3, 3 + len(context.years)))
    return {"targets": rule_line(columns, years), "units": _units_rule(context.units)}


def _figure(cell: Any, labels: dict[str, str]) -> str:
    if cell.missing:
        return str(labels["missing_cell"])
    return f"{cell.text}{'*' if cell.provisional else ''}{f' ({cell.counts})' if cell.counts else ''}"


def _units_rule(units: Any) -> str:
    """The units' table: number, name (and the groups' titles), a figure per target, a review's
    score."""
    if not units.rows:
        return ""
    rows, totals = units.rows, units.totals
    names = [units.labels["unit"], *(g.title for g in units.groups), *(r.name for r in rows)]
    columns = [[units.labels["number"], *(r.number for r in rows)], names + ([totals.name] if totals else [])]
    for index, head in enumerate(units.heads):
        cells = [r.cells[index].full for r in rows] + ([totals.cells[index].full] if totals else [])
        columns.append([head, *cells])
    if units.score_head:
        columns.append([units.score_head, *(r.score for r in rows)])
    return rule_line(columns, set(range(2, len(columns))))


def overview_rules(context: Any) -> dict[str, str]:
    """The rule of the overview's table of resolutions."""
    labels, rows = context.labels, context.rows
    columns = [
        [labels["code"], *(r.code for r in rows)],
        [labels["resolution"], *(f"{r.body} {r.title}" for r in rows)],
        [labels["term"], *(r.term for r in rows)],
        [labels["as_of"], *(str(r.as_of) for r in rows)],
        [labels["statuses"], *(", ".join(r.statuses) for r in rows)],
        [labels["flagged"], *(r.flagged for r in rows)],
        [labels["missing"], *(r.missing for r in rows)],
    ]
    return {"table": rule_line(columns, {3, 6})}
