"""The status views a long-running face keeps (tracker.status.KeptViews): the JSON text of
/api/status is the text of `tracker status --format json`, kept with its view until the history
changes."""

from __future__ import annotations

import json

from tests.services.conftest import Work
from tracker.records import FigureRequest, record_figure
from tracker.status import KeptViews, build_status, status_json_text


def test_the_kept_json_text_is_the_status_json_until_a_figure_is_stored(work: Work) -> None:
    kept = KeptViews()
    with work(writes=False) as (session, resolution):
        first = kept.status_json_text(session, resolution, as_of=2021, lang="en")
        again = kept.status_json_text(session, resolution, as_of=2021, lang="en")
        fresh = status_json_text(build_status(session, resolution, as_of=2021, lang="en"))
    assert first == fresh and again is first
    with work() as (session, resolution):
        record_figure(session, resolution, FigureRequest("T07", 2021, "160", "Lan"))
    with work(writes=False) as (session, resolution):
        after = kept.status_json_text(session, resolution, as_of=2021, lang="en")
        fresh = status_json_text(build_status(session, resolution, as_of=2021, lang="en"))
    assert after == fresh and after != first
    (t07,) = [t for t in json.loads(after)["targets"] if t["code"] == "T07"]
    assert t07["figures"] == {"2021": 160}
