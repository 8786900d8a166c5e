"""Test certificates made in the test: an office's self-signed certificate and its key in a
PKCS#12 file (what `openssl pkcs12 -export` writes), valid now, expired, or not yet valid; and
the config lines that name it (`document.signing`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

PASSWORD = "Mật-khẩu 9x!q"  # a password with letters no log could hide by accident
PASSWORD_ENV = "TRACKER_TEST_SIGN_PASSWORD"
COMMON_NAME = "Văn phòng Đảng ủy Khối"
ORGANISATION = "Đảng ủy Khối cơ quan và Doanh nghiệp tỉnh"


def make_pkcs12(
    path: Path,
    password: str = PASSWORD,
    *,
    valid_from: timedelta = timedelta(days=-1),
    valid_to: timedelta = timedelta(days=365),
) -> Path:
    """A PKCS#12 file of a new EC key and its self-signed certificate, valid from now +
    `valid_from` to now + `valid_to`; the certificate's PEM is written beside it (.pem)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, COMMON_NAME),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION),
        ]
    )
    now = datetime.now(UTC)
    usage = x509.KeyUsage(
        True, True, False, False, False, False, False, False, False
    )  # sign, non-repudiation
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + valid_from)
        .not_valid_after(now + valid_to)
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )
    encryption = serialization.BestAvailableEncryption(password.encode("utf-8"))
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"office", key, certificate, None, encryption))
    path.with_suffix(".pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return path


def with_signing(config: str, pkcs12: str, *, visible: bool = True) -> str:
    """The config's text with `document.signing` naming the file `pkcs12` (relative to it)."""
    signing = (
        "  signing:\n"
        f"    pkcs12: {pkcs12}\n"
        f"    password_env: {PASSWORD_ENV}\n"
        "    reason: Ban hành báo cáo\n"
        "    location: Điện Biên\n"
        f"    visible: {'true' if visible else 'false'}\n"
    )
    head, found, rest = config.partition("\ndocument:")
    assert found, "the config has a document: section"
    line, _, after = rest.partition("\n")
    return f"{head}{found}{line}\n{signing}{after}"


def tiny_pdf(text: str = "Bao cao") -> bytes:
    """A one-page PDF written by hand (its cross-reference table counted here), unsigned."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
    ]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    return bytes(out)
