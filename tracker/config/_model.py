"""The config's model: every section of config.yaml as a typed, validated object, and the
Settings a command runs with (the config, where it came from, its resolutions).

config.yaml -> validated, typed objects. Every problem is reported at once, with its place.

A problem reads `config.yaml:42: targets[3].threshold: a share is a percentage from 0 to
100`: the file, the line, the path of the key (list indexes count from 0) and what is
accepted. Types are strict (a threshold written `true` or `"90"` is refused, not converted),
numbers finite and within range, dates real, and the database URL one the tool can use: a
config that loads is one every command can run with.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator

from tracker.config._schedules import ScheduleConfig, SmtpConfig, Strict
from tracker.config._signing import SigningConfig
from tracker.config._targets import ResolutionConfig, ResolutionDefinition, TargetConfig
from tracker.config._units import UNIT_CODE_PATTERN, UnitConfig, UnitsFile
from tracker.evaluate import FarRule
from tracker.i18n import DEFAULT_LANG, Lang, _


class DatabaseConfig(Strict):
    url: str | None = None

    @field_validator("url")
    @classmethod
    def _usable_url(cls, url: str | None) -> str | None:
        from tracker.store import url_problem  # SQLAlchemy reads URLs; only when one is given

        problem = url_problem(url) if url is not None else None
        if problem:
            raise ValueError(problem)
        return url


class MarginsConfig(Strict):
    """Page margins of printed reports in millimetres. Party documents use 20-25 mm top and
    bottom, 30-35 mm left and 15 mm right (Hướng dẫn 36-HD/VPTW); our sources do not settle it."""

    top: float = Field(default=20, ge=5, le=60)
    bottom: float = Field(default=20, ge=5, le=60)
    left: float = Field(default=30, ge=5, le=60)
    right: float = Field(default=15, ge=5, le=60)

    @property
    def css(self) -> str:
        return f"{self.top:g}mm {self.right:g}mm {self.bottom:g}mm {self.left:g}mm"


class ReportsConfig(Strict):
    """Where reports land (relative to the config file unless absolute) and how they print."""

    dir: str = "reports"
    margins_mm: MarginsConfig = MarginsConfig()


class SignerConfig(Strict):
    """Who signs the report: the authority line, the title, and the name under the space left
    for signature and seal."""

    authority: str = Field(default="T/M BAN THƯỜNG VỤ", max_length=120)
    title: str = Field(default="BÍ THƯ", max_length=120)
    name: str = Field(default="", max_length=120)


class DocumentConfig(Strict):
    """The Party's form of a report (Hướng dẫn 36-HD/VPTW): the place of the date line, the
    document's number (only the symbol, "-BC/ĐUK", leaves the number for the office to fill
    by hand), the signer, the recipients (nơi nhận), an edited Word template (relative
    to this file) written first by `tracker report-template`, and the PDF's form: PDF/A-2b,
    which archives keep, or a plain PDF."""

    place: str = Field(default="", max_length=80)
    number: str = Field(default="", max_length=40)
    signer: SignerConfig = SignerConfig()
    recipients: list[str] = Field(default_factory=lambda: ["Lưu Văn phòng"], max_length=30)
    template: str | None = Field(default=None, pattern=r"(?i)^.*\.docx$")
    pdf: Literal["pdf/a-2b", "plain"] = "pdf/a-2b"
    signing: SigningConfig | None = None  # the certificate that signs PDF reports (--sign)


class WebConfig(Strict):
    """The portal's settings (docs/accounts.md): how many failed sign-ins of one name within how
    many minutes lock it, and for as many minutes."""

    lockout_failures: int = Field(default=10, ge=1, le=1000)
    lockout_minutes: int = Field(default=15, ge=1, le=1440)
    # the figures of year N are due this day ("MM-DD") of year N+1 (docs/submissions.md)
    deadline: str = Field(default="01-31", pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")


class ChecksConfig(Strict):
    """When a figure is far from its own history (tracker/evaluate/_outliers.py): `enter` asks to
    confirm it, `record` and `import` warn. A count more than `far_factor` times the median of
    its last three years (or less than that median divided by it), unless both are under
    `far_min_count`; a share more than `far_points` percentage points from it."""

    far_factor: float = Field(default=5, gt=1, le=1000)
    far_points: float = Field(default=30, gt=0, le=100)
    far_min_count: int = Field(default=10, ge=0, le=1_000_000)

    @property
    def far_rule(self) -> FarRule:
        return FarRule(self.far_factor, self.far_points, self.far_min_count)


class Config(Strict):
    """config.yaml: the resolution tracked (`resolution:` and `targets:`, or `resolutions:`, a
    list of files each holding both, for several), the database, reports and schedules."""

    database: DatabaseConfig = DatabaseConfig()
    reports: ReportsConfig = ReportsConfig()
    document: DocumentConfig = DocumentConfig()
    checks: ChecksConfig = ChecksConfig()
    language: Lang = DEFAULT_LANG
    timezone: str = "Asia/Ho_Chi_Minh"
    resolution: ResolutionConfig | None = None
    targets: list[TargetConfig] | None = Field(default=None, min_length=1)
    units: list[UnitConfig] = Field(default_factory=list)
    units_file: UnitsFile = None
    unit_kinds: list[Annotated[str, Field(pattern=UNIT_CODE_PATTERN)]] = Field(default_factory=list)
    resolutions: list[str] = Field(default_factory=list)
    schedules: list[ScheduleConfig] = Field(default_factory=list)
    smtp: SmtpConfig | None = None
    web: WebConfig = WebConfig()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                _("unknown time zone {name!r}, e.g. Asia/Ho_Chi_Minh").format(name=name)
            ) from None
        return name

    @model_validator(mode="after")
    def _names_a_resolution(self) -> Config:
        if self.resolution is None and self.targets is None and not self.resolutions:
            raise ValueError(
                _(
                    "the config names no resolution: give resolution: and targets:, "
                    "or resolutions: (a list of files)"
                )
            )
        return self

    @property
    def inline(self) -> ResolutionDefinition | None:
        """The resolution written in config.yaml itself, if any."""
        if self.resolution is None or self.targets is None:
            return None
        return ResolutionDefinition(
            resolution=self.resolution,
            targets=self.targets,
            units=self.units,
            units_file=self.units_file,
            unit_kinds=self.unit_kinds,
        )

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(self.resolution.reporting_years) if self.resolution else ()

    def target(self, code: str) -> TargetConfig | None:
        return next((t for t in self.targets or () if t.code == code), None)

    def schedule(self, schedule_id: str) -> ScheduleConfig | None:
        return next((s for s in self.schedules if s.id == schedule_id), None)


@dataclass(frozen=True)
class Settings:
    """A loaded config with where it came from, the database it points at, every resolution it
    names (the inline one first, then the files of `resolutions:`) and the one chosen."""

    config: Config
    path: Path
    database_url: str
    definitions: tuple[ResolutionDefinition, ...]
    chosen: int = 0

    @property
    def definition(self) -> ResolutionDefinition:
        """The resolution every command works on: --resolution, $TRACKER_RESOLUTION, else the first."""
        return self.definitions[self.chosen]

    @property
    def reports_dir(self) -> Path:
        return (self.path.parent / Path(self.config.reports.dir).expanduser()).resolve()

    @property
    def document_template(self) -> Path | None:
        """The office's Word template (`document.template`), relative to the config file."""
        template = self.config.document.template
        return None if template is None else (self.path.parent / Path(template).expanduser()).resolve()

    @property
    def signing_file(self) -> Path | None:
        """The office's certificate (`document.signing.pkcs12`), relative to the config file."""
        signing = self.config.document.signing
        return None if signing is None else (self.path.parent / Path(signing.pkcs12).expanduser()).resolve()
