"""`tracker report`: evaluate, compare with the previous report, render, write, and remember.

Each run writes files of its own, named with the run's number (`DHIX-DUK-DB-2023-vi-r7.html`),
so the formats of two runs can never be mixed. They are rendered in memory, written through
temporary names and renamed before the run's row commits; if the transaction does not commit,
they are removed again, and what a process killed midway left (temporaries, files of a run that
was never stored) is removed by the next report into the same folder. Reports of one resolution
are made one at a time (the resolution's row is locked), so that clean-up never touches a run
in progress.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session

from tracker.errors import TrackerError
from tracker.evaluate import Measure, Status
from tracker.evaluate.wording import Lang, figure, status_word
from tracker.i18n import _
from tracker.render.files import remove_files, write_all_atomic
from tracker.render.templates import FORMATS, render
from tracker.services.report_context import History, build_context, local_text
from tracker.services.report_labels import report_labels
from tracker.services.status import StatusView, build_status
from tracker.store import repository
from tracker.store.engine import on_rollback
from tracker.store.tables import ReportRun, Resolution


@dataclass(frozen=True)
class ReportRequest:
    as_of: int | None = None
    formats: tuple[str, ...] = ("html", "md", "txt")
    lang: Lang = "vi"
    out_dir: Path = Path("reports")
    as_recorded: datetime | None = None
    trigger: str = "manual"
    notice: str = ""  # a banner on top of the report, e.g. that its figures are synthetic
    margins: str = "20mm 15mm 20mm 30mm"  # CSS order: top right bottom left


@dataclass(frozen=True)
class ReportResult:
    paths: list[Path]
    view: StatusView
    run: ReportRun


def parse_formats(text: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        message = _("unknown report format {given!r}; accepted: html, md, txt")
        raise TrackerError(message.format(given=", ".join(unknown) or text))
    return chosen


def report_paths(resolution: Resolution, view: StatusView, request: ReportRequest, run_id: int) -> list[Path]:
    """Names that say what a file is: <resolution>-<as-of>-<lang>[-as-recorded-<moment>]-r<run>.<format>."""
    stem = f"{resolution.code}-{view.as_of}-{request.lang}"
    if request.as_recorded is not None:
        stem += f"-as-recorded-{request.as_recorded.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    return [request.out_dir / f"{stem}-r{run_id}.{fmt}" for fmt in request.formats]


def _run_file(code: str) -> re.Pattern[str]:
    """The names report_paths gives the files of a resolution's runs; group 1 is the run."""
    moment = r"(?:-as-recorded-\d{8}T\d{6}Z)?"
    return re.compile(rf"{re.escape(code)}-\d{{4}}-[a-z]{{2}}{moment}-r(\d+)\.[a-z]+")


def remove_leftovers(session: Session, resolution: Resolution, folder: Path) -> None:
    """Remove what an interrupted report of this resolution left in `folder`: temporaries, and
    the files of runs that were never stored. The caller holds the resolution's lock."""
    if not folder.is_dir():
        return
    pattern, stale = _run_file(resolution.code), []
    for path in folder.iterdir():
        name = path.name
        if name.startswith(".") and name.endswith(".tmp"):  # .<file name>.<random>.tmp
            if pattern.fullmatch(name[1:].rsplit(".", 2)[0]):
                stale.append(path)
        elif (found := pattern.fullmatch(name)) and not repository.report_run_exists(
            session, resolution.id or 0, int(found[1])
        ):
            stale.append(path)
    remove_files(stale)


def make_report(
    session: Session,
    resolution: Resolution,
    request: ReportRequest,
    zone: ZoneInfo,
    now: datetime | None = None,
) -> ReportResult:
    moment = now or datetime.now(UTC)
    assert resolution.id is not None
    repository.lock_resolution(session, resolution.id)
    remove_leftovers(session, resolution, request.out_dir)
    view = build_status(
        session, resolution, as_of=request.as_of, lang=request.lang, as_recorded=request.as_recorded
    )
    previous = repository.previous_report(session, resolution.id, before=request.as_recorded)
    history = compare(session, view, previous, zone, until=request.as_recorded)
    context = build_context(
        view,
        history,
        now=moment,
        zone=zone,
        as_recorded=request.as_recorded,
        notice=request.notice,
        margins=request.margins,
    )
    texts = {fmt: render(fmt, context) for fmt in request.formats}
    run = ReportRun(
        resolution_id=resolution.id,
        created_at=moment,
        as_of=view.as_of,
        lang=request.lang,
        trigger=request.trigger,
        data_cutoff=view.data_cutoff,
        as_recorded=request.as_recorded,
        formats=",".join(request.formats),
        paths=[],
        statuses=statuses_of(view),
        figures=figures_of(view),
    )
    repository.save(session, run)  # its number names the files
    assert run.id is not None
    paths = report_paths(resolution, view, request, run.id)
    on_rollback(session, lambda: remove_files(paths))
    write_all_atomic([(path, texts[fmt]) for path, fmt in zip(paths, request.formats, strict=True)])
    run.paths = [str(p) for p in paths]
    repository.save(session, run)
    return ReportResult(paths, view, run)


def statuses_of(view: StatusView) -> dict[str, str]:
    return {t.code: t.assessment.status.value for t in view.targets}


def figures_of(view: StatusView) -> dict[str, dict[str, float]]:
    return {t.code: {str(y): f.value for y, f in sorted(t.figures.items())} for t in view.targets}


def compare(
    session: Session,
    view: StatusView,
    previous: ReportRun | None,
    zone: ZoneInfo,
    until: datetime | None,
) -> History:
    """Status transitions and corrected figures since the previous report, worded."""
    lang = view.lang
    if previous is None:
        return History(True, "", [], [])
    transitions = []
    for t in view.targets:
        before = previous.statuses.get(t.code)
        now = t.assessment.status.value
        if before is not None and before != now:
            was, is_now = status_word(Status(before), lang), status_word(Status(now), lang)
            transitions.append(f"{t.code}: {was} → {is_now}")
    since = previous.created_at
    return History(
        False,
        local_text(since, zone, lang),
        transitions,
        _corrections(session, view, since, until, zone),
    )


def _corrections(
    session: Session, view: StatusView, since: datetime, until: datetime | None, zone: ZoneInfo
) -> list[str]:
    lang, words = view.lang, report_labels(view.lang)
    assert view.resolution.id is not None
    lines = []
    for target, entry in repository.corrections(session, view.resolution.id, since, until):
        if entry.year > view.as_of:
            continue
        measure = Measure(target.measure)
        old = repository.revision_of(session, target.id or 0, entry.year, entry.revision - 1)
        old_text = figure(old.value, measure, lang) if old else "?"
        lines.append(
            f"{target.code} {words['year']} {entry.year}: {old_text} → {figure(entry.value, measure, lang)}"
            f" ({words['reason']}: {entry.reason}; {entry.recorded_by}, "
            f"{local_text(entry.recorded_at, zone, lang)})"
        )
    return lines
