"""The report's PDF signed with the office's certificate: a PAdES signature (ETSI.CAdES.detached,
SHA-256, with the signing time), added by pyHanko as an incremental update, so that the PDF as
drawn (PDF/A included) is kept byte for byte inside the signed part.

The PKCS#12 file is opened with `cryptography` as soon as a command knows it will sign, before
any report is drawn, so that a wrong password or an expired certificate stops the command with
nothing written. The password is used once, to open the file, and kept nowhere: not in the key
handed on, not in any message. pyHanko is imported only when a PDF is signed.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from tracker.errors import TrackerError
from tracker.evaluate import short_date
from tracker.i18n import Lang, _, current_language

FIELD = "Signature1"  # the signature's form field, as PDF readers list it
# pyHanko logs every certificate it cannot trust with a traceback, fontTools every table it drops:
# what the reader needs is said in one line, or in the result of a check
QUIET_LOGGERS = ("pyhanko", "pyhanko_certvalidator", "fontTools")


@dataclass(frozen=True)
class SigningKey:
    """The office's private key and certificate (and any chain the file holds), opened; the
    signer's name and body as the certificate gives them (CN and O)."""

    key: Any  # a cryptography private key
    certificate: Any  # a cryptography x509.Certificate
    chain: tuple[Any, ...]
    common_name: str
    organisation: str

    def __repr__(self) -> str:  # never the key's material in a log or a traceback
        return f"SigningKey({self.common_name!r})"


@dataclass(frozen=True)
class Signing:
    """How a report is signed: the key, the reason and location written into the signature,
    and whether it shows in the signature block."""

    key: SigningKey
    reason: str = ""
    location: str = ""
    visible: bool = True


def read_signing_key(data: bytes, password: str, shown: str, variable: str, now: datetime) -> SigningKey:
    """The key and certificate of a PKCS#12 file's bytes, or one clear line: not such a file, the
    password (from the environment variable `variable`) does not open it, no key or certificate
    in it, a certificate expired or not yet valid at `now`. `shown` names the file."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    if not _is_pkcs12(data):
        message = _("{path}: not a PKCS#12 file; export the certificate with its private key as .p12 or .pfx")
        raise TrackerError(message.format(path=shown))
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(data, password.encode("utf-8"))
    except (ValueError, TypeError):  # the message says nothing of the password; it is not kept
        message = _("{path}: the password in {variable} does not open this certificate file")
        raise TrackerError(message.format(path=shown, variable=variable)) from None
    if key is None or certificate is None:
        message = _("{path}: the file holds no private key with its certificate; export both")
        raise TrackerError(message.format(path=shown))
    _check_validity(certificate, shown, now)
    return SigningKey(key, certificate, tuple(chain), *_names(certificate))


def _is_pkcs12(data: bytes) -> bool:
    """Whether the bytes are a PKCS#12 structure (whatever its password): then a failure to
    open it is the password's."""
    from asn1crypto.pkcs12 import Pfx

    try:
        pfx = Pfx.load(data, strict=True)
        return pfx["version"].native is not None and pfx["auth_safe"]["content_type"].native is not None
    except (ValueError, TypeError, KeyError):
        return False


def _check_validity(certificate: Any, shown: str, now: datetime) -> None:
    lang = current_language()
    if now > certificate.not_valid_after_utc:
        message = _("{path}: the certificate expired on {day}; sign with a certificate valid today")
        day = short_date(certificate.not_valid_after_utc.date(), lang)
        raise TrackerError(message.format(path=shown, day=day))
    if now < certificate.not_valid_before_utc:
        message = _("{path}: the certificate is valid only from {day}; sign with a certificate valid today")
        day = short_date(certificate.not_valid_before_utc.date(), lang)
        raise TrackerError(message.format(path=shown, day=day))


def _names(certificate: Any) -> tuple[str, str]:
    """The certificate's subject: its common name (CN) and organisation (O)."""
    from cryptography.x509.oid import NameOID

    def first(oid: Any) -> str:
        found = certificate.subject.get_attributes_for_oid(oid)
        return str(found[0].value) if found else ""

    return first(NameOID.COMMON_NAME), first(NameOID.ORGANIZATION_NAME)


def sign_pdf(pdf: bytes, signing: Signing, moment: datetime, zone: ZoneInfo, lang: Lang) -> bytes:
    """The PDF with the office's signature added: in the report's signature block (the text of
    `stamp_text`) or invisible, as the config says."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    from tracker.render.pdf._stamp import signature_place, stamp_style

    quiet_logs()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    _producer_in_step(writer)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=signing.reason or None,
        location=signing.location or None,
    )
    style, spec = None, fields.SigFieldSpec(FIELD)
    if signing.visible:
        page, box = signature_place(writer.prev)
        spec = fields.SigFieldSpec(FIELD, on_page=page, box=box)
        style = stamp_style(stamp_text(signing.key, moment, zone, lang))
    signer = signers.PdfSigner(
        meta, signer=_pyhanko_signer(signing.key), stamp_style=style, new_field_spec=spec
    )
    signed: bytes = signer.sign_pdf(writer).getvalue()
    return signed


def _producer_in_step(writer: Any) -> None:
    """A PDF with XMP metadata (PDF/A) keeps its Info dictionary and its XMP saying the same.

    pyHanko writes its own name as the XMP's producer, but appends it to the Info's ("WeasyPrint
    70.0; pyHanko 0.38.0"): PDF/A asks the two to be equal. Its name is written in the Info
    first, which pyHanko then leaves as it is."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.metadata.model import VENDOR

    reference = writer.trailer.raw_get("/Info") if "/Info" in writer.trailer else None
    if reference is None or "/Metadata" not in writer.root:
        return
    info = reference.get_object()
    info["/Producer"] = generic.TextStringObject(VENDOR)
    writer.mark_update(reference)


def quiet_logs() -> None:
    """Only these libraries' own loggers are raised, nothing global."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def stamp_text(key: SigningKey, moment: datetime, zone: ZoneInfo, lang: Lang) -> str:
    """What the visible signature says, in the report's language: who signed (CN, then O) and
    when, in the configured time zone."""
    from tracker.i18n import in_lang

    lines = [in_lang(lang, "Signed by: {name}").format(name=key.common_name or "?")]
    if key.organisation:
        lines.append(in_lang(lang, "Organisation: {name}").format(name=key.organisation))
    lines.append(in_lang(lang, "Signed at: {moment}").format(moment=signing_moment(moment, zone, lang)))
    return "\n".join(lines)


def signing_moment(moment: datetime, zone: ZoneInfo, lang: Lang) -> str:
    """A signing time to the second, with its offset from UTC: "09:25:40 05/12/2026 (UTC+07:00)"."""
    local = moment.astimezone(zone)
    shown = local.strftime("%H:%M:%S %d/%m/%Y" if lang == "vi" else "%Y-%m-%d %H:%M:%S")
    offset = local.strftime("%z")
    return f"{shown} (UTC{offset[:3]}:{offset[3:]})"


def _pyhanko_signer(key: SigningKey) -> Any:
    """pyHanko's signer of the opened key, its certificate and chain (as asn1crypto reads them)."""
    from asn1crypto import keys, x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    der = serialization.Encoding.DER
    private = key.key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    certificate = x509.Certificate.load(key.certificate.public_bytes(der))
    chain = [x509.Certificate.load(c.public_bytes(der)) for c in key.chain]
    return signers.SimpleSigner(
        signing_key=keys.PrivateKeyInfo.load(private),
        signing_cert=certificate,
        cert_registry=SimpleCertificateStore.from_certs([certificate, *chain]),  # type: ignore[no-untyped-call]
    )
