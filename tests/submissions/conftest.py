"""The submissions called as the web calls them: one unit of work at a time on the default
config with three units (SYT, SGD from 2022, CBX to 2023), the words in English."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.services.conftest import Work
from tracker.base import Resolution, Session, current_resolution, unit_of_work
from tracker.config import load_settings


@pytest.fixture
def work(units) -> Work:  # type: ignore[no-untyped-def]
    settings = load_settings(units.config)

    @contextmanager
    def opened(*, writes: bool = True) -> Iterator[tuple[Session, Resolution]]:
        with unit_of_work(settings, writes=writes) as session:
            yield session, current_resolution(session, settings)

    return opened
