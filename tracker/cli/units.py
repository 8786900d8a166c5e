"""`tracker units`: the grassroots units of the resolution and what they reported."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tracker.cli.app import app
from tracker.cli.common import (
    check_view_format,
    console,
    current_resolution,
    pick_lang,
    say,
    state_of,
    unit_of_work,
)
from tracker.cli.language import helptext
from tracker.i18n import N_, _, in_lang, in_lang_ctx

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

    from tracker.i18n import Lang
    from tracker.status import TargetStatus, UnitsView

UNIT_HEADS = (N_("Code"), N_("Unit"), N_("Kind"), N_("Agency"), N_("Years"), N_("Reported"))
FIGURE_HEADS = (N_("Code"), N_("Unit"), N_("Figure"), N_("Meets the target"))


@app.command(
    help=helptext(
        N_("List the grassroots units (from units: or units_file: of the config) and what they reported."),
        N_(
            "For the as-of year, each unit's count of targets it has a figure for; "
            "'-' when it does not exist then."
        ),
        examples=N_("Examples:\n  tracker units\n  tracker units --year 2023 --format json"),
    )
)
def units(
    ctx: typer.Context,
    year: Annotated[
        int | None,
        typer.Option("--year", "-y", help=N_("As-of year [default: latest year with a unit's figure].")),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=N_("vi or en [default: config]."))] = None,
    output: Annotated[str, typer.Option("--format", "-f", help=N_("table or json."))] = "table",
) -> None:
    from tracker.base import check_year
    from tracker.status import units_view

    check_view_format(output)
    settings = state_of(ctx).settings()
    language = pick_lang(lang)
    with unit_of_work(settings, writes=False) as session:
        resolution = current_resolution(session, settings)
        if year is not None:
            check_year(resolution, year)
        view = units_view(session, resolution, year)
    if output == "json":
        import json

        typer.echo(json.dumps(units_json(view), ensure_ascii=False, indent=2))
    elif not view.units:
        say(_("no units: declare them in the config (units: or units_file:) and run `tracker init`"))
    else:
        out = console()
        for text in units_table(view, language, out.width):
            out.print(text, crop=False, no_wrap=bool(text.no_wrap), overflow=text.overflow)


def units_json(view: UnitsView) -> dict[str, Any]:
    return {
        "as_of": view.as_of,
        "targets": view.targets,
        "units": [
            {
                "code": u.code,
                "name": u.name,
                "kind": u.kind,
                "agency": u.agency or None,
                "years": u.years or None,
                "expected": u.expected,
                "reported": u.reported,
            }
            for u in view.units
        ],
    }


def units_table(view: UnitsView, lang: Lang, width: int) -> list[Text]:
    """The title and the table of `tracker units`, drawn as lines (a committee may have a
    thousand units), fitted to `width` columns: the name and the agency are cut first."""
    from rich.cells import cell_len
    from rich.text import Text

    from tracker.cli.grid import Grid, widths_within
    from tracker.config import unit_kind_words

    title = in_lang(lang, N_("Units, reported as of {year}: targets with a figure, of {count}"))
    heads = [in_lang(lang, head) for head in UNIT_HEADS]
    rows = [
        [
            u.code,
            u.name,
            unit_kind_words(u.kind, lang),
            u.agency,
            u.years,
            f"{u.reported}/{view.targets}" if u.expected else "-",
        ]
        for u in view.units
    ]
    wanted = [max(cell_len(head), *(cell_len(row[i]) for row in rows)) for i, head in enumerate(heads)]
    cut = [(3, min(wanted[3], 12)), (1, min(wanted[1], 16)), (3, min(wanted[3], 6)), (1, min(wanted[1], 10))]
    grid = Grid(widths_within(wanted, cut, width), left=5)  # the agency first, then the name
    table = Text(no_wrap=True, overflow="ignore", end="")
    table.append(grid.rule("┌", "┬", "┐"))
    grid.row(table, [(head, "bold") for head in heads])
    table.append(grid.rule("├", "┼", "┤"))
    for row in rows:
        grid.row(table, [(cell, "") for cell in row])
    table.append(grid.rule("└", "┴", "┘"))
    return [Text(title.format(year=view.as_of, count=view.targets)), table]


def target_units_table(row: TargetStatus, as_of: int) -> Table:
    """Every unit's figure of one target for the as-of year: lagging first, missing last."""
    from rich.table import Table
    from rich.text import Text

    from tracker.status import result_words

    lang = row.lang
    title = in_lang(lang, N_("{code} by unit, {year}: {reported} of {expected} units reported"))
    found = row.units
    reported, expected = (found.reported, found.expected) if found else (0, 0)
    table = Table(title=title.format(code=row.code, year=as_of, reported=reported, expected=expected))
    for head in FIGURE_HEADS:
        table.add_column(in_lang(lang, head))
    verdicts = {True: in_lang(lang, N_("yes")), False: in_lang(lang, N_("no, lagging")), None: "-"}
    for r in found.results if found else []:
        figure = result_words(r, row.measure, lang) or in_lang_ctx(lang, "cell", "missing")
        table.add_row(r.code, Text(r.name), figure, verdicts[r.meets])
    if found and found.rolled_up is not None:
        from tracker.evaluate import figure_words

        total = figure_words(found.rolled_up.figure, row.measure, lang, estimate=False)
        table.add_row("", in_lang(lang, N_("All units")), total, "")
    if found and found.discrepancy is not None:  # the committee's own figure says otherwise
        from tracker.evaluate import discrepancy_words

        rated = row.target.rating_of is not None
        table.caption = "! " + discrepancy_words(found.discrepancy, row.measure, rated, lang)
    return table
