"""Signed reports: the office's certificate opened for `tracker report --sign` (and a schedule's
`report.sign: true`), the PDF signed before its run is stored, and `tracker verify-pdf`: what the
signatures of a PDF say, in the reader's language.

The certificate is opened before anything is drawn or stored: a missing file, a password
variable not set, a wrong password, a certificate expired or not yet valid is one line, and
nothing is written. The password is read from the environment variable the config names, used
to open the file, and kept nowhere.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from zoneinfo import ZoneInfo

from tracker import clock
from tracker.config import Settings
from tracker.errors import TrackerError
from tracker.evaluate import shown_path
from tracker.files import not_a_file, path_status
from tracker.i18n import Lang, _, ngettext
from tracker.reasons import system_reason
from tracker.render.pdf import Later, PdfCheck, SignatureCheck, Signing, signing_moment

PDF_HEAD = b"%PDF-"
HEAD_WINDOW = 1024  # a PDF's header may follow some bytes of junk (ISO 32000-1, 7.5.2 note)


def report_signing(settings: Settings) -> Signing:
    """How the config says to sign (`document.signing`), its certificate opened now."""
    from tracker.render.pdf import read_signing_key

    config, path = settings.config.document.signing, settings.signing_file
    if config is None or path is None:
        raise TrackerError(_("signing needs document.signing: (pkcs12, password_env) in the config"))
    data = _read_key_file(path)
    password = os.environ.get(config.password_env)
    if password is None:
        message = _(
            "document.signing.password_env: the environment variable {variable} is not set; "
            "set it to the password of {path}"
        )
        raise TrackerError(message.format(variable=config.password_env, path=shown_path(path)))
    key = read_signing_key(data, password, shown_path(path), config.password_env, clock.now())
    return Signing(key, reason=config.reason, location=config.location, visible=config.visible)


def _read_key_file(path: Path) -> bytes:
    shown, found = shown_path(path), path_status(path)
    if found is None:
        raise TrackerError(_("document.signing.pkcs12: no file {path}").format(path=shown))
    try:
        if not stat.S_ISREG(found.st_mode):
            raise TrackerError(
                _("document.signing.pkcs12: cannot read {path}: {reason}").format(
                    path=shown, reason=not_a_file(found.st_mode)
                )
            )
        return path.read_bytes()
    except OSError as exc:
        message = _("document.signing.pkcs12: cannot read {path}: {reason}")
        raise TrackerError(message.format(path=shown, reason=system_reason(exc))) from None


def signed_texts(
    texts: dict[str, str | bytes], signing: Signing, zone: ZoneInfo, lang: Lang
) -> dict[str, str | bytes]:
    """The rendered formats with the PDF signed (the others as they are)."""
    from tracker.render.pdf import sign_pdf

    pdf = texts.get("pdf")
    if not isinstance(pdf, bytes):
        raise TrackerError(_("only a PDF is signed: add pdf to the formats"))
    return texts | {"pdf": sign_pdf(pdf, signing, clock.now(), zone, lang)}


def check_pdf_file(path: Path, trust: Path | None = None) -> PdfCheck:
    """The signatures of a PDF file, trust checked against the certificates of `trust` when given.
    A file that is not a PDF (or not a file) is one clear line."""
    from tracker.render.pdf import check_pdf, read_trust

    data = _read_input(path)
    if PDF_HEAD not in data[:HEAD_WINDOW]:
        raise TrackerError(
            _("{path}: not a PDF file (it does not begin with %PDF-)").format(path=shown_path(path))
        )
    roots = read_trust(_read_input(trust), shown_path(trust)) if trust is not None else None
    return check_pdf(data, roots)


def _read_input(path: Path) -> bytes:
    from tracker.files import check_input_file

    check_input_file(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        message = _("cannot read {path}: {reason}")
        raise TrackerError(message.format(path=shown_path(path), reason=system_reason(exc))) from None


def check_lines(check: PdfCheck, path: Path, trust: Path | None, zone: ZoneInfo, lang: Lang) -> list[str]:
    """What `tracker verify-pdf` prints: the file and its count of signatures, then each
    signature's verdict with who signed, when, and what it covers."""
    shown = shown_path(path)
    if check.damaged:
        return [
            _("{path}: a damaged PDF: it cannot be read, so no signature in it can hold").format(path=shown)
        ]
    if not check.signatures:
        return [_("{path}: no digital signature: this PDF is not signed").format(path=shown)]
    count = len(check.signatures)
    lines = [
        ngettext("{path}: {count} signature", "{path}: {count} signatures", count).format(
            path=shown, count=count
        )
    ]
    for number, signature in enumerate(check.signatures, 1):
        lines += _signature_lines(number, signature, trust, zone, lang)
    return lines


def _signature_lines(
    number: int, signature: SignatureCheck, trust: Path | None, zone: ZoneInfo, lang: Lang
) -> list[str]:
    head = _("Signature {number} ({field})").format(number=number, field=signature.field or "?")
    if signature.damaged:
        return [head + ": " + _("damaged: it cannot be read")]
    signer = ", ".join(n for n in (signature.common_name, signature.organisation) if n) or "?"
    lines = [head + ": " + _verdict(signature, trust)]
    lines.append("  " + _("signed by: {signer}").format(signer=signer))
    if signature.signed_at is not None:
        moment = signing_moment(signature.signed_at, zone, lang)
        lines.append("  " + _("signed at: {moment}, as the signer's computer wrote it").format(moment=moment))
    lines.append("  " + _("covers: {what}").format(what=_coverage(signature.later)))
    return lines


def _verdict(signature: SignatureCheck, trust: Path | None) -> str:
    name = signature.common_name or signature.organisation or "?"
    if not signature.intact:
        return _("NOT intact: the signed bytes were changed after signing (signed by {name})").format(
            name=name
        )
    if signature.later is Later.CHANGES:
        said = _("the signed part is intact, but the file was changed after signing (signed by {name})")
    elif signature.later is Later.SIGNATURES:
        said = _("intact, signed by {name}; later revisions only add signatures")
    else:
        said = _("intact, not changed after signing, signed by {name}")
    return said.format(name=name) + "; " + _trust_words(signature, trust)


def _trust_words(signature: SignatureCheck, trust: Path | None) -> str:
    if trust is None:
        return _("the certificate is not checked against a trust list")
    if signature.trusted:
        return _("the certificate is trusted: it chains to {path}").format(path=shown_path(trust))
    return _("the certificate is NOT trusted: it does not chain to {path}").format(path=shown_path(trust))


def _coverage(later: Later) -> str:
    if later is Later.NOTHING:
        return _("the whole file but the signature itself")
    if later is Later.SIGNATURES:
        return _("its own revision of the file; what follows only adds signatures")
    return _("only part of the file: what was added after signing is not signed")
