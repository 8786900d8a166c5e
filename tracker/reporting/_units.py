"""What a report says about the units: plain data, every word already in the reader's language.

- Under each flagged target, the units that hold it back: those whose own share fails the
  target's threshold ("Đơn vị chưa đạt: Đảng bộ Sở Y tế (80%), ...").
- The completeness line of the as-of year: a unit has reported when it gave a figure for every
  target with unit data it was expected on (a rating is the Ban Thường vụ's act, not the unit's:
  it is left out); the others are named. No line when no unit was expected that year.
- Phụ lục 2, units × targets, of the as-of year (in a review whose units all ended earlier, of
  the last year they reported): three lists kept apart, the units that have not sent their
  figures (as of the report's day), the units below a target's threshold, their quota or level,
  and the ratings the Ban Thường vụ has not yet made; then the table, the units that owe figures
  first, then those lagging, then the others, each group under its own heading; a share shows
  its counts ("90,48% (38/42)"); a figure failing the threshold is marked "(!)"; a missing
  figure says "chưa gửi", a missing rating "chưa xếp loại"; the columns are the targets
  numbered as in Phụ lục 1 ("Chỉ tiêu 3"), with a legend; a last row, "Tổng cộng", holds the
  roll-up of each target (with the counts).
- For the mid-term and end-of-term reports, each unit's score over its own term
  ("Đảng bộ Sở Y tế (2021 - 2024) đạt 5/7 chỉ tiêu"; the rule is in _unit_terms.py).

Everything is empty when no unit reported any figure, so such reports are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from tracker import clock
from tracker.evaluate import (
    Measure,
    ReportKind,
    code_label,
    counts_text,
    figure,
    level_words,
    long_date,
)
from tracker.i18n import N_, Lang, in_lang
from tracker.reporting._document import number_line
from tracker.reporting._unit_lists import lagging_line, owed_line, some_named, unrated_line
from tracker.reporting._unit_terms import TermScore, Views, table_year, term_score, term_views
from tracker.status import StatusView, TargetStatus, UnitResult, result_words
from tracker.store import Session, Unit

TEXTS = {
    "behind": N_("Units below the threshold: {units}."),
    "rated_below": N_("Units rated below “{level}”: {units}."),
    "unit_figure": N_("{name} ({figure})"),
    "complete": N_("{reported}/{expected} units reported their figures for {year}."),
    "incomplete": N_("{reported}/{expected} units reported their figures for {year}; not reported: {units}."),
    "score": N_("{name} ({years}) met {met}/{of} targets."),
    "fails_mark": N_("(!)"),
    "attached": N_("(Attached to Report {number}, {day}, of the Standing Committee of {body})"),
    "head": N_("Target {number}"),
    "legend_item": N_("Target {number}: {title}"),
    "title": N_("Results of the targets by unit in {year}"),
    "title_earlier": N_(
        "Results of the targets by unit in {year}, the last year the units reported "
        "(no unit was to report for {as_of})"
    ),
    "group_owed": N_("Units that have not sent all their figures ({count})"),
    "group_lagging": N_("Units below a target, their quota or level ({count})"),
    "group_other": N_("Other units ({count})"),
    "not_sent": N_("not sent"),
    "not_rated": N_("not rated"),
}
LABELS = {
    "units_annex": N_("Annex 2"),
    "number": N_("Row no."),
    "unit": N_("Unit"),
    "legend": N_("The columns are the targets, numbered as in Annex 1:"),
    "units_note": N_(
        "(!): below the target's threshold, the unit's quota or the level of the rating; "
        "“not sent”: the unit has not sent the figure; "
        "“not rated”: the Standing Committee has not yet rated the unit."
    ),
    "unit_scores": N_("The units' results over their term:"),
    "units_total": N_("Total"),
    "score_head": N_("Targets met over the unit's term"),
}


@dataclass(frozen=True)
class UnitCell:
    text: str  # "80%", "80% (!)" when it fails, "chưa gửi" when not sent, "" when not expected
    fails: bool
    missing: bool  # a figure the unit owes
    counts: str = ""  # a share's "8/10"; "" for a count or without a figure
    with_counts: str = ""  # "80% (8/10) (!)"; "" when there are no counts
    unrated: bool = False  # a rating the Ban Thường vụ has not yet made

    @property
    def full(self) -> str:
        """The figure with its counts when it has them: "80% (8/10) (!)"."""
        return self.with_counts or self.text


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    cells: list[UnitCell]
    number: str = ""  # "TT": the row's number in the annex
    score: str = ""  # in a review: the targets it met over its term, "2/3" ("2/3 (2022 - 2024)")

    @property
    def owes(self) -> bool:
        return any(c.missing for c in self.cells)

    @property
    def fails(self) -> int:
        return sum(c.fails for c in self.cells)


@dataclass(frozen=True)
class UnitGroup:
    title: str  # "Đơn vị chưa gửi đủ số liệu (24)"
    rows: list[UnitRow]


@dataclass(frozen=True)
class UnitReport:
    completeness: str = ""
    heads: list[str] = field(default_factory=list)  # "Chỉ tiêu 3": the targets with unit data, numbered
    rows: list[UnitRow] = field(default_factory=list)  # every row, in the groups' order
    groups: list[UnitGroup] = field(default_factory=list)
    totals: UnitRow | None = None  # the roll-up of each target, all units together
    scores: list[str] = field(default_factory=list)  # a review's units not in the table (ended earlier)
    score_head: str = ""  # a review's column of each unit's score over its term; "" otherwise
    labels: dict[str, str] = field(default_factory=dict)
    title: str = ""  # "Kết quả thực hiện các chỉ tiêu theo đơn vị năm 2025"
    attached: str = ""  # "(Kèm theo Báo cáo số ...-BC/ĐUK, ngày ... của Ban Thường vụ ...)"
    owed: str = ""  # the units that have not sent their figures, as of the report's day
    lagging: str = ""  # the units below a threshold, their quota or level
    unrated: str = ""  # the ratings the Ban Thường vụ has not yet made
    legend: list[str] = field(default_factory=list)  # "Chỉ tiêu 3: Cán bộ, công chức ... hoàn thành tốt"

    @property
    def columns(self) -> int:
        """How many columns the table has: number, unit, the targets, and a review's score."""
        return len(self.heads) + 2 + bool(self.score_head)


