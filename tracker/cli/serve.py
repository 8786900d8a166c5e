"""`tracker serve`: the portal where units enter their own figures and the office reviews them
(docs/web.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.app import app
from tracker.cli.common import say, state_of
from tracker.cli.language import helptext
from tracker.errors import TrackerError
from tracker.i18n import N_, _

MAX_WORKERS = 64


@app.command(
    help=helptext(
        N_("Serve the portal: units enter and submit their figures, the office reviews them."),
        N_(
            "Serves the web portal on the config's database until stopped (Ctrl+C). Accounts are made with "
            "`tracker user add`. On the embedded SQLite default one process is enough; on PostgreSQL, "
            "--workers starts several. Behind a reverse proxy that serves https, give --proxy so that the "
            "portal trusts its X-Forwarded-* headers (from 127.0.0.1 only)."
        ),
        examples=N_(
            "Examples:\n"
            "  tracker serve\n"
            "  tracker serve --host 0.0.0.0 --port 8080\n"
            "  tracker serve --workers 2 --proxy        PostgreSQL behind nginx"
        ),
    )
)
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help=N_("The address to listen on."))] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help=N_("The port to listen on (1-65535)."))] = 8000,
    workers: Annotated[int, typer.Option("--workers", help=N_("Worker processes (1-64)."))] = 1,
    proxy: Annotated[
        bool,
        typer.Option("--proxy", help=N_("Trust X-Forwarded-* headers from 127.0.0.1.")),
    ] = False,
) -> None:
    from tracker.base import Database
    from tracker.web import serve as run

    if not 1 <= port <= 65535:
        raise TrackerError(_("port {port} is not accepted; give 1 to 65535").format(port=port))
    if not 1 <= workers <= MAX_WORKERS:
        raise TrackerError(
            _("--workers {n} is not accepted; give 1 to {most}").format(n=workers, most=MAX_WORKERS)
        )
    settings = state_of(ctx).settings()
    Database(settings).close()  # a missing or old database is told now, in one line
    shown = f"[{host}]" if ":" in host else host
    say(_("The portal is at http://{host}:{port}/ (Ctrl+C stops it)").format(host=shown, port=port))
    run(
        str(settings.path.resolve()),
        settings.definition.code,
        settings.database_url,
        host=host,
        port=port,
        workers=workers,
        proxy=proxy,
    )
