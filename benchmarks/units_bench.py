"""Units benchmark: do tracker's commands stay as fast when a committee has many units?

For each size (130 units, a large Bloc; 1,000 units, a scale run), two SQLite databases of the
default config's resolution (11 targets, 5 reporting years) with the same committee figures:
one with the units and every unit's figure of every target and year (a share's counts, a
count's value; for the targets counted from ratings, T01, T02 and T11, every unit's rating as
an agency and as a party organisation instead; T08 takes T07's figures and has none of its
own; the committee's figure is their roll-up, so nothing is a discrepancy), and one without
units. Both are made in a second through the library (one `tracker init` each, then
the rows inserted with SQLAlchemy), not by running the command line once a figure.

Timed as fresh processes, alternately, the median of --repeat runs after one warm-up:
`tracker status` and `tracker report --format html` on both databases (the ratio of the units
database to the other is the goal: at most 2x), and `tracker units` and `tracker status
--units` on the units database (their ratio to `tracker status` without units is printed).

    .venv/bin/python benchmarks/units_bench.py              # part of `make bench`
    .venv/bin/python benchmarks/units_bench.py --sizes 130 --repeat 9
    .venv/bin/python benchmarks/units_bench.py --quick      # a smoke test: 3 units, each command once
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from run import SCRUBBED_ENV, positive_int, venv_tracker
from sqlalchemy import Engine, create_engine, select

from tracker.evaluate import LEVELS, RATED_AS, rating_share
from tracker.store import metadata

RESULTS_FILE = Path(__file__).resolve().parent / "results" / "units.json"
SIZES = (130, 1000)
DEFAULT_REPEAT = 5
QUICK_SIZES = (3,)  # --quick: a committee of three units, each command timed once
GOAL = 2.0  # a command on the units database / the same command without units
COMPARED = {  # timed on both databases, the goal applies
    "status": ("status",),
    "report html": ("report", "--format", "html", "--out", "{reports}"),
}
UNITS_ONLY = {  # timed on the units database, compared with `status` without units
    "units": ("units",),
    "status --units": ("status", "--units"),
}


class BenchmarkError(Exception):
    """A timed or preparing command failed; the message says which and why."""


@dataclass
class Point:
    size: int
    with_units: dict[str, float] = field(default_factory=dict)  # medians, seconds
    without: dict[str, float] = field(default_factory=dict)

    def ratio(self, name: str, base: str | None = None) -> float:
        return self.with_units[name] / self.without[base or name]


def run_checked(argv: Sequence[str], workdir: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-3:]
        raise BenchmarkError(f"`{' '.join(argv)}` exited with {done.returncode}: {' | '.join(tail)}")
    return elapsed


# --- the databases -------------------------------------------------------------------------


def unit_list(count: int, years: Sequence[int]) -> list[dict[str, Any]]:
    """`count` units; one in twenty dissolved after the second year, one in twenty new in it."""
    units = []
    for number in range(1, count + 1):
        unit: dict[str, Any] = {"code": f"U{number:04d}", "name": f"Đảng bộ cơ sở số {number}"}
        unit["kind"] = "dang-bo-co-so" if number % 3 else "chi-bo-co-so"
        if number % 20 == 0:
            unit["to_year"] = years[1]
        elif number % 20 == 1 and number > 1:
            unit["from_year"] = years[1]
        units.append(unit)
    return units


def write_config(folder: Path, units: int) -> Path:
    config: dict[str, Any] = yaml.safe_load(files("tracker.data").joinpath("config.yaml").read_text("utf-8"))
    years = config["resolution"]["reporting_years"]
    if units:
        config["units"] = unit_list(units, years)
    config["database"] = {"url": f"sqlite:///{folder / 'tracker.db'}"}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def unit_figure(measure: str, threshold: float, rng: random.Random) -> tuple[float, int | None, int | None]:
    """A unit's (value, numerator, denominator): a share near the threshold, or a small count."""
    if measure == "share":
        denominator = rng.randint(5, 60)
        numerator = min(denominator, round(denominator * threshold / 100 * rng.uniform(0.85, 1.1)))
        return numerator * 100 / denominator, numerator, denominator
    return float(rng.randint(0, 5)), None, None


