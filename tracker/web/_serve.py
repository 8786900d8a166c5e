"""Running the portal with uvicorn: one process on the embedded SQLite default, or several
worker processes (PostgreSQL) that each build the app from the environment the command set."""

from __future__ import annotations

import os

from starlette.applications import Starlette

from tracker.config import load_settings

CONFIG_ENV, RESOLUTION_ENV, DATABASE_ENV = "TRACKER_CONFIG", "TRACKER_RESOLUTION", "TRACKER_DATABASE_URL"


def app_from_environment() -> Starlette:
    """The app of one worker process: the config and resolution `tracker serve` was given."""
    from tracker.i18n import set_zone
    from tracker.web._app import create_app

    settings = load_settings(os.environ.get(CONFIG_ENV), os.environ.get(RESOLUTION_ENV))
    set_zone(settings.config.timezone)
    return create_app(settings)


def serve(
    config_path: str,
    resolution: str,
    database_url: str,
    *,
    host: str,
    port: int,
    workers: int,
    proxy: bool = False,
) -> None:
    """Serve until stopped. The workers find the config, the resolution and the database as
    this command did, through the environment."""
    import uvicorn

    os.environ[CONFIG_ENV] = config_path
    os.environ[RESOLUTION_ENV] = resolution
    os.environ[DATABASE_ENV] = database_url
    uvicorn.run(
        "tracker.web:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers if workers > 1 else None,
        proxy_headers=proxy,
        forwarded_allow_ips="127.0.0.1" if proxy else None,
        server_header=False,
        log_level="warning",
        access_log=False,
    )
