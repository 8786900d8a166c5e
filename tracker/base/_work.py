"""One unit of work on the database a config names: what a command (or, later, a request) does
is committed whole when it ends, or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tracker import store
from tracker.base._lookup import load_resolution
from tracker.config import Settings
from tracker.store import Resolution, Session


@contextmanager
def unit_of_work(settings: Settings, *, writes: bool = True) -> Iterator[Session]:
    """One transaction on a database that exists and is up to date. Work that only reads says
    `writes=False` and never waits for a writer."""
    engine = store.make_engine(settings.database_url, writes=writes)
    try:
        store.ensure_ready(engine, settings.database_url)
        with store.unit_of_work(engine, settings.database_url) as session:
            yield session
    finally:
        engine.dispose()


def current_resolution(session: Session, settings: Settings) -> Resolution:
    """The resolution the settings chose (--resolution, $TRACKER_RESOLUTION, else the first)."""
    return load_resolution(session, settings.definition.code)


class Database:
    """The database of a long-running face (the portal): its engines made once, checked once,
    and a unit of work per request, as `unit_of_work` gives one per command."""

    def __init__(self, settings: Settings) -> None:
        self.url = settings.database_url
        self._reader = store.make_engine(self.url, writes=False)
        self._writer = store.make_engine(self.url, writes=True)
        try:
            store.ensure_ready(self._reader, self.url)
        except BaseException:
            self.close()
            raise

    @contextmanager
    def work(self, *, writes: bool = True) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on error. Work that only
        reads says `writes=False` and never waits for a writer."""
        with store.unit_of_work(self._writer if writes else self._reader, self.url) as session:
            yield session

    def reachable(self) -> bool:
        """Whether the database answers now (the portal's /healthz)."""
        try:
            with self.work(writes=False) as session:
                store.ping(session)
        except Exception:
            return False
        return True

    def close(self) -> None:
        self._reader.dispose()
        self._writer.dispose()
