"""The report as a PDF (placeholder until the renderer lands)."""

from __future__ import annotations

from typing import Any


def render_pdf(fmt: str, context: Any, kind: str) -> bytes:
    raise NotImplementedError
