"""Import speed and memory: `tracker import` of a CSV and an XLSX file of --rows rows.

For each format the benchmark measures, in turns so that both see the same machine:

- read: reading the same file alone, with the csv module (`list(csv.reader(...))`) or with
  openpyxl (`load_workbook(read_only=True, data_only=True)` and every row's values);
- import: what `tracker import` does after start-up: open the file (read_sheet), read, check
  and store every row, and commit, on a fresh copy of an initialised SQLite database each time.

Both run in this process under the garbage collector settings of the tracker command line
(tracker/cli/app.py raises the thresholds), so that the ratio compares like with like. Then,
once, the installed `tracker import` runs as a process of its own, on a fresh copy of the
database, and its peak memory (the maximum resident set size, from wait4) is read.

It prints the medians, the rows per second of the import, the ratio import / read with its goal
(CSV < 5x, XLSX < 3x), the peak memory with its goal (< 250 MB, whatever the size of the file),
and PASS or FAIL for each. The database holds a resolution of as many targets as the rows need
over 300 reporting years (1901-2200), so that every row is a figure of its own.

    .venv/bin/python benchmarks/import_bench.py                     # 10,000 rows, both formats
    .venv/bin/python benchmarks/import_bench.py --rows 100000 --repeat 3
    .venv/bin/python benchmarks/import_bench.py --rows 1000000 --repeat 1 --formats csv
"""

from __future__ import annotations

import argparse
import csv
import gc
import itertools
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

GOALS = {"csv": 5.0, "xlsx": 3.0}  # import / read
RSS_GOAL_MB = 250.0  # peak memory of the `tracker import` process
GC_THRESHOLDS = (50_000, 50, 100)  # as tracker/cli/app.py sets them
YEARS = range(1901, 2201)  # reporting years: as many targets as the rows need (34 for 10,000)
HEADER = ["code", "year", "value", "numerator", "denominator", "note", "source", "provisional"]


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


