"""The report as a Word file in the Party's form (placeholder until the renderer lands)."""

from __future__ import annotations

from typing import Any


def default_template(lang: str) -> bytes:
    raise NotImplementedError


def render_docx(fmt: str, context: Any, kind: str) -> bytes:
    raise NotImplementedError
