"""Every kind of stored change follows one rule and is seen everywhere: a rating target takes no
unit's figure by file either, and the ratings and quotas are in the history and the export."""

from __future__ import annotations

import json
from pathlib import Path


def test_a_rating_targets_unit_figure_is_refused_by_file_as_by_hand(units) -> None:  # type: ignore[no-untyped-def]
    by_hand = units("record", "T01", "2022", "5/6", "--unit", "SYT")
    path = Path(units.config).parent / "t01.csv"
    path.write_text("code,unit,year,numerator,denominator\nT01,SYT,2022,5,6\n", encoding="utf-8")
    by_file = units("import", str(path))
    assert by_hand.code == by_file.code == 2
    rule = "T01 is counted from the units' ratings (agency, at least tot): rate each unit"
    assert rule in by_hand.err and rule in by_file.err
    assert "t01.csv: row 2, column" in by_file.err and "nothing was imported" in by_file.err
    export = json.loads(units("export", "--revisions", "--format", "json").out)
    assert export["figures"] == []


def test_the_history_lists_the_ratings_and_quotas_revisions(units) -> None:  # type: ignore[no-untyped-def]
    assert units("rate", "SYT", "2022", "tot", "--of", "agency").code == 0
    assert units("rate", "SYT", "2022", "xuat-sac", "--of", "agency", "--amend", "--reason", "KL").code == 0
    assert units("quota", "T07", "2022", "SYT", "12").code == 0
    everything = units("history").out
    assert "rated as an agency" in everything and "quota 12" in everything
    assert "KL" in everything  # the correction's reason
    of_t01 = units("history", "T01").out  # T01 counts the agencies' ratings
    assert of_t01.count("rated as an agency") == 2 and "quota" not in of_t01
    of_t07 = units("history", "T07").out
    assert "quota 12" in of_t07 and "rated" not in of_t07


def test_the_export_carries_the_ratings_and_quotas(units) -> None:  # type: ignore[no-untyped-def]
    units("rate", "SYT", "2022", "tot", "--of", "agency")
    units("rate", "SYT", "2022", "xuat-sac", "--of", "agency", "--amend", "--reason", "KL")
    units("quota", "T07", "2022", "SYT", "12")
    current = json.loads(units("export", "--format", "json").out)
    every = json.loads(units("export", "--revisions", "--format", "json").out)
    assert [(r["unit"], r["of"], r["year"], r["level"]) for r in current["ratings"]] == [
        ("SYT", "agency", 2022, "xuat-sac")
    ]
    assert [r["revision"] for r in every["ratings"]] == [1, 2]
    assert [(q["code"], q["unit"], q["year"], q["quota"]) for q in current["quotas"]] == [
        ("T07", "SYT", 2022, 12)
    ]