def behind_line(target: TargetStatus) -> str:
    """ "Đơn vị chưa đạt: Đảng bộ Sở Y tế (80%), ..." for a flagged target (the first few, then
    how many others: Phụ lục 2 lists them all); "" otherwise."""
    if not target.flagged or target.units is None or not target.units.lagging:
        return ""
    lang = target.lang
    named = some_named([_named(r, target.measure, lang) for r in target.units.lagging], lang)
    lowest = target.target.rating_at_least
    if lowest is not None:
        return in_lang(lang, TEXTS["rated_below"]).format(level=level_words(lowest, lang), units=named)
    return in_lang(lang, TEXTS["behind"]).format(units=named)


def _named(result: UnitResult, measure: Measure, lang: Lang) -> str:
    value = result_words(result, measure, lang, counts=False)
    return in_lang(lang, TEXTS["unit_figure"]).format(name=result.name, figure=value)


def attached_line(number: str, day: date | None, body: str, lang: Lang) -> str:
    """ "(Kèm theo Báo cáo số 25-BC/ĐUK, ngày 04 tháng 12 năm 2026 của Ban Thường vụ Đảng ủy
    Khối ...)" under an annex's heading; `number` as the document prints it ("Số 25-BC/ĐUK", or
    only its symbol), `day` the document's date (a blank when None)."""
    given = number.removeprefix(in_lang(lang, "No.")).strip()
    line = number_line(given, lang) if given else f"{in_lang(lang, 'No.')} …"
    written = long_date(day, lang) if day else "…"
    number_text = line[:1].lower() + line[1:] if lang == "vi" else line
    return in_lang(lang, TEXTS["attached"]).format(number=number_text, day=written, body=body)


def unit_report(
    view: StatusView,
    kind: str,
    _missing_word: str = "",
    *,
    on: date | None = None,
    number: str = "",
    as_recorded: datetime | None = None,
    session: Session | None = None,
    views: Views | None = None,
    attached: str | None = None,
) -> UnitReport:
    """What a report of `kind` says about the units of `view`; empty when no unit reported.
    `on` is the report's day ("đến ngày ..."; today by default), `number` the document's number
    as printed; a review reads the units' other years from `views` (term_views), else through
    `session` as recorded by `as_recorded`, else it knows only the view's year. `attached` is
    the document's own "Kèm theo" line (its annexes share it), else one made of `number`."""
    if not view.unit_targets:
        return UnitReport()
    lang, reviews = view.lang, ReportKind(kind).reviews_the_term
    views = views or (term_views(session, view, as_recorded) if reviews else {view.as_of: view})
    year = table_year(views, view.as_of)
    day = on or clock.now().date()
    scores = _term_scores(view.units, views) if reviews else {}
    base = UnitReport(
        labels={key: in_lang(lang, text) for key, text in LABELS.items()},
        attached=attached if attached is not None else attached_line(number, day, view.resolution.body, lang),
    )
    if year is None:
        lines = _score_lines(view.units, scores, set(), lang)
        return replace(base, scores=lines) if lines else UnitReport()
    return _annex(views[year], base, _numbers(view), day, view.as_of, scores, _completeness(view))


