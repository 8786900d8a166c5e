from __future__ import annotations

from tracker.render.docx._render import default_template

__all__ = [
    "default_template",
]
