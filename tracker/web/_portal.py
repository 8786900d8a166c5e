"""What the portal holds for its lifetime: the settings it was started with, its database, and
the language its pages speak unless a person picks the other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from tracker.base import Database
from tracker.config import Settings
from tracker.i18n import Lang
from tracker.status import KeptViews

T = TypeVar("T")


@dataclass
class Portal:
    settings: Settings
    database: Database
    kept: KeptViews = field(default_factory=KeptViews)  # views per state of the history (dashboard, matrix)

    @property
    def lang(self) -> Lang:
        return self.settings.config.language

    def close(self) -> None:
        self.database.close()


def portal_of(request: Request) -> Portal:
    found = request.app.state.portal
    assert isinstance(found, Portal)
    return found


async def in_thread(work: Callable[[], T]) -> T:
    """Database and file work, off the event loop (the request's language goes along)."""
    return await run_in_threadpool(work)
