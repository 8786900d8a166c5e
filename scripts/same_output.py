"""Whether two versions of tracker say the same thing: the demo's outputs, byte for byte.

    python scripts/same_output.py BASE [OTHER]

BASE and OTHER are git revisions (OTHER defaults to the work tree as it is). Each is checked
out into a temporary folder and run with this interpreter (the same installed dependencies):
`tracker demo`, then `status`, `status --units`, `report --format txt,md` and `export --format
json`, in Vietnamese and in English. The only differences allowed are time stamps (when a
figure was recorded, when a report was made) and the history's head they make, which are
replaced by a mark before comparing.
Exit 0 when every output is the same, 1 with a unified diff otherwise.

A refactoring is checked with it: `python scripts/same_output.py main` before merging.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
COMMANDS: dict[str, list[str]] = {
    "status": ["status"],
    "status-units": ["status", "--units"],
    "status-json": ["status", "--format", "json"],
    "export-json": ["export", "--format", "json", "--out", "{out}/export.json"],
    "export-revisions-json": ["export", "--format", "json", "--revisions", "--out", "{out}/revisions.json"],
    "report": ["report", "--format", "txt,md", "--out", "{out}/reports"],
}
# Moments that change from run to run: ISO times, "22:38 27/11/2026", "2026-11-27 22:38", the
# date of issue in words, and the run's own paths.
MOMENTS = [
    re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)?"),
    re.compile(r"\d\d?:\d\d(:\d\d)? \d\d?/\d\d?/\d{4}"),
    re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?"),
    re.compile(r"ngày \d\d tháng \d\d năm \d{4}"),
    re.compile(r"\d\d?/\d\d?/\d{4}"),
    re.compile(
        r"(January|February|March|April|May|June|July|August|September|October|November|December)"
        r" \d\d?, \d{4}"
    ),
]
# The history's chain hashes each change with its moment, so its head (a report's "Mã lịch sử",
# full in a stored run) differs from run to run as the moments do.
HEADS = re.compile(r"\b(?:[0-9a-f]{64}|(?<=Mã lịch sử: )[0-9a-f]{12}|(?<=History code: )[0-9a-f]{12})\b")


def checkout(revision: str | None, into: Path) -> Path:
    """The package of a revision (None: the work tree) as a folder that can go on sys.path."""
    if revision is None:
        return REPOSITORY
    subprocess.run(
        ["git", "-C", str(REPOSITORY), "worktree", "add", "--detach", str(into), revision],
        check=True,
        capture_output=True,
    )
    # the checkout's own migrations as `tracker.migrations`, as its wheel ships them (else the
    # installed tracker's would be found, which may expect another layout)
    (into / "tracker" / "migrations").symlink_to(into / "migrations", target_is_directory=True)
    return into


def run_outputs(source: Path, work: Path) -> dict[str, str]:
    """Every output of the demo made by the tracker in `source`, by name."""
    # run from `work`: `python -m` puts the current folder first on sys.path, before PYTHONPATH
    env = {**os.environ, "PYTHONPATH": str(source), "COLUMNS": "160", "TERM": "dumb", "NO_COLOR": "1"}
    for name in ("TRACKER_CONFIG", "TRACKER_DATABASE_URL", "TRACKER_RESOLUTION", "TRACKER_LANG"):
        env.pop(name, None)
    demo = work / "demo"
    tracker = [sys.executable, "-m", "tracker"]
    subprocess.run([*tracker, "demo", "--dir", str(demo)], env=env, cwd=work, check=True, capture_output=True)
    outputs: dict[str, str] = {}
    for lang in ("vi", "en"):
        out = work / lang
        out.mkdir()
        for name, args in COMMANDS.items():
            command = [*tracker, "--config", str(demo / "config.yaml"), "--lang", lang]
            command += [a.format(out=out) for a in args]
            done = subprocess.run(command, env=env, cwd=work, capture_output=True, text=True)
            outputs[f"{lang}/{name} (exit {done.returncode})"] = done.stdout + done.stderr
        for path in sorted(out.rglob("*")):
            if path.is_file():
                outputs[f"{lang}/{path.relative_to(out)}"] = path.read_text(encoding="utf-8")
    return {name: normalised(text, work) for name, text in outputs.items()}


def normalised(text: str, work: Path) -> str:
    text = text.replace(str(work), "<work>")
    for pattern in MOMENTS:
        text = pattern.sub("<moment>", text)
    text = HEADS.sub("<head>", text)
    return re.sub(r"-r\d+\.", "-r<n>.", text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("other", nargs="?")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tracker-same-") as tmp:
        root = Path(tmp)
        found = []
        try:
            for side, revision in (("a", args.base), ("b", args.other)):
                source = checkout(revision, root / f"src-{side}")
                (root / side).mkdir()
                found.append(run_outputs(source, root / side))
        finally:
            for side in ("src-a", "src-b"):
                if (root / side).exists():
                    subprocess.run(
                        ["git", "-C", str(REPOSITORY), "worktree", "remove", "--force", str(root / side)],
                        check=True,
                    )
        before, after = found
        differ = False
        for name in sorted(set(before) | set(after)):
            a, b = before.get(name, ""), after.get(name, "")
            if a != b:
                differ = True
                sys.stdout.writelines(
                    difflib.unified_diff(
                        a.splitlines(keepends=True), b.splitlines(keepends=True), f"a/{name}", f"b/{name}"
                    )
                )
        checked = ", ".join(sorted(before))
        print(("outputs differ" if differ else "same output") + f" ({len(before)} outputs: {checked})")
        return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