def _annex(
    view: StatusView,
    base: UnitReport,
    numbers: dict[str, int],
    day: date,
    as_of: int,
    scores: dict[str, TermScore],
    completeness: str,
) -> UnitReport:
    """The annex of `view`'s year: the three lists, the groups of rows, the totals."""
    lang, targets = view.lang, view.unit_targets
    by_target = {t.code: {r.code: r for r in t.units.results} for t in targets if t.units}
    expected = [u for u in view.units if _expected_somewhere(u.code, by_target)]
    span = _span(scores)
    rows = [
        UnitRow(u.code, u.name, [_cell(t, by_target[t.code].get(u.code)) for t in targets]) for u in expected
    ]
    rows = [replace(r, score=_score_cell(scores.get(r.code), span)) for r in rows]
    groups = _groups(rows, view.as_of, lang)
    title_key = "title" if view.as_of == as_of else "title_earlier"
    return UnitReport(
        completeness=completeness,
        heads=[_head(t, numbers[t.code], lang) for t in targets],
        rows=[r for g in groups for r in g.rows],
        groups=groups,
        totals=UnitRow("", in_lang(lang, LABELS["units_total"]), [_total(t) for t in targets]),
        scores=_score_lines(view.units, scores, {u.code for u in expected}, lang),
        score_head=in_lang(lang, LABELS["score_head"]) if scores else "",
        labels=base.labels,
        title=in_lang(lang, TEXTS[title_key]).format(year=view.as_of, as_of=as_of),
        attached=base.attached,
        owed=_owed(view, day),
        lagging=lagging_line(view, expected, numbers),
        unrated=unrated_line(view, expected, numbers),
        legend=[
            in_lang(lang, TEXTS["legend_item"]).format(number=numbers[t.code], title=t.short_title)
            for t in targets
        ],
    )


def _owed(view: StatusView, day: date) -> str:
    """The owed list, of the units that were to send a figure (not only to be rated)."""
    figures = _figures_by_target(view)
    sending = [u for u in view.units if _expected_somewhere(u.code, figures)]
    owed = [u.name for u in sending if _missing_any(u.code, figures)]
    return owed_line(owed, len(sending), view.as_of, day, view.lang)


def _numbers(view: StatusView) -> dict[str, int]:
    """Each target's number, its place in the resolution (as Phụ lục 1 numbers it)."""
    return {t.code: index for index, t in enumerate(view.targets, start=1)}


def _head(target: TargetStatus, number: int, lang: Lang) -> str:
    return code_label(in_lang(lang, TEXTS["head"]).format(number=number), target.inferred)


def _groups(rows: list[UnitRow], year: int, lang: Lang) -> list[UnitGroup]:
    """The units owing figures first, then those lagging (most lagging first), then the others;
    numbered in that order. Empty groups are left out."""
    owed = [r for r in rows if r.owes]
    lagging = sorted((r for r in rows if not r.owes and r.fails), key=lambda r: -r.fails)
    others = [r for r in rows if not r.owes and not r.fails]
    found, number = [], 0
    for key, members in (("group_owed", owed), ("group_lagging", lagging), ("group_other", others)):
        if not members:
            continue
        numbered = [replace(r, number=str(number + i)) for i, r in enumerate(members, start=1)]
        number += len(members)
        found.append(UnitGroup(in_lang(lang, TEXTS[key]).format(count=len(members), year=year), numbered))
    return found


def units_not_reported(view: StatusView) -> list[Unit]:
    """The units expected in the as-of year that miss a figure of a target with unit data (not a
    rating: that is the Ban Thường vụ's to make), in the config's order (the reminder names them)."""
    by_target = _figures_by_target(view)
    return [u for u in view.units if _missing_any(u.code, by_target)]


def _figures_by_target(view: StatusView) -> dict[str, dict[str, UnitResult]]:
    """The units' results of the targets units send figures of (not the rated ones)."""
    return {
        t.code: {r.code: r for r in t.units.results}
        for t in view.unit_targets
        if t.units and t.target.rating_of is None
    }


