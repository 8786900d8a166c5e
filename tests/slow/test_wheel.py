"""A wheel installed anywhere (not editable, away from the checkout) can create a database
and run the yearly workflow: migrations and the default config ship inside the package."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from tests.helpers import default_config_text
from tracker.store._engine import SCHEMA_HEAD

# What the build reads; the rest of the checkout (build/, .venv, caches) must not leak in.
SOURCES = ["pyproject.toml", "README.md", "tracker", "migrations"]
SHIPPED = [
    "tracker/migrations/versions/0001_initial.py",
    "tracker/data/config.yaml",
    "tracker/render/templates/report.html.j2",
    "tracker/render/templates/report.md.j2",
    "tracker/render/templates/report.txt.j2",
    "tracker/locale/vi/LC_MESSAGES/tracker.mo",
]
INSTALL_TIMEOUT_S = 600


def clean_env() -> dict[str, str]:
    """The environment of a user's shell: no TRACKER_* variables, nothing pointing at the checkout."""
    drop = ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
    return {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_") and k not in drop}


def call(*args: str | Path, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def build_wheel(repo_root: Path, tmp_path: Path) -> Path:
    """`pip wheel` of a copy of the checkout, so the build writes nothing into the work tree."""
    source = tmp_path / "source"
    for name in SOURCES:
        origin = repo_root / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(origin, source / name)
    dist = tmp_path / "dist"
    built = call(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", dist, source, cwd=tmp_path, timeout=300
    )
    assert built.returncode == 0, built.stdout + built.stderr
    wheels = sorted(dist.glob("tracker-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_ships_migrations_templates_and_default_config(repo_root: Path, tmp_path: Path) -> None:
    wheel = build_wheel(repo_root, tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in [*SHIPPED, "tracker/migrations/env.py", "tracker/migrations/script.py.mako"]:
        assert path in names, f"{path} is missing from {wheel.name}"
    assert "tracker/data/demo.yaml" in names
    assert not any(name.startswith(("tests/", "migrations/")) for name in names)
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "tracker = tracker.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_wheel_runs_the_workflow_in_an_empty_folder(repo_root: Path, tmp_path: Path) -> None:
    started = time.monotonic()
    wheel = build_wheel(repo_root, tmp_path)
    built = time.monotonic()

    venv = tmp_path / "venv"
    made = call(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    python, tracker = venv / "bin" / "python", venv / "bin" / "tracker"
    # Not editable; dependencies come from the package index (pip's cache is reused).
    installed = call(python, "-m", "pip", "install", wheel, cwd=tmp_path, timeout=INSTALL_TIMEOUT_S)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert tracker.is_file()
    ready = time.monotonic()

    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "config.yaml").write_text(default_config_text(), encoding="utf-8")

    init = call(tracker, "init", cwd=folder)
    assert init.returncode == 0, init.stderr
    database = folder / "tracker.db"
    # In the office's language: the compiled catalog is installed with the package.
    assert init.stdout.startswith(f"cơ sở dữ liệu {database}: lược đồ đã tạo ({SCHEMA_HEAD})\n"), init.stdout
    assert "+ T07: thêm mới" in init.stdout
    assert database.is_file(), "the database is created beside the config"

    status = call(tracker, "status", "--format", "json", cwd=folder)
    assert status.returncode == 0, status.stderr
    data = json.loads(status.stdout)
    assert data["resolution"]["code"] == "DHIX-DUK-DB"
    assert len(data["targets"]) == 11 and {t["status"] for t in data["targets"]} == {"no_data"}

    record = call(tracker, "record", "T07", "2021", "160", cwd=folder)
    assert record.returncode == 0, record.stderr
    assert record.stdout.startswith("đã ghi T07 2021: 160, lần ghi 1"), record.stdout
    english = call(tracker, "--lang", "en", "record", "T07", "2021", "1.200", cwd=folder)
    assert english.returncode == 2 and "T07 2021 already has a figure: 160, revision 1" in english.stderr, (
        english.stderr
    )

    after = json.loads(call(tracker, "status", "--format", "json", cwd=folder).stdout)
    t07 = next(t for t in after["targets"] if t["code"] == "T07")
    assert (t07["status"], t07["figures"]) == ("on_track", {"2021": 160})

    report = call(tracker, "report", cwd=folder)  # the packaged templates render
    assert report.returncode == 0, report.stderr
    written = sorted(Path(line).name for line in report.stdout.split())
    assert written == [
        "DHIX-DUK-DB-2021-vi-r1.html",
        "DHIX-DUK-DB-2021-vi-r1.md",
        "DHIX-DUK-DB-2021-vi-r1.txt",
    ]

    leftovers = {p.name for p in folder.iterdir()} - {"tracker.db-wal", "tracker.db-shm"}
    assert leftovers == {"config.yaml", "tracker.db", "reports"}

    where = call(python, "-c", "import tracker; print(tracker.__file__)", cwd=folder)
    package = Path(where.stdout.strip()).parent
    assert package.is_relative_to(venv), f"tracker imported from {package}, not the installed wheel"
    for path in SHIPPED:
        assert (package.parent / path).is_file(), f"{path} is not installed"
    finished = time.monotonic()
    print(
        f"wheel built in {built - started:.1f}s, venv + install in {ready - built:.1f}s, "
        f"commands in {finished - ready:.1f}s"
    )
