"""`tracker verify`: whether the resolution's history is intact, and whether a report's is."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.app import app
from tracker.cli.common import current_resolution, pick_lang, say, state_of, unit_of_work
from tracker.cli.language import helptext
from tracker.errors import TrackerError
from tracker.i18n import N_, _


@app.command(
    help=helptext(
        N_("Check that the stored history is intact: nothing changed behind the tool's back."),
        N_(
            "Every stored change (a figure's revision, a rating, a quota, a definition loaded by init) is a "
            "link of the resolution's chain, hashed with SHA-256 over its content and the link before. "
            "Exit 0 when the chain is intact, 1 naming the first broken link. With --report, also whether "
            "the history a report was made from (the history code in its footer) is still there, intact."
        ),
        examples=N_(
            "Examples:\n"
            "  tracker verify\n"
            "  tracker verify --format json\n"
            "  tracker verify --report reports/DHIX-2024-vi-r7.pdf\n"
            "  tracker verify --report 7                the stored report run 7"
        ),
    )
)
def verify(
    ctx: typer.Context,
    report: Annotated[
        str | None,
        typer.Option("--report", help=N_("A report file, or a stored run's number.")),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=N_("vi or en [default: config]."))] = None,
    output: Annotated[str, typer.Option("--format", "-f", help=N_("text or json."))] = "text",
) -> None:
    from tracker.records import report_line, verified_json, verified_line, verify_chain

    if output not in ("text", "json"):
        raise TrackerError(_("unknown format {given!r}; accepted: text, json").format(given=output))
    settings = state_of(ctx).settings()
    pick_lang(lang)
    with unit_of_work(settings, writes=False) as session:
        resolution = current_resolution(session, settings)
        head = None
        if report is not None:
            from tracker.reporting import report_head

            head = report_head(session, resolution, report)
        verified = verify_chain(session, resolution)
    seq = None if head is None else verified.find(head)
    matched = head is None or (seq is not None and verified.intact)
    if output == "json":
        import json

        found = None if head is None else {"head": head, "link": seq, "matches": matched}
        typer.echo(json.dumps(verified_json(verified, found), ensure_ascii=False, indent=2))
    else:
        say(verified_line(verified))
        if head is not None:
            say(report_line(verified, head, seq))
    if not (verified.intact and matched):
        raise typer.Exit(1)