def entry(
    target_id: int, unit_id: int | None, year: int, figure: tuple[float, int | None, int | None]
) -> dict[str, Any]:
    value, numerator, denominator = figure
    return {
        "target_id": target_id,
        "unit_id": unit_id,
        "year": year,
        "revision": 1,
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "note": None,
        "source_document": f"Báo cáo năm {year}",
        "provisional": False,
        "recorded_by": "units benchmark",
        "recorded_at": datetime(year + 1, 1, 15, tzinfo=UTC),
        "reason": None,
    }


Rows = list[dict[str, Any]]


def figures(engine: Engine, seed: int) -> tuple[Rows, Rows, Rows]:
    """(the committee's rows, the units' rows, the units' ratings): every unit's figure of every
    target for the years it exists, or for a target counted from ratings, every unit's rating
    of that kind; and the committee's figure, their roll-up. A target that takes its figures
    from another (`figures_from`) has none of its own."""
    tables = metadata.tables
    with engine.connect() as connection:
        first, last = connection.execute(
            select(tables["resolution"].c.first_year, tables["resolution"].c.last_year)
        ).one()
        targets = connection.execute(select(tables["target"]).order_by(tables["target"].c.position)).all()
        units = connection.execute(select(tables["unit"]).order_by(tables["unit"].c.position)).all()
    rng = random.Random(seed)
    years = range(first, last + 1)
    ratings = [
        rating(unit.id, of, year, rng)
        for of in RATED_AS
        for unit in units
        for year in years
        if (unit.from_year or year) <= year <= (unit.to_year or year)
    ]
    committee: Rows = []
    by_units: Rows = []
    for target in targets:
        if target.figures_from is not None:
            continue
        for year in years:
            if target.rating_of is not None:
                levels = [r["level"] for r in ratings if r["of"] == target.rating_of and r["year"] == year]
                share = rating_share(levels, target.rating_at_least) if levels else None
                found = share and (share.figure.value, share.figure.numerator, share.figure.denominator)
                committee.append(entry(target.id, None, year, found or unit_figure("share", 90.0, rng)))
                continue
            measured = [
                (unit.id, unit_figure(target.measure, target.threshold, rng))
                for unit in units
                if (unit.from_year or year) <= year <= (unit.to_year or year)
            ]
            by_units += [entry(target.id, unit_id, year, figure) for unit_id, figure in measured]
            committee.append(
                entry(target.id, None, year, rolled_up(target.measure, [f for _u, f in measured], rng))
            )
    return committee, by_units, ratings


def rating(unit_id: int, of: str, year: int, rng: random.Random) -> dict[str, Any]:
    """A unit's rating of a year: mostly tot, some xuat-sac, a few below."""
    level = rng.choices(LEVELS, weights=(20, 70, 8, 2))[0]
    return {
        "unit_id": unit_id,
        "of": of,
        "year": year,
        "level": level,
        "revision": 1,
        "reason": None,
        "recorded_by": "units benchmark",
        "recorded_at": datetime(year + 1, 1, 15, tzinfo=UTC),
    }


def rolled_up(
    measure: str, found: list[tuple[float, int | None, int | None]], rng: random.Random
) -> tuple[float, int | None, int | None]:
    """The units' roll-up as the committee records it (a figure of its own without units)."""
    if not found:
        return unit_figure(measure, 90.0, rng)
    if measure == "share":
        numerator = sum(f[1] or 0 for f in found)
        denominator = sum(f[2] or 0 for f in found)
        return numerator * 100 / denominator, numerator, denominator
    return float(sum(f[0] for f in found)), None, None


def build(folder: Path, units: int, python: Path, tracker: Path, env: dict[str, str]) -> tuple[Path, Path]:
    """The units database and the one without units, with the same committee figures."""
    configs = {"units": write_config(folder / "units", units), "plain": write_config(folder / "plain", 0)}
    for config in configs.values():
        run_checked([str(python), str(tracker), "--config", str(config), "init"], folder, env)
    engines = {
        name: create_engine(f"sqlite:///{config.parent / 'tracker.db'}") for name, config in configs.items()
    }
    try:
        committee, by_units, ratings = figures(engines["units"], seed=units)
        with engines["units"].begin() as connection:
            connection.execute(metadata.tables["entry"].insert(), committee + by_units)
            if ratings:
                connection.execute(metadata.tables["rating"].insert(), ratings)
        with engines["plain"].begin() as connection:
            connection.execute(metadata.tables["entry"].insert(), committee)
    finally:
        for engine in engines.values():
            engine.dispose()
    return configs["units"], configs["plain"]


# --- timing --------------------------------------------------------------------------------


