"""Scale benchmark: do tracker's commands stay as fast when the database grows?

Two kinds of growth, on SQLite and on PostgreSQL:

- resolutions: a database with 1, 10, 100, 1,000 and 2,000 resolutions of 15 targets each,
  5 reporting years, 1 to 3 revisions of every figure (about 150 entries a resolution). The
  commands work on the config's resolution, which is the same at every size;
- history: the config's resolution with 0, 1,000, 10,000 and 100,000 stored report runs and
  job runs (copies of rows made by `tracker report` and `tracker schedule run-now`).

At each size every command runs as a fresh process (the median of --repeat runs, after one
warm-up round, commands taken in turn): status, report, history, export --revisions,
schedule list and overview (when the command exists), next to a raw SQL scan of the latest
revision of every (target, year) of the whole database (a fresh Python with the same driver)
and the start-up of `python -c "import sqlmodel"`. Every baseline process gets the interpreter
settings of tracker (tracker/process.py). The goals are checked at the end. See
benchmarks/README.md.

    .venv/bin/python benchmarks/scale.py                 # or: make bench-scale
    .venv/bin/python benchmarks/scale.py --quick --no-postgres --repeat 1
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any, Protocol

import yaml
from run import FAIR_PRELUDE, SCRUBBED_ENV, positive_int, venv_tracker
from sqlalchemy import Engine, create_engine, delete, func, select, text
from sqlalchemy.engine import make_url

from tracker.store import metadata

RESULTS_FILE = Path(__file__).resolve().parent / "results" / "scale.json"
POSTGRES_ENV = "TRACKER_TEST_POSTGRES_URL"
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
SIZES = (1, 10, 100, 1000, 2000)
RUNS = (0, 1000, 10_000, 100_000)
QUICK_SIZES = (1, 2)
QUICK_RUNS = (0, 5)
DEFAULT_REPEAT = 5
FLAT_GOAL = 1.3  # largest / smallest size, per command
OVERVIEW_GOAL = 3.0  # overview / (raw scan + start-up)
EXTRA_TARGETS = ("T01", "T02", "T03", "T04")  # copied as T12-T15: 15 targets a resolution
RUN_STEP = timedelta(minutes=15)  # stored runs are this far apart, the newest a day ago
STARTUP, SCAN, OVERVIEW = "start-up", "raw scan", "overview"
PER_RESOLUTION: dict[str, tuple[str, ...]] = {
    "status": ("status",),
    "report": ("report", "--out", "{reports}"),  # a folder of each database's own
    "history": ("history",),
    "export --revisions": ("export", "--revisions"),
    "schedule list": ("schedule", "list"),
}
FLAT_IN_HISTORY = ("report", "schedule list")
# The latest revision of every (target, year) of the whole database, every row fetched.
SCAN_SQL = (
    "SELECT e.target_id, e.year, e.revision, e.value, e.numerator, e.denominator, e.provisional "
    "FROM entry e JOIN (SELECT target_id, year, max(revision) AS revision FROM entry "
    "GROUP BY target_id, year) m "
    "ON m.target_id = e.target_id AND m.year = e.year AND m.revision = e.revision"
)
SCHEDULES: list[dict[str, Any]] = [
    {
        "id": "bao-cao-nam",
        "cron": "yearly",
        "report": {"formats": ["html", "md"]},
        "email": {"to": ["thuongvu@example.org", "vanphong@example.org"]},
    },
    {
        "id": "nhac-so-lieu",
        "kind": "reminder",
        "cron": "0 7 1 2 *",
        "email": {"to": ["vanphong@example.org"]},
    },
]


class BenchmarkError(Exception):
    """A timed or preparing command failed; the message says which and why."""


class Backend(Protocol):
    """Where the databases of one kind live: made, copied, dropped and scanned."""

    name: str

    def url(self, db: str) -> str: ...
    def create(self, db: str, template: str | None = None) -> None: ...
    def drop(self, db: str) -> None: ...
    def scan_code(self, db: str) -> str: ...


@dataclass
class SqliteBackend:
    folder: Path
    name: str = "sqlite"

    def path(self, db: str) -> Path:
        return self.folder / f"{db}.db"

    def url(self, db: str) -> str:
        return f"sqlite:///{self.path(db)}"

    def create(self, db: str, template: str | None = None) -> None:
        if template is None:
            return  # `tracker init` makes the file
        with sqlite3.connect(self.path(template)) as source, sqlite3.connect(self.path(db)) as copy:
            source.backup(copy)

    def drop(self, db: str) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path(db)}{suffix}").unlink(missing_ok=True)

    def scan_code(self, db: str) -> str:
        return (
            f"import sqlite3\nrows = sqlite3.connect({str(self.path(db))!r}).execute({SCAN_SQL!r}).fetchall()"
        )


@dataclass
class PostgresBackend:
    admin_url: str
    token: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    name: str = "postgresql"
    prefix: str = "tracker_scale"  # of the databases' names (import_bench.py: tracker_import)

    def database(self, db: str) -> str:
        return f"{self.prefix}_{self.token}_{db}"

    def url(self, db: str) -> str:
        return make_url(self.admin_url).set(database=self.database(db)).render_as_string(hide_password=False)

    def admin(self, sql: str) -> None:
        engine = create_engine(
            self.admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5}
        )
        try:
            with engine.connect() as connection:
                connection.execute(text(sql))
        finally:
            engine.dispose()

    def create(self, db: str, template: str | None = None) -> None:
        copy = f' TEMPLATE "{self.database(template)}"' if template else ""
        self.admin(f'CREATE DATABASE "{self.database(db)}"{copy}')

    def drop(self, db: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{self.database(db)}" WITH (FORCE)')

    def scan_code(self, db: str) -> str:
        conninfo = make_url(self.url(db)).set(drivername="postgresql").render_as_string(hide_password=False)
        return (
            f"import psycopg\nwith psycopg.connect({conninfo!r}) as connection:\n"
            f"    rows = connection.execute({SCAN_SQL!r}).fetchall()"
        )


@dataclass
class Context:
    """The Python and tracker script that are timed, the work folder and their environment."""

    python: Path
    tracker: Path
    workdir: Path
    env: dict[str, str]
    resolution_option: bool = False  # `tracker --resolution CODE` exists
    overview: bool = False  # `tracker overview` exists
    code: str = ""  # the config's resolution


@dataclass
class Point:
    """The medians (seconds) of every command at one size of one database."""

    backend: str
    phase: str  # "resolutions" or "runs"
    size: int
    medians: dict[str, float | None]
    errors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Goal:
    backend: str
    name: str
    ratio: float | None
    goal: float
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.ratio is None:
            return self.note or "n/a"
        return "PASS" if self.ratio <= self.goal else "FAIL"


# --- processes -----------------------------------------------------------------------------


def run_checked(argv: Sequence[str], ctx: Context, accept: Iterable[int] = (0,)) -> float:
    """Run one command in the work folder, output discarded; return its wall time in seconds."""
    start = time.perf_counter()
    done = subprocess.run(
        argv, cwd=ctx.workdir, env=ctx.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in accept:
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-3:]
        raise BenchmarkError(f"`{' '.join(argv)}` exited with {done.returncode}: {' | '.join(tail)}")
    return elapsed


def tracker_argv(ctx: Context, config: Path, *args: str, per_resolution: bool = True) -> list[str]:
    """A tracker command on the config; on the config's resolution by name when tracker can be told."""
    chosen = ["--resolution", ctx.code] if per_resolution and ctx.resolution_option else []
    return [str(ctx.python), str(ctx.tracker), "--config", str(config), *chosen, *args]


