"""Import speed and memory: the committee's figures, the units' figures, ratings and quotas.

1. The committee's figures, `tracker import` of a CSV and an XLSX file of --rows rows. For each
   format the benchmark measures, in turns so that both see the same machine:

   - read: reading the same file alone, with the csv module (`list(csv.reader(...))`) or with
     openpyxl (`load_workbook(read_only=True, data_only=True)` and every row's values);
   - import: what `tracker import` does after start-up: open the file (read_sheet), read, check
     and store every row, and commit, on a fresh copy of an initialised SQLite database each time.

   Both run in this process under the garbage collector settings of the tracker command line
   (tracker/cli/app.py raises the thresholds), so that the ratio compares like with like. Then,
   once, the installed `tracker import` runs as a process of its own, on a fresh copy of the
   database, and its peak memory (the maximum resident set size) is read. Goals: import / read
   CSV < 5x, XLSX < 3x; peak memory < 250 MB, whatever the size of the file.

2. The units' figures: a CSV file of --rows figures of units (the unit column filled) for a
   committee of 1,000 units, and one of as many rows for a committee of 12 units, each imported
   in this process as above, in turns, each with its store floor (the same rows stored
   unchecked). Goal: the 1,000 units' import within 1.3x of the 12 units' (the cost of a row
   does not grow with the committee). Then `tracker import` of the 1,000 units' file as a
   process of its own, on SQLite and on PostgreSQL (unless --no-postgres or the server does not
   answer): its time and peak memory, goal < 250 MB.

3. Ratings and quotas: `tracker rate --from FILE` of --ratings ratings and `tracker quota --from
   FILE` of as many quotas for the committee of 1,000 units, each a process of its own on a
   fresh copy of the SQLite database: time, rows per second and peak memory (no goal).

The databases hold a resolution of as many targets as the rows need over 300 reporting years
(1901-2200), so that every row is a figure of its own.

    .venv/bin/python benchmarks/import_bench.py                     # 10,000 rows (in make bench)
    .venv/bin/python benchmarks/import_bench.py --rows 100000 --repeat 3
    .venv/bin/python benchmarks/import_bench.py --rows 1000000 --repeat 1 --formats csv
    .venv/bin/python benchmarks/import_bench.py --quick             # a smoke test: the figures mean nothing
"""

from __future__ import annotations

import argparse
import csv
import gc
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from run import SCRUBBED_ENV
from scale import Backend, PostgresBackend, postgres

GOALS = {"csv": 5.0, "xlsx": 3.0}  # import / read
RSS_GOAL_MB = 250.0  # peak memory of the `tracker import` process
UNITS_GOAL = 1.3  # import of a 1,000 units' file / of a 12 units' file of as many rows
LARGE, SMALL = 1000, 12  # units of the two committees
GC_THRESHOLDS = (50_000, 50, 100)  # as tracker/cli/app.py sets them
YEARS = range(1901, 2201)  # reporting years: as many targets as the rows need (34 for 10,000)
HEADER = ["code", "year", "value", "numerator", "denominator", "note", "source", "provisional"]
UNIT_HEADER = ["code", "unit", *HEADER[1:]]
LEVELS = ("xuat-sac", "tot", "hoan-thanh", "khong-hoan-thanh")
DEFAULTS = {"rows": 10_000, "repeat": 5, "ratings": 10_000}
QUICK = {"rows": 300, "repeat": 1, "ratings": 200}  # --quick: every measure once, on small files
WARM_UP_ROWS = 1000  # the units' warm-up file: the imports and caches, not the whole file again


@dataclass(frozen=True)
class Result:
    fmt: str
    rows: int
    read_s: float
    import_s: float
    phases: tuple[float, ...]  # read_sheet (the header), read + check + store, commit
    process_s: float  # the `tracker import` process, start-up included
    peak_mb: float  # its peak memory
    floor_s: float | None  # CSV: reading and storing the rows without any check (store_floor)

    @property
    def ratio(self) -> float:
        return self.import_s / self.read_s

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.import_s

    def passed(self) -> tuple[bool, bool]:
        return self.ratio < GOALS[self.fmt], self.peak_mb < RSS_GOAL_MB


