"""The figures of one year as `tracker enter` and the template show them, and `confirm`."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlmodel import Session

from tracker.errors import TrackerError
from tracker.evaluate.model import Measure
from tracker.evaluate.values import FigureValue, InvalidFigure, parse_figure
from tracker.evaluate.wording import Lang, rule_text
from tracker.services.lookup import check_year, find_target
from tracker.services.recording import FigureRequest, record_figure
from tracker.services.revisions import describe_entry, entry_words
from tracker.services.status import goal_of
from tracker.store import repository
from tracker.store.tables import Entry, Resolution, Target

CONFIRMED = {"vi": "Xác nhận số liệu chính thức (thay số dự ước)", "en": "Confirmed as the official figure"}


@dataclass(frozen=True)
class YearLine:
    """One target as `tracker enter` and the template show it for a year."""

    target: Target
    year: int
    rule: str
    previous: Entry | None
    current: Entry | None
    lang: Lang = "vi"

    @property
    def measure(self) -> Measure:
        return Measure(self.target.measure)

    @property
    def title(self) -> str:
        return self.target.title if self.lang == "vi" else self.target.title_en

    @property
    def short_title(self) -> str:
        t = self.target
        return (t.short_title if self.lang == "vi" else t.short_title_en) or self.title

    def words(self, entry: Entry | None) -> str:
        """Last year's or this year's figure in words ("" when there is none)."""
        return entry_words(entry, self.measure, self.lang) if entry else ""


def year_lines(session: Session, resolution: Resolution, year: int, lang: Lang) -> list[YearLine]:
    """Every target with its rule in words, last year's figure and this year's (if any)."""
    check_year(resolution, year)
    assert resolution.id is not None
    current = {(e.target_id, e.year): e for e in repository.current_entries(session, resolution.id)}
    return [
        YearLine(
            target,
            year,
            rule_text(goal_of(target, resolution.years), Measure(target.measure), lang),
            current.get((target.id or 0, year - 1)),
            current.get((target.id or 0, year)),
            lang,
        )
        for target in repository.targets_of(session, resolution.id)
    ]


def read_answer(line: YearLine, year: int, text: str) -> FigureValue:
    """A typed answer checked as `tracker record` checks a figure; the error says why."""
    try:
        return parse_figure(text, line.measure)
    except InvalidFigure as exc:
        raise TrackerError(f"{line.target.code} {year}: {exc}") from None


def confirm_figure(session: Session, resolution: Resolution, request: FigureRequest, lang: Lang) -> Entry:
    """Turn an estimate (dự ước) into the official figure: a new revision through record_figure.

    An empty `request.value` keeps the estimate's own figure (its counts, if any), and the note
    and source are kept unless given."""
    target = find_target(session, resolution, request.code)
    check_year(resolution, request.year)
    assert target.id is not None
    previous = repository.latest_entry(session, target.id, request.year)
    if previous is None:
        raise TrackerError(f"{target.code} {request.year} has no figure to confirm; use `tracker record`")
    if not previous.provisional:
        raise TrackerError(
            f"{target.code} {request.year} is already official: {describe_entry(previous)}; "
            "to correct it use `tracker record ... --amend --reason TEXT`"
        )
    kept = f"{previous.numerator}/{previous.denominator}" if previous.denominator else repr(previous.value)
    reason = (request.reason or "").strip() or CONFIRMED[lang]
    official = replace(request, code=target.code, value=request.value or kept, provisional=False)
    return record_figure(
        session, resolution, replace(official, amend=True, reason=reason)
    )  # keeps note, source
