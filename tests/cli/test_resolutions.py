"""Several resolutions in one database: `resolutions:` files, --resolution, `tracker overview`,
`tracker report --overview`, and the new term's resolution loaded beside the old one."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.helpers import default_config_text

NEW_TERM = "DHI-DUK-2025"


def split_config(folder: Path) -> Path:
    """The default config with its resolution in a file of its own, and a new term's resolution
    (three of its targets, 2026-2030) in a second file."""
    config = yaml.safe_load(default_config_text())
    old = {"resolution": config.pop("resolution"), "targets": config.pop("targets")}
    new_resolution = dict(
        old["resolution"], code=NEW_TERM, congress_date="2025-08-20", reporting_years=list(range(2026, 2031))
    )
    write_yaml(folder / "term-2020.yaml", old)
    write_yaml(folder / "term-2025.yaml", {"resolution": new_resolution, "targets": old["targets"][:3]})
    config["resolutions"] = ["term-2020.yaml", "term-2025.yaml"]
    return write_yaml(folder / "config.yaml", config)


def write_yaml(path: Path, data: object) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def two_terms(run, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The command line on a database holding both resolutions: two_terms("status")."""
    config = split_config(tmp_path)

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return run("--config", str(config), *args)

    result = invoke("init")
    assert result.code == 0, result.err
    assert "+ resolution DHIX-DUK-DB added" in result.out and f"+ resolution {NEW_TERM} added" in result.out
    assert f"resolution {NEW_TERM}: + T03 added" in result.out
    return invoke


