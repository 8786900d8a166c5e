"""The thin command line: parses arguments, calls services, prints."""

from __future__ import annotations

from tracker.cli.app import app
from tracker.cli.main import main

__all__ = ["app", "main"]
