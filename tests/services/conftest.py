"""The application's packages called as a face calls them: one unit of work on the database of
the session's template (default config, initialised), the words in English."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from tracker.base import Resolution, Session, current_resolution, unit_of_work
from tracker.config import Settings, load_settings

Work = Callable[..., AbstractContextManager[tuple[Session, Resolution]]]


@pytest.fixture
def settings(ready_config: Path) -> Settings:
    return load_settings(ready_config)


@pytest.fixture
def work(settings: Settings) -> Work:
    """with work() as (session, resolution): one transaction, committed at the end of the
    block, rolled back on an error; work(writes=False) only reads."""

    @contextmanager
    def opened(*, writes: bool = True) -> Iterator[tuple[Session, Resolution]]:
        with unit_of_work(settings, writes=writes) as session:
            yield session, current_resolution(session, settings)

    return opened
