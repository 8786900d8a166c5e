"""`document.signing:` of config.yaml: the office's certificate that signs PDF reports
(`tracker report --format pdf --sign`, a schedule's `report.sign: true`).

The config names the PKCS#12 file and the environment variable that holds its password; the
password itself is never in the config. Whether the file opens with that password, and whether
the certificate is valid today, is checked when a report is signed: a config that names a
certificate of next year still loads for every other command.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from tracker.config._schedules import Strict
from tracker.config._yaml import Problem
from tracker.i18n import _
from tracker.render import MAILED_FORMATS


class SigningConfig(Strict):
    """The certificate and the words of the signature: `pkcs12` (a .p12 or .pfx file, relative to
    the config file), `password_env` (the NAME of the variable holding its password), the
    reason and location written into the signature, and whether it shows in the signature
    block (`visible: false`: a signature without a mark on the page)."""

    pkcs12: str = Field(min_length=1, max_length=1000, pattern=r"(?i)^.*\.(p12|pfx)$")
    password_env: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=100)
    reason: str = Field(default="", max_length=200)
    location: str = Field(default="", max_length=200)
    visible: bool = True


def signing_problems(raw: dict[str, Any]) -> list[Problem]:
    """A schedule that signs (`report.sign: true`) needs `document.signing` and the pdf format;
    each problem placed at its `sign` key."""
    schedules = raw.get("schedules")
    if not isinstance(schedules, list):
        return []
    document = raw.get("document")
    has_signing = isinstance(document, dict) and bool(document.get("signing"))
    found: list[Problem] = []
    for index, item in enumerate(schedules):
        report = item.get("report") if isinstance(item, dict) else None
        if not isinstance(report, dict) or report.get("sign") is not True:
            continue
        place = ("schedules", index, "report", "sign")
        if not has_signing:
            found.append((place, _("signing needs document.signing: (pkcs12, password_env) in the config")))
        formats = report.get("formats", list(MAILED_FORMATS))
        if isinstance(formats, list) and "pdf" not in [str(f).strip().lower() for f in formats]:
            found.append((place, _("only a PDF is signed: add pdf to this schedule's formats")))
    return found
