"""The plain data a report template draws: every word and number already in the reader's language.

Templates hold no logic beyond loops and formatting, so everything a report says is decided
here, from the same StatusView the status command uses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from tracker.evaluate import (
    ReportKind,
    Rule,
    Status,
    code_label,
    counts_text,
    discrepancy_words,
    figure,
    inferred_line,
    localized,
    long_date,
    moment_text,
    summary_line,
    year_list,
)
from tracker.i18n import Lang
from tracker.reporting._charts import Chart, bar_chart
from tracker.reporting._document import DocumentBlock
from tracker.reporting._labels import report_labels
from tracker.reporting._unit_terms import Views
from tracker.reporting._units import UnitReport, behind_line, unit_report
from tracker.reporting._verdicts import (
    kind_word,
    requirement,
    year_percent,
    year_summary,
    year_verdict,
    year_word,
)
from tracker.status import StatusView, TargetStatus


@dataclass(frozen=True)
class Cell:
    year: int
    text: str
    counts: str
    provisional: bool
    missing: bool


@dataclass(frozen=True)
class Row:
    code: str  # the code as data ("T11"), for attributes and links
    label: str  # the code as people read it, marked when inferred: "T11 †"
    title: str
    rule: str
    cells: list[Cell]
    percent: str  # "đạt 95,2% kế hoạch (năm 2022)": what the status judges (a yearly report: its year)
    status: str  # the word of the report's kind: "Dự ước đạt", "Đạt tiến độ", a year's "Không đạt"
    status_key: str
    estimate: bool
    flagged: bool
    explanation: str  # why, in the report's terms (a yearly report: the year's figure against its plan)
    inferred: bool
    chart: Chart
    units_behind: str = ""  # "Đơn vị chưa đạt: Đảng bộ Sở Y tế (80%), ..." for a flagged target
    number: str = ""  # the annex's "TT", marked when inferred: "11 †"
    requirement: str = ""  # the annex's "Yêu cầu" in words: "Từ 90% trở lên/năm"
    short_title: str = ""
    term_status: str = ""  # the term's status word, whatever the kind ("Chậm tiến độ")
    term_explanation: str = ""  # the term's explanation, with its numbers
    behind: bool = False  # explained in the body: its year missed the plan (yearly), else an alarming status


@dataclass(frozen=True)
class History:
    """What changed since the previous report, already worded; `compared_with` says which
    report that is (its as-of year, kind and moment)."""

    first_report: bool
    previous_on: str
    status_changes: list[str]
    corrections: list[str]
    compared_with: str = ""


@dataclass(frozen=True)
class ReportContext:
    lang: Lang
    labels: dict[str, str]
    superior_body: str
    body: str
    title: str
    code: str
    term: str
    as_of: int
    generated_on: str
    generated_stamp: str
    data_cutoff: str
    as_recorded: str
    summary: str
    inferred_summary: str  # "11 chỉ tiêu, trong đó 1 chỉ tiêu suy luận cần xác nhận"; "" when none
    years: list[int]
    flagged: list[Row]
    behind: list[Row]  # flagged for their figures (behind pace, unlikely, missed): the document explains each
    lacking: str  # the other flagged targets, lacking figures, in one sentence ("" when none)
    rows: list[Row]
    missing: list[tuple[str, str]]
    history: History
    inferred: list[tuple[str, str]]
    sources: list[tuple[str, str]]
    quoted_sources: list[tuple[str, str]]  # (codes, "theo Điện Biên TV, 18/08/2020")
    notice: str
    margins: str
    document: DocumentBlock
    word_template: str = ""  # the office's Word template (document.template), "" for the default
    units: UnitReport = field(default_factory=UnitReport)  # empty when no unit reported a figure
    units_lacking: list[Row] = field(default_factory=list)  # flagged, not alarming, with units behind
    kind: str = "yearly"
    attention_intro: str = ""  # what introduces `behind`: "Các chỉ tiêu chưa đạt kế hoạch năm 2023:"
    term_risks: list[Row] = field(default_factory=list)  # a yearly report: the term's alarming targets, apart
    # True when drawn as the Party document (the PDF): the tool's own lines (data cut-off, generation
    # time, changes since the previous report, sources, charts) stay in the working copies only
    party_document: bool = False
    # the head of the resolution's chain the report was made from: in full (the HTML's and so the
    # PDF's keywords, the Word file's) and its first hex digits (the footer of every format)
    chain_head: str = ""
    chain_short: str = ""
    # the moment the report was made, ISO 8601 in the report's time zone: the PDF's creation date
    created: str = ""
    pdf_variant: str = "pdf/a-2b"  # document.pdf: "pdf/a-2b" (archival) or "plain"


CHAIN_SHORT = 12  # hex digits of the chain's head in a report's footer


def local_text(moment: datetime | None, zone: ZoneInfo, lang: Lang) -> str:
    return report_labels(lang)["none"] if moment is None else moment_text(moment, zone, lang)


def build_context(
    view: StatusView,
    history: History,
    *,
    now: datetime,
    zone: ZoneInfo,
    as_recorded: datetime | None,
    notice: str = "",
    margins: str = "20mm 15mm 20mm 30mm",
    document: DocumentBlock,
    word_template: str = "",
    pdf_variant: str = "pdf/a-2b",
    kind: str = "yearly",
    unit_years: Views | None = None,
    chain_head: str = "",
) -> ReportContext:
    """The context of a report of `kind` (yearly, midterm, final: the summary's wording)."""
    lang, r = view.lang, view.resolution
    rows = [_row(t, view, kind, n) for n, t in enumerate(view.targets, start=1)]
    labels = report_labels(lang)
    return ReportContext(
        lang=lang,
        labels=labels,
        superior_body=r.superior_body or "",
        body=r.body,
        title=localized(r.title, r.title_en, lang),
        code=r.code,
        term=f"{r.congress_date.year} - {r.last_year}",
        as_of=view.as_of,
        generated_on=long_date(now.astimezone(zone).date(), lang),
        generated_stamp=local_text(now, zone, lang),
        created=now.astimezone(zone).isoformat(timespec="seconds"),
        chain_head=chain_head,
        chain_short=chain_head[:CHAIN_SHORT],
        data_cutoff=local_text(as_recorded or view.data_cutoff, zone, lang),
        as_recorded=local_text(as_recorded, zone, lang) if as_recorded else "",
        summary=_summary(view, kind),
        kind=kind,
        attention_intro=_attention_intro(kind, view.as_of, labels),
        term_risks=_term_risks(view, rows) if kind == ReportKind.YEARLY else [],
        inferred_summary=inferred_line(len(view.targets), sum(t.inferred for t in view.targets), lang),
        years=list(r.years),
        flagged=[row for row in rows if row.flagged],
        behind=[row for row in rows if row.behind],
        lacking=_lacking(rows, lang),
        rows=rows,
        missing=_by_number(view, labels, lambda t: year_list(t.assessment.missing_years)),
        history=history,
        inferred=_by_number(view, labels, lambda t: t.why if t.inferred else ""),
        sources=_sources(view),
        quoted_sources=_quoted_sources(view),
        notice=notice,
        margins=margins,
        document=document,
        word_template=word_template,
        pdf_variant=pdf_variant,
        units=unit_report(
            view,
            kind,
            on=document.day or now.astimezone(zone).date(),
            views=unit_years,
            attached=document.attached or None,
        ),
        units_lacking=[r for r in rows if r.units_behind and r.flagged and not Status(r.status_key).alarming],
    )


def _attention_intro(kind: str, as_of: int, labels: dict[str, str]) -> str:
    """What introduces the targets the body explains: a yearly report's "Các chỉ tiêu chưa đạt
    kế hoạch năm 2023:", else "Chỉ tiêu cần chú ý:"."""
    return labels["year_attention"].format(as_of) if kind == ReportKind.YEARLY else labels["attention_intro"]


def _term_risks(view: StatusView, rows: list[Row]) -> list[Row]:
    """A yearly report's risks to the term: the targets whose term status is alarming, except an
    every-year target that failed only in this year (its year's line has said all of it)."""
    found = []
    for t, row in zip(view.targets, rows, strict=True):
        failing = {worst.year for worst in t.assessment.failing}
        only_this_year = t.goal.rule is Rule.EACH_YEAR and failing == {view.as_of} and row.behind
        if t.assessment.status.alarming and not only_this_year:
            found.append(row)
    return found


def _by_number(
    view: StatusView, labels: dict[str, str], words: Callable[[TargetStatus], str]
) -> list[tuple[str, str]]:
    """("Chỉ tiêu 6", its words) for every target with something to say: the annex's notes
    name a target by its number, as its table does."""
    found = [(labels["target_n"].format(n), words(t)) for n, t in enumerate(view.targets, start=1)]
    return [(name, text) for name, text in found if text]


def _lacking(rows: list[Row], lang: Lang) -> str:
    """ "Các chỉ tiêu còn thiếu số liệu ...: <their names>." for the flagged targets whose
    status is not alarming: their explanations would only repeat the annex's missing years."""
    names = [row.short_title for row in rows if row.flagged and not Status(row.status_key).alarming]
    return report_labels(lang)["lacking_named"].format("; ".join(names)) if names else ""


def _summary(view: StatusView, kind: str) -> str:
    if kind == ReportKind.YEARLY:
        verdicts = [year_verdict(t, view.as_of) for t in view.targets]
        return year_summary(verdicts, view.as_of, view.lang)
    statuses = [t.assessment.status for t in view.targets]
    return summary_line(statuses, view.lang, kind, [t.estimate for t in view.targets])


def _row(t: TargetStatus, view: StatusView, kind: str, n: int) -> Row:
    status, percent, explanation = kind_word(t, kind), t.percent_text, t.explanation
    behind = t.assessment.status.alarming
    if kind == ReportKind.YEARLY:
        verdict = year_verdict(t, view.as_of)
        status, percent = year_word(verdict, t.lang), year_percent(verdict, t.lang)
        explanation, behind = verdict.line, verdict.reached is False
        if t.units is not None and t.units.discrepancy is not None:  # said as the status says it
            rated = t.target.rating_of is not None
            explanation += "; " + discrepancy_words(t.units.discrepancy, t.measure, rated, t.lang)
    return Row(
        code=t.code,
        label=t.label,
        title=t.title,
        rule=t.rule_text,
        cells=[_cell(t, year) for year in view.resolution.years],
        percent=percent,
        status=status,
        status_key=t.assessment.status.value,
        estimate=t.estimate,
        flagged=t.flagged,
        explanation=explanation,
        inferred=t.inferred,
        chart=target_chart(t, view),
        units_behind=behind_line(t),
        number=code_label(str(n), t.inferred),
        requirement=requirement(t),
        short_title=t.short_title,
        term_status=t.status_text,
        term_explanation=t.explanation,
        behind=behind,
    )


def _cell(t: TargetStatus, year: int) -> Cell:
    found = t.figures.get(year)
    if found is None:
        return Cell(year, "", "", False, year in t.assessment.missing_years)
    shown = found.figure
    text = figure(shown.value, t.measure, t.lang, against=t.against)  # never rounded into a pass
    below = "; ".join(filter(None, [counts_text(shown, t.lang), t.coverage_text(year)]))  # "3/26 đơn vị"
    return Cell(year, text, below, shown.provisional, False)


def target_chart(t: TargetStatus, view: StatusView) -> Chart:
    """The small chart of a target in the report (and on the dashboard): its bars, its line."""
    years = list(view.resolution.years)
    values = {y: f.figure.value for y, f in t.figures.items()}
    title = f"{t.label}: {t.rule_text}"
    if t.goal.rule is Rule.TERM_TOTAL:
        running, totals = 0.0, {}
        for year in years:
            if year in values:
                running += values[year]
                totals[year] = running
        pace = {y: t.goal.threshold * (i + 1) / len(years) for i, y in enumerate(years)}
        labels = {y: figure(v, t.measure, t.lang) for y, v in totals.items()}
        passes = {y: t.goal.comparator.holds(v, pace[y]) for y, v in totals.items()}
        return bar_chart(title, years, totals, labels, passes, t.goal.threshold, t.rule_text, pace)
    labels = {y: figure(v, t.measure, t.lang) for y, v in values.items()}
    passes = {y: t.goal.comparator.holds(v, t.goal.threshold) for y, v in values.items()}
    return bar_chart(title, years, values, labels, passes, t.goal.threshold, t.rule_text)


def _sources(view: StatusView) -> list[tuple[str, str]]:
    """Source documents of the figures, each with the targets whose figures cite it."""
    by_documents: dict[str, list[str]] = {}
    for t in view.targets:
        documents = sorted({f.source_document for f in t.figures.values() if f.source_document})
        if documents:
            by_documents.setdefault("; ".join(documents), []).append(t.code)
    return [(", ".join(codes), documents) for documents, codes in by_documents.items()]


def _quoted_sources(view: StatusView) -> list[tuple[str, str]]:
    """Where the quoted targets' words come from, each with the codes of its targets:
    ("T01, T02", "theo Điện Biên TV, 18/08/2020")."""
    by_source: dict[str, list[str]] = {}
    for t in view.targets:
        if t.quoted_from:
            by_source.setdefault(t.quoted_from, []).append(t.code)
    return [(", ".join(codes), source) for source, codes in by_source.items()]
