from __future__ import annotations

from tracker.schedule._jobs import JobContext, run_job
from tracker.schedule._service import overview, serve

__all__ = [
    "JobContext",
    "overview",
    "run_job",
    "serve",
]
