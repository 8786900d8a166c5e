"""`tracker verify-pdf FILE`: a signature intact (exit 0), who signed and when, and that its
certificate is checked against no trust list unless `--trust` names one; a changed byte, bytes
added after signing, a damaged file, an unsigned PDF: exit 1 saying which; a file that is not a
PDF: one line, exit 2. The PDFs are small ones signed here as a report is signed (its PDF read
by pdfsig: tests/render/test_signing.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.helpers import Result
from tests.helpers.signing import COMMON_NAME, ORGANISATION, PASSWORD, PASSWORD_ENV, make_pkcs12, tiny_pdf
from tracker.errors import TrackerError
from tracker.render.pdf import Signing, read_signing_key, sign_pdf

Run = Callable[..., Result]
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def signed_pdf(folder: Path, *, visible: bool = False) -> Path:
    key_file = make_pkcs12(folder / "van-phong.p12")
    key = read_signing_key(key_file.read_bytes(), PASSWORD, "van-phong.p12", PASSWORD_ENV, datetime.now(UTC))
    signing = Signing(key, reason="Ban hành báo cáo", location="Điện Biên", visible=visible)
    path = folder / "bao-cao.pdf"
    path.write_bytes(sign_pdf(tiny_pdf(), signing, datetime.now(UTC), ZONE, "vi"))
    return path


def test_an_intact_signature(run: Run, tmp_path: Path) -> None:
    path = signed_pdf(tmp_path)
    result = run("verify-pdf", str(path))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == f"{path}: 1 signature"
    assert lines[1] == (
        f"Signature 1 (Signature1): intact, not changed after signing, signed by {COMMON_NAME}; "
        "the certificate is not checked against a trust list"
    )
    assert lines[2] == f"  signed by: {COMMON_NAME}, {ORGANISATION}"
    today = datetime.now(ZONE).strftime("%Y-%m-%d")
    assert lines[3].startswith(f"  signed at: {today} ") and "(UTC+07:00)" in lines[3]
    assert lines[4] == "  covers: the whole file but the signature itself"
    assert result.err == ""


def test_one_changed_byte_is_found(run: Run, tmp_path: Path) -> None:
    path = signed_pdf(tmp_path)
    data = bytearray(path.read_bytes())
    data[data.index(b"(Bao cao) Tj") + 1] = ord("X")  # inside the signed part: the page's text
    path.write_bytes(bytes(data))
    result = run("verify-pdf", str(path))
    assert result.code == 1
    assert "Signature 1 (Signature1): NOT intact: the signed bytes were changed after signing" in result.out


def test_bytes_added_after_signing_are_found(run: Run, tmp_path: Path) -> None:
    path = signed_pdf(tmp_path)
    path.write_bytes(path.read_bytes() + b"\n%% added later\n")
    result = run("verify-pdf", str(path))
    assert result.code == 1
    assert "the signed part is intact, but the file was changed after signing" in result.out
    assert "covers: only part of the file: what was added after signing is not signed" in result.out


def test_an_unsigned_pdf(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "chua-ky.pdf"
    path.write_bytes(tiny_pdf())
    result = run("verify-pdf", str(path))
    assert (result.code, result.out.strip()) == (1, f"{path}: no digital signature: this PDF is not signed")


def test_a_damaged_pdf(run: Run, tmp_path: Path) -> None:
    path = signed_pdf(tmp_path)
    path.write_bytes(path.read_bytes()[:300])
    result = run("verify-pdf", str(path))
    assert result.code == 1 and "a damaged PDF: it cannot be read" in result.out


@pytest.mark.parametrize(
    "content", [b"", "mã,năm,số liệu\nT07,2021,160\n".encode(), b"PK\x03\x04 a Word file"]
)
def test_not_a_pdf_is_one_line(run: Run, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(content)
    result = run("verify-pdf", str(path))
    assert result.code == 2 and result.out == ""
    assert result.err == f"tracker: error: {path}: not a PDF file (it does not begin with %PDF-)\n"


def test_a_missing_file(run: Run, tmp_path: Path) -> None:
    result = run("verify-pdf", str(tmp_path / "khong-co.pdf"))
    assert (result.code, result.err) == (2, f"tracker: error: no file {tmp_path / 'khong-co.pdf'}\n")


def test_trust_checked_against_the_certificates_given(run: Run, tmp_path: Path) -> None:
    path = signed_pdf(tmp_path)
    own = tmp_path / "van-phong.pem"
    trusted = run("verify-pdf", str(path), "--trust", str(own))
    assert trusted.code == 0, trusted.out
    assert f"; the certificate is trusted: it chains to {own}" in trusted.out
    other = make_pkcs12(tmp_path / "khac.p12")  # another office's certificate
    untrusted = run("verify-pdf", str(path), "--trust", str(other.with_suffix(".pem")))
    assert untrusted.code == 1
    assert "the certificate is NOT trusted: it does not chain to" in untrusted.out
    not_one = run("verify-pdf", str(path), "--trust", str(path))
    assert (
        not_one.code == 2 and "no certificate in this file; give a certificate as PEM or DER" in not_one.err
    )


@pytest.mark.usefixtures("vietnamese")
def test_in_vietnamese(run: Run, tmp_path: Path) -> None:
    from tests.cli.test_vietnamese import english_left

    result = run("verify-pdf", str(signed_pdf(tmp_path)))
    assert result.code == 0
    assert "Chữ ký 1 (Signature1): nguyên vẹn, không bị thay đổi sau khi ký" in result.out
    assert "chứng thư số không được đối chiếu với danh sách tin cậy nào" in result.out
    names = result.out.replace(COMMON_NAME, "").replace(ORGANISATION, "").replace("Signature1", "")
    assert not english_left(names), result.out


def test_a_visible_signature_needs_the_reports_signature_block(tmp_path: Path) -> None:
    with pytest.raises(
        TrackerError, match="cannot place the visible signature: the report has no signature block"
    ):
        signed_pdf(tmp_path, visible=True)
