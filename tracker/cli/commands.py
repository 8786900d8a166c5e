"""Importing this module registers every command on the app."""

from __future__ import annotations

from tracker.cli import figures, setup, views

__all__ = ["figures", "setup", "views"]