def _expected_somewhere(code: str, by_target: dict[str, dict[str, UnitResult]]) -> bool:
    return any(code in results and results[code].expected for results in by_target.values())


def _cell(target: TargetStatus, result: UnitResult | None) -> UnitCell:
    lang = target.lang
    if result is None or (result.figure is None and not result.expected):
        return UnitCell("", False, False)
    if result.figure is None and target.target.rating_of is not None:
        return UnitCell(in_lang(lang, TEXTS["not_rated"]), False, False, unrated=True)
    if result.figure is None:
        return UnitCell(in_lang(lang, TEXTS["not_sent"]), False, True)
    if result.level is not None:  # a rating target's unit: its level, no counts
        text, counts, full = result_words(result, target.measure, lang, short=True), "", ""
    else:
        against = target.against if result.meets is not None and target.measure is Measure.SHARE else None
        text = result.with_quota(figure(result.figure.value, target.measure, lang, against=against), lang)
        counts = counts_text(result.figure, lang)
        full = f"{text} ({counts})" if counts else ""
    if result.lagging:
        mark = in_lang(lang, TEXTS["fails_mark"])
        text, full = f"{text} {mark}", f"{full} {mark}" if full else ""
    return UnitCell(text, result.lagging, False, counts, full)


def _total(target: TargetStatus) -> UnitCell:
    """The units' roll-up of the target for the year; empty when none reported that year."""
    rolled = target.units.rolled_up if target.units else None
    if rolled is None:
        return UnitCell("", False, False)
    text = figure(rolled.figure.value, target.measure, target.lang)
    counts = counts_text(rolled.figure, target.lang)
    partial = target.coverage_text(target.assessment.as_of)  # "tổng hợp từ 3/26 đơn vị": not yet whole
    counts = "; ".join(filter(None, [counts, partial]))
    return UnitCell(text, False, False, counts, f"{text} ({counts})" if counts else "")


def _completeness(view: StatusView) -> str:
    """ "11/12 đơn vị đã báo cáo số liệu năm 2023; ..." of the as-of year, naming the first few
    units not reported (Phụ lục 2 lists them all: the annex shows the as-of year whenever a unit
    was expected in it); "" when no unit was expected to send a figure that year."""
    by_target = _figures_by_target(view)
    expected = [u for u in view.units if _expected_somewhere(u.code, by_target)]
    if not expected:
        return ""
    missing = [u.name for u in expected if _missing_any(u.code, by_target)]
    values = {"reported": len(expected) - len(missing), "expected": len(expected), "year": view.as_of}
    if not missing:
        return in_lang(view.lang, TEXTS["complete"]).format(**values)
    return in_lang(view.lang, TEXTS["incomplete"]).format(units=some_named(missing, view.lang), **values)


def _missing_any(code: str, by_target: dict[str, dict[str, UnitResult]]) -> bool:
    found = [results.get(code) for results in by_target.values()]
    return any(r is not None and r.expected and r.figure is None for r in found)


def _term_scores(units: list[Unit], views: Views) -> dict[str, TermScore]:
    """Each unit's score over its own term, for a review; a unit judged on nothing has none."""
    return {u.code: score for u in units if (score := term_score(u, views)) is not None}


def _span(scores: dict[str, TermScore]) -> tuple[int, int] | None:
    """The years the units' terms cover together: the first and the last."""
    if not scores:
        return None
    return min(s.years[0] for s in scores.values()), max(s.years[1] for s in scores.values())


def _years_text(years: tuple[int, int]) -> str:
    first, last = years
    return str(first) if first == last else f"{first} - {last}"


def _score_cell(score: TermScore | None, span: tuple[int, int] | None) -> str:
    """ "2/3", with the unit's years when its term is not the others' ("2/3 (2022 - 2024)")."""
    if score is None:
        return ""
    text = f"{score.met}/{score.of}"
    return text if score.years == span else f"{text} ({_years_text(score.years)})"


def _score_lines(units: list[Unit], scores: dict[str, TermScore], shown: set[str], lang: Lang) -> list[str]:
    """The scores of the units the table does not show (their term ended before its year)."""
    return [
        in_lang(lang, TEXTS["score"]).format(name=u.name, years=_years_text(s.years), met=s.met, of=s.of)
        for u in units
        if u.code not in shown and (s := scores.get(u.code)) is not None
    ]
