"""config.yaml -> validated, typed objects. Every problem is reported at once, with its place.

A problem reads `config.yaml:42: targets[3].threshold: a share is a percentage from 0 to
100`: the file, the line, the path of the key (list indexes count from 0) and what is
accepted. Types are strict (a threshold written `true` or `"90"` is refused, not converted),
numbers finite and within range, dates real, and the database URL one the tool can use: a
config that loads is one every command can run with.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator, model_validator

from tracker.config._errors import wording
from tracker.config._links import link_problems
from tracker.config._schedules import EmailSpec, ReportSpec, ScheduleConfig, SmtpConfig, Strict
from tracker.config._targets import ResolutionConfig, ResolutionDefinition, SourceConfig, TargetConfig
from tracker.config._units import UNIT_CODE_PATTERN, UnitConfig, unit_problems
from tracker.config._yaml import Problem, YamlProblem, control_characters, load_yaml, places
from tracker.errors import ConfigError
from tracker.i18n import N_, _
from tracker.reasons import system_reason

__all__ = ["Config", "ResolutionConfig", "ResolutionDefinition", "Settings", "TargetConfig", "load_settings"]

CONFIG_ENV = "TRACKER_CONFIG"
DATABASE_ENV = "TRACKER_DATABASE_URL"
RESOLUTION_ENV = "TRACKER_RESOLUTION"
DEFAULT_CONFIG_NAME = "config.yaml"
DATABASES = ("sqlite", "postgresql")
Model = TypeVar("Model", bound=Strict)


class DatabaseConfig(Strict):
    url: str | None = None

    @field_validator("url")
    @classmethod
    def _usable_url(cls, url: str | None) -> str | None:
        problem = url_problem(url) if url is not None else None
        if problem:
            raise ValueError(problem)
        return url


def url_problem(url: str) -> str | None:
    """What is wrong with a database URL, or None: it must be one this tool can open."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    example = _("e.g. sqlite:///tracker.db or postgresql+psycopg://user@host:5432/tracker")
    try:
        backend = make_url(url).get_backend_name()
    except (ArgumentError, ValueError):
        return _("{url!r} is not a database URL ({example})").format(url=url, example=example)
    if backend not in DATABASES:
        message = _("{url!r} names the database {backend!r}; accepted: SQLite or PostgreSQL ({example})")
        return message.format(url=url, backend=backend, example=example)
    return None


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
    by hand), the signer, the recipients (nơi nhận), and an edited Word template (relative
    to this file) written first by `tracker report-template`."""

    place: str = Field(default="", max_length=80)
    number: str = Field(default="", max_length=40)
    signer: SignerConfig = SignerConfig()
    recipients: list[str] = Field(default_factory=lambda: ["Lưu Văn phòng"], max_length=30)
    template: str | None = Field(default=None, pattern=r"(?i)^.*\.docx$")


class Config(Strict):
    """config.yaml: the resolution tracked (`resolution:` and `targets:`, or `resolutions:`, a
    list of files each holding both, for several), the database, reports and schedules."""

    database: DatabaseConfig = DatabaseConfig()
    reports: ReportsConfig = ReportsConfig()
    document: DocumentConfig = DocumentConfig()
    language: Literal["vi", "en"] = "vi"
    timezone: str = "Asia/Ho_Chi_Minh"
    resolution: ResolutionConfig | None = None
    targets: list[TargetConfig] | None = Field(default=None, min_length=1)
    units: list[UnitConfig] = Field(default_factory=list)
    units_file: str | None = Field(default=None, pattern=r"(?i)^.*\.(csv|xlsx)$")
    unit_kinds: list[Annotated[str, Field(pattern=UNIT_CODE_PATTERN)]] = Field(default_factory=list)
    resolutions: list[str] = Field(default_factory=list)
    schedules: list[ScheduleConfig] = Field(default_factory=list)
    smtp: SmtpConfig | None = None

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


def config_path(explicit: str | Path | None = None) -> Path:
    """The config file to use: --config, then $TRACKER_CONFIG, then ./config.yaml."""
    chosen = explicit or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG_NAME
    return Path(chosen).expanduser()


def load_settings(explicit: str | Path | None = None, resolution: str | None = None) -> Settings:
    """The config, its resolutions, and the one named by `resolution` (or $TRACKER_RESOLUTION)."""
    from tracker.config._resolutions import choose, load_definitions

    path = config_path(explicit)
    config = load_config(path)
    definitions = load_definitions(config, path)
    chosen = choose(definitions, resolution or os.environ.get(RESOLUTION_ENV) or None)
    return Settings(config, path, database_url(config, path), definitions, chosen)


def database_url(config: Config, path: Path) -> str:
    """$TRACKER_DATABASE_URL, else the config's url, else tracker.db beside the config.

    A relative SQLite path is read relative to the config file, not the working folder.
    """
    url = os.environ.get(DATABASE_ENV) or config.database.url
    if not url:
        return f"sqlite:///{(path.parent / 'tracker.db').resolve()}"
    problem = url_problem(url)
    if problem:
        raise ConfigError([f"{DATABASE_ENV}: {problem}"])
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != prefix + ":memory:":
        return prefix + str((path.parent / url[len(prefix) :]).resolve())
    return url


def load_config(path: Path) -> Config:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        message = _("{path}: no config file here; pass --config PATH or set {variable}")
        raise ConfigError([message.format(path=path, variable=CONFIG_ENV)]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            [_("{path}: cannot read the config file ({reason})").format(path=path, reason=system_reason(exc))]
        ) from None
    return parse_config(text, str(path))


def parse_config(text: str, name: str = DEFAULT_CONFIG_NAME) -> Config:
    return parse_yaml_model(text, name, Config)


def parse_definition(text: str, name: str) -> ResolutionDefinition:
    """A file of `resolutions:`: a resolution and its targets, checked as config.yaml is."""
    return parse_yaml_model(text, name, ResolutionDefinition)


def parse_yaml_model(text: str, name: str, model: type[Model]) -> Model:
    """The YAML text as the model, or every problem at once, each placed at its line."""
    try:
        raw = load_yaml(text)
    except YamlProblem as exc:
        raise ConfigError([f"{name}: {exc}"]) from None
    if not isinstance(raw, dict):
        raise ConfigError(
            [_("{name}: the file must be a mapping of keys (resolution:, targets:)").format(name=name)]
        )
    found = (
        _duplicates(raw, "targets", "code", N_("duplicate target code {name} (also {section}[{index}])"))
        + _duplicates(raw, "schedules", "id", N_("duplicate schedule id {name} (also {section}[{index}])"))
        + _mail_without_smtp(raw)
        + unit_problems(raw)
        + link_problems(raw)
        + control_characters(raw)
    )
    try:
        parsed = model.model_validate(raw)
    except ValidationError as exc:
        found += [(tuple(e["loc"]), _message(e)) for e in exc.errors()]
    if found:
        raise ConfigError(places(name, text, found))
    return parsed


def _duplicates(raw: dict[str, Any], section: str, key: str, what: str) -> list[Problem]:
    """`targets[8].code: duplicate target code T08 (also targets[7])`, for any list of items;
    `what` is the message, with {name}, {section} and {index}."""
    items = raw.get(section)
    if not isinstance(items, list):
        return []
    first: dict[str, int] = {}
    found = []
    for index, item in enumerate(items):
        name = item.get(key) if isinstance(item, dict) else None
        if not isinstance(name, str):
            continue
        if name in first:
            found.append(
                ((section, index, key), _(what).format(name=name, section=section, index=first[name]))
            )
        first.setdefault(name, index)
    return found


def _mail_without_smtp(raw: dict[str, Any]) -> list[Problem]:
    schedules = raw.get("schedules")
    if raw.get("smtp") or not isinstance(schedules, list):
        return []
    return [
        (("schedules", index, "email"), _("e-mail needs an smtp: section (host, port, sender)"))
        for index, item in enumerate(schedules)
        if isinstance(item, dict) and item.get("email")
    ]


def known_keys() -> list[str]:
    models = (
        Config, ResolutionDefinition, DatabaseConfig, ReportsConfig, MarginsConfig, ResolutionConfig,
        DocumentConfig, SignerConfig,
        TargetConfig, SourceConfig, ScheduleConfig, UnitConfig, ReportSpec, EmailSpec, SmtpConfig,
    )  # fmt: skip
    return sorted({key for model in models for key in model.model_fields})


def _message(error: Any) -> str:
    return wording(error, known_keys())
