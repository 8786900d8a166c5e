"""Rendering: report context (plain data) -> Jinja2 templates -> files written atomically."""

from __future__ import annotations
