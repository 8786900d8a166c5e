"""What the signatures of a PDF say, read by pyHanko: whether each is intact (the bytes it covers
hash to what was signed, and the signature is its certificate's), who signed (the certificate's
CN and O), when (the signing time the signer wrote), and whether the file was changed after.

Trust is checked only against certificates the reader names (`--trust CERT.pem`): an office's
own certificate is in no public trust list, and nothing is fetched from the network. Without
them, the result says that the certificate was not checked, never that it is trusted.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from tracker.errors import TrackerError
from tracker.i18n import _


class Later(Enum):
    """What the file holds after a signature's revision."""

    NOTHING = "nothing"  # the signature covers the whole file but itself
    SIGNATURES = "signatures"  # only further signatures, time stamps or form entries, as allowed
    CHANGES = "changes"  # anything else: the document was changed after signing


@dataclass(frozen=True)
class SignatureCheck:
    field: str
    intact: bool
    later: Later
    common_name: str = ""
    organisation: str = ""
    signed_at: datetime | None = None  # as the signer's computer said
    trusted: bool | None = None  # None: not checked against any trust list
    damaged: bool = False  # the signature itself could not be read

    @property
    def ok(self) -> bool:
        return (
            self.intact and not self.damaged and self.later is not Later.CHANGES and self.trusted is not False
        )


@dataclass(frozen=True)
class PdfCheck:
    """Every signature of a PDF, in the order they were made; `damaged` when the file could not
    be read as a PDF at all."""

    signatures: tuple[SignatureCheck, ...] = ()
    damaged: bool = False

    @property
    def ok(self) -> bool:
        """Signed, every signature intact, and the last covering the whole file."""
        whole = any(s.later is Later.NOTHING for s in self.signatures)
        return bool(self.signatures) and whole and all(s.ok for s in self.signatures)


def read_trust(data: bytes, shown: str) -> list[Any]:
    """The certificates of a PEM or DER file (--trust), or one clear line."""
    from pyhanko.keys import load_certs_from_pemder_data

    try:
        found = list(load_certs_from_pemder_data(data))
    except (ValueError, TypeError):
        found = []
    if not found:
        message = _("{path}: no certificate in this file; give a certificate as PEM or DER")
        raise TrackerError(message.format(path=shown))
    return found


def check_pdf(data: bytes, trust: list[Any] | None = None) -> PdfCheck:
    """The signatures of a PDF's bytes; trust checked only against `trust` when given."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    from tracker.render.pdf._sign import quiet_logs

    quiet_logs()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        found = list(reader.embedded_regular_signatures)
    except Exception:  # a file that cannot be parsed fails in many ways: it is a damaged PDF
        return PdfCheck(damaged=True)
    return PdfCheck(tuple(_check_one(signature, trust) for signature in found))


def _check_one(signature: Any, trust: list[Any] | None) -> SignatureCheck:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    field = str(signature.field_name or "")
    context = ValidationContext(
        trust_roots=list(trust or ()), allow_fetching=False, revocation_mode="soft-fail"
    )
    usage = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"})
    try:
        status = validate_pdf_signature(signature, context, key_usage_settings=usage)
    except Exception:  # any failure to read a signature is a damaged signature
        return SignatureCheck(field, intact=False, later=Later.CHANGES, damaged=True)
    names = status.signing_cert.subject.native
    return SignatureCheck(
        field,
        intact=bool(status.intact and status.valid),
        later=_later(status),
        common_name=str(names.get("common_name", "")),
        organisation=str(names.get("organization_name", "")),
        signed_at=status.signer_reported_dt,
        trusted=status.trusted if trust else None,
    )


def _later(status: Any) -> Later:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import SignatureCoverageLevel

    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return Later.NOTHING
    allowed = (ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)
    revision = status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
    if revision and status.docmdp_ok and status.modification_level in allowed:
        return Later.SIGNATURES
    return Later.CHANGES