def probe(ctx: Context) -> None:
    """Which of the commands being built elsewhere exist: the global --resolution, overview."""
    base = [str(ctx.python), str(ctx.tracker)]
    shown = subprocess.run(
        [*base, "--help"], cwd=ctx.workdir, env=ctx.env, capture_output=True, text=True, check=False
    )
    ctx.resolution_option = "--resolution" in shown.stdout
    overview = [*base, "overview", "--help"]
    ctx.overview = subprocess.run(overview, cwd=ctx.workdir, env=ctx.env, capture_output=True).returncode == 0


def commands(ctx: Context, backend: Backend, db: str, config: Path) -> dict[str, list[str]]:
    """Every timed command on one database (report files go to a folder beside its config)."""
    reports = str(config.parent / "bench-reports")
    found = {
        name: tracker_argv(ctx, config, *(arg.format(reports=reports) for arg in args))
        for name, args in PER_RESOLUTION.items()
    }
    if ctx.overview:
        found[OVERVIEW] = tracker_argv(ctx, config, "overview", per_resolution=False)
    found[SCAN] = [str(ctx.python), "-c", FAIR_PRELUDE + backend.scan_code(db)]
    found[STARTUP] = [str(ctx.python), "-c", FAIR_PRELUDE + "import sqlmodel"]
    return found


