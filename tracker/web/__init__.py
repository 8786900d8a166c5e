"""The portal (`tracker serve`): the office and its units on the web, on the same services as
the command line (docs/web.md). A face, like tracker/cli: it parses a request, opens one unit
of work, calls the application, and draws what it returns."""

from __future__ import annotations

from tracker.web._app import create_app
from tracker.web._serve import app_from_environment, serve

__all__ = ["app_from_environment", "create_app", "serve"]
