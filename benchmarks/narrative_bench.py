"""Narrative benchmark: does the office's narrative cost time in proportion to its length?

The demo's report (`tracker demo`) is made in each format (docx, pdf, html) without a narrative
(the baseline, measured in the same run), and with narratives of N and 2N blocks of three shapes
under the 200 KB limit: ordinary paragraphs (about 60 words), paragraphs near the 20,000
characters a paragraph may have (the PDF lays each paragraph out again per printed line), and
short list items. What the narrative adds is the time above the baseline; the goal is that 2N
blocks add at most 2.5x what N blocks add (linear: 2x; quadratic: 4x), or less than 0.15 s in
all (below what the measure can tell apart).

Timed as fresh processes, alternately, the median of --repeat runs after one warm-up; the time
is processor time (user + system, the PDF's worker included), which other work on the machine
moves less than the wall clock.

    .venv/bin/python benchmarks/narrative_bench.py             # about four minutes
    .venv/bin/python benchmarks/narrative_bench.py --repeat 3 --formats pdf
    .venv/bin/python benchmarks/narrative_bench.py --quick     # a smoke test: tiny narratives, once
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from run import SCRUBBED_ENV, positive_int, venv_tracker

RESULTS_FILE = Path(__file__).resolve().parent / "results" / "narrative.json"
FORMATS = ("docx", "pdf", "html")
SHAPES = {  # shape -> (blocks in N, words per block, Markdown of one block)
    "paragraphs": (250, 60, "{}\n\n"),
    "long paragraphs": (4, 3600, "{}\n\n"),
    "list items": (1800, 8, "- {}\n"),
}
QUICK_BLOCKS = {"paragraphs": 5, "long paragraphs": 1, "list items": 20}
DEFAULT_REPEAT = 5
GOAL = 2.5  # what 2N blocks add / what N blocks add
NOISE = 0.15  # seconds: a narrative that adds less at 2N costs nothing worth a ratio
WORDS = (
    "Ban", "Thường", "vụ", "Đảng", "ủy", "Khối", "đã", "lãnh", "đạo", "toàn", "diện", "các", "chỉ",
    "tiêu", "cơ", "bản", "đạt", "công", "tác", "chính", "trị", "tư", "tưởng", "được", "chú", "trọng",
    "kiểm", "tra", "giám", "sát", "tăng", "cường", "đảng", "viên", "tổ", "chức", "sở",
)  # fmt: skip


def narrative(shape: str, blocks: int, seed: int) -> str:
    """A narrative of `blocks` blocks of `shape` under its first section's heading."""
    rng = random.Random(seed)
    _, words, block = SHAPES[shape]
    body = (block.format(" ".join(rng.choice(WORDS) for _ in range(words)) + ".") for _ in range(blocks))
    return "# Kết quả đạt được\n\n" + "".join(body)


def clean_env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key not in SCRUBBED_ENV}


def timed(argv: Sequence[str], env: dict[str, str]) -> float:
    """The processor time (user + system) of the command and the processes it waited for (the
    PDF's worker): steadier than the wall clock on a machine doing other work."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    elapsed = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-3:]
        sys.exit(f"`{' '.join(argv)}` exited with {done.returncode}: {' | '.join(tail)}")
    return elapsed


def measure(fmt: str, files: dict[str, Path | None], config: Path, repeat: int) -> dict[str, float]:
    """The median time of each narrative (None: no narrative) in `fmt`, runs alternated."""
    env = clean_env()
    times: dict[str, list[float]] = {name: [] for name in files}
    rounds = [False] + [True] * repeat if repeat > 1 else [True]  # a first round warms the caches
    for kept in rounds:
        for name, path in files.items():
            argv = [str(venv_tracker()), "--config", str(config), "report", "--format", fmt]
            argv += ["--out", str(config.parent / "out"), *(["--narrative", str(path)] if path else [])]
            elapsed = timed(argv, env)
            if kept:
                times[name].append(elapsed)
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=positive_int, default=DEFAULT_REPEAT)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--output", type=Path, default=RESULTS_FILE)
    parser.add_argument("--quick", action="store_true", help="tiny narratives, each timed once")
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else args.repeat
    with tempfile.TemporaryDirectory(prefix="tracker-narrative-bench-") as tmp:
        folder = Path(tmp)
        timed([str(venv_tracker()), "demo", "--dir", str(folder / "demo")], clean_env())
        config = folder / "demo" / "config.yaml"
        files: dict[str, Path | None] = {"baseline": None}
        sizes: dict[str, int] = {}
        for shape, (blocks, _words, _block) in SHAPES.items():
            blocks = QUICK_BLOCKS[shape] if args.quick else blocks
            for times, label in ((1, "N"), (2, "2N")):
                path = folder / f"{shape.replace(' ', '-')}-{label}.md"
                path.write_text(narrative(shape, blocks * times, seed=times), encoding="utf-8")
                files[f"{shape} {label}"] = path
                sizes[f"{shape} {label}"] = path.stat().st_size
        results = {fmt: measure(fmt, files, config, repeat) for fmt in args.formats.split(",")}
    print(report(results, sizes, repeat))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(as_json(results, sizes, repeat), indent=2), encoding="utf-8")
    return 0


def ratio(medians: dict[str, float], shape: str) -> float:
    """What 2N blocks add over the baseline / what N blocks add."""
    base = medians["baseline"]
    return (medians[f"{shape} 2N"] - base) / max(medians[f"{shape} N"] - base, 1e-3)


def report(results: dict[str, dict[str, float]], sizes: dict[str, int], repeat: int) -> str:
    lines = [f"median of {repeat} runs, processor seconds; the ratio: what 2N blocks add / what N blocks add"]
    lines.append(
        f"{'format':6} {'shape':16} {'N KB':>6} {'2N KB':>6} {'base s':>7} {'N s':>7} {'2N s':>7} ratio"
    )
    for fmt, medians in results.items():
        for shape in SHAPES:
            n, n2 = medians[f"{shape} N"], medians[f"{shape} 2N"]
            added = n2 - medians["baseline"]
            verdict = "PASS" if ratio(medians, shape) <= GOAL else "FAIL"
            verdict = f"PASS (2N adds {added:.2f} s < {NOISE} s)" if added < NOISE else verdict
            lines.append(
                f"{fmt:6} {shape:16} {sizes[f'{shape} N'] / 1000:6.0f} {sizes[f'{shape} 2N'] / 1000:6.0f} "
                f"{medians['baseline']:7.2f} {n:7.2f} {n2:7.2f} {ratio(medians, shape):.2f}x "
                f"(goal <= {GOAL}x) {verdict}"
            )
    return "\n".join(lines)


def as_json(results: dict[str, dict[str, float]], sizes: dict[str, int], repeat: int) -> dict[str, Any]:
    return {
        "repeat": repeat,
        "sizes": sizes,
        "medians": results,
        "ratios": {
            fmt: {shape: ratio(medians, shape) for shape in SHAPES} for fmt, medians in results.items()
        },
    }


if __name__ == "__main__":
    sys.exit(main())
