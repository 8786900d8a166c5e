"""`tracker overview` counts the units' roll-up where the committee recorded no figure, as
`tracker status` does, so that the two agree on every target."""

from __future__ import annotations

import json
from collections import Counter

import pytest


def test_the_overview_agrees_with_status_on_a_target_only_the_units_reported(units) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ("T03", "2021", "10/10", "--unit", "SYT"),  # 2021: 10/10 + 9/10 = 95%, meets 90%
        ("T03", "2021", "9/10", "--unit", "CBX"),
        ("T03", "2022", "5/10", "--unit", "SYT"),  # 2022: 5/10 + 10/10 + 9/10 = 80%, fails
        ("T03", "2022", "10/10", "--unit", "SGD"),
        ("T03", "2022", "9/10", "--unit", "CBX"),
        ("T07", "2021", "300", "--unit", "SYT"),  # a count: summed, once every unit of the year gave it
        ("T07", "2021", "0", "--unit", "CBX"),
        ("T07", "2022", "250", "--unit", "SGD"),
        ("T07", "2022", "200", "--unit", "CBX"),
        ("T07", "2022", "0", "--unit", "SYT"),
        ("T04", "2022", "5"),  # the committee's own
    ):
        result = units("record", *args)
        assert result.code == 0, result.err
    status = json.loads(units("status", "--format", "json").out)
    overview = json.loads(units("overview", "--format", "json").out)["resolutions"][0]
    found = {t["code"]: t for t in status["targets"]}
    assert found["T03"]["figures"] == {"2021": 95, "2022": 80} and found["T07"]["figures"]["2022"] == 450
    assert not any(t["discrepancy"] for t in status["targets"])
    assert overview["as_of"] == status["as_of"] == 2022
    statuses = Counter(t["status"] for t in status["targets"])
    assert {key: n for key, n in overview["counts"].items() if n} == dict(statuses)
    assert overview["flagged"] == [t["code"] for t in status["targets"] if t["flagged"]]
    assert "T03" in overview["flagged"] and found["T03"]["status"] == "missed"
    assert overview["missing_years"] == {
        t["code"]: t["missing_years"] for t in status["targets"] if t["missing_years"]
    }
    assert "T03" not in overview["missing_years"] and "T07" not in overview["missing_years"]


def test_the_overview_judges_a_partial_year_as_status_does(units) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ("T03", "2022", "10/10", "--unit", "SYT"),  # 1 of the 3 units of 2022: partial
        ("T07", "2021", "300", "--unit", "SYT"),  # 1 of the 2 units of 2021
        ("T01", "2021", "95"),
    ):
        assert units("record", *args).code == 0
    assert units("rate", "SYT", "2022", "tot", "--of", "agency").code == 0  # 1 of 3 rated
    status = json.loads(units("status", "--format", "json").out)
    overview = json.loads(units("overview", "--format", "json").out)["resolutions"][0]
    found = {t["code"]: t for t in status["targets"]}
    assert found["T03"]["partial_years"] == {"2022": {"reported": 1, "expected": 3}}
    assert found["T03"]["status"] == found["T07"]["status"] == "incomplete"
    assert 2022 in found["T03"]["missing_years"] and 2021 in found["T07"]["missing_years"]
    statuses = Counter(t["status"] for t in status["targets"])
    assert {key: n for key, n in overview["counts"].items() if n} == dict(statuses)
    assert overview["flagged"] == [t["code"] for t in status["targets"] if t["flagged"]]
    assert overview["missing_years"] == {
        t["code"]: t["missing_years"] for t in status["targets"] if t["missing_years"]
    }


def test_the_committees_own_figure_wins_over_the_roll_up_in_the_overview(units) -> None:  # type: ignore[no-untyped-def]
    assert units("record", "T03", "2021", "5/10", "--unit", "SYT").code == 0  # 50%: would fail
    assert units("record", "T03", "2021", "95").code == 0
    overview = json.loads(units("overview", "--format", "json").out)["resolutions"][0]
    status = {t["code"]: t for t in json.loads(units("status", "--format", "json").out)["targets"]}
    assert status["T03"]["figures"] == {"2021": 95} and status["T03"]["status"] != "off_track"
    statuses = Counter(t["status"] for t in status.values())
    assert {key: n for key, n in overview["counts"].items() if n} == dict(statuses)
    assert "T03" not in overview["flagged"] and "T03" not in overview["missing_years"]


@pytest.fixture
def units_on_postgres(request, postgres_url: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The `units` fixture with its database on PostgreSQL."""
    monkeypatch.setenv("TRACKER_DATABASE_URL", postgres_url)
    return request.getfixturevalue("units")


@pytest.mark.postgres
def test_the_units_sums_and_latest_revisions_on_postgresql(units_on_postgres) -> None:  # type: ignore[no-untyped-def]
    """The queries that add up the units' figures and pick each one's latest revision (a
    correction, an estimate), on PostgreSQL as on SQLite."""
    units = units_on_postgres
    for args in (
        ("T03", "2022", "30/42", "--unit", "SYT"),
        ("T03", "2022", "39/42", "--unit", "SYT", "--amend", "--reason", "Chính thức", "--provisional"),
        ("T03", "2022", "9/10", "--unit", "SGD"),
        ("T07", "2022", "12", "--unit", "SYT"),
        ("T07", "2022", "5", "--unit", "CBX"),
    ):
        result = units("record", *args)
        assert result.code == 0, result.err
    found = {t["code"]: t for t in json.loads(units("status", "--format", "json").out)["targets"]}
    assert found["T03"]["figures"] == {"2022": 92.3077} and found["T03"]["counts"] == {"2022": [48, 52]}
    assert found["T03"]["provisional_years"] == [2022] and found["T07"]["figures"] == {"2022": 17}
    matrix = json.loads(units("status", "--units", "--format", "json").out)
    assert matrix["totals"]["T03"]["numerator"] == 48 and [u["code"] for u in matrix["units"]] == [
        "SGD",
        "CBX",
        "SYT",
    ]
    listed = json.loads(units("units", "--format", "json").out)
    assert [(u["code"], u["reported"]) for u in listed["units"]] == [("SYT", 2), ("SGD", 1), ("CBX", 1)]
    overview = json.loads(units("overview", "--format", "json").out)["resolutions"][0]
    assert overview["as_of"] == 2022 and overview["missing_years"]["T03"] == [2021, 2022]  # 2022: 2 of 3
    assert found["T03"]["partial_years"] == {"2022": {"reported": 2, "expected": 3}}
