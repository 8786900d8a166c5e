"""Every script of benchmarks/ still runs, in its quickest mode (`--quick`).

Smoke tests, so that a renamed option, a changed table or a changed config does not break a
benchmark unnoticed; the figures they measure mean nothing here. Each script under benchmarks/
is run, found by its name: a new one is run with `--quick` as soon as it is there, and fails
here until it has one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
SCRIPTS = sorted(path.name for path in BENCHMARKS.glob("*.py"))
TIMEOUT = 600


def check_run(output: str, tmp_path: Path) -> None:
    """benchmarks/run.py: every benchmark timed once, with a verdict."""
    results = json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))
    assert results["repeat"] == 1
    names = [result["name"] for result in results["results"]]
    assert names == ["help", "status", "report", "documents"], output
    assert all(result["result"] in ("PASS", "FAIL") for result in results["results"]), output


def check_import(output: str, tmp_path: Path) -> None:
    """benchmarks/import_bench.py: the committee's figures in both formats, the units' figures
    on SQLite (and PostgreSQL when the tests have it), the files of ratings and quotas."""
    lines = output.splitlines()
    assert any(line.startswith("csv ") and "300" in line for line in lines), output
    assert any(line.startswith("xlsx ") and "300" in line for line in lines), output
    assert "units' figures, CSV, 300 rows" in output
    assert any(line.startswith("1,000 units / 12 units:") for line in lines), output
    imports = [line.split() for line in lines if line.startswith("tracker import (1,000 units)")]
    databases = [words[4] for words in imports]
    assert databases[0] == "sqlite", output
    if os.environ.get("TRACKER_REQUIRE_POSTGRES") == "1":
        assert databases == ["sqlite", "postgresql"], output
    assert all(words[-1] in ("PASS", "FAIL") for words in imports), output
    for command in ("tracker rate --from", "tracker quota --from"):
        [line] = [line for line in lines if line.startswith(command)]
        assert " 200 " in line, output


def check_scale(output: str, tmp_path: Path) -> None:
    """benchmarks/scale.py: its smallest databases on SQLite, each command timed once."""
    assert "postgresql: skipped (--no-postgres)" in output
    results = json.loads((tmp_path / "scale.json").read_text(encoding="utf-8"))
    points = results["points"]
    assert [(p["phase"], p["size"]) for p in points] == [
        ("resolutions", 1),
        ("resolutions", 2),
        ("runs", 0),
        ("runs", 5),
    ]
    for point in points:
        assert point["errors"] == {}, point["errors"]
        timed = {name: value for name, value in point["medians"].items() if value is not None}
        assert {"status", "report", "history", "export --revisions", "schedule list"} <= set(timed)
        assert {"raw scan", "start-up"} <= set(timed)
    verdicts = {goal["name"]: goal["result"] for goal in results["goals"]}
    assert "report: 0 -> 5 stored runs" in verdicts
    assert all(result in ("PASS", "FAIL", "n/a (not built)") for result in verdicts.values())


def check_service(output: str, tmp_path: Path) -> None:
    """benchmarks/service_bench.py: one start and one idle run of the service."""
    assert "median of 1 runs" in output
    assert "start -> first scheduled run" in output
    assert "goal: RSS under 80 MB: PASS" in output or "goal: RSS under 80 MB: FAIL" in output


def check_startup(output: str, tmp_path: Path) -> None:
    """benchmarks/startup_compare.py with HEAD as BASE against the work tree, each command once."""
    rows = {line.split()[0]: line.split() for line in output.splitlines() if line.strip()}
    for command in ("--help", "status", "report"):
        assert command in rows, output
        assert rows[command][-1] in ("PASS", "FAIL"), output
    assert "-X importtime total of --help" in output


def check_units(output: str, tmp_path: Path) -> None:
    """benchmarks/units_bench.py on a committee of three units, each command timed once."""
    lines = output.splitlines()
    assert any(line.startswith("3 ") and "status --units" in line for line in lines), output
    results = json.loads((tmp_path / "units.json").read_text(encoding="utf-8"))
    [point] = results["points"]
    assert point["units"] == 3
    assert set(point["ratios"]) == {"status", "report html", "units", "status --units"}
    assert all(ratio > 0 for ratio in point["ratios"].values())
    assert set(point["without_units"]) == {"status", "report html"}


def check_narrative(output: str, tmp_path: Path) -> None:
    """benchmarks/narrative_bench.py: each format and shape of narrative timed once, with a verdict."""
    rows = [line.split() for line in output.splitlines() if line.split()[0] in ("docx", "pdf", "html")]
    assert len(rows) == 9 and all({"PASS", "FAIL"} & set(row) for row in rows), output
    results = json.loads((tmp_path / "narrative.json").read_text(encoding="utf-8"))
    assert results["repeat"] == 1
    assert set(results["ratios"]) == {"docx", "pdf", "html"}
    assert set(results["ratios"]["pdf"]) == {"paragraphs", "long paragraphs", "list items"}


def check_verify(output: str, tmp_path: Path) -> None:
    """benchmarks/verify_bench.py on 300 revisions, verify and its baseline timed once."""
    assert "tracker verify, 300 revisions:" in output and "verify / baseline:" in output, output
    results = json.loads((tmp_path / "verify.json").read_text(encoding="utf-8"))
    assert results["revisions"] == 300 and results["result"] in ("PASS", "FAIL")


def check_web_pages(output: str, tmp_path: Path) -> None:
    """benchmarks/web_pages_bench.py on 3 and 27 units: each page kept and fresh, with a verdict."""
    pages = ("dashboard (", "api/status (", "units (")
    rows = [line for line in output.splitlines() if line.startswith(pages)]
    assert len(rows) == 6 and all(("met" in row) or ("MISSED" in row) for row in rows), output
    results = json.loads((tmp_path / "web.json").read_text(encoding="utf-8"))
    assert results["sizes"] == [3, 27] and len(results["pages"]) == 6


def check_portal_load(output: str, tmp_path: Path) -> None:
    """benchmarks/portal_load_bench.py with 4 units: every submission stored, with a verdict."""
    assert "stored: {'submitted': 14} (expected 14 submitted); failures: 0" in output, output
    assert "goal p95 < 500 ms of every request:" in output and "idle memory:" in output, output
    results = json.loads((tmp_path / "portal.json").read_text(encoding="utf-8"))
    assert results["units"] == 4 and results["stored"] == {"submitted": 14}


# A script's arguments after --quick ({tmp}: the test's folder, for the results it writes) and
# what its output must show. A script missing here is still run with --quick.
QUICK_RUNS: dict[str, tuple[list[str], Callable[[str, Path], None]]] = {
    "import_bench.py": ([], check_import),
    "narrative_bench.py": (["--output", "{tmp}/narrative.json"], check_narrative),
    "portal_load_bench.py": (["--output", "{tmp}/portal.json"], check_portal_load),
    "run.py": (["--output", "{tmp}/latest.json"], check_run),
    "scale.py": (["--no-postgres", "--output", "{tmp}/scale.json"], check_scale),
    "service_bench.py": ([], check_service),
    "startup_compare.py": (["HEAD"], check_startup),
    "units_bench.py": (["--output", "{tmp}/units.json"], check_units),
    "verify_bench.py": (["--output", "{tmp}/verify.json"], check_verify),
    "web_pages_bench.py": (["--output", "{tmp}/web.json"], check_web_pages),
}


def test_every_script_is_known() -> None:
    """The table above names the scripts there are (a renamed one is not left out unseen)."""
    assert set(QUICK_RUNS) <= set(SCRIPTS)
    assert SCRIPTS, BENCHMARKS


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_benchmark_runs_in_its_quickest_mode(script: str, tmp_path: Path) -> None:
    extra, check = QUICK_RUNS.get(script, ([], None))
    arguments = [argument.format(tmp=tmp_path) for argument in extra]
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), "--quick", *arguments],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    if check is not None:
        check(done.stdout, tmp_path)
