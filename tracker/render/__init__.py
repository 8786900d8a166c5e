"""Rendering: report context (plain data) -> Jinja2 templates -> files written atomically."""

from __future__ import annotations

from tracker.render._formats import (
    DEFAULT_FORMATS,
    MAILED_FORMATS,
    check_formats,
    format_names,
    media_type,
    parse_formats,
    prewarm,
    render_format,
    render_formats,
)
from tracker.render._templates import render

__all__ = [
    "DEFAULT_FORMATS",
    "MAILED_FORMATS",
    "check_formats",
    "format_names",
    "media_type",
    "parse_formats",
    "prewarm",
    "render",
    "render_format",
    "render_formats",
]