def argv_of(python: Path, tracker: Path, config: Path, args: Sequence[str]) -> list[str]:
    reports = str(config.parent / "bench-reports")
    return [str(python), str(tracker), "--config", str(config), *(a.format(reports=reports) for a in args)]


def measure_size(size: int, repeat: int, workdir: Path, env: dict[str, str]) -> Point:
    python, tracker = Path(sys.executable), venv_tracker()
    started = time.perf_counter()
    with_units, plain = build(workdir / f"units-{size}", size, python, tracker, env)
    log(f"{size} units: databases built in {time.perf_counter() - started:.1f} s")
    commands: dict[tuple[str, str], list[str]] = {}
    for name, args in COMPARED.items():
        commands[("units", name)] = argv_of(python, tracker, with_units, args)
        commands[("plain", name)] = argv_of(python, tracker, plain, args)
    for name, args in UNITS_ONLY.items():
        commands[("units", name)] = argv_of(python, tracker, with_units, args)
    times: dict[tuple[str, str], list[float]] = {key: [] for key in commands}
    for round_number in range(repeat + 1):  # the first round warms up
        for key, argv in commands.items():
            elapsed = run_checked(argv, workdir, env)
            if round_number:
                times[key].append(elapsed)
    point = Point(size)
    for (side, name), found in times.items():
        (point.with_units if side == "units" else point.without)[name] = statistics.median(found)
    return point


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def table(points: Sequence[Point]) -> str:
    heads = ("units", "command", "with units s", "without s", "ratio", "goal", "result")
    rows = []
    for p in points:
        for name in COMPARED:
            ratio = p.ratio(name)
            verdict = "PASS" if ratio <= GOAL else "FAIL"
            rows.append(
                (
                    str(p.size),
                    name,
                    f"{p.with_units[name]:.3f}",
                    f"{p.without[name]:.3f}",
                    f"{ratio:.2f}x",
                    f"<= {GOAL:g}x",
                    verdict,
                )
            )
        for name in UNITS_ONLY:
            ratio = p.ratio(name, "status")
            rows.append(
                (
                    str(p.size),
                    name,
                    f"{p.with_units[name]:.3f}",
                    f"{p.without['status']:.3f} (status)",
                    f"{ratio:.2f}x",
                    "-",
                    "-",
                )
            )
    widths = [max(len(row[i]) for row in (heads, *rows)) for i in range(len(heads))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in (heads, *rows)
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def as_json(points: Sequence[Point], repeat: int) -> dict[str, Any]:
    return {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": sys.executable,
        "repeat": repeat,
        "goal": GOAL,
        "points": [
            {
                "units": p.size,
                "with_units": p.with_units,
                "without_units": p.without,
                "ratios": {name: p.ratio(name) for name in COMPARED}
                | {name: p.ratio(name, "status") for name in UNITS_ONLY},
                "passed": all(p.ratio(name) <= GOAL for name in COMPARED),
            }
            for p in points
        ],
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Time tracker commands on a committee with many units.")
    parser.add_argument("--sizes", type=sizes, help="numbers of units, comma-separated [default: 130,1000]")
    parser.add_argument(
        "--repeat", type=positive_int, help=f"timed runs of each command [default: {DEFAULT_REPEAT}]"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke test: 3 units, each command once (the figures mean nothing)",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is not met")
    parser.add_argument("--output", type=Path, default=RESULTS_FILE, help="where to write the JSON results")
    args = parser.parse_args(argv)
    args.sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    args.repeat = args.repeat or (1 if args.quick else DEFAULT_REPEAT)
    return args


def sizes(text: str) -> tuple[int, ...]:
    return tuple(positive_int(part) for part in text.split(","))


def main(argv: Sequence[str] | None = None) -> int:
    import os

    args = parse_args(argv)
    env = {key: value for key, value in os.environ.items() if key not in SCRUBBED_ENV}
    with tempfile.TemporaryDirectory(prefix="tracker-units-bench-") as tmp:
        try:
            points = [measure_size(size, args.repeat, Path(tmp), env) for size in args.sizes]
        except BenchmarkError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    print(f"{args.repeat} timed runs each, after one warm-up; {sys.executable}")
    print(table(points))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(as_json(points, args.repeat), indent=2) + "\n", encoding="utf-8")
    print(f"written: {args.output}")
    passed = all(p.ratio(name) <= GOAL for p in points for name in COMPARED)
    return 1 if args.strict and not passed else 0


if __name__ == "__main__":
    sys.exit(main())
