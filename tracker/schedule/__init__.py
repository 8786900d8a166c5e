from __future__ import annotations

from tracker.schedule._jobs import JobContext, job_context, run_job
from tracker.schedule._service import overview, serve

__all__ = [
    "JobContext",
    "job_context",
    "overview",
    "run_job",
    "serve",
]
