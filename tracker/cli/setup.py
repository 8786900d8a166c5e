"""`tracker init` and `tracker demo`."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import app
from tracker.cli.common import console, pick_lang, say, shown_path, state_of
from tracker.cli.language import helptext
from tracker.i18n import N_, _

if TYPE_CHECKING:
    pass


@app.command(
    help=helptext(
        N_("Create or upgrade the database; load the targets from config."),
        N_(
            "It loads every resolution of the config file with its targets (resolution: and targets:, "
            "or the files of resolutions:); the other resolutions of the database are left as they are."
        ),
        N_(
            "Running it twice changes nothing. A changed definition (say a threshold) is shown and "
            "applied; a target removed from the config that has figures is refused."
        ),
        examples=N_("Examples:\n  tracker init\n  tracker --config /srv/tracker/config.yaml init"),
    )
)
def init(ctx: typer.Context) -> None:
    from tracker.setup import initialise

    done = initialise(state_of(ctx).settings())
    before, after = done.schema
    state = N_("created") if before is None else (N_("upgraded") if before != after else N_("up to date"))
    line = _("database {where}: schema {done} ({revision})")
    say(line.format(where=done.database, done=_(state), revision=after))
    several = len(done.changes) > 1
    for code, found in done.changes.items():
        for change in found:  # with several resolutions, a target's line says whose it is
            own = several and not change.resolution
            say(_("resolution {code}: {change}").format(code=code, change=change) if own else str(change))
        if not found:
            say(_("resolution {code}: no changes").format(code=code))


@app.command(
    help=helptext(
        N_("Show a demo database filled with SYNTHETIC figures (2021-2023)."),
        N_(
            "It builds the demo in its own folder, prints the status table and writes the HTML report"
            " of the demo."
        ),
        N_("The figures are made up (no yearly figures are published) and are labelled so."),
        examples=N_("Examples:\n  tracker demo\n  tracker demo --dir /tmp/tracker-demo --lang en"),
    )
)
def demo(
    ctx: typer.Context,
    folder: Annotated[
        Path | None,
        typer.Option("--dir", help=N_("Folder for the demo database [default: a new temporary folder].")),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=N_("vi or en."))] = None,
) -> None:
    from tracker.cli.views import print_status
    from tracker.setup import BANNER, make_demo

    language = pick_lang(lang)
    banner = _(BANNER)
    made = make_demo(folder or Path(tempfile.mkdtemp(prefix="tracker-demo-")), language, banner)
    chosen, config_file, view = made.config_file.parent, made.config_file, made.view
    out = console()
    out.print(f"[bold reverse] {banner} [/]")
    print_status(out, view)
    out.print(f"[bold reverse] {banner} [/]")
    say(_("demo folder: {path}").format(path=shown_path(chosen)))
    say(_("demo report: {path}").format(path=shown_path(made.report)))
    say(_("try: {command}").format(command=f"tracker --config {config_file} status T07"))
    say(_("try: {command}").format(command=f"tracker --config {config_file} status T02 --units"))
