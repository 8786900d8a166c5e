"""Start-up benchmarks for the tracker command line.

Each benchmark times a tracker command against a baseline command (both started as fresh
processes with the Python of this virtualenv) and checks that the ratio of their median wall
times stays within a goal. Run it with `.venv/bin/python benchmarks/run.py` or `make bench`
(`--quick`: each command timed once, a smoke test); see benchmarks/README.md.

To add a benchmark, append one `Benchmark(...)` to BENCHMARKS.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS_FILE = Path(__file__).resolve().parent / "results" / "latest.json"
DEFAULT_REPEAT = 15
# Variables that would make a timed command read another config or database than the one given.
# PYTHONDONTWRITEBYTECODE would make every run recompile tracker's own modules (an installed
# wheel has its bytecode compiled at install time), so it is dropped too.
SCRUBBED_ENV = (
    "TRACKER_CONFIG",
    "TRACKER_DATABASE_URL",
    "TRACKER_RESOLUTION",
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONPROFILEIMPORTTIME",
)


class BenchmarkError(Exception):
    """A timed or preparing command failed; the message says which and why."""


@dataclass
class Context:
    """What the commands of a benchmark are built from; expensive fixtures are made on demand."""

    python: Path
    tracker: Path
    workdir: Path
    env: dict[str, str]
    _demo_config: Path | None = field(default=None, repr=False)

    def demo_config(self) -> Path:
        """The config of a demo database with synthetic figures, built once per run."""
        if self._demo_config is None:
            folder = self.workdir / "demo"
            run_checked([str(self.python), str(self.tracker), "demo", "--dir", str(folder)], self)
            self._demo_config = folder / "config.yaml"
        return self._demo_config


CommandFactory = Callable[[Context], list[str]]


@dataclass(frozen=True)
class Benchmark:
    """A command, the baseline it is compared with, and the largest accepted ratio."""

    name: str
    description: str
    command: CommandFactory
    baseline: CommandFactory
    goal: float


@dataclass(frozen=True)
class Result:
    name: str
    description: str
    command: list[str]
    baseline: list[str]
    goal: float
    median_s: float | None = None
    baseline_median_s: float | None = None
    error: str | None = None

    @property
    def ratio(self) -> float | None:
        if self.median_s is None or not self.baseline_median_s:
            return None
        return self.median_s / self.baseline_median_s

    @property
    def passed(self) -> bool:
        return self.ratio is not None and self.ratio <= self.goal

    @property
    def verdict(self) -> str:
        if self.error is not None:
            return "ERROR"
        return "PASS" if self.passed else "FAIL"


# What `tracker` does to its interpreter before a command (tracker/process.py: higher GC
# thresholds, a freeze instead of the final collection), done first by every baseline too.
FAIR_PRELUDE = "from tracker.process import quick_process; quick_process()\n"


def python_c(code: str) -> CommandFactory:
    """A baseline: `python -c CODE` with the interpreter settings of tracker."""
    return lambda ctx: [str(ctx.python), "-c", FAIR_PRELUDE + code]


def tracker_cmd(*args: str) -> CommandFactory:
    return lambda ctx: [str(ctx.python), str(ctx.tracker), *args]


def tracker_on_demo(*args: str) -> CommandFactory:
    return lambda ctx: [str(ctx.python), str(ctx.tracker), "--config", str(ctx.demo_config()), *args]


def report_on_demo(ctx: Context) -> list[str]:
    """All three report formats of the demo database, written to <work folder>/bench-reports."""
    out = ctx.workdir / "bench-reports"
    return tracker_on_demo("report", "--format", "html,md,txt", "--out", str(out))(ctx)


def documents_on_demo(ctx: Context) -> list[str]:
    """The Word and PDF report of the default resolution (the demo database, as of 2025)."""
    out = ctx.workdir / "bench-documents"
    return tracker_on_demo("report", "--format", "docx,pdf", "--year", "2025", "--out", str(out))(ctx)


BENCHMARKS: list[Benchmark] = [
    Benchmark(
        name="help",
        description="tracker --help vs python -c pass",
        command=tracker_cmd("--help"),
        baseline=python_c("pass"),
        goal=10.0,
    ),
    Benchmark(
        name="status",
        description="tracker status on the demo database vs python -c 'import sqlmodel'",
        command=tracker_on_demo("status"),
        baseline=python_c("import sqlmodel"),
        goal=1.5,
    ),
    # Last: every run stores one more report run in the demo database, so the benchmarks above
    # read the database as `tracker demo` left it (with the one report run of the demo, which
    # also means every report run here compares with a previous report).
    Benchmark(
        name="report",
        description="tracker report, 3 formats, on the demo database vs python -c 'import sqlmodel, jinja2'",
        command=report_on_demo,
        baseline=python_c("import sqlmodel, jinja2"),
        goal=1.5,
    ),
    Benchmark(
        name="documents",
        description="tracker report --format docx,pdf on the demo database vs "
        "python -c 'import sqlmodel, jinja2'",
        command=documents_on_demo,
        baseline=python_c("import sqlmodel, jinja2"),
        goal=3.0,
    ),
]


def clean_env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key not in SCRUBBED_ENV}


def run_checked(argv: Sequence[str], ctx: Context) -> float:
    """Run one command in the work folder, output discarded; return its wall time in seconds."""
    start = time.perf_counter()
    done = subprocess.run(
        argv, cwd=ctx.workdir, env=ctx.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-3:]
        raise BenchmarkError(f"`{' '.join(argv)}` exited with {done.returncode}: {' | '.join(tail)}")
    return elapsed


def measure(bench: Benchmark, ctx: Context, repeat: int) -> Result:
    """Prepare, warm up both commands once, then time them alternately, `repeat` times each."""
    result = Result(bench.name, bench.description, [], [], bench.goal)
    times: list[float] = []
    base_times: list[float] = []
    try:
        result = replace(result, command=bench.command(ctx), baseline=bench.baseline(ctx))
        run_checked(result.baseline, ctx)
        run_checked(result.command, ctx)
        for _ in range(repeat):
            base_times.append(run_checked(result.baseline, ctx))
            times.append(run_checked(result.command, ctx))
    except BenchmarkError as exc:
        return replace(result, error=str(exc))
    return replace(result, median_s=statistics.median(times), baseline_median_s=statistics.median(base_times))


def _fmt(value: float | None, digits: int = 4) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table(results: Sequence[Result]) -> str:
    heads = ("name", "median s", "baseline s", "ratio", "goal", "result")
    rows = [
        (r.name, _fmt(r.median_s), _fmt(r.baseline_median_s), _fmt(r.ratio, 3), f"<= {r.goal:g}x", r.verdict)
        for r in results
    ]
    widths = [max(len(row[i]) for row in (heads, *rows)) for i in range(len(heads))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in (heads, *rows)
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"{r.name}: {r.error}" for r in results if r.error]
    return "\n".join([*lines, *notes])


def as_json(results: Sequence[Result], repeat: int) -> dict[str, Any]:
    return {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": sys.executable,
        "python_version": platform.python_version(),
        "platform": platform.platform(),
        "repeat": repeat,
        "results": [
            {
                "name": r.name,
                "description": r.description,
                "command": r.command,
                "baseline": r.baseline,
                "median_s": r.median_s,
                "baseline_median_s": r.baseline_median_s,
                "ratio": r.ratio,
                "goal": r.goal,
                "result": r.verdict,
                "error": r.error,
            }
            for r in results
        ],
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Time tracker commands against baseline commands.")
    parser.add_argument(
        "--repeat", type=positive_int, help=f"timed runs of each command [default: {DEFAULT_REPEAT}]"
    )
    parser.add_argument("--only", choices=[b.name for b in BENCHMARKS], help="run only this benchmark")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke test: each command timed once (the figures mean nothing)",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is not met")
    parser.add_argument("--output", type=Path, default=RESULTS_FILE, help="where to write the JSON results")
    args = parser.parse_args(argv)
    args.repeat = args.repeat or (1 if args.quick else DEFAULT_REPEAT)
    return args


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def venv_tracker() -> Path:
    """The tracker console script next to this Python (not resolved: the venv's bin is the point)."""
    script = Path(sys.executable).parent / "tracker"
    if not script.is_file():
        sys.exit(f"no tracker script at {script}; run with the virtualenv's Python (.venv/bin/python)")
    return script


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    chosen = [b for b in BENCHMARKS if args.only in (None, b.name)]
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
        ctx = Context(Path(sys.executable), venv_tracker(), Path(tmp), clean_env())
        results = [measure(bench, ctx, args.repeat) for bench in chosen]
    print(f"{args.repeat} timed runs each, after one warm-up; {sys.executable}")
    print(table(results))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(as_json(results, args.repeat), indent=2) + "\n", encoding="utf-8")
    print(f"written: {args.output}")
    if args.strict and not all(r.passed for r in results):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