def entries(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        return int(connection.execute("SELECT count(*) FROM entry").fetchone()[0])


def test_each_command_works_on_the_resolution_asked_for(two_terms, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    assert two_terms("init").out.count("no changes") == 2
    assert two_terms("--resolution", NEW_TERM, "record", "T01", "2026", "91").code == 0
    assert two_terms("record", "T01", "2021", "92").code == 0  # the default: the first
    new = json.loads(two_terms("-r", NEW_TERM.lower(), "status", "--format", "json").out)
    assert new["resolution"]["code"] == NEW_TERM and [t["code"] for t in new["targets"]] == [
        "T01",
        "T02",
        "T03",
    ]
    assert new["targets"][0]["figures"] == {"2026": 91}
    monkeypatch.setenv("TRACKER_RESOLUTION", NEW_TERM)
    assert "2021" not in two_terms("history").out and "2026" in two_terms("history").out
    old = json.loads(two_terms("--resolution", "DHIX-DUK-DB", "status", "--format", "json").out)
    assert old["targets"][0]["figures"] == {"2021": 92} and len(old["targets"]) == 11


def test_overview_shows_every_resolution_side_by_side(two_terms) -> None:  # type: ignore[no-untyped-def]
    two_terms("record", "T07", "2021", "162")
    two_terms("-r", NEW_TERM, "record", "T01", "2026", "95")
    found = json.loads(two_terms("overview", "--format", "json").out)
    assert [r["code"] for r in found["resolutions"]] == ["DHIX-DUK-DB", NEW_TERM]
    old, new = found["resolutions"]
    assert old["reporting_years"] == [2021, 2025] and new["reporting_years"] == [2026, 2030]
    assert (old["as_of"], new["as_of"]) == (2021, 2026)
    assert (
        new["counts"]["on_track"] == 1 and new["counts"]["no_data"] == 2 and new["flagged"] == ["T02", "T03"]
    )
    assert new["missing_figures"] == 2 and new["missing_years"] == {"T02": [2026], "T03": [2026]}
    assert old["targets"] == 11 and old["missing_figures"] == 9  # T07 and T08 (on T07's figures) have 2021
    table = two_terms("overview")
    assert table.code == 0 and NEW_TERM in table.out and "2026-2030" in table.out and "On track" in table.out
    assert two_terms("overview", "--check").code == 1
    assert two_terms("overview", "--format", "xml").code == 2


def test_overview_agrees_with_status_of_each_resolution(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The overview judges by the same rules as `tracker status`: same statuses, same flags."""
    demo = tmp_path / "demo"
    assert run("demo", "--dir", str(demo)).code == 0
    config = str(demo / "config.yaml")
    status = json.loads(run("--config", config, "status", "--format", "json").out)
    summary = json.loads(run("--config", config, "overview", "--format", "json").out)["resolutions"][0]
    assert summary["as_of"] == status["as_of"]
    assert {k: v for k, v in summary["counts"].items() if v} == Counter(
        t["status"] for t in status["targets"]
    )
    assert summary["flagged"] == [t["code"] for t in status["targets"] if t["flagged"]]
    assert summary["missing_figures"] == sum(len(t["missing_years"]) for t in status["targets"])


def test_overview_speaks_vietnamese(two_terms, vietnamese) -> None:  # type: ignore[no-untyped-def]
    out = two_terms("overview").out
    assert "Nghị quyết" in out and "Chưa có số liệu" in out and "Cần chú ý" in out
    for english in ("Resolution", "Term", "As of", "No data", "Need attention", "Missing"):
        assert english not in out


def test_report_overview_writes_every_format(two_terms, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    two_terms("-r", NEW_TERM, "record", "T01", "2026", "95")
    result = two_terms("report", "--overview", "--out", str(tmp_path / "out"))
    assert result.code == 0, result.err
    paths = [Path(line) for line in result.out.splitlines()]
    assert sorted(p.suffix for p in paths) == [".html", ".md", ".txt"]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert "DHIX-DUK-DB" in text and NEW_TERM in text and "overview of the resolutions" in text.casefold()
    html = next(p for p in paths if p.suffix == ".html").read_text(encoding="utf-8")
    assert html.count('class="resolution"') == 2


@pytest.mark.parametrize("option", [("--year", "2023"), ("--as-recorded", "2024-01-01")])
def test_report_overview_refuses_a_year(two_terms, tmp_path: Path, option: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    result = two_terms("report", "--overview", *option, "--out", str(tmp_path / "out"))
    assert result.code == 2 and f"{option[0]} does not go with --overview" in result.err
    assert not (tmp_path / "out").exists()


def test_a_new_terms_resolution_loads_beside_the_first(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    """The committee's config gains the next term's file; nothing of the first term changes."""
    assert tracker("record", "T07", "2023", "162").code == 0
    folder = config_file.parent
    split = yaml.safe_load((folder / "config.yaml").read_text(encoding="utf-8"))
    new = {
        "resolution": dict(split["resolution"], code=NEW_TERM, reporting_years=[2026, 2027, 2028, 2029, 2030])
    }
    write_yaml(folder / "term-2025.yaml", new | {"targets": split["targets"][6:7]})
    split["resolutions"] = ["term-2025.yaml"]
    write_yaml(config_file, split)
    result = tracker("init")
    assert result.code == 0, result.err
    assert (
        "resolution DHIX-DUK-DB: no changes" in result.out and f"+ resolution {NEW_TERM} added" in result.out
    )
    assert "DHIX-DUK-DB: +" not in result.out and "DHIX-DUK-DB: ~" not in result.out
    assert json.loads(tracker("status", "T07", "--format", "json").out)["targets"][0]["figures"] == {
        "2023": 162
    }
    codes = [r["code"] for r in json.loads(tracker("overview", "--format", "json").out)["resolutions"]]
    assert codes == ["DHIX-DUK-DB", NEW_TERM]


# Bad input: one clear line each, a non-zero exit, nothing written.


def test_an_unknown_resolution_lists_the_codes(two_terms, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = two_terms("--resolution", "NQ-99", "record", "T01", "2021", "90")
    assert result.code == 2
    assert result.err.strip() == (
        f"tracker: error: unknown resolution 'NQ-99'; the config names: DHIX-DUK-DB, {NEW_TERM}"
    )
    assert entries(tmp_path / "tracker.db") == 0


def test_two_resolution_files_with_one_code_are_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = split_config(tmp_path)
    clash = yaml.safe_load((tmp_path / "term-2025.yaml").read_text(encoding="utf-8"))
    clash["resolution"]["code"] = "DHIX-DUK-DB"
    write_yaml(tmp_path / "term-2025.yaml", clash)
    result = run("--config", str(config), "init")
    assert result.code == 2
    assert (
        result.err.count("\n") == 1
        and "resolutions[1]: resolution code DHIX-DUK-DB is given twice" in result.err
    )
    assert "(also resolutions[0])" in result.err and f"{config}:" in result.err
    assert not (tmp_path / "tracker.db").exists()


def test_a_missing_resolution_file_is_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = split_config(tmp_path)
    (tmp_path / "term-2025.yaml").unlink()
    result = run("--config", str(config), "init")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "resolutions[1]: no file" in result.err and "term-2025.yaml" in result.err
    assert not (tmp_path / "tracker.db").exists()


def test_a_problem_inside_a_resolution_file_is_placed_there(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = split_config(tmp_path)
    path = tmp_path / "term-2025.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("threshold: 90", "threshold: 190", 1), encoding="utf-8"
    )
    result = run("--config", str(config), "init")
    assert result.code == 2 and f"{path}:" in result.err and "targets[0].threshold" in result.err
    assert not (tmp_path / "tracker.db").exists()


def test_a_config_without_a_resolution_says_what_to_give(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = yaml.safe_load(default_config_text())
    del config["resolution"], config["targets"]
    path = write_yaml(tmp_path / "config.yaml", config)
    result = run("--config", str(path), "init")
    assert result.code == 2 and "give resolution: and targets:, or resolutions:" in result.err


def test_a_schedule_reports_on_the_resolution_it_names(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = split_config(tmp_path)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["schedules"] = [
        {"id": "new-term", "cron": "yearly", "resolution": NEW_TERM, "report": {"formats": ["md"]}}
    ]
    write_yaml(config, data)
    assert run("--config", str(config), "init").code == 0
    assert run("--config", str(config), "-r", NEW_TERM, "record", "T01", "2026", "93").code == 0
    result = run("--config", str(config), "schedule", "run-now", "new-term")
    assert result.code == 0, result.err
    written = list((tmp_path / "reports").glob("*.md"))
    assert [p.name.split("-2026-")[0] for p in written] == [NEW_TERM]
    data["schedules"][0]["resolution"] = "NQ-99"
    write_yaml(config, data)
    refused = run("--config", str(config), "schedule", "list")
    assert refused.code == 2 and "schedules[0].resolution: unknown resolution 'NQ-99'" in refused.err


def test_many_resolutions_are_listed_as_blocks(two_terms, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from tracker.cli import overview

    monkeypatch.setattr(overview, "TABLE_ROWS", 1)
    out = two_terms("overview").out
    assert "┃" not in out and "! DHIX-DUK-DB  " in out and f"! {NEW_TERM}  " in out
    assert "  Term 2026-2030 · As of 2026" in out and "  Need attention: T01, T02, T03" in out
