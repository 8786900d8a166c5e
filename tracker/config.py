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
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, ValidationInfo, field_validator

from tracker.config_errors import wording
from tracker.config_yaml import Problem, YamlProblem, control_characters, load_yaml, places
from tracker.errors import ConfigError
from tracker.evaluate.model import Comparator, Goal, Measure, Rule
from tracker.evaluate.values import MAX_COUNT, count_limit
from tracker.i18n import N_, _
from tracker.reasons import system_reason
from tracker.schedule_config import EmailSpec, ReportSpec, ScheduleConfig, SmtpConfig, Strict

CONFIG_ENV = "TRACKER_CONFIG"
DATABASE_ENV = "TRACKER_DATABASE_URL"
DEFAULT_CONFIG_NAME = "config.yaml"
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$"
DATABASES = ("sqlite", "postgresql")
# Words of the config that name a member of an enumeration: read from their text.
Named = Field(strict=False)


class SourceConfig(Strict):
    """Where a target comes from: quoted (with the published wording) or inferred (with why)."""

    kind: Literal["quoted", "inferred"]
    wording: str | None = None
    why: str | None = None
    why_en: str | None = None
    reference: str | None = None

    @field_validator("why")
    @classmethod
    def _inferred_says_why(cls, why: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("kind") == "inferred" and not (why or "").strip():
            raise ValueError(_("an inferred target must say why it was inferred"))
        return why

    @field_validator("wording")
    @classmethod
    def _quoted_has_wording(cls, wording: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("kind") == "quoted" and not (wording or "").strip():
            raise ValueError(_("a quoted target must give the published wording"))
        return wording


class TargetConfig(Strict):
    code: str = Field(pattern=CODE_PATTERN)
    title: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    short_title: str | None = None
    short_title_en: str | None = None
    measure: Annotated[Measure, Named]
    rule: Annotated[Rule, Named]
    comparator: Annotated[Comparator, Named]
    threshold: float
    unit: str = ""
    unit_en: str = ""
    source: SourceConfig

    @field_validator("threshold")
    @classmethod
    def _threshold_fits_measure(cls, threshold: float, info: ValidationInfo) -> float:
        measure = info.data.get("measure")
        if threshold < 0:
            raise ValueError(_("a threshold cannot be negative"))
        if measure is Measure.SHARE and threshold > 100:
            raise ValueError(_("a share is a percentage from 0 to 100"))
        if threshold > MAX_COUNT:
            raise ValueError(
                _("a threshold is at most {limit} (the largest count a figure can hold)").format(
                    limit=count_limit()
                )
            )
        whole_needed = measure is Measure.COUNT and info.data.get("rule") is not Rule.YEARLY_AVERAGE
        if whole_needed and threshold != int(threshold):
            raise ValueError(_("a count threshold must be a whole number"))
        return threshold

    def goal(self, years: tuple[int, ...]) -> Goal:
        return Goal(self.rule, self.comparator, self.threshold, years)


class ResolutionConfig(Strict):
    code: str = Field(pattern=CODE_PATTERN)
    title: str = Field(min_length=1)
    title_en: str | None = None
    body: str = Field(min_length=1)
    superior_body: str | None = None
    congress_date: Annotated[date, Field(strict=False)]  # YYYY-MM-DD, read from its text
    reporting_years: list[int]

    @field_validator("reporting_years")
    @classmethod
    def _years_make_a_term(cls, years: list[int]) -> list[int]:
        if not years:
            raise ValueError(_("list at least one reporting year, e.g. [2021, 2022, 2023, 2024, 2025]"))
        if not all(1900 <= y <= 2200 for y in years):
            raise ValueError(_("reporting years must be calendar years from 1900 to 2200, e.g. 2021"))
        ordered = sorted(set(years))
        if len(ordered) != len(years):
            raise ValueError(_("a reporting year is listed twice"))
        if ordered != list(range(ordered[0], ordered[-1] + 1)):
            raise ValueError(_("reporting years must follow each other (no gaps)"))
        return ordered

    @field_validator("congress_date")
    @classmethod
    def _date_in_range(cls, day: date) -> date:
        if not 1900 <= day.year <= 2200:
            raise ValueError(_("the congress date must be a day from 1900 to 2200, e.g. 2020-08-18"))
        return day


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


class Config(Strict):
    database: DatabaseConfig = DatabaseConfig()
    reports: ReportsConfig = ReportsConfig()
    language: Literal["vi", "en"] = "vi"
    timezone: str = "Asia/Ho_Chi_Minh"
    resolution: ResolutionConfig
    targets: list[TargetConfig] = Field(min_length=1)
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

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(self.resolution.reporting_years)

    def target(self, code: str) -> TargetConfig | None:
        return next((t for t in self.targets if t.code == code), None)

    def schedule(self, schedule_id: str) -> ScheduleConfig | None:
        return next((s for s in self.schedules if s.id == schedule_id), None)


@dataclass(frozen=True)
class Settings:
    """A loaded config with where it came from and the database it points at."""

    config: Config
    path: Path
    database_url: str

    @property
    def reports_dir(self) -> Path:
        return (self.path.parent / Path(self.config.reports.dir).expanduser()).resolve()


def config_path(explicit: str | Path | None = None) -> Path:
    """The config file to use: --config, then $TRACKER_CONFIG, then ./config.yaml."""
    chosen = explicit or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG_NAME
    return Path(chosen).expanduser()


def load_settings(explicit: str | Path | None = None) -> Settings:
    path = config_path(explicit)
    config = load_config(path)
    return Settings(config, path, database_url(config, path))


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
        + control_characters(raw)
    )
    try:
        config = Config.model_validate(raw)
    except ValidationError as exc:
        found += [(tuple(e["loc"]), _message(e)) for e in exc.errors()]
    if found:
        raise ConfigError(places(name, text, found))
    return config


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


def _known_keys() -> list[str]:
    models = (
        Config, DatabaseConfig, ReportsConfig, MarginsConfig, ResolutionConfig, TargetConfig, SourceConfig,
        ScheduleConfig, ReportSpec, EmailSpec, SmtpConfig,
    )  # fmt: skip
    return sorted({key for model in models for key in model.model_fields})


def _message(error: Any) -> str:
    return wording(error, _known_keys())
