"""The stored report runs, as a person lists and downloads them (the portal's reports page):
what each run was, and which of its files are still in the reports folder."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from tracker import store
from tracker.evaluate import REPORT_KINDS, moment_text
from tracker.i18n import Lang
from tracker.render import format_names, media_type
from tracker.reporting._document import kind_name
from tracker.store import ReportRun, Resolution, Session

LISTED_RUNS = 200  # the newest runs listed; older ones stay stored


@dataclass(frozen=True)
class RunFile:
    """One file a run wrote: its format, its name, and whether it is still there to download."""

    format: str
    name: str
    present: bool


@dataclass(frozen=True)
class RunView:
    id: int
    made_at: str
    as_of: int
    kind: str
    lang: str
    trigger: str
    as_recorded: str
    files: list[RunFile]


@dataclass(frozen=True)
class StoredFile:
    """A run's file to send: where it is, its media type, and a name safe in a header."""

    path: Path
    media_type: str
    download_name: str


def stored_runs(
    session: Session, resolution: Resolution, folder: Path, zone: ZoneInfo, lang: Lang
) -> list[RunView]:
    """The resolution's newest stored runs, newest first."""
    runs = store.report_runs(session, resolution.id, LISTED_RUNS)
    return [_run_view(run, folder, zone, lang) for run in runs]


def _run_view(run: ReportRun, folder: Path, zone: ZoneInfo, lang: Lang) -> RunView:
    assert run.id is not None
    files = []
    for fmt in run.formats.split(","):
        path = _path_of(run, fmt)
        files.append(RunFile(fmt, "" if path is None else path.name, _inside(path, folder) is not None))
    return RunView(
        id=run.id,
        made_at=moment_text(run.created_at, zone, lang),
        as_of=run.as_of,
        kind=kind_name(run.kind, lang) if run.kind else "",
        lang=run.lang,
        trigger=run.trigger,
        as_recorded="" if run.as_recorded is None else moment_text(run.as_recorded, zone, lang),
        files=files,
    )


def kind_choices(lang: Lang) -> list[tuple[str, str]]:
    """The kinds of report a person may ask for: (the value `--kind` accepts, its name)."""
    return [(kind.value, kind_name(kind.value, lang)) for kind in REPORT_KINDS]


def run_file(
    session: Session, resolution: Resolution, run_id: int, fmt: str, folder: Path
) -> StoredFile | None:
    """A stored run's file of one format, if it is still a file inside the reports folder."""
    if fmt not in format_names():
        return None
    run = store.report_run(session, resolution.id, run_id)
    found = None if run is None else _inside(_path_of(run, fmt), folder)
    if found is None:
        return None
    return StoredFile(found, media_type(fmt) or "application/octet-stream", safe_file_name(found.name))


def _path_of(run: ReportRun, fmt: str) -> Path | None:
    return next((Path(p) for p in run.paths if Path(p).suffix == f".{fmt}"), None)


def _inside(path: Path | None, folder: Path) -> Path | None:
    """The file, resolved, when it is a regular file inside `folder` (links followed); else None."""
    if path is None:
        return None
    try:
        resolved = path.resolve(strict=True)
        if resolved.is_relative_to(folder.resolve()) and resolved.is_file():
            return resolved
    except (OSError, RuntimeError):
        pass
    return None


def safe_file_name(name: str) -> str:
    """A file name of letters, digits, dots, dashes and underscores only (for Content-Disposition)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name).lstrip(".")
    return safe or "report"
