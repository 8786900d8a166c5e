"""Importing this module registers every command on the app, in the order --help lists them."""

# isort: skip_file
from __future__ import annotations

from tracker.cli import setup
from tracker.cli import figures
from tracker.cli import ratings
from tracker.cli import views
from tracker.cli import units
from tracker.cli import quotas
from tracker.cli import overview
from tracker.cli import reports
from tracker.cli import entry
from tracker.cli import imports
from tracker.cli import transfer
from tracker.cli import schedule
from tracker.cli import verify
from tracker.cli import signatures
from tracker.cli import users
from tracker.cli import serve
from tracker.cli import submissions

__all__ = [
    "entry",
    "figures",
    "imports",
    "overview",
    "quotas",
    "ratings",
    "reports",
    "schedule",
    "serve",
    "setup",
    "signatures",
    "submissions",
    "transfer",
    "units",
    "users",
    "verify",
    "views",
]