def make_config(folder: Path, rows: int) -> Path:
    """The default config with enough targets (shares and counts, titles kept short so that the
    config stays small) over the reporting years of YEARS."""
    config = yaml.safe_load(files("tracker.data").joinpath("config.yaml").read_text(encoding="utf-8"))
    share, count = config["targets"][0], config["targets"][6]

    def target(i: int) -> dict[str, Any]:
        rule = {
            key: (share if i % 2 else count)[key] for key in ("measure", "rule", "comparator", "threshold")
        }
        names = {"code": f"B{i:04d}", "title": f"Chỉ tiêu {i}", "title_en": f"Target {i}"}
        return rule | names | {"source": {"kind": "inferred", "why": "benchmark"}}

    config["targets"] = [target(i) for i in range(-(-rows // len(YEARS)))]
    config["resolution"]["reporting_years"] = list(YEARS)
    config["database"] = {"url": "sqlite:///tracker.db"}
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def figure_rows(rows: int) -> Iterator[list[Any]]:
    """code, year, value (or counts), note, source, provisional: a mix like a real file."""
    for n in range(rows):
        target, year = divmod(n, len(YEARS))
        code, year = f"B{target:04d}", YEARS[year]
        if target % 2:
            yield [code, year, None, n % 40, 42, "Báo cáo tổng kết năm", "25-BC/ĐUK", ""]
        else:
            yield [code, year, n % 300, None, None, "Kết nạp đảng viên", "", "có"]


def write_file(folder: Path, fmt: str, rows: int) -> Path:
    path = folder / f"figures.{fmt}"
    if fmt == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(HEADER)
            writer.writerows(["" if v is None else v for v in row] for row in figure_rows(rows))
        return path
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


def fresh_database(config: Path, fresh_db: Path) -> None:
    for leftover in config.parent.glob("tracker.db*"):
        leftover.unlink()
    shutil.copy(fresh_db, config.parent / "tracker.db")


def import_once(config: Path, fresh_db: Path, path: Path) -> tuple[float, float, float]:
    """Time one import on a fresh copy of the initialised database: opening the file and reading
    its header, reading, checking and storing the rows, and committing."""
    from tracker.cli.common import current_resolution, unit_of_work
    from tracker.config import load_settings
    from tracker.progress import NoProgress
    from tracker.records import ImportOptions, import_sheet
    from tracker.sheets import read_sheet

    fresh_database(config, fresh_db)
    settings = load_settings(config)
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


def store_floor(config: Path, fresh_db: Path, path: Path) -> float:
    """What no import of the CSV can beat: reading it with the csv module and storing its rows as
    they are, through the same insert as the import (store.insert_entries), without any
    check, comparison or lock, then committing; timed as import_once is."""
    from datetime import UTC, datetime

    from tracker import store
    from tracker.cli.common import current_resolution, unit_of_work
    from tracker.config import load_settings

    fresh_database(config, fresh_db)
    settings = load_settings(config)
    gc.collect()
    start = time.perf_counter()
    with unit_of_work(settings) as session, path.open(encoding="utf-8-sig", newline="") as stream:
        resolution = current_resolution(session, settings)
        ids: dict[str, int | None] = {t.code: t.id for t in store.targets_of(session, resolution.id)}
        rows = csv.reader(stream)
        next(rows)
        now = datetime.now(UTC)
        while chunk := list(itertools.islice(rows, 5000)):
            store.insert_entries(session, [as_stored(ids, cells) for cells in chunk], "bench", now)
    return time.perf_counter() - start


def as_stored(ids: dict[str, int | None], cells: list[str]) -> Any:
    """A row of the file as the import stores it (a new figure), trusted as it is."""
    code, year, value, top, bottom, note, source, flag = cells
    figure = (float(value), None, None) if value else (int(top) * 100 / int(bottom), int(top), int(bottom))
    return (ids[code], int(year), 1, *figure, note or None, source or None, bool(flag), None)


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
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)"
)


def import_process(config: Path, fresh_db: Path, path: Path) -> tuple[float, float]:
    """The installed `tracker import` as a process of its own: its time and peak memory (MB)."""
    fresh_database(config, fresh_db)
    tracker = Path(sys.executable).with_name("tracker")
    command = [str(tracker), "--config", str(config), "import", str(path), "--by", "bench"]
    done = subprocess.run([sys.executable, "-I", "-c", PEAK, *command], capture_output=True, text=True)
    seconds, kilobytes, code = done.stdout.split()
    assert done.returncode == 0 and code == "0", done.stderr
    return float(seconds), int(kilobytes) / 1024


def measure(fmt: str, rows: int, repeat: int, folder: Path, config: Path, fresh: Path) -> Result:
    path = write_file(folder, fmt, rows)
    import_once(config, fresh, path)  # warm-up: imports, caches
    reads, imports, floors = [], [], []
    for _ in range(repeat):  # in turns: all see the same machine
        reads.append(timed(lambda: READERS[fmt](path)))
        imports.append(import_once(config, fresh, path))
        if fmt == "csv":
            floors.append(store_floor(config, fresh, path))
    phases = tuple(statistics.median(run[i] for run in imports) for i in range(3))
    total = statistics.median(sum(run) for run in imports)
    process_s, peak_mb = import_process(config, fresh, path)
    path.unlink()
    floor = statistics.median(floors) if floors else None
    return Result(fmt, rows, statistics.median(reads), total, phases, process_s, peak_mb, floor)


def run(rows: int, repeat: int, formats: list[str]) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="tracker-import-bench-") as name:
        folder = Path(name)
        config = make_config(folder, rows)
        command = [sys.executable, "-m", "tracker", "--config", str(config), "init"]
        subprocess.run(command, check=True, capture_output=True)
        fresh = folder / "fresh.db"
        shutil.copy(folder / "tracker.db", fresh)
        return [measure(fmt, rows, repeat, folder, config, fresh) for fmt in formats]


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=10_000, help="rows per file (default 10000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per measure (default 5)")
    parser.add_argument("--formats", default="csv,xlsx", help="csv, xlsx or both (default csv,xlsx)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)
    formats = [fmt for fmt in args.formats.split(",") if fmt]
    if not formats or any(fmt not in GOALS for fmt in formats):
        parser.error("--formats: csv, xlsx or csv,xlsx")
    gc.set_threshold(*GC_THRESHOLDS)
    results = run(args.rows, args.repeat, formats)
    report(results)
    return 1 if args.strict and not all(all(r.passed()) for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
