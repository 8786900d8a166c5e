"""`tracker verify-pdf FILE`: whether the signatures of a (report's) PDF are intact, who signed
and when, and whether the file was changed after signing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.app import app
from tracker.cli.common import pick_lang, say
from tracker.cli.language import helptext
from tracker.i18n import N_


@app.command(
    "verify-pdf",
    help=helptext(
        N_("Check the digital signatures of a PDF: intact, who signed, when, changed after signing."),
        N_(
            "A signature is intact when the bytes it covers (the whole file but the signature itself) "
            "are those that were signed. Exit 0 when every signature is intact and the last covers the "
            "whole file; 1 when a signature is not intact, the file was changed after signing, or it "
            "holds no signature. The certificate is checked against a trust list only with --trust: "
            "an office's own certificate is in none."
        ),
        examples=N_(
            "Examples:\n"
            "  tracker verify-pdf reports/DHIX-DUK-DB-2025-vi-r7.pdf\n"
            "  tracker verify-pdf bao-cao.pdf --trust van-phong.pem"
        ),
    ),
)
def verify_pdf(
    file: Annotated[Path, typer.Argument(metavar=N_("FILE"), help=N_("The PDF file."))],
    trust: Annotated[
        Path | None,
        typer.Option(
            "--trust", help=N_("Certificates (PEM or DER) that the signer's certificate must chain to.")
        ),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=N_("vi or en [default: config]."))] = None,
) -> None:
    from tracker.i18n import current_zone
    from tracker.reporting import check_lines, check_pdf_file

    language = pick_lang(lang)
    check = check_pdf_file(file, trust)
    for line in check_lines(check, file, trust, current_zone(), language):
        say(line)
    if not check.ok:
        raise typer.Exit(1)
