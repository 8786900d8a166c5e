"""The figures of one year as `tracker enter` and the template show them, and `confirm`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from tracker import store
from tracker.base import check_year, find_target
from tracker.errors import TrackerError
from tracker.evaluate import (
    FarRule,
    Figure,
    InvalidFigure,
    Measure,
    code_label,
    counts_text,
    figure_words,
    localized,
    parse_figure,
    rule_text,
)
from tracker.i18n import DEFAULT_LANG, N_, Lang, _, in_lang
from tracker.records._far import far_value
from tracker.records._far_value import FarValue
from tracker.records._links import refuse_borrowed
from tracker.records._record import FigureRequest, figure_unit, record_figure, subject
from tracker.records._revisions import FigureRow, Recorded, describe_entry, locked_latest, same_figure
from tracker.status import TargetStatus, build_status, counted_figure, goal_of
from tracker.store import Resolution, Revision, Session, Target

COUNTED_FROM = {  # what `tracker enter` says of a target counted from the units' ratings
    "agency": N_(
        "Counted from the ratings of the units as agencies (`tracker rate`): leave it empty to keep "
        "that; a figure typed here is the committee's own and counts instead"
    ),
    "party_org": N_(
        "Counted from the ratings of the units as party organisations (`tracker rate`): leave it empty "
        "to keep that; a figure typed here is the committee's own and counts instead"
    ),
}


@dataclass(frozen=True)
class YearLine:
    """One target as `tracker enter` and the template show it for a year."""

    target: Target
    year: int
    rule: str
    previous: Revision | None
    current: Revision | None
    lang: Lang = DEFAULT_LANG
    history: Mapping[int, float] = field(default_factory=dict)  # the committee's earlier figures
    # the target as status and the report count it: a year the committee recorded no figure of
    # has its units' roll-up or, for a target counted from ratings, the ratings' share
    status: TargetStatus | None = None

    @property
    def measure(self) -> Measure:
        return Measure(self.target.measure)

    @property
    def title(self) -> str:
        return localized(self.target.title, self.target.title_en, self.lang)

    @property
    def short_title(self) -> str:
        t = self.target
        return localized(t.short_title or t.title, t.short_title_en or t.title_en, self.lang)

    @property
    def inferred(self) -> bool:
        return self.target.source_kind == "inferred"

    @property
    def label(self) -> str:
        """The code as people read it, marked when inferred: "T11 †"."""
        return code_label(self.target.code, self.inferred)

    def words(self, entry: Revision | None) -> str:
        """Last year's or this year's figure in words ("" when there is none)."""
        return figure_words(entry.figure, self.measure, self.lang) if entry else ""

    def counted(self, year: int) -> str:
        """The figure of `year` the report counts where the committee recorded none, with where
        it comes from: "66,67% (2/3) (từ xếp loại)"; "" otherwise."""
        return counted_figure(self.status, year) if self.status is not None else ""

    @property
    def previous_words(self) -> str:
        """Last year's figure as the report shows it: the committee's, else the one counted from
        the ratings or the units ("" when there is none)."""
        return self.words(self.previous) or self.counted(self.year - 1)

    @property
    def counted_note(self) -> str:
        """For a target counted from ratings: that its figure comes from them, and what a figure
        typed for it does; "" for any other target."""
        found = COUNTED_FROM.get(self.target.rating_of or "")
        return in_lang(self.lang, found) if found else ""


def year_lines(
    session: Session, resolution: Resolution, year: int, lang: Lang, *, counted: bool = True
) -> list[YearLine]:
    """Every target that takes figures, with its rule in words, last year's figure and this
    year's (if any); a target that takes its figures from another is left out. `counted`: with
    each target's status (what the report counts where the committee recorded no figure)."""
    check_year(resolution, year)
    current = {(e.target_id, e.year): e for e in store.current_entries(session, resolution.id)}
    earlier: dict[int, dict[int, float]] = {}
    for (target_id, when), entry in current.items():
        if when < year:
            earlier.setdefault(target_id, {})[when] = entry.figure.value
    statuses = {}
    if counted:
        statuses = {t.target.id: t for t in build_status(session, resolution, as_of=year, lang=lang).targets}
    return [
        YearLine(
            target,
            year,
            rule_text(goal_of(target, resolution.years), Measure(target.measure), lang),
            current.get((target.id, year - 1)),
            current.get((target.id, year)),
            lang,
            earlier.get(target.id, {}),
            statuses.get(target.id),
        )
        for target in store.targets_of(session, resolution.id)
        if not target.figures_from  # it takes its figures from another target
    ]


def read_answer(line: YearLine, year: int, text: str) -> Figure:
    """A typed answer checked as `tracker record` checks a figure; the error says why."""
    try:
        return parse_figure(text, line.measure)
    except InvalidFigure as exc:
        raise TrackerError(f"{line.target.code} {year}: {exc}") from None


def answered(
    line: YearLine, number: int, text: str, provisional: bool, source: str | None
) -> FigureRow | None:
    """The row that stores one answer of `tracker enter` (its prompt's `number`), or None when
    the answer repeats the stored figure: the ledger would store nothing (a bad answer raises,
    with the words of `tracker record`)."""
    found = read_answer(line, line.year, text)._replace(provisional=provisional)
    if line.current and same_figure(found, line.current):
        return None
    return FigureRow(number, line.target, line.target.id, line.year, found, None, source)


def far_answer(line: YearLine, row: FigureRow, rule: FarRule) -> FarValue | None:
    """An answer of `tracker enter` far from the committee's figures of the years before (what
    it asks to confirm), else None."""
    return far_value(row, dict(line.history), rule, None)


def confirm_figure(
    session: Session, resolution: Resolution, request: FigureRequest, rule: FarRule | None = None
) -> Recorded:
    """Turn an estimate (dự ước) into the official figure: a new revision through record_figure.

    An empty `request.value` keeps the estimate's own figure (its counts, if any), and the note
    and source are kept unless given."""
    target = find_target(session, resolution, request.code)
    refuse_borrowed(target)
    check_year(resolution, request.year)
    unit = figure_unit(session, resolution, request)
    label = subject(target, unit)
    # a second confirm waits, then sees it done
    previous = locked_latest(session, target, request.year, None if unit is None else unit.id)
    if previous is None:
        message = _("{code} {year} has no figure to confirm; use `tracker record`")
        raise TrackerError(message.format(code=label, year=request.year))
    if not previous.figure.provisional:
        message = _(
            "{code} {year} is already official: {figure}; "
            "to correct it use `tracker record ... --amend --reason TEXT`"
        )
        figure = describe_entry(previous, Measure(target.measure))
        raise TrackerError(message.format(code=label, year=request.year, figure=figure))
    confirmed = _("Confirmed as the official figure (it replaces the estimate)")
    reason = (request.reason or "").strip() or confirmed
    kept = _typed_again(previous)
    official = replace(request, code=target.code, value=request.value or kept, provisional=False)
    return record_figure(
        session, resolution, replace(official, amend=True, reason=reason), rule=rule
    )  # keeps note, source


def _typed_again(entry: Revision) -> str:
    """A stored figure as it can be typed again unambiguously: its counts, or its value with a
    decimal comma (12,125: "12.125" would read as twelve thousand)."""
    if entry.figure.denominator:
        return counts_text(entry.figure)
    return f"{Decimal(repr(entry.figure.value)):f}".replace(".", ",")
