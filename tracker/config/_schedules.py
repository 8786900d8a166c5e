"""The `schedules:` and `smtp:` parts of config.yaml, validated like the rest of the config.

A cron expression is checked by APScheduler's own parser when the config is loaded, so a
typo names its schedule at once instead of failing at 07:00 on 15 December.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tracker.config._choices import KINDS_ACCEPTED, config_choice, report_kind_of
from tracker.evaluate import ReportKind
from tracker.i18n import Lang, _
from tracker.reasons import quoted
from tracker.render import MAILED_FORMATS

PRESETS: dict[str, str] = {
    "yearly": "0 7 15 12 *",  # 07:00 on 15 December: before the year-end review
    "quarterly": "0 7 1 1,4,7,10 *",
    "monthly": "0 7 1 * *",
    "weekly": "0 7 * * mon",
    "daily": "0 7 * * *",
}
# One address, no display name: the local part in RFC 5322's atext (no comma, quote, bracket or
# space, which could smuggle a second recipient in), a domain of letters, digits and hyphens.
_ADDRESS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}")


class Strict(BaseModel):
    """Every section of config.yaml: unknown keys refused, types strict (no `true` for a number,
    no "90" for a number), numbers finite."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


def check_address(address: str) -> str:
    """The address as written (NFC), once mail can carry it: one address, its local part
    unaccented, its domain one that IDNA can write (an accented domain is sent as such)."""
    if "\n" in address or "\r" in address:
        raise ValueError(_("an e-mail address cannot contain a line break"))
    text = unicodedata.normalize("NFC", address.strip())
    local = text.rpartition("@")[0]
    if local and not local.isascii():
        message = _(
            "{address!r}: the part before @ must be written without accents (letters a-z, digits, . _ - +)"
        )
        raise ValueError(message.format(address=address))
    if not _ADDRESS.fullmatch(text):
        raise ValueError(
            _("{address!r} is not an e-mail address (one address, e.g. name@example.org)").format(
                address=address
            )
        )
    wire_address(text)
    return text


def wire_address(address: str) -> str:
    """The address as SMTP carries it: an accented domain in the ASCII form DNS knows it by
    (IDNA: van.phong@bộ.vn -> van.phong@xn--b-8xm.vn), so that any server takes it; the local
    part is ASCII already (check_address). ValueError naming the address if IDNA cannot."""
    local, _at, domain = address.rpartition("@")
    if domain.isascii():
        return address
    import idna

    try:
        return f"{local}@{idna.encode(domain, uts46=True).decode('ascii')}"
    except idna.IDNAError:
        message = _(
            "{address!r}: the domain cannot be written in the form mail servers read "
            "(IDNA, e.g. xn--b-8xm.vn for bộ.vn); check its spelling and length"
        )
        raise ValueError(message.format(address=address)) from None


class ReportSpec(Strict):
    formats: list[str] = Field(default_factory=lambda: list(MAILED_FORMATS), min_length=1)  # the registry's
    lang: Lang | None = None
    as_of: Literal["latest", "previous_year"] = "latest"
    kind: ReportKind | None = Field(default=None, strict=False)  # default: what the as-of year calls for
    sign: bool = False  # the PDF signed with document.signing's certificate

    @field_validator("kind", mode="before")
    @classmethod
    def _known_kind(cls, text: object) -> object:
        """`kind:` in either language, as `tracker report --kind` reads it: "so-ket", "Tổng kết"."""
        return config_choice(text, report_kind_of, KINDS_ACCEPTED)

    @field_validator("formats")
    @classmethod
    def _registered(cls, formats: list[str]) -> list[str]:
        from tracker.errors import TrackerError
        from tracker.render import check_formats

        try:
            return list(check_formats(formats))
        except TrackerError as exc:
            raise ValueError(str(exc)) from None


class EmailSpec(Strict):
    to: list[str] = Field(min_length=1)
    only_when_changed: bool = False

    @field_validator("to")
    @classmethod
    def _addresses(cls, to: list[str]) -> list[str]:
        return [check_address(a) for a in to]


class ScheduleConfig(Strict):
    """One scheduled job: a report (rendered, filed, optionally mailed) or a reminder."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
    kind: Literal["report", "reminder"] = "report"
    cron: str | None = None
    interval_seconds: int | None = Field(default=None, ge=1, le=366 * 24 * 3600)
    report: ReportSpec = ReportSpec()
    email: EmailSpec | None = None
    after: str = Field(default="01-31", pattern=r"^\d\d-\d\d$")
    # the code of the resolution the job reports on; default: the one the service works on
    resolution: str | None = None

    @field_validator("cron")
    @classmethod
    def _cron_parses(cls, cron: str | None) -> str | None:
        if cron is None:
            return None
        expression = PRESETS.get(cron.strip(), cron.strip())
        if len(expression.split()) != 5:
            message = _(
                "{cron!r} is not a 5-field cron expression (minute hour day month weekday) "
                "nor a preset ({presets})"
            )
            raise ValueError(message.format(cron=cron, presets=", ".join(PRESETS)))
        from apscheduler.triggers.cron import CronTrigger

        try:
            CronTrigger.from_crontab(expression)
        except ValueError as exc:
            raise ValueError(
                _("{cron!r} is not a valid cron expression ({reason})").format(
                    cron=cron, reason=quoted(str(exc))
                )
            ) from None
        return expression

    @field_validator("after")
    @classmethod
    def _after_is_a_day(cls, after: str) -> str:
        month, day = (int(part) for part in after.split("-"))
        try:
            date(2024, month, day)
        except ValueError:
            raise ValueError(
                _("{after!r} is not a day of the year (MM-DD, e.g. 01-31)").format(after=after)
            ) from None
        return after

    @model_validator(mode="after")
    def _one_timing(self) -> ScheduleConfig:
        if (self.cron is None) == (self.interval_seconds is None):
            raise ValueError(_("give either cron (5 fields or a preset) or interval_seconds"))
        return self


class SmtpConfig(Strict):
    host: str = Field(min_length=1)
    port: int = Field(default=587, ge=1, le=65535)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    sender: str
    username: str | None = None
    password_env: str | None = Field(default=None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    timeout_seconds: float = Field(default=30, gt=0, le=600)
    retries: int = Field(default=3, ge=1, le=10)
    retry_delay_seconds: float = Field(default=5, ge=0, le=600)

    @field_validator("sender")
    @classmethod
    def _sender(cls, sender: str) -> str:
        return check_address(sender)
