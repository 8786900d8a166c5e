"""`tracker report`: evaluate, compare with the previous report, render, write, and remember.

Each run writes files of its own, named with the run's number (`DHIX-DUK-DB-2023-vi-r7.html`),
so the formats of two runs can never be mixed. They are rendered in memory, written through
temporary names and renamed before the run's row commits; if the transaction does not commit,
they are removed again, and what a process killed midway left (temporaries, files of a run that
was never stored) is removed by the next report into the same folder. Reports of one resolution
are made one at a time (the resolution's row is locked), so that clean-up never touches a run
in progress.

Which files a run wrote is kept in a marker, `.<resolution>-r<run>.run.tmp`, written before the
files and removed once the run has committed: clean-up removes only files a marker of this
database names for a run it never stored. Reports of another database in the same folder (or
of a database made anew) are never touched.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tracker import clock, store
from tracker.config import Settings
from tracker.errors import TrackerError
from tracker.evaluate import Measure, ReportKind, Status, figure, localized, status_word
from tracker.files import cannot_write_to, remove_files, write_all_atomic
from tracker.i18n import DEFAULT_LANG, Lang, in_lang
from tracker.render import DEFAULT_FORMATS, render_formats
from tracker.render import parse_formats as parse_formats
from tracker.render.pdf import Signing
from tracker.reporting._context import CHAIN_SHORT, History, ReportContext, build_context, local_text
from tracker.reporting._document import (
    Block,
    DocumentSettings,
    Issuer,
    default_kind,
    document_block,
    document_settings,
    kind_name,
)
from tracker.reporting._labels import report_labels
from tracker.reporting._signatures import signed_texts
from tracker.reporting._unit_terms import term_views
from tracker.status import StatusView, build_status
from tracker.store import ReportRun, Resolution, Session, on_commit, on_rollback


@dataclass(frozen=True)
class ReportRequest:
    as_of: int | None = None
    formats: tuple[str, ...] = DEFAULT_FORMATS
    lang: Lang = DEFAULT_LANG
    out_dir: Path = Path("reports")
    as_recorded: datetime | None = None
    trigger: str = "manual"
    notice: str = ""  # a banner on top of the report, e.g. that its figures are synthetic
    margins: str = "20mm 15mm 20mm 30mm"  # CSS order: top right bottom left
    kind: ReportKind | None = None  # default: what the as-of year calls for (default_kind)
    document: DocumentSettings = field(default_factory=DocumentSettings)
    narrative: dict[str, list[Block]] | None = None  # the office's text, by section
    word_template: Path | None = None  # the office's Word template (document.template)
    issued_on: date | None = None  # the date of issue (signing) on the place-date line; default: today
    signing: Signing | None = None  # the PDF signed with the office's certificate (report_signing)


def report_request(settings: Settings, **given: Any) -> ReportRequest:
    """A request with what the config says of every report (folder, margins, the document's
    form, the office's Word template); `given` sets the rest (as_of, formats, lang, ...)."""
    defaults: dict[str, Any] = {
        "out_dir": settings.reports_dir,
        "margins": settings.config.reports.margins_mm.css,
        "document": document_settings(settings.config.document),
        "word_template": settings.document_template,
    }
    return ReportRequest(**(defaults | given))


@dataclass(frozen=True)
class ReportResult:
    paths: list[Path]
    view: StatusView
    run: ReportRun
    summary: str = ""  # the report's summary sentence, in the words of its kind (for its mail)


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


def _marker(folder: Path, code: str, run_id: int) -> Path:
    """Where a run lists its files until it commits (a temporary, as its name says)."""
    return folder / f".{code}-r{run_id}.run.tmp"


def _write_marker(marker: Path, text: str) -> None:
    """Written in place, before any file of the run: a marker cut short names no file."""
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise TrackerError(cannot_write_to(marker.parent, exc)) from None


def remove_leftovers(session: Session, resolution: Resolution, folder: Path) -> None:
    """Remove what an interrupted report of this resolution left in `folder`: temporaries, and
    the files of runs that this database never stored. The caller holds the resolution's lock."""
    if not folder.is_dir():
        return
    files, marker = (
        _run_file(resolution.code),
        re.compile(rf"\.{re.escape(resolution.code)}-r(\d+)\.run\.tmp"),
    )
    stale: list[Path] = []
    for path in folder.iterdir():
        name = path.name
        if found := marker.fullmatch(name):
            stale += _unfinished(session, resolution, path, int(found[1]), files)
        elif name.startswith(".") and name.endswith(".tmp") and files.fullmatch(name[1:].rsplit(".", 2)[0]):
            stale.append(path)  # .<file name>.<random>.tmp
    remove_files(stale)


def _unfinished(
    session: Session, resolution: Resolution, marker: Path, run_id: int, files: re.Pattern[str]
) -> list[Path]:
    """The marker, and the files it names when its run never committed in this database."""
    try:
        listed = json.loads(marker.read_text(encoding="utf-8"))
        database, names = str(listed["database"]), [str(n) for n in listed["files"]]
    except OSError:
        return []
    except (ValueError, KeyError, TypeError):
        return [marker]  # cut short while being written: no file of its run was written yet
    if database != store.database_of(session):
        return []
    if store.report_run_exists(session, resolution.id, run_id):
        return [marker]  # committed; only its marker was left
    return [marker] + [marker.parent / n for n in names if files.fullmatch(n)]


def make_report(
    session: Session,
    resolution: Resolution,
    request: ReportRequest,
    zone: ZoneInfo,
    now: datetime | None = None,
) -> ReportResult:
    """Evaluate, compare with the previous report, render every format, then store the run and
    write its files, all in the caller's unit of work (a run that does not commit leaves none)."""
    moment = now or clock.now()
    store.lock_chain(session, resolution.id)  # the head read below is the data's (first, as every writer)
    store.lock_resolution(session, resolution.id)
    remove_leftovers(session, resolution, request.out_dir)
    view = build_status(
        session, resolution, as_of=request.as_of, lang=request.lang, as_recorded=request.as_recorded
    )
    kind = request.kind or default_kind(resolution.years, view.as_of)
    head = store.chain_head(session, resolution.id)[1]
    context = _context(session, resolution, view, request, kind, zone, moment)
    context = replace(context, chain_head=head, chain_short=head[:CHAIN_SHORT])
    texts = render_formats(request.formats, context)
    if request.signing is not None:
        texts = signed_texts(texts, request.signing, zone, request.lang)
    run = ReportRun(
        resolution_id=resolution.id,
        created_at=moment,
        as_of=view.as_of,
        kind=kind,
        lang=request.lang,
        trigger=request.trigger,
        data_cutoff=view.data_cutoff,
        as_recorded=request.as_recorded,
        formats=",".join(request.formats),
        statuses=statuses_of(view),
        figures=figures_of(view),
        chain_head=head,
    )
    run = store.save_report_run(session, run)  # its number names the files
    assert run.id is not None
    paths = report_paths(resolution, view, request, run.id)
    _write_files(
        session,
        request.out_dir,
        resolution.code,
        run.id,
        dict(zip(paths, (texts[f] for f in request.formats), strict=True)),
    )
    run = store.save_report_run(session, replace(run, paths=[str(p) for p in paths]))
    return ReportResult(paths, view, run, context.summary)


def _context(
    session: Session,
    resolution: Resolution,
    view: StatusView,
    request: ReportRequest,
    kind: ReportKind,
    zone: ZoneInfo,
    moment: datetime,
) -> ReportContext:
    """What the report's templates draw: the status, what changed since the last report, and
    the Party document's parts."""
    term = f"{resolution.congress_date.year} - {resolution.last_year}"
    issuer = Issuer(
        view.resolution.body, localized(resolution.title, resolution.title_en, request.lang), term
    )
    document = document_block(
        request.document,
        kind,
        as_of=view.as_of,
        issuer=replace(issuer, start=resolution.congress_date.year),
        day=request.issued_on or moment.astimezone(zone).date(),
        lang=request.lang,
        written=request.narrative,
    )
    return build_context(
        view,
        compare(session, view, kind, zone, until=request.as_recorded),
        now=moment,
        zone=zone,
        as_recorded=request.as_recorded,
        notice=request.notice,
        margins=request.margins,
        kind=kind,
        document=document,
        word_template=str(request.word_template or ""),
        pdf_variant=request.document.pdf,
        unit_years=term_views(session, view, request.as_recorded) if kind.reviews_the_term else None,
    )


def _write_files(
    session: Session, folder: Path, code: str, run_id: int, texts: dict[Path, str | bytes]
) -> None:
    """The run's files, listed first in a marker (so that a run killed midway is cleaned up by
    the next), never replacing a file (one of its names in use is a report of another
    database), removed again if the unit of work does not commit."""
    paths = list(texts)
    marker = _marker(folder, code, run_id)
    listed = {"database": store.database_of(session), "files": [p.name for p in paths]}
    _write_marker(marker, json.dumps(listed, ensure_ascii=False))
    on_rollback(session, lambda: remove_files([marker]))
    write_all_atomic(list(texts.items()), replace=False)  # on failure it removes what it wrote, and only that
    on_rollback(session, lambda: remove_files(paths))  # now they are this run's own
    on_commit(session, lambda: remove_files([marker]))


ESTIMATE_KEY = "{code}:estimate"  # beside a target's status: its verdict rests on an estimate (dự ước)


def statuses_of(view: StatusView) -> dict[str, str]:
    """Every target's status, and (under "<code>:estimate") whether the verdict rests on an
    estimate, so that the next report can say "Dự ước đạt → Đạt"."""
    statuses = {t.code: t.assessment.status.value for t in view.targets}
    statuses.update({ESTIMATE_KEY.format(code=t.code): "1" for t in view.targets if t.estimate})
    return statuses


def figures_of(view: StatusView) -> dict[str, dict[str, float]]:
    return {t.code: {str(y): f.figure.value for y, f in sorted(t.figures.items())} for t in view.targets}


def compare(
    session: Session,
    view: StatusView,
    kind: str,
    zone: ZoneInfo,
    until: datetime | None,
) -> History:
    """Status transitions and corrected figures since the previous report of the same as-of
    year and kind (else since the latest report, and the history says which one that is)."""
    found = store.previous_report(session, view.resolution.id, until, as_of=view.as_of, kind=kind)
    same = found is not None
    previous = found or store.previous_report(session, view.resolution.id, before=until)
    if previous is None:
        return History(True, "", [], [])
    lang = view.lang
    transitions = []
    for t in view.targets:
        before = previous.statuses.get(t.code)
        if before is None:
            continue
        estimate = previous.statuses.get(ESTIMATE_KEY.format(code=t.code)) == "1"
        was, is_now = status_word(Status(before), lang, estimate), t.status_text
        if was != is_now:
            transitions.append(f"{t.code}: {was} → {is_now}")
    since = previous.created_at
    return History(
        False,
        local_text(since, zone, lang),
        transitions,
        _corrections(session, view, since, until, zone),
        compared_with=_compared_with(previous, same, view.as_of, kind, local_text(since, zone, lang), lang),
    )


def _compared_with(previous: ReportRun, same: bool, as_of: int, kind: str, moment: str, lang: Lang) -> str:
    """Which report this one is compared with, in a sentence."""
    if same:
        message = in_lang(lang, "Compared with the previous {kind} as of {year}, generated at {moment}.")
        return message.format(kind=kind_name(kind, lang), year=as_of, moment=moment)
    message = in_lang(
        lang,
        "There is no earlier {kind} as of {year}: compared with the latest report, "
        "{previous_kind} as of {previous_year}, generated at {moment}.",
    )
    earlier_kind = kind_name(previous.kind, lang) if previous.kind else in_lang(lang, "a report")
    return message.format(
        kind=kind_name(kind, lang),
        year=as_of,
        previous_kind=earlier_kind,
        previous_year=previous.as_of,
        moment=moment,
    )


def _corrections(
    session: Session, view: StatusView, since: datetime, until: datetime | None, zone: ZoneInfo
) -> list[str]:
    lang, words = view.lang, report_labels(view.lang)
    lines = []
    for target, entry in store.corrections(session, view.resolution.id, since, until):
        if entry.year > view.as_of:
            continue
        measure = Measure(target.measure)
        old = store.revision_of(session, target.id, entry.year, entry.revision - 1)
        old_text = figure(old.figure.value, measure, lang) if old else "?"
        new_text = figure(entry.figure.value, measure, lang)
        lines.append(
            f"{target.code} {words['year']} {entry.year}: {old_text} → {new_text}"
            f" ({words['reason']}: {entry.reason}; {entry.recorded_by}, "
            f"{local_text(entry.recorded_at, zone, lang)})"
        )
    return lines


def write_report_template(out: Path, lang: Lang) -> Path:
    """The default Word template of the report, for the office to edit (never replacing a file)."""
    from tracker.render.docx import default_template

    write_all_atomic([(out, default_template(lang))], replace=False)
    return out.resolve()
