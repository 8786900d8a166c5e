"""The scale benchmark still runs: its smallest databases on SQLite, each command timed once.

A smoke test, so that a renamed option or a changed table does not break benchmarks/scale.py
unnoticed; the figures it measures mean nothing here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCALE = Path(__file__).resolve().parents[2] / "benchmarks" / "scale.py"


def test_scale_benchmark_quick_run(tmp_path: Path) -> None:
    output = tmp_path / "scale.json"
    done = subprocess.run(
        [sys.executable, str(SCALE), "--quick", "--no-postgres", "--repeat", "1", "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "postgresql: skipped (--no-postgres)" in done.stdout
    results = json.loads(output.read_text(encoding="utf-8"))
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


UNITS_BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "units_bench.py"


def test_units_benchmark_quick_run(tmp_path: Path) -> None:
    """benchmarks/units_bench.py on a committee of three units, each command timed once."""
    output = tmp_path / "units.json"
    done = subprocess.run(
        [sys.executable, str(UNITS_BENCH), "--sizes", "3", "--repeat", "1", "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("3 ") and "status --units" in line for line in lines), done.stdout
    results = json.loads(output.read_text(encoding="utf-8"))
    [point] = results["points"]
    assert point["units"] == 3
    assert set(point["ratios"]) == {"status", "report html", "units", "status --units"}
    assert all(ratio > 0 for ratio in point["ratios"].values())
    assert set(point["without_units"]) == {"status", "report html"}


STARTUP_COMPARE = Path(__file__).resolve().parents[2] / "benchmarks" / "startup_compare.py"


def test_startup_compare_quick_run() -> None:
    """benchmarks/startup_compare.py with HEAD as BASE against the work tree, each command once."""
    done = subprocess.run(
        [sys.executable, str(STARTUP_COMPARE), "HEAD", "--repeat", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    rows = {line.split()[0]: line.split() for line in done.stdout.splitlines() if line.strip()}
    for command in ("--help", "status", "report"):
        assert command in rows, done.stdout
        assert rows[command][-1] in ("PASS", "FAIL"), done.stdout
    assert "-X importtime total of --help" in done.stdout
