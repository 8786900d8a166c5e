"""Every kind of stored change follows one rule and is seen everywhere: a rating target takes no
unit's figure by file either, and the ratings and quotas are in the history and the export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def test_a_rating_targets_unit_figure_is_refused_by_file_as_by_hand(units) -> None:  # type: ignore[no-untyped-def]
    by_hand = units("record", "T01", "2022", "5/6", "--unit", "SYT")
    path = Path(units.config).parent / "t01.csv"
    path.write_text("code,unit,year,numerator,denominator\nT01,SYT,2022,5,6\n", encoding="utf-8")
    by_file = units("import", str(path))
    assert by_hand.code == by_file.code == 2
    rule = "T01 is counted from the ratings of the units as agencies (at least “fulfilled duties well”): rate"
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


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_an_export_imported_into_an_empty_database_restores_the_ratings_and_quotas(
    units, run, tmp_path: Path, suffix: str
) -> None:  # type: ignore[no-untyped-def]
    units("record", "T03", "2022", "38/42", "--unit", "SYT")
    units("rate", "SYT", "2022", "tot", "--of", "agency")
    units("rate", "CBX", "2022", "hoan-thanh")
    units("quota", "T07", "2022", "SYT", "12")
    out = tmp_path / "export" / f"so-lieu.{suffix}"
    out.parent.mkdir()
    done = units("export", "--out", str(out))
    assert done.code == 0, done.err
    assert f"exported 2 ratings to {out.parent / ('so-lieu.ratings.' + suffix)}" in done.out
    assert f"exported 1 quota to {out.parent / ('so-lieu.quotas.' + suffix)}" in done.out
    before = json.loads(units("export", "--format", "json").out)

    other = tmp_path / "other"
    other.mkdir()
    config = other / "config.yaml"
    config.write_text(Path(units.config).read_text(encoding="utf-8"), encoding="utf-8")
    assert run("--config", str(config), "init").code == 0
    restored = run("--config", str(config), "import", str(out.parent))
    assert restored.code == 0, restored.err
    assert f"so-lieu.ratings.{suffix}: 2 rows: 2 added" in restored.out
    after = json.loads(run("--config", str(config), "export", "--format", "json").out)
    keep = ("unit", "year", "of", "level")
    assert [{k: r[k] for k in keep} for r in after["ratings"]] == [
        {k: r[k] for k in keep} for r in before["ratings"]
    ]
    assert [(q["code"], q["unit"], q["year"], q["quota"]) for q in after["quotas"]] == [
        ("T07", "SYT", 2022, 12)
    ]
    assert [(f["code"], f["unit"], f["value"]) for f in after["figures"]] == [("T03", "SYT", 38 * 100 / 42)]


def test_a_csv_export_to_standard_output_says_where_the_ratings_go(units) -> None:  # type: ignore[no-untyped-def]
    units("rate", "SYT", "2022", "tot")
    done = units("export")
    assert done.code == 0 and "give --out FILE" in done.err
