"""Parsing config.yaml (and a file of `resolutions:`) into the model: the YAML read strictly,
then every problem at once, each placed at its line (`config.yaml:42: targets[3].threshold:
...`)."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import ValidationError

from tracker.config._errors import wording
from tracker.config._links import link_problems
from tracker.config._model import (
    ChecksConfig,
    Config,
    DatabaseConfig,
    DocumentConfig,
    MarginsConfig,
    ReportsConfig,
    SignerConfig,
    WebConfig,
)
from tracker.config._schedules import EmailSpec, ReportSpec, ScheduleConfig, SmtpConfig, Strict
from tracker.config._signing import SigningConfig, signing_problems
from tracker.config._targets import ResolutionConfig, ResolutionDefinition, SourceConfig, TargetConfig
from tracker.config._units import UnitConfig, unit_problems
from tracker.config._yaml import Problem, YamlProblem, control_characters, load_yaml, places
from tracker.errors import ConfigError
from tracker.i18n import N_, _

DEFAULT_CONFIG_NAME = "config.yaml"
Model = TypeVar("Model", bound=Strict)


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
        + signing_problems(raw)
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
        DocumentConfig, SignerConfig, SigningConfig, ChecksConfig, WebConfig,
        TargetConfig, SourceConfig, ScheduleConfig, UnitConfig, ReportSpec, EmailSpec, SmtpConfig,
    )  # fmt: skip
    return sorted({key for model in models for key in model.model_fields})


def _message(error: Any) -> str:
    return wording(error, known_keys())
