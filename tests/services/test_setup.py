"""tracker.setup on the database, without the command line: `initialise` of the config the
database was loaded from changes nothing, however often it runs, and keeps the figures."""

from __future__ import annotations

from tests.services.conftest import Work
from tracker.config import Settings
from tracker.records import FigureRequest, record_figure
from tracker.setup import initialise
from tracker.status import build_status
from tracker.store._engine import SCHEMA_HEAD


def test_initialise_twice_changes_nothing_and_keeps_the_figures(settings: Settings, work: Work) -> None:
    with work() as (session, resolution):
        record_figure(session, resolution, FigureRequest("T07", 2021, "160", recorded_by="Lan"))
    for _ in range(2):
        done = initialise(settings)
        assert done.schema == (SCHEMA_HEAD, SCHEMA_HEAD)  # nothing to migrate
        assert done.changes == {"DHIX-DUK-DB": []}
    with work(writes=False) as (session, resolution):
        view = build_status(session, resolution, lang="en")
    assert [t.code for t in view.targets] == [f"T{i:02d}" for i in range(1, 12)]
    (t07,) = [t for t in view.targets if t.code == "T07"]
    assert (t07.status_text, t07.figures[2021].figure.value) == ("On track", 160)
