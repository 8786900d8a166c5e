"""Status views kept between the requests of a long-running face (the portal's dashboard and
/api/status): the head of the resolution's chain names every stored change (a figure, a rating,
a quota, a definition loaded by init), so a view built at one head holds until the next change.
A command of the command line builds its view once and needs none of this."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from tracker import clock, store
from tracker.i18n import Lang
from tracker.status._targets import StatusView, build_status
from tracker.store import Resolution, Session

KEPT = 8  # views (a few years, two languages); a 1,000-unit view is a few megabytes


class KeptStatus:
    """Views by (resolution, chain head, year asked, language, today), the last KEPT used."""

    def __init__(self, size: int = KEPT) -> None:
        self._size = size
        self._views: OrderedDict[Hashable, StatusView] = OrderedDict()
        self._lock = threading.Lock()

    def view(self, session: Session, resolution: Resolution, *, as_of: int | None, lang: Lang) -> StatusView:
        """The status as of a year, built again only when something was stored since. The head
        is read before the view, in the same unit of work: a view is never older than its key."""
        key = (resolution.id, store.chain_head(session, resolution.id), as_of, lang, clock.now().date())
        with self._lock:
            found = self._views.get(key)
            if found is not None:
                self._views.move_to_end(key)
                return found
        built = build_status(session, resolution, as_of=as_of, lang=lang)
        with self._lock:
            self._views[key] = built
            while len(self._views) > self._size:
                self._views.popitem(last=False)
        return built
