from __future__ import annotations

from tracker.config._load import load_settings
from tracker.config._model import DocumentConfig, Settings
from tracker.config._schedules import ScheduleConfig, SmtpConfig
from tracker.config._targets import ResolutionConfig, ResolutionDefinition, TargetConfig
from tracker.config._units import UnitConfig

__all__ = [
    "DocumentConfig",
    "ResolutionConfig",
    "ResolutionDefinition",
    "ScheduleConfig",
    "Settings",
    "SmtpConfig",
    "TargetConfig",
    "UnitConfig",
    "load_settings",
]