@dataclass(frozen=True)
class Run:
    """A command run as a process of its own: what it is, its rows, time and peak memory."""

    name: str
    rows: int
    seconds: float
    peak_mb: float

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds


@dataclass(frozen=True)
class UnitsResult:
    rows: int
    large_s: float  # the import (in this process, median) of the 1,000 units' file
    small_s: float  # ... of the 12 units' file
    large_floor_s: float  # the same rows stored unchecked (store_floor)
    small_floor_s: float
    processes: list[Run]  # `tracker import` of the 1,000 units' file, per database
    files: list[Run]  # `tracker rate --from`, `tracker quota --from`

    @property
    def ratio(self) -> float:
        return self.large_s / self.small_s

    def passed(self) -> bool:
        return self.ratio <= UNITS_GOAL and all(run.peak_mb < RSS_GOAL_MB for run in self.processes)


@dataclass(frozen=True)
class Committee:
    """An initialised database, its pristine copy and its config."""

    config: Path
    fresh: Path  # the database as `tracker init` left it (SQLite)

    @property
    def folder(self) -> Path:
        return self.config.parent


def make_config(folder: Path, targets: int, units: int = 0, url: str = "sqlite:///tracker.db") -> Path:
    """The default config with `targets` targets (shares and counts in turns, titles kept short so
    that the config stays small) over the reporting years of YEARS, and `units` units."""
    config = yaml.safe_load(files("tracker.data").joinpath("config.yaml").read_text(encoding="utf-8"))
    plain = [t for t in config["targets"] if not t.get("figures_from") and not t.get("part_of")]
    share = next(t for t in plain if t["measure"] == "share")
    count = next(t for t in plain if t["measure"] == "count")

    def target(i: int) -> dict[str, Any]:
        rule = {
            key: (share if i % 2 else count)[key] for key in ("measure", "rule", "comparator", "threshold")
        }
        names = {"code": f"B{i:04d}", "title": f"Chỉ tiêu {i}", "title_en": f"Target {i}"}
        return rule | names | {"source": {"kind": "inferred", "why": "benchmark"}}

    config["targets"] = [target(i) for i in range(targets)]
    config["resolution"]["reporting_years"] = list(YEARS)
    config["units"] = [
        {"code": unit_code(n), "name": f"Đảng bộ cơ sở số {n + 1}", "kind": "dang-bo-co-so"}
        for n in range(units)
    ]
    config["database"] = {"url": url}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def unit_code(n: int) -> str:
    return f"U{n + 1:04d}"


