"""The report as a Word file in the Party's form: the default template (built with python-docx)
and the rendering of an office's template (docxtpl)."""

from __future__ import annotations

from tracker.render.docx._render import default_template, render_docx

__all__ = ["default_template", "render_docx"]
