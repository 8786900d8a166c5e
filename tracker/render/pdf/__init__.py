"""The report as a PDF, laid out by WeasyPrint from the HTML report's print styles, in a
worker process started as soon as a command knows it will write one; signed with the office's
certificate when asked, and its signatures checked (`tracker verify-pdf`)."""

from __future__ import annotations

from tracker.render.pdf._pdf import render_pdf
from tracker.render.pdf._sign import Signing, SigningKey, read_signing_key, sign_pdf, signing_moment
from tracker.render.pdf._verify import Later, PdfCheck, SignatureCheck, check_pdf, read_trust
from tracker.render.pdf._worker import prewarm, start_pdf

__all__ = [
    "Later",
    "PdfCheck",
    "SignatureCheck",
    "Signing",
    "SigningKey",
    "check_pdf",
    "prewarm",
    "read_signing_key",
    "read_trust",
    "render_pdf",
    "sign_pdf",
    "signing_moment",
    "start_pdf",
]
