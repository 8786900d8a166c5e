from __future__ import annotations

from tracker.config._choices import (
    AGENCY,
    PARTY_ORG,
    rated_as_given,
    rated_as_of,
    report_kind_given,
    report_kind_of,
)
from tracker.config._load import load_settings
from tracker.config._model import DocumentConfig, Settings
from tracker.config._schedules import ScheduleConfig, SmtpConfig, wire_address
from tracker.config._targets import ResolutionConfig, ResolutionDefinition, TargetConfig
from tracker.config._units import UnitConfig, unit_kind_words

__all__ = [
    "AGENCY",
    "PARTY_ORG",
    "DocumentConfig",
    "ResolutionConfig",
    "ResolutionDefinition",
    "ScheduleConfig",
    "Settings",
    "SmtpConfig",
    "TargetConfig",
    "UnitConfig",
    "load_settings",
    "rated_as_given",
    "rated_as_of",
    "report_kind_given",
    "report_kind_of",
    "unit_kind_words",
    "wire_address",
]