@dataclass(frozen=True)
class Timing:
    repeat: int  # timed rounds
    warmup: int  # untimed rounds before them


def measure(argvs: dict[str, list[str]], ctx: Context, timing: Timing) -> Point:
    """Warm-up rounds, then timed rounds; each round runs every command once, in turn."""
    times: dict[str, list[float]] = {name: [] for name in argvs}
    errors: dict[str, str] = {}
    warmup = timing.warmup
    for round_number in range(warmup + timing.repeat):
        for name, argv in argvs.items():
            if name in errors:
                continue
            try:
                elapsed = run_checked(argv, ctx)
            except BenchmarkError as exc:
                errors[name] = str(exc)
                continue
            if round_number >= warmup:
                times[name].append(elapsed)
    medians = {name: statistics.median(t) if name not in errors else None for name, t in times.items()}
    return Point("", "", 0, medians, errors)


# --- the config and the data ---------------------------------------------------------------


def write_config(folder: Path, url: str, smtp_port: int) -> Path:
    """The default config with 15 targets, two schedules mailing to a server that is down."""
    config: dict[str, Any] = yaml.safe_load(files("tracker.data").joinpath("config.yaml").read_text("utf-8"))
    by_code = {target["code"]: target for target in config["targets"]}
    for number, code in enumerate(EXTRA_TARGETS, start=len(config["targets"]) + 1):
        copy = dict(by_code[code], code=f"T{number:02d}")
        copy["title"] = f"{copy['title']} (bản sao {number})"
        copy["title_en"] = f"{copy['title_en']} (copy {number})"
        config["targets"].append(copy)
    config["database"] = {"url": url}
    config["reports"] = {"dir": "reports"}
    config["schedules"] = SCHEDULES
    config["smtp"] = {
        "host": "127.0.0.1",
        "port": smtp_port,
        "security": "none",
        "sender": "tracker@example.org",
        "retries": 1,
        "retry_delay_seconds": 0,
        "timeout_seconds": 5,
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def free_port() -> int:
    """A port on 127.0.0.1 with nothing listening: the mail of the template runs fails at once."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        port: int = probe_socket.getsockname()[1]
        return port


def figure(measure_kind: str, threshold: float, rng: random.Random) -> float:
    """A plausible yearly figure: a share near its threshold, a count near a fifth of it."""
    if measure_kind == "share":
        return round(min(100.0, threshold * rng.uniform(0.85, 1.15)), 2)
    return round(max(1.0, threshold * rng.uniform(0.1, 0.3)), 1)


def entry_rows(targets: Sequence[Any], years: Sequence[int], rng: random.Random) -> list[dict[str, Any]]:
    """1-3 revisions of every (target, year), recorded over the year after it."""
    rows: list[dict[str, Any]] = []
    for target in targets:
        for year in years:
            revisions = rng.randint(1, 3)
            for revision in range(1, revisions + 1):
                rows.append(
                    {
                        "target_id": target.id,
                        "year": year,
                        "revision": revision,
                        "value": figure(target.measure, target.threshold, rng),
                        "note": None,
                        "source_document": f"Báo cáo tổng kết năm {year}",
                        "provisional": revision < revisions and revision == 1,
                        "recorded_by": "scale benchmark",
                        "recorded_at": datetime(year + 1, 1, 15, tzinfo=UTC) + timedelta(days=30 * revision),
                        "reason": None if revision == 1 else "số liệu chính thức của tỉnh",
                    }
                )
    return rows


def add_entries(engine: Engine, resolution_ids: Sequence[int]) -> None:
    """The figures of the resolutions' targets, the same for a resolution id at every run."""
    target, resolution = metadata.tables["target"], metadata.tables["resolution"]
    with engine.begin() as connection:
        first, last = connection.execute(
            select(resolution.c.first_year, resolution.c.last_year).limit(1)
        ).one()
        query = select(target).where(target.c.resolution_id.in_(resolution_ids)).order_by(target.c.id)
        by_resolution: dict[int, list[Any]] = {}
        for row in connection.execute(query):
            by_resolution.setdefault(row.resolution_id, []).append(row)
        years = range(first, last + 1)
        batch = [
            row
            for number, targets in by_resolution.items()
            for row in entry_rows(targets, years, random.Random(number))
        ]
        connection.execute(metadata.tables["entry"].insert(), batch)


def add_resolutions(engine: Engine, code: str, have: int, want: int) -> None:
    """Resolutions have+1 .. want: copies of the config's resolution and its targets."""
    resolution, target = metadata.tables["resolution"], metadata.tables["target"]
    with engine.begin() as connection:
        original = connection.execute(select(resolution).where(resolution.c.code == code)).mappings().one()
        query = select(target).where(target.c.resolution_id == original["id"])
        targets = connection.execute(query).mappings().all()
        codes = [f"SCALE-{number:05d}" for number in range(have + 1, want + 1)]
        copies = [{**original, "code": new, "title": f"{original['title']} ({new})"} for new in codes]
        for copy in copies:
            del copy["id"]
        connection.execute(resolution.insert(), copies)
        ids = connection.execute(select(resolution.c.id).where(resolution.c.code.in_(codes))).scalars().all()
        rows = [{**row, "resolution_id": new_id} for new_id in ids for row in targets]
        for row in rows:
            del row["id"]
        connection.execute(target.insert(), rows)
    add_entries(engine, ids)


# --- stored report runs and job runs -------------------------------------------------------


def make_template_runs(ctx: Context, config: Path) -> None:
    """Real rows: a manual report, a scheduled report with its mail, a reminder (mail fails)."""
    run_checked(tracker_argv(ctx, config, "report", "--out", str(config.parent / "template-reports")), ctx)
    for schedule in SCHEDULES:  # exit 1: the mail server is down, which is recorded
        run_checked(tracker_argv(ctx, config, "schedule", "run-now", schedule["id"]), ctx, accept=(0, 1))


@dataclass(frozen=True)
class Templates:
    """The rows the template commands made: a manual report run, a scheduled one with its job
    run, and the job run of a reminder."""

    manual: dict[str, Any]
    scheduled: dict[str, Any]
    report_job: dict[str, Any]
    reminder_job: dict[str, Any]


def take_templates(engine: Engine) -> Templates:
    """The report runs and job runs made by the template commands, removed from the database."""
    report_run, job_run = metadata.tables["report_run"], metadata.tables["job_run"]
    with engine.begin() as connection:
        reports = {r["id"]: dict(r) for r in connection.execute(select(report_run)).mappings()}
        jobs = {r["kind"]: dict(r) for r in connection.execute(select(job_run)).mappings()}
        connection.execute(delete(job_run))
        connection.execute(delete(report_run))
    try:
        scheduled = reports.pop(jobs["report"]["report_run_id"])
        (manual,) = reports.values()
        return Templates(manual, scheduled, jobs["report"], jobs["reminder"])
    except (KeyError, ValueError):
        raise BenchmarkError(
            f"unexpected template runs: {len(reports)} reports, jobs {sorted(jobs)}"
        ) from None


def renumbered(paths: Sequence[str], number: int) -> list[str]:
    """Report files are named after their run: DHIX-DUK-DB-2025-vi-r7.html."""
    return [re.sub(r"-r\d+\.(\w+)$", rf"-r{number}.\1", path) for path in paths]


def report_copy(template: dict[str, Any], number: int, moment: datetime) -> dict[str, Any]:
    paths = renumbered(template["paths"], number)
    copy = {**template, "created_at": moment, "data_cutoff": moment - timedelta(seconds=2), "paths": paths}
    del copy["id"]
    return copy


def job_copy(
    template: dict[str, Any], number: int, moment: datetime, report_id: int | None
) -> dict[str, Any]:
    """A run of the schedule, its mail delivered (as nearly all are)."""
    copy = {
        **template,
        "trigger": "scheduled",
        "scheduled_for": moment,
        "started_at": moment,
        "finished_at": moment + timedelta(seconds=3),
        "report_run_id": report_id,
        "attachments": renumbered(template["attachments"], number),
        "delivery": "sent",
        "delivered_at": moment + timedelta(seconds=4),
        "delivery_error": None,
        "message_id": f"<{number}.scale-benchmark@example.org>",
    }
    del copy["id"]
    return copy


@dataclass
class History:
    """Adds copies of the template runs: odd numbers a scheduled report and its job run, even
    numbers a manual report and a reminder's job run. Run `number` (1-based) of at most `total`
    is dated `total - number` steps before the newest, so ids and times grow together."""

    templates: Templates
    total: int
    anchor: datetime = field(default_factory=lambda: datetime.now(UTC) - timedelta(days=1))
    added: int = 0

    def moment(self, number: int) -> datetime:
        return self.anchor - (self.total - number) * RUN_STEP

    def grow(self, engine: Engine, want: int) -> None:
        report_run, job_run = metadata.tables["report_run"], metadata.tables["job_run"]
        numbers = range(self.added + 1, want + 1)
        if not numbers:
            return
        kept = self.templates
        with engine.begin() as connection:
            first_id = (connection.execute(select(func.max(report_run.c.id))).scalar() or 0) + 1
            reports = [
                report_copy(kept.scheduled if n % 2 else kept.manual, n, self.moment(n)) for n in numbers
            ]
            connection.execute(report_run.insert(), reports)
            ids = connection.execute(select(report_run.c.id).where(report_run.c.id >= first_id)).scalars()
            jobs = [
                job_copy(kept.report_job, n, self.moment(n), report_id)
                if n % 2
                else job_copy(kept.reminder_job, n, self.moment(n), None)
                for n, report_id in zip(numbers, sorted(ids), strict=True)
            ]
            connection.execute(job_run.insert(), jobs)
        self.added = want


# --- one backend ---------------------------------------------------------------------------


def default_config() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(files("tracker.data").joinpath("config.yaml").read_text("utf-8"))
    return loaded


def resolution_id(engine: Engine, code: str) -> int:
    resolution = metadata.tables["resolution"]
    with engine.connect() as connection:
        found: int = connection.execute(select(resolution.c.id).where(resolution.c.code == code)).scalar_one()
        return found


def prepare(ctx: Context, backend: Backend) -> tuple[Path, Templates]:
    """The base database: the config's resolution with its figures, and no stored runs."""
    backend.create("base")
    config = write_config(ctx.workdir / backend.name / "base", backend.url("base"), free_port())
    run_checked(tracker_argv(ctx, config, "init", per_resolution=False), ctx)
    engine = create_engine(backend.url("base"))
    try:
        add_entries(engine, [resolution_id(engine, ctx.code)])
        make_template_runs(ctx, config)
        templates = take_templates(engine)
    finally:
        engine.dispose()
    return config, templates


class Grower(Protocol):
    def grow(self, engine: Engine, want: int) -> None: ...


@dataclass
class Growth:
    """Adds copies of the config's resolution up to the size asked for."""

    code: str
    have: int = 1

    def grow(self, engine: Engine, want: int) -> None:
        if want > self.have:
            add_resolutions(engine, self.code, self.have, want)
            self.have = want


@dataclass(frozen=True)
class Phase:
    """One database of a backend, grown through its sizes (ascending)."""

    db: str
    name: str  # "resolutions" or "runs"
    config: Path
    sizes: Sequence[int]
    grower: Grower


def grow_and_measure(ctx: Context, backend: Backend, phase: Phase, timing: Timing) -> list[Point]:
    """For each size: grow the database to it, then time every command on it."""
    engine = create_engine(backend.url(phase.db))
    points = []
    try:
        for size in phase.sizes:
            started = time.perf_counter()
            phase.grower.grow(engine, size)
            engine.dispose()  # no connection of this process stays open while the commands run
            built = time.perf_counter() - started
            log(f"{backend.name}: {label(size, phase.name)} ready ({built:.1f} s); timing")
            point = measure(commands(ctx, backend, phase.db, phase.config), ctx, timing)
            point.backend, point.phase, point.size = backend.name, phase.name, size
            points.append(point)
    finally:
        engine.dispose()
    return points


def run_backend(
    ctx: Context, backend: Backend, sizes: Sequence[int], runs: Sequence[int], timing: Timing
) -> list[Point]:
    """Both phases on one backend: resolutions on the base database, runs on a copy of it."""
    started = time.perf_counter()
    try:
        config, templates = prepare(ctx, backend)
        backend.create("history", template="base")
        history = write_config(ctx.workdir / backend.name / "history", backend.url("history"), free_port())
        log(f"{backend.name}: base database ready ({time.perf_counter() - started:.1f} s)")
        phases = (
            Phase("base", "resolutions", config, sizes, Growth(ctx.code)),
            Phase("history", "runs", history, runs, History(templates, max(runs))),
        )
        return [point for phase in phases for point in grow_and_measure(ctx, backend, phase, timing)]
    finally:
        for db in ("history", "base"):
            backend.drop(db)


def postgres(opts: argparse.Namespace) -> list[Backend]:
    """The PostgreSQL backend, or none with a line that says why."""
    if opts.no_postgres:
        print("postgresql: skipped (--no-postgres)")
        return []
    url = opts.postgres_url or os.environ.get(POSTGRES_ENV) or DEFAULT_POSTGRES
    backend = PostgresBackend(url)
    try:
        backend.admin("SELECT 1")
    except Exception as exc:  # the driver's errors, whatever they are
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        shown = make_url(url).render_as_string(hide_password=True)
        print(f"postgresql: skipped: the server at {shown} is unreachable ({reason})")
        return []
    return [backend]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- results -------------------------------------------------------------------------------


def label(size: int, phase: str) -> str:
    """1 resolution, 2,000 resolutions, 0 runs."""
    return f"{size:,} {phase[:-1] if size == 1 else phase}"


def columns(ctx: Context) -> list[str]:
    return [*PER_RESOLUTION, OVERVIEW, SCAN, STARTUP]


def cell(point: Point, name: str, ctx: Context) -> str:
    if name == OVERVIEW and not ctx.overview:
        return "n/a"
    if name in point.errors:
        return "ERROR"
    value = point.medians.get(name)
    return "-" if value is None else f"{value:.3f}"


def table(points: Sequence[Point], ctx: Context) -> str:
    """Median seconds: one row per database size, one column per command."""
    heads = ("backend", "database", *columns(ctx))
    rows = [
        (p.backend, label(p.size, p.phase), *(cell(p, name, ctx) for name in columns(ctx))) for p in points
    ]
    widths = [max(len(row[i]) for row in (heads, *rows)) for i in range(len(heads))]
    lines = [
        "  ".join(
            c.rjust(w) if i > 1 else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in (heads, *rows)
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [
        f"{p.backend} {p.size:,} {p.phase}: {name}: {error}"
        for p in points
        for name, error in p.errors.items()
    ]
    return "\n".join([*(line.rstrip() for line in lines), *notes])


def ratio(top: Point, bottom: Point, name: str) -> float | None:
    high, low = top.medians.get(name), bottom.medians.get(name)
    return None if high is None or not low else high / low


def backend_goals(points: Sequence[Point], ctx: Context) -> list[Goal]:
    """The goals of one backend's points: flat in resolutions, flat in history, overview."""
    found: list[Goal] = []
    sized = [p for p in points if p.phase == "resolutions"]
    runs = [p for p in points if p.phase == "runs"]
    if len(sized) > 1:
        small, large = sized[0], sized[-1]
        span = f"{small.size:,} -> {large.size:,} resolutions"
        found += [
            Goal(large.backend, f"{name}: {span}", ratio(large, small, name), FLAT_GOAL)
            for name in PER_RESOLUTION
        ]
    if len(runs) > 1:
        small, large = runs[0], runs[-1]
        span = f"{small.size:,} -> {large.size:,} stored runs"
        found += [
            Goal(large.backend, f"{name}: {span}", ratio(large, small, name), FLAT_GOAL)
            for name in FLAT_IN_HISTORY
        ]
    if sized:
        found.append(overview_goal(sized[-1], ctx))
    return found


def overview_goal(point: Point, ctx: Context) -> Goal:
    name = f"overview of {point.size:,} resolutions / (raw scan + start-up)"
    if not ctx.overview:
        return Goal(point.backend, name, None, OVERVIEW_GOAL, "n/a (not built)")
    scan, startup, overview = (point.medians.get(key) for key in (SCAN, STARTUP, OVERVIEW))
    if scan is None or startup is None or overview is None:
        return Goal(point.backend, name, None, OVERVIEW_GOAL, "ERROR")
    return Goal(point.backend, name, overview / (scan + startup), OVERVIEW_GOAL)


def goals_text(goals: Sequence[Goal]) -> str:
    width = max((len(g.backend) + len(g.name) + 2 for g in goals), default=0)
    lines = []
    for goal in goals:
        shown = "-" if goal.ratio is None else f"{goal.ratio:.2f}x"
        lines.append(
            f"{goal.backend + ': ' + goal.name:<{width}}  {shown:>7}  <= {goal.goal:g}x  {goal.verdict}"
        )
    return "\n".join(lines)


def as_json(points: Sequence[Point], goals: Sequence[Goal], ctx: Context, timing: Timing) -> dict[str, Any]:
    return {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": sys.executable,
        "python_version": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "repeat": timing.repeat,
        "warmup": timing.warmup,
        "resolution_option": ctx.resolution_option,
        "overview_built": ctx.overview,
        "points": [asdict(p) for p in points],
        "goals": [{**asdict(g), "result": g.verdict} for g in goals],
    }


# --- the command line ----------------------------------------------------------------------


def sizes(text: str) -> tuple[int, ...]:
    try:
        values = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError("a comma-separated list of whole numbers, e.g. 1,10,100") from None
    if not values:
        raise argparse.ArgumentTypeError("at least one size")
    return tuple(values)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Time tracker commands on growing databases.")
    parser.add_argument("--sizes", type=sizes, help=f"resolutions in the database [default: {_csv(SIZES)}]")
    parser.add_argument("--runs", type=sizes, help=f"stored report runs and job runs [default: {_csv(RUNS)}]")
    parser.add_argument(
        "--repeat", type=positive_int, help=f"timed runs of each command [default: {DEFAULT_REPEAT}]"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"a smoke test: sizes {_csv(QUICK_SIZES)}, runs {_csv(QUICK_RUNS)}, no warm-up, one timed run",
    )
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument(
        "--postgres-url",
        help=f"an existing database of the server [default: ${POSTGRES_ENV}, else {DEFAULT_POSTGRES}]",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is not met")
    parser.add_argument("--output", type=Path, default=RESULTS_FILE, help="where to write the JSON results")
    args = parser.parse_args(argv)
    if args.sizes is not None and args.sizes[0] < 1:
        parser.error("--sizes: a database has at least 1 resolution (the config's)")
    args.sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    args.runs = args.runs or (QUICK_RUNS if args.quick else RUNS)
    args.timing = Timing(args.repeat or (1 if args.quick else DEFAULT_REPEAT), 0 if args.quick else 1)
    return args


def _csv(values: Sequence[int]) -> str:
    return ",".join(str(v) for v in values)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    env = {key: value for key, value in os.environ.items() if key not in (*SCRUBBED_ENV, "TRACKER_LANG")}
    points: list[Point] = []
    with tempfile.TemporaryDirectory(prefix="tracker-scale-") as tmp:
        ctx = Context(Path(sys.executable), venv_tracker(), Path(tmp), env)
        ctx.code = default_config()["resolution"]["code"]
        probe(ctx)
        (ctx.workdir / "db").mkdir()
        for backend in [SqliteBackend(ctx.workdir / "db"), *postgres(args)]:
            points += run_backend(ctx, backend, args.sizes, args.runs, args.timing)
    backends = dict.fromkeys(p.backend for p in points)
    goals = [g for b in backends for g in backend_goals([p for p in points if p.backend == b], ctx)]
    print(summary(points, goals, ctx, args.timing))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(as_json(points, goals, ctx, args.timing), indent=2) + "\n", "utf-8")
    print(f"written: {args.output}")
    if args.strict and any(g.verdict != "PASS" for g in goals if g.ratio is not None):
        return 1
    return 0


def summary(points: Sequence[Point], goals: Sequence[Goal], ctx: Context, timing: Timing) -> str:
    rounds = f"{timing.warmup} warm-up round" + ("" if timing.warmup == 1 else "s")
    resolution = (
        "--resolution given" if ctx.resolution_option else "the config's resolution (no --resolution)"
    )
    overview = "built" if ctx.overview else "n/a (not built)"
    return "\n".join(
        [
            f"median seconds of {timing.repeat} runs each, after {rounds}; {sys.executable}",
            f"per-resolution commands: {resolution}; overview: {overview}",
            table(points, ctx),
            "",
            goals_text(goals),
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
