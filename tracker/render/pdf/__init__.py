"""The report as a PDF, laid out by WeasyPrint from the HTML report's print styles, in a
worker process started as soon as a command knows it will write one."""

from __future__ import annotations

from tracker.render.pdf._pdf import render_pdf
from tracker.render.pdf._worker import prewarm, start_pdf

__all__ = ["prewarm", "render_pdf", "start_pdf"]
