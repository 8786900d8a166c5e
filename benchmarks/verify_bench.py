"""Verify benchmark: how long `tracker verify` takes on a SQLite database of 300,000 revisions.

The database: the default config's resolution (`tracker init`), then --revisions revisions of
the committee's figures (every target and year, revision after revision, a note and an author
each), stored with their links in one transaction through the store's own writers
(insert_entries, canonical, append_links): what the ledger stores, without a process a figure.

Timed as fresh processes, the median of --repeat runs after one warm-up:
- `tracker verify` (goal: under GOAL_SECONDS);
- the baseline, in the same run and with tracker's interpreter settings: a plain SELECT of every
  link and every revision, each hashed with hashlib (what no verification can do without).
The ratio verify / baseline is printed.

    .venv/bin/python benchmarks/verify_bench.py               # part of `make bench`
    .venv/bin/python benchmarks/verify_bench.py --revisions 1000000 --repeat 3
    .venv/bin/python benchmarks/verify_bench.py --quick       # a smoke test: 300 revisions, one run
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from run import FAIR_PRELUDE, SCRUBBED_ENV, positive_int, venv_tracker

RESULTS_FILE = Path(__file__).resolve().parent / "results" / "verify.json"
REVISIONS = 300_000
DEFAULT_REPEAT = 3
GOAL_SECONDS = 10.0
BATCH = 10_000

BASELINE = (
    FAIR_PRELUDE
    + """
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = 0
for (content,) in db.execute("SELECT content FROM chain_link ORDER BY resolution_id, seq"):
    hashlib.sha256(content.encode()).hexdigest(); n += 1
for row in db.execute("SELECT * FROM entry"):
    hashlib.sha256(repr(row).encode()).hexdigest(); n += 1
print(n)
"""
)


def run_timed(argv: Sequence[str], workdir: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=workdir, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-3:]
        sys.exit(f"`{' '.join(argv)}` exited with {done.returncode}: {' | '.join(tail)}")
    return elapsed


def build(folder: Path, revisions: int, env: dict[str, str]) -> Path:
    """An initialised database with `revisions` revisions of the committee's figures, linked."""
    from importlib.resources import files

    config = folder / "config.yaml"
    config.write_text(files("tracker.data").joinpath("config.yaml").read_text(encoding="utf-8"))
    run_timed([str(venv_tracker()), "--config", str(config), "init"], folder, env)
    fill(f"sqlite:///{folder / 'tracker.db'}", revisions)
    return config


def fill(url: str, revisions: int) -> None:
    from tracker import store
    from tracker.store import make_engine

    engine = make_engine(url)
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    with store.unit_of_work(engine, url) as session:
        resolution = store.resolutions(session)[0]
        keys = [(t.id, year) for t in store.targets_of(session, resolution.id) for year in resolution.years]
        done = 0
        while done < revisions:
            count = min(BATCH, revisions - done)
            rows = [_values(keys, done + i) for i in range(count)]
            moment += timedelta(seconds=1)
            store.insert_entries(session, rows, "Nguyễn Văn An", moment)
            linked = [(*row, "Nguyễn Văn An", moment) for row in rows]
            names = (*store.REVISION_COLUMNS, "recorded_by", "recorded_at")
            contents = [("entry", store.canonical("entry", dict(zip(names, r, strict=True)))) for r in linked]
            store.append_links(session, resolution.id, contents)
            done += count
    engine.dispose()


def _values(keys: list[tuple[int, int]], n: int) -> Any:
    target_id, year = keys[n % len(keys)]
    revision = n // len(keys) + 1
    value = float(100 + n % 97) / 3
    reason = None if revision == 1 else f"sửa lần {revision}"
    return (target_id, year, revision, value, None, None, f"ghi chú {n}", "CV 12/UBND", False, reason, None)


def median_of(argv: Sequence[str], workdir: Path, env: dict[str, str], repeat: int) -> float:
    run_timed(argv, workdir, env)  # warm-up
    return statistics.median(run_timed(argv, workdir, env) for _ in range(repeat))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--revisions", type=positive_int, default=REVISIONS)
    parser.add_argument("--repeat", type=positive_int, default=DEFAULT_REPEAT)
    parser.add_argument("--quick", action="store_true", help="300 revisions, each command once")
    parser.add_argument("--output", type=Path, default=RESULTS_FILE)
    args = parser.parse_args(argv)
    revisions, repeat = (300, 1) if args.quick else (args.revisions, args.repeat)
    import os

    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED_ENV}
    with tempfile.TemporaryDirectory(prefix="tracker-verify-bench-") as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        config = build(folder, revisions, env)
        built = time.perf_counter() - began
        verify = median_of(
            [sys.executable, str(venv_tracker()), "--config", str(config), "verify"], folder, env, repeat
        )
        baseline = median_of(
            [sys.executable, "-c", BASELINE, str(folder / "tracker.db")], folder, env, repeat
        )
    verdict = "PASS" if verify < GOAL_SECONDS else "FAIL"
    print(f"database of {revisions:,} revisions built in {built:.1f} s")
    print(
        f"tracker verify, {revisions:,} revisions: {verify:.2f} s (median of {repeat} runs)"
        f"  goal < {GOAL_SECONDS:g} s: {verdict}"
    )
    print(
        f"baseline (SELECT and hashlib of the same rows): {baseline:.2f} s;"
        f" verify / baseline: {verify / baseline:.2f}x"
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "revisions": revisions,
        "repeat": repeat,
        "verify": verify,
        "baseline": baseline,
        "result": verdict,
    }
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
