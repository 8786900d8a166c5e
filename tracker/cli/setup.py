"""`tracker init` and `tracker demo`."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import app
from tracker.cli.common import console, pick_lang, say, state_of
from tracker.cli.language import helptext
from tracker.i18n import N_, _

if TYPE_CHECKING:
    from tracker.config import Settings
    from tracker.setup import Change, UnitChange


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
    settings = state_of(ctx).settings()
    changes, before, after = _initialise(settings)
    done = N_("created") if before is None else (N_("upgraded") if before != after else N_("up to date"))
    from tracker.store import describe

    line = _("database {where}: schema {done} ({revision})")
    say(line.format(where=describe(settings.database_url), done=_(done), revision=after))
    several = len(changes) > 1
    for code, found in changes.items():
        for change in found:  # with several resolutions, a target's line says whose it is
            own = several and not change.resolution
            say(_("resolution {code}: {change}").format(code=code, change=change) if own else str(change))
        if not found:
            say(_("resolution {code}: no changes").format(code=code))


def _initialise(settings: Settings) -> tuple[dict[str, list[Change | UnitChange]], str | None, str | None]:
    """Migrate the schema, then load every resolution's definitions in one transaction."""
    from tracker.cli.common import unit_of_work
    from tracker.setup import sync_definitions
    from tracker.store import upgrade

    before, after = upgrade(settings.database_url)
    changes: dict[str, list[Change | UnitChange]] = {}
    with unit_of_work(settings) as session:
        for definition in settings.definitions:
            changes[definition.code] = list(sync_definitions(session, definition).changes)
    return changes, before, after


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
    from zoneinfo import ZoneInfo

    from tracker.cli.common import current_resolution, unit_of_work
    from tracker.cli.views import print_status
    from tracker.config import load_settings
    from tracker.reporting import make_report, report_request
    from tracker.setup import BANNER, load_demo_figures, prepare_folder
    from tracker.status import build_status

    chosen = folder or Path(tempfile.mkdtemp(prefix="tracker-demo-"))
    config_file = prepare_folder(chosen)
    settings = load_settings(config_file)
    _initialise(settings)
    language = pick_lang(lang)
    banner = _(BANNER)
    request = report_request(settings, formats=("html",), lang=language, notice=banner)
    with unit_of_work(settings) as session:
        resolution = current_resolution(session, settings)
        load_demo_figures(session, resolution)
        view = build_status(session, resolution, lang=language)
        report = make_report(session, resolution, request, ZoneInfo(settings.config.timezone))
    out = console()
    out.print(f"[bold reverse] {banner} [/]")
    print_status(out, view)
    out.print(f"[bold reverse] {banner} [/]")
    say(_("demo folder: {path}").format(path=chosen))
    say(_("demo report: {path}").format(path=report.paths[0]))
    say(_("try: {command}").format(command=f"tracker --config {config_file} status T07"))
    say(_("try: {command}").format(command=f"tracker --config {config_file} status T02 --units"))