def committee_targets(rows: int) -> int:
    return -(-rows // len(YEARS))


def unit_targets(rows: int, units: int) -> int:
    """Targets in pairs (a count, a share), so that every committee gets the same mix of rows."""
    return 2 * -(-rows // (2 * units * len(YEARS)))


def figure_rows(rows: int) -> Iterator[list[Any]]:
    """code, year, value (or counts), note, source, provisional: a mix like a real file."""
    for n in range(rows):
        target, year = divmod(n, len(YEARS))
        code, year = f"B{target:04d}", YEARS[year]
        if target % 2:
            yield [code, year, None, n % 40, 42, "Báo cáo tổng kết năm", "25-BC/ĐUK", ""]
        else:
            yield [code, year, n % 300, None, None, "Kết nạp đảng viên", "", "có"]


def unit_rows(rows: int, units: int) -> Iterator[list[Any]]:
    """code, unit, year, value (or counts), note, source, provisional: a consolidated file, each
    year's figures of every unit in turn, a count and a share (a unit's share is given as counts)."""
    for n in range(rows):
        pair, rest = divmod(n // 2, units * len(YEARS))
        year, unit = divmod(rest, units)
        code, unit_text, year = f"B{2 * pair + n % 2:04d}", unit_code(unit), YEARS[year]
        if n % 2:
            yield [code, unit_text, year, None, n % 40, 42, "Báo cáo tổng kết năm", "25-BC/ĐUK", ""]
        else:
            yield [code, unit_text, year, n % 30, None, None, "Kết nạp đảng viên", "", "có"]


def rating_rows(rows: int, units: int) -> Iterator[list[Any]]:
    """unit, year, level, of: every unit of a year rated as an agency and as a party organisation."""
    for n in range(rows):
        year, unit = divmod(n // 2, units)
        yield [unit_code(unit), YEARS[year], LEVELS[n % 7 % 4], ("agency", "party_org")[n % 2]]


def quota_rows(rows: int, units: int) -> Iterator[list[Any]]:
    """target, year, unit, quota: every unit's quota of the count targets, year after year."""
    for n in range(rows):
        target, rest = divmod(n, units * len(YEARS))
        year, unit = divmod(rest, units)
        yield [f"B{2 * target:04d}", YEARS[year], unit_code(unit), 5 + n % 11]


def write_csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
    return path


def write_file(folder: Path, fmt: str, rows: int) -> Path:
    path = folder / f"figures.{fmt}"
    if fmt == "csv":
        return write_csv(path, HEADER, figure_rows(rows))
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Số liệu")
    sheet.append(HEADER)
    for row in figure_rows(rows):
        sheet.append(row)
    book.save(path)
    return path


def read_csv(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return len(list(csv.reader(stream)))


def read_xlsx(path: Path) -> int:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return len(list(book.worksheets[0].iter_rows(values_only=True)))
    finally:
        book.close()


READERS: dict[str, Callable[[Path], int]] = {"csv": read_csv, "xlsx": read_xlsx}


def initialised(config: Path) -> Committee:
    """`tracker init` of the config (its database beside it), and a pristine copy of it."""
    command = [sys.executable, "-m", "tracker", "--config", str(config), "init"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{' '.join(command)}: {done.stderr.strip()}"
    fresh = config.parent / "fresh.db"
    if (config.parent / "tracker.db").exists():  # SQLite
        shutil.copy(config.parent / "tracker.db", fresh)
    return Committee(config, fresh)


def fresh_database(committee: Committee) -> None:
    for leftover in committee.folder.glob("tracker.db*"):
        leftover.unlink()
    shutil.copy(committee.fresh, committee.folder / "tracker.db")


def import_once(committee: Committee, path: Path) -> tuple[float, float, float]:
    """Time one import on a fresh copy of the initialised database: opening the file and reading
    its header, reading, checking and storing the rows, and committing."""
    from tracker.cli.common import current_resolution, unit_of_work
    from tracker.config import load_settings
    from tracker.progress import NoProgress
    from tracker.records import ImportOptions, import_sheet
    from tracker.sheets import read_sheet

    fresh_database(committee)
    settings = load_settings(committee.config)
    gc.collect()
    start = time.perf_counter()
    with read_sheet(path) as sheet:
        opened = time.perf_counter()
        with unit_of_work(settings) as session:
            resolution = current_resolution(session, settings)
            plan = import_sheet(session, resolution, sheet, ImportOptions("bench"), NoProgress())
            stored = time.perf_counter()
    committed = time.perf_counter()
    assert plan.added == plan.rows, "every row must be added"
    return opened - start, stored - opened, committed - stored


def store_floor(committee: Committee, path: Path) -> float:
    """What no import of the CSV can beat: reading it with the csv module and storing its rows as
    they are, through the same insert as the import (store.insert_entries), without any
    check, comparison or lock, then committing; timed as import_once is."""
    from datetime import UTC, datetime

    from tracker import store
    from tracker.cli.common import current_resolution, unit_of_work
    from tracker.config import load_settings

    fresh_database(committee)
    settings = load_settings(committee.config)
    gc.collect()
    start = time.perf_counter()
    with unit_of_work(settings) as session, path.open(encoding="utf-8-sig", newline="") as stream:
        resolution = current_resolution(session, settings)
        ids: dict[str, int | None] = {t.code: t.id for t in store.targets_of(session, resolution.id)}
        units = {u.code: u.id for u in store.units_of(session, resolution.id)}
        rows = csv.reader(stream)
        next(rows)
        now = datetime.now(UTC)
        while chunk := list(itertools.islice(rows, 5000)):
            store.insert_entries(session, [as_stored(ids, units, cells) for cells in chunk], "bench", now)
    return time.perf_counter() - start


def as_stored(ids: dict[str, int | None], units: dict[str, int], cells: list[str]) -> Any:
    """A row of the file (of HEADER or UNIT_HEADER) as the import stores it (a new figure),
    trusted as it is: the columns of store.REVISION_COLUMNS."""
    unit = units[cells.pop(1)] if len(cells) == len(UNIT_HEADER) else None
    code, year, value, top, bottom, note, source, flag = cells
    figure = (float(value), None, None) if value else (int(top) * 100 / int(bottom), int(top), int(bottom))
    return (ids[code], int(year), 1, *figure, note or None, source or None, bool(flag), None, unit)


def timed(action: Callable[[], Any]) -> float:
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


# Runs a command and prints its seconds and peak memory (kB). The command is started by this
# small process, not by the benchmark: a child's peak counts the memory of the process it was
# forked from, and the benchmark holds the whole file it read for the baseline.
PEAK = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "sys.stderr.buffer.write(done.stderr[-2000:])\n"
    "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
    "done.returncode)"
)


def tracker_process(config: Path, *args: str) -> tuple[float, float]:
    """The installed `tracker --config CONFIG ARGS...` as a process of its own: its time and
    peak memory (MB)."""
    tracker = Path(sys.executable).with_name("tracker")
    command = [str(tracker), "--config", str(config), *args, "--by", "bench"]
    done = subprocess.run([sys.executable, "-I", "-c", PEAK, *command], capture_output=True, text=True)
    seconds, kilobytes, code = done.stdout.split()
    assert done.returncode == 0 and code == "0", f"{' '.join(command)}: {done.stderr.strip()}"
    return float(seconds), int(kilobytes) / 1024


def import_process(committee: Committee, path: Path) -> tuple[float, float]:
    """`tracker import` of the file on a fresh copy of the database: its time and peak memory."""
    fresh_database(committee)
    return tracker_process(committee.config, "import", str(path))


def measure(fmt: str, rows: int, repeat: int, committee: Committee) -> Result:
    path = write_file(committee.folder, fmt, rows)
    import_once(committee, path)  # warm-up: imports, caches
    reads, imports, floors = [], [], []
    for _ in range(repeat):  # in turns: all see the same machine
        reads.append(timed(lambda: READERS[fmt](path)))
        imports.append(import_once(committee, path))
        if fmt == "csv":
            floors.append(store_floor(committee, path))
    phases = tuple(statistics.median(run[i] for run in imports) for i in range(3))
    total = statistics.median(sum(run) for run in imports)
    process_s, peak_mb = import_process(committee, path)
    path.unlink()
    floor = statistics.median(floors) if floors else None
    return Result(fmt, rows, statistics.median(reads), total, phases, process_s, peak_mb, floor)


def committee_figures(folder: Path, rows: int, repeat: int, formats: list[str]) -> list[Result]:
    committee = initialised(make_config(folder / "committee", committee_targets(rows)))
    return [measure(fmt, rows, repeat, committee) for fmt in formats]


def units_figures(folder: Path, rows: int, repeat: int, ratings: int, backends: list[Backend]) -> UnitsResult:
    """The units' figures of a committee of 1,000 units and of 12, in turns; the 1,000 units'
    file as `tracker import` on each database; then the files of ratings and quotas."""
    large = initialised(make_config(folder / "large", unit_targets(rows, LARGE), LARGE))
    small = initialised(make_config(folder / "small", unit_targets(rows, SMALL), SMALL))
    paths = {
        size: write_csv(committee.folder / "units.csv", UNIT_HEADER, unit_rows(rows, size))
        for size, committee in ((LARGE, large), (SMALL, small))
    }
    for size, committee in ((LARGE, large), (SMALL, small)):  # warm-up: imports, caches
        warm = committee.folder / "warm-up.csv"
        import_once(committee, write_csv(warm, UNIT_HEADER, unit_rows(min(rows, WARM_UP_ROWS), size)))
    times: dict[int, list[float]] = {LARGE: [], SMALL: []}
    floors: dict[int, list[float]] = {LARGE: [], SMALL: []}
    for turn in range(repeat):  # in turns, each first every other time: both see the same machine
        for size, committee in ((LARGE, large), (SMALL, small))[:: 1 if turn % 2 else -1]:
            times[size].append(sum(import_once(committee, paths[size])))
            floors[size].append(store_floor(committee, paths[size]))
    processes = [Run("sqlite", rows, *import_process(large, paths[LARGE]))]
    for backend in backends:
        processes.append(Run(backend.name, rows, *postgres_import(folder, rows, backend, paths[LARGE])))
    file_runs = [rating_file(large, ratings), quota_file(large, ratings)]
    large_s, small_s = statistics.median(times[LARGE]), statistics.median(times[SMALL])
    floor_s = {size: statistics.median(floors[size]) for size in (LARGE, SMALL)}
    return UnitsResult(rows, large_s, small_s, floor_s[LARGE], floor_s[SMALL], processes, file_runs)


def postgres_import(folder: Path, rows: int, backend: Backend, path: Path) -> tuple[float, float]:
    """`tracker import` of the 1,000 units' file into a database of the server, made for it by
    `tracker init` and dropped at the end."""
    db = "units"
    backend.create(db)
    try:
        config = make_config(folder / backend.name, unit_targets(rows, LARGE), LARGE, backend.url(db))
        committee = initialised(config)
        return tracker_process(committee.config, "import", str(path))
    finally:
        backend.drop(db)


def rating_file(committee: Committee, rows: int) -> Run:
    header = ["unit", "year", "level", "of"]
    path = write_csv(committee.folder / "ratings.csv", header, rating_rows(rows, LARGE))
    fresh_database(committee)
    return Run("tracker rate --from", rows, *tracker_process(committee.config, "rate", "--from", str(path)))


def quota_file(committee: Committee, rows: int) -> Run:
    header = ["target", "year", "unit", "quota"]
    path = write_csv(committee.folder / "quotas.csv", header, quota_rows(rows, LARGE))
    fresh_database(committee)
    return Run("tracker quota --from", rows, *tracker_process(committee.config, "quota", "--from", str(path)))


def report(results: list[Result]) -> None:
    print(
        f"{'format':<6} {'rows':>9} {'read s':>8} {'import s':>9} {'rows/s':>9} {'import/read':>12}  "
        f"{'goal':<12} {'process s':>9} {'peak MB':>8}  goal"
    )
    for r in results:
        fast, small = r.passed()
        print(
            f"{r.fmt:<6} {r.rows:>9,} {r.read_s:>8.3f} {r.import_s:>9.3f} {r.rows_per_s:>9,.0f} "
            f"{r.ratio:>11.1f}x  < {GOALS[r.fmt]:g}x {'PASS' if fast else 'FAIL'}  "
            f"{r.process_s:>9.3f} {r.peak_mb:>8.1f}  < {RSS_GOAL_MB:g} {'PASS' if small else 'FAIL'}"
        )
    for r in results:
        reading, storing, committing = r.phases
        print(
            f"{r.fmt}: import = read_sheet {reading:.3f} s + read, check and store {storing:.3f} s "
            f"+ commit {committing:.3f} s"
        )
        if r.floor_s is not None:
            print(
                f"{r.fmt}: store floor (read and store the rows, no check) {r.floor_s:.3f} s = "
                f"{r.floor_s / r.read_s:.1f}x read; the checks add {r.import_s / r.floor_s:.2f}x to it"
            )


def units_report(units: UnitsResult, committee: list[Result]) -> None:
    verdict = "PASS" if units.ratio <= UNITS_GOAL else "FAIL"
    print()
    print(f"units' figures, CSV, {units.rows:,} rows")
    print(f"{'committee':<12} {'import s':>9} {'rows/s':>9} {'floor s':>8} {'import - floor s':>17}")
    sizes = ((LARGE, units.large_s, units.large_floor_s), (SMALL, units.small_s, units.small_floor_s))
    for size, seconds, floor in sizes:
        print(
            f"{f'{size:,} units':<12} {seconds:>9.3f} {units.rows / seconds:>9,.0f} {floor:>8.3f} "
            f"{seconds - floor:>17.3f}"
        )
    print(f"{LARGE:,} units / {SMALL} units: {units.ratio:.2f}x  <= {UNITS_GOAL:g}x {verdict}")
    checks = (units.large_s - units.large_floor_s) / (units.small_s - units.small_floor_s)
    floors = units.large_floor_s / units.small_floor_s
    print(f"{LARGE:,} units / {SMALL} units: store floor {floors:.2f}x, import - floor {checks:.2f}x")
    csv_result = next((r for r in committee if r.fmt == "csv" and r.rows == units.rows), None)
    if csv_result is not None:
        print(f"a unit's row costs {units.large_s / csv_result.import_s:.1f}x a committee row")
    print()
    print(f"{'command':<28} {'database':<10} {'rows':>9} {'s':>8} {'rows/s':>9} {'peak MB':>8}  goal")
    for run in units.processes:
        small = "PASS" if run.peak_mb < RSS_GOAL_MB else "FAIL"
        print(
            f"{'tracker import (1,000 units)':<28} {run.name:<10} {run.rows:>9,} {run.seconds:>8.3f} "
            f"{run.rows_per_s:>9,.0f} {run.peak_mb:>8.1f}  < {RSS_GOAL_MB:g} {small}"
        )
    for run in units.files:
        print(
            f"{run.name:<28} {'sqlite':<10} {run.rows:>9,} {run.seconds:>8.3f} "
            f"{run.rows_per_s:>9,.0f} {run.peak_mb:>8.1f}  -"
        )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, help="rows per file (default 10000)")
    parser.add_argument("--repeat", type=int, help="timed runs per measure (default 5)")
    parser.add_argument("--formats", default="csv,xlsx", help="csv, xlsx or both (default csv,xlsx)")
    parser.add_argument("--ratings", type=int, help="rows of the files of ratings and quotas (default 10000)")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument(
        "--postgres-url",
        help="a database of the server [default: $TRACKER_TEST_POSTGRES_URL, else "
        "postgresql+psycopg://postgres@127.0.0.1:5432/postgres]",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="300 rows, 200 ratings, once (unless given): a smoke test, the figures mean nothing",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)
    for name, value in (QUICK if args.quick else DEFAULTS).items():  # what is not given
        if getattr(args, name) is None:
            setattr(args, name, value)
    formats = [fmt for fmt in args.formats.split(",") if fmt]
    if not formats or any(fmt not in GOALS for fmt in formats):
        parser.error("--formats: csv, xlsx or csv,xlsx")
    if min(args.rows, args.repeat, args.ratings) < 1:
        parser.error("--rows, --repeat and --ratings: at least 1")
    if args.ratings > 2 * LARGE * len(YEARS):
        parser.error(f"--ratings: at most {2 * LARGE * len(YEARS)}")
    args.formats = formats
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    gc.set_threshold(*GC_THRESHOLDS)
    backends = [replace(b, prefix="tracker_import") for b in postgres(args) if isinstance(b, PostgresBackend)]
    with tempfile.TemporaryDirectory(prefix="tracker-import-bench-") as name:
        folder = Path(name)
        results = committee_figures(folder, args.rows, args.repeat, args.formats)
        units = units_figures(folder, args.rows, args.repeat, args.ratings, list(backends))
    report(results)
    units_report(units, results)
    passed = all(all(r.passed()) for r in results) and units.passed()
    return 1 if args.strict and not passed else 0


if __name__ == "__main__":
    for variable in SCRUBBED_ENV:  # no other config or database than the benchmark's
        os.environ.pop(variable, None)
    sys.exit(main())
