"""The config's word on submissions, and a state in the reader's words."""

from __future__ import annotations

from tracker.config import Settings
from tracker.i18n import _
from tracker.submissions._model import STATE_WORDS, SubmissionRules


def rules_of(settings: Settings) -> SubmissionRules:
    """The far rule (`checks:`) and the deadline (`web.deadline`) of the config."""
    config = settings.config
    return SubmissionRules(config.checks.far_rule, config.web.deadline)


def state_words(state: str) -> str:
    """A state as the reader says it: "chưa nộp", "đã nộp", "đã duyệt", "bị trả lại"."""
    return _(STATE_WORDS[state])
