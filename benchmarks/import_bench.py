"""Import speed: `tracker import` of a CSV and an XLSX file of 10,000 rows.

For each format the benchmark times, in this process:

- read: reading the same file alone, with the csv module (`list(csv.reader(...))`) or with
  openpyxl (`load_workbook(read_only=True, data_only=True)` and every row's values);
- import: what `tracker import` does after start-up: read the file (read_sheet), check every
  row, compare with the current figures, store them all and commit, on a fresh copy of an
  initialised SQLite database each time.

It prints the medians, the rows per second of the import, and the ratio import / read with
the goal (validation and storage add less than 2x to reading: import / read < 3). The
database is a temporary one with 100 targets over 100 reporting years (more targets for more
rows), so that 10,000 rows are 10,000 distinct (code, year) figures.

    .venv/bin/python benchmarks/import_bench.py
    .venv/bin/python benchmarks/import_bench.py --rows 100000 --repeat 3
"""

from __future__ import annotations

import argparse
import csv
import gc
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

GOAL = 3.0  # import / read: validation and storage add less than 2x to reading
YEARS = 100  # reporting years 2101-2200; as many targets as the rows need (100 for 10,000 rows)


@dataclass(frozen=True)
class Result:
    fmt: str
    rows: int
    read_s: float
    import_s: float
    phases: tuple[float, ...]  # read_sheet, check + plan, store + commit

    @property
    def ratio(self) -> float:
        return self.import_s / self.read_s

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.import_s


def make_config(folder: Path, rows: int) -> Path:
    """The default config with enough targets (shares and counts) over 100 reporting years."""
    config = yaml.safe_load(files("tracker.data").joinpath("config.yaml").read_text(encoding="utf-8"))
    share, count = config["targets"][0], config["targets"][6]
    targets = -(-rows // YEARS)
    config["targets"] = [dict(share if i % 2 else count, code=f"B{i:04d}") for i in range(targets)]
    config["resolution"]["reporting_years"] = list(range(2201 - YEARS, 2201))
    config["database"] = {"url": "sqlite:///tracker.db"}
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def figure_rows(rows: int) -> list[list[Any]]:
    """code, year, value (or counts), note, source, provisional: a mix like a real file."""
    out: list[list[Any]] = []
    for n in range(rows):
        target, year = n // YEARS, 2201 - YEARS + n % YEARS
        if target % 2:
            out.append([f"B{target:04d}", year, None, n % 40, 42, "Báo cáo tổng kết năm", "25-BC/ĐUK", ""])
        else:
            out.append([f"B{target:04d}", year, n % 300, None, None, "Kết nạp đảng viên", "", "có"])
    return out


HEADER = ["code", "year", "value", "numerator", "denominator", "note", "source", "provisional"]


def write_files(folder: Path, rows: int) -> dict[str, Path]:
    from openpyxl import Workbook

    data = figure_rows(rows)
    csv_path = folder / "figures.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        writer.writerows([["" if v is None else v for v in row] for row in data])
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Số liệu")
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    xlsx_path = folder / "figures.xlsx"
    book.save(xlsx_path)
    return {"csv": csv_path, "xlsx": xlsx_path}


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


def import_once(config: Path, fresh_db: Path, path: Path) -> tuple[float, float, float]:
    """Time one import on a fresh copy of the initialised database: reading the file, checking
    and planning the rows, storing them and committing."""
    from tracker.cli.common import current_resolution, unit_of_work
    from tracker.config import load_settings
    from tracker.services.importing import ImportOptions, check_sheet, plan_rows, store_plan
    from tracker.services.progress import NoProgress
    from tracker.services.workbook import read_sheet

    for leftover in config.parent.glob("tracker.db*"):
        leftover.unlink()
    shutil.copy(fresh_db, config.parent / "tracker.db")
    settings = load_settings(config)
    options, quiet = ImportOptions("bench"), NoProgress()
    gc.collect()
    start = time.perf_counter()
    sheet = read_sheet(path)
    read = time.perf_counter()
    with unit_of_work(settings) as session:
        resolution = current_resolution(session, settings)
        rows, _empty = check_sheet(session, resolution, sheet, False, quiet)
        plan = plan_rows(session, resolution, rows, options, sheet.name)
        checked = time.perf_counter()
        store_plan(session, plan, options, quiet)
    stored = time.perf_counter()
    assert len(plan.added) == len(sheet.rows), "every row must be added"
    return read - start, checked - read, stored - checked


def median_time(action: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(rows: int, repeat: int) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="tracker-import-bench-") as name:
        folder = Path(name)
        config = make_config(folder, rows)
        command = [sys.executable, "-m", "tracker", "--config", str(config), "init"]
        subprocess.run(command, check=True, capture_output=True)
        fresh = folder / "fresh.db"
        shutil.copy(folder / "tracker.db", fresh)
        paths = write_files(folder, rows)
        readers: dict[str, Callable[[Path], int]] = {"csv": read_csv, "xlsx": read_xlsx}
        results = []
        for fmt, path in paths.items():
            import_once(config, fresh, path)  # warm-up: imports, caches
            read_s = median_time(lambda p=path, r=readers[fmt]: r(p), repeat)  # type: ignore[misc]
            runs = [import_once(config, fresh, path) for _ in range(repeat)]
            phases = tuple(statistics.median(run[i] for run in runs) for i in range(3))
            total = statistics.median(sum(run) for run in runs)
            results.append(Result(fmt, rows, read_s, total, phases))
        return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=10_000, help="rows per file (default 10000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per measure (default 5)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a ratio misses the goal")
    args = parser.parse_args(argv)
    results = run(args.rows, args.repeat)
    print(f"{'format':<6} {'rows':>7} {'read s':>8} {'import s':>9} {'rows/s':>9} {'import/read':>12}  goal")
    for r in results:
        verdict = "PASS" if r.ratio < GOAL else "FAIL"
        print(
            f"{r.fmt:<6} {r.rows:>7} {r.read_s:>8.3f} {r.import_s:>9.3f} {r.rows_per_s:>9,.0f} "
            f"{r.ratio:>11.1f}x  < {GOAL:g}x {verdict}"
        )
    for r in results:
        reading, checking, storing = r.phases
        print(
            f"{r.fmt}: import = read_sheet {reading:.3f} s + check and plan {checking:.3f} s "
            f"+ store and commit {storing:.3f} s"
        )
    return 1 if args.strict and any(r.ratio >= GOAL for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
