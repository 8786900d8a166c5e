"""Start-up time of two versions of tracker, measured in the same run.

    python benchmarks/startup_compare.py [BASE] [--repeat N] [--quick] [--strict]

BASE is a git revision (default d1d5034, the release point before the package re-layout). It
is checked out into a temporary worktree, and the work tree this script lives in (uncommitted
changes included) is copied next to it, each with its own migrations as `tracker.migrations`.
Each side builds its own demo database with its own code, then `--help`, `status` and `report
--format txt` are timed as fresh processes of this interpreter (`python -m tracker`, run from
the side's folder with PYTHONPATH set to it), one warm-up run each, then alternated. Printed:
the median wall times, the ratio work tree / BASE (goal <= 1.05) and the median total of
`python -X importtime -m tracker --help` on each side. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_BASE = "d1d5034"
DEFAULT_REPEAT = 21
GOAL = 1.05
# As in run.py: no other config or database than the one given; bytecode written and reused.
SCRUBBED_ENV = ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME", "PYTHONPATH")
COMMANDS: dict[str, list[str]] = {
    "--help": ["--help"],
    "status": ["--config", "{demo}/config.yaml", "status"],
    "report txt": ["--config", "{demo}/config.yaml", "report", "--format", "txt", "--out", "{out}"],
}


class CompareError(Exception):
    """A command of one side failed; the message says which and why."""


@dataclass
class Side:
    """One version of tracker: its folder (put on sys.path), its demo and its timings."""

    label: str
    source: Path
    work: Path
    times: dict[str, list[float]] = field(default_factory=dict)
    importtime_us: list[int] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        kept = {k: v for k, v in os.environ.items() if k not in SCRUBBED_ENV and not k.startswith("TRACKER_")}
        return {**kept, "PYTHONPATH": str(self.source)}

    def argv(self, name: str) -> list[str]:
        demo, out = self.work / "demo", self.work / "reports"
        return [a.format(demo=demo, out=out) for a in COMMANDS[name]]

    def run(self, args: Sequence[str], *, importtime: bool = False) -> tuple[float, str]:
        """Run `python -m tracker ARGS` from the side's folder; its wall time and its stderr."""
        python = [sys.executable, *(["-X", "importtime"] if importtime else []), "-m", "tracker"]
        start = time.perf_counter()
        done = subprocess.run(
            [*python, *args],
            cwd=self.source,
            env=self.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            tail = " | ".join(done.stderr.strip().splitlines()[-3:])
            raise CompareError(f"{self.label}: `tracker {' '.join(args)}` exited {done.returncode}: {tail}")
        return elapsed, done.stderr

    def time(self, name: str) -> None:
        self.times.setdefault(name, []).append(self.run(self.argv(name))[0])

    def time_imports(self) -> None:
        self.importtime_us.append(import_total_us(self.run(["--help"], importtime=True)[1]))


def import_total_us(stderr: str) -> int:
    """The sum of the `self [us]` column of `-X importtime` (its header line has no number)."""
    selves = (line.split("|")[0].removeprefix("import time:").strip() for line in stderr.splitlines())
    return sum(int(self_us) for self_us in selves if self_us.isdigit())


def checkout(revision: str, into: Path) -> Path:
    """A revision's checkout as a folder for sys.path, with its migrations as `tracker.migrations`."""
    done = subprocess.run(
        ["git", "-C", str(REPOSITORY), "worktree", "add", "--detach", str(into), revision],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise CompareError(f"cannot check out {revision}: {done.stderr.strip()}")
    (into / "tracker" / "migrations").symlink_to(into / "migrations", target_is_directory=True)
    return into


def copy_work_tree(into: Path) -> Path:
    """The work tree's package and migrations, copied without bytecode, laid out as checkout()'s."""
    skip = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPOSITORY / "tracker", into / "tracker", ignore=skip, symlinks=True)
    shutil.copytree(REPOSITORY / "migrations", into / "migrations", ignore=skip, symlinks=True)
    if not (into / "tracker" / "migrations").exists():
        (into / "tracker" / "migrations").symlink_to(into / "migrations", target_is_directory=True)
    return into


def describe(revision: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(REPOSITORY), "rev-parse", "--short", f"{revision}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or "?"


def measure(sides: Sequence[Side], repeat: int) -> None:
    """Demo per side, one warm-up of everything, then `repeat` rounds, the side first alternating."""
    for side in sides:
        side.run(["demo", "--dir", str(side.work / "demo")])
        for name in COMMANDS:
            side.run(side.argv(name))
        side.run(["--help"], importtime=True)
    for i in range(repeat):
        order = sides if i % 2 == 0 else list(reversed(sides))
        for name in COMMANDS:
            for side in order:
                side.time(name)
        for side in order:
            side.time_imports()


def report(base: Side, work: Side) -> tuple[str, bool]:
    """The table of medians and ratios, and whether every goal is met."""
    heads = ("command", f"{base.label} s", f"{work.label} s", "ratio", "goal", "result")
    rows: list[tuple[str, ...]] = []
    passed = True
    for name in COMMANDS:
        b, w = statistics.median(base.times[name]), statistics.median(work.times[name])
        ok = w / b <= GOAL
        passed = passed and ok
        rows.append((name, f"{b:.4f}", f"{w:.4f}", f"{w / b:.3f}", f"<= {GOAL:g}", "PASS" if ok else "FAIL"))
    widths = [max(len(row[i]) for row in (heads, *rows)) for i in range(len(heads))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in (heads, *rows)
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    bi, wi = statistics.median(base.importtime_us) / 1000, statistics.median(work.importtime_us) / 1000
    lines.append(
        f"-X importtime total of --help, median: {base.label} {bi:.1f} ms, {work.label} {wi:.1f} ms"
        f" (ratio {wi / bi:.3f})"
    )
    return "\n".join(lines), passed


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("base", nargs="?", default=DEFAULT_BASE, help=f"git revision [{DEFAULT_BASE}]")
    parser.add_argument("--repeat", type=positive_int, help=f"timed runs of each [{DEFAULT_REPEAT}]")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke test: each command timed once (the figures mean nothing)",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is not met")
    args = parser.parse_args(argv)
    args.repeat = args.repeat or (1 if args.quick else DEFAULT_REPEAT)
    with tempfile.TemporaryDirectory(prefix="tracker-startup-") as tmp:
        root = Path(tmp)
        try:
            base_src = checkout(args.base, root / "base-src")
            work_src = copy_work_tree(root / "work-src")
            sides = [Side("BASE", base_src, root / "base"), Side("work tree", work_src, root / "work")]
            for side in sides:
                side.work.mkdir()
            measure(sides, args.repeat)
            text, passed = report(*sides)
        except CompareError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        finally:
            if (root / "base-src").exists():
                subprocess.run(
                    ["git", "-C", str(REPOSITORY), "worktree", "remove", "--force", str(root / "base-src")],
                    check=True,
                )
    print(f"BASE: {args.base} ({describe(args.base)}); work tree: {REPOSITORY} at {describe('HEAD')}")
    print(f"{args.repeat} timed runs each, alternated, after one warm-up; {sys.executable}")
    print(text)
    return 1 if args.strict and not passed else 0


if __name__ == "__main__":
    sys.exit(main())
