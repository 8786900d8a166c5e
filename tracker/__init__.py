"""tracker: the measurable targets of a congress resolution, their yearly figures and status."""

from __future__ import annotations

__version__ = "0.1.0"
