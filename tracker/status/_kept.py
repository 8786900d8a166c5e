"""Views kept between the requests of a long-running face (the portal's dashboard, /api/status,
the units matrix): the head of the resolution's chain names every stored change (a figure, a
rating, a quota, a definition loaded by init, a submission's state), so a view built at one head
holds until the next change, and so does the JSON text of a status (a thousand units' is some
400 kB, written in tens of milliseconds). A command of the command line builds its view once and
needs none of this."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

from tracker import clock, store
from tracker.i18n import Lang
from tracker.status._targets import StatusView, build_status, status_json_text
from tracker.store import Resolution, Session

KEPT = 16  # views (a few years, two languages, two pages); a 1,000-unit view is a few megabytes
View = TypeVar("View")


class KeptViews:
    """Views by (resolution, chain head, what was asked, today), the last KEPT used."""

    def __init__(self, size: int = KEPT) -> None:
        self._size = size
        self._views: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def view(
        self, session: Session, resolution: Resolution, asked: Hashable, build: Callable[[], View]
    ) -> View:
        """The view asked, built again only when something was stored since. The head is read
        before the view, in the same unit of work: a view is never older than its key."""
        key = (resolution.id, store.chain_head(session, resolution.id), asked, clock.now().date())
        with self._lock:
            if key in self._views:
                self._views.move_to_end(key)
                return cast(View, self._views[key])
        built = build()
        with self._lock:
            self._views[key] = built
            while len(self._views) > self._size:
                self._views.popitem(last=False)
        return built

    def status(
        self, session: Session, resolution: Resolution, *, as_of: int | None, lang: Lang
    ) -> StatusView:
        """Every target's status as of a year (tracker.status.build_status), kept."""
        return self.view(
            session,
            resolution,
            ("status", as_of, lang),
            lambda: build_status(session, resolution, as_of=as_of, lang=lang),
        )

    def status_json_text(
        self, session: Session, resolution: Resolution, *, as_of: int | None, lang: Lang
    ) -> str:
        """The text of `tracker status --format json` of the status as of a year, kept."""
        return self.view(
            session,
            resolution,
            ("status json", as_of, lang),
            lambda: status_json_text(self.status(session, resolution, as_of=as_of, lang=lang)),
        )
