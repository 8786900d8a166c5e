from __future__ import annotations

from tracker.render.pdf._worker import prewarm

__all__ = [
    "prewarm",
]
