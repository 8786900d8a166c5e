"""`tracker overview`: every resolution of the database side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import app
from tracker.cli.common import check_view_format, console, pick_lang, state_of, unit_of_work
from tracker.cli.language import helptext
from tracker.i18n import N_

if TYPE_CHECKING:
    from rich.table import Table

    from tracker.config import Settings
    from tracker.reporting import OverviewView

HEADS = ("code", "resolution", "term", "as_of", "statuses", "flagged", "missing")
NARROW = ("code", "resolution", "statuses", "flagged")
NO_WRAP = ("code", "term", "as_of")
RATIOS = {"resolution": 3, "statuses": 2, "flagged": 2}
TABLE_ROWS = 60  # more resolutions are listed as blocks: a bordered table that long reads no
# better, and drawing it costs seconds (five for 2,000 resolutions) where the blocks cost nothing
WIDE = 110  # columns needed for the term, the as-of year and the missing figures in columns of their own


@app.command(
    help=helptext(
        N_("Every resolution of the database side by side: where each stands."),
        N_(
            "For each resolution: its body and term, the latest year with figures, how many targets "
            "have each status, which need attention and how many figures are missing."
        ),
        examples=N_(
            "Examples:\n"
            "  tracker overview\n"
            "  tracker overview --format json\n"
            "  tracker overview --check            exit 1 when a target of any resolution is flagged"
        ),
    )
)
def overview(
    ctx: typer.Context,
    lang: Annotated[str | None, typer.Option("--lang", help=N_("vi or en [default: config]."))] = None,
    output: Annotated[str, typer.Option("--format", "-f", help=N_("table or json."))] = "table",
    check: Annotated[
        bool, typer.Option("--check", help=N_("Exit 1 when any target is flagged (for scripts)."))
    ] = False,
) -> None:
    from tracker.reporting import build_overview, overview_json

    check_view_format(output)
    settings = state_of(ctx).settings()
    language = pick_lang(lang)
    with unit_of_work(settings, writes=False) as session:
        view = build_overview(session, language)
    if output == "json":
        import json

        typer.echo(json.dumps(overview_json(view), ensure_ascii=False, indent=2))
    elif len(view.resolutions) > TABLE_ROWS:
        typer.echo(overview_blocks(view, settings), nl=False)
    else:
        out = console()
        out.print(overview_table(view, out.width))
    if check and view.flagged:
        raise typer.Exit(1)


def overview_table(view: OverviewView, width: int = WIDE) -> Table:
    """One row per resolution; the status words are written out, so it reads without colour.
    On a narrow terminal the term, as-of year and missing figures go under the other cells."""
    from rich.table import Table

    from tracker.cli.common import count_text
    from tracker.reporting import counts_words, overview_labels

    words = overview_labels(view.lang)
    table = Table(title=words["title"], caption=words["as_of_note"], show_lines=True)
    heads = HEADS if width >= WIDE else NARROW
    for head in heads:
        table.add_column(words[head], overflow="fold", no_wrap=head in NO_WRAP, ratio=RATIOS.get(head))
    for r in view.resolutions:
        cells = {
            "code": r.code,
            "resolution": r.body,
            "term": f"{r.first_year}-{r.last_year}",
            "as_of": str(r.as_of),
            "statuses": "\n".join(counts_words(r, view.lang)),
            "flagged": ", ".join(r.flagged) or "-",
            "missing": count_text(r.missing_figures),
        }
        if width < WIDE:
            cells["resolution"] += f"\n{words['term']} {cells['term']} · {words['as_of']} {r.as_of}"
            cells["flagged"] += f"\n{words['missing']}: {cells['missing']}"
        table.add_row(*(cells[head] for head in heads))
    return table


def overview_blocks(view: OverviewView, settings: Settings) -> str:
    """One block of lines per resolution, flagged ones marked "!", as the text overview report
    writes them: for many resolutions, to read in a pager or search with grep."""
    from zoneinfo import ZoneInfo

    from tracker.reporting import overview_text

    return overview_text(view, ZoneInfo(settings.config.timezone), settings.config.reports.margins_mm.css)
