"""Plain data of the evaluation core: what a target asks, and what the figures say about it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple


class Figure(NamedTuple):
    """A figure: its value and, for a share given as its counts, the counts (38/42 is 90,48%),
    and whether it is an estimate (dự ước). The one type of a figure everywhere: typed,
    stored, rolled up from units, or judged. A named tuple: an import makes one a row."""

    value: float
    numerator: int | None = None
    denominator: int | None = None
    provisional: bool = False


class Measure(StrEnum):
    SHARE = "share"
    COUNT = "count"


class Rule(StrEnum):
    EACH_YEAR = "each_year"
    TERM_TOTAL = "term_total"
    YEARLY_AVERAGE = "yearly_average"
    FINAL_VALUE = "final_value"


class Comparator(StrEnum):
    AT_LEAST = ">="
    MORE_THAN = ">"
    AT_MOST = "<="
    LESS_THAN = "<"

    @property
    def strict(self) -> bool:
        return self in (Comparator.MORE_THAN, Comparator.LESS_THAN)

    @property
    def upward(self) -> bool:
        """True for "do more" targets (>=, >); False for "do less" ones (<=, <)."""
        return self in (Comparator.AT_LEAST, Comparator.MORE_THAN)

    @property
    def mirrored(self) -> Comparator:
        """The comparator of the same target on negated figures."""
        return {
            Comparator.AT_LEAST: Comparator.AT_MOST,
            Comparator.MORE_THAN: Comparator.LESS_THAN,
            Comparator.AT_MOST: Comparator.AT_LEAST,
            Comparator.LESS_THAN: Comparator.MORE_THAN,
        }[self]

    def holds(self, value: float, threshold: float) -> bool:
        """Whether `value COMPARATOR threshold` is true."""
        if self is Comparator.AT_LEAST:
            return value >= threshold
        if self is Comparator.MORE_THAN:
            return value > threshold
        if self is Comparator.AT_MOST:
            return value <= threshold
        return value < threshold


class ReportKind(StrEnum):
    """The kinds of progress report, each with its own wording: the results of a year (kết quả
    thực hiện năm), the mid-term review (sơ kết giữa nhiệm kỳ), the end-of-term review (tổng
    kết nhiệm kỳ)."""

    YEARLY = "yearly"
    MIDTERM = "midterm"
    FINAL = "final"

    @property
    def reviews_the_term(self) -> bool:
        """A review (sơ kết, tổng kết) speaks of the whole term: each unit's score, too."""
        return self is not ReportKind.YEARLY


REPORT_KINDS: tuple[ReportKind, ...] = tuple(ReportKind)


class Status(StrEnum):
    MET = "met"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    MISSED = "missed"
    NO_DATA = "no_data"
    # The term is over, nothing fails yet, but elapsed years lack the figures that could still
    # decide the verdict: neither met nor missed until they come.
    INCOMPLETE = "incomplete"

    @property
    def alarming(self) -> bool:
        return self in (Status.AT_RISK, Status.OFF_TRACK, Status.MISSED)

    @property
    def decided(self) -> bool:
        """Met or missed: a verdict, not a pace."""
        return self in (Status.MET, Status.MISSED)

    @property
    def unknown(self) -> bool:
        """No verdict and no pace to compare: no figures, or too few once the term is over."""
        return self in (Status.NO_DATA, Status.INCOMPLETE)


# Worse statuses come later: used to say whether one status is worse than another (the
# unknown ones, no_data and incomplete, are in no order).
STATUS_ORDER: tuple[Status, ...] = (
    Status.MET,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.OFF_TRACK,
    Status.MISSED,
)


@dataclass(frozen=True)
class Goal:
    """What one target asks of its figures: the rule, the comparison and the reporting years."""

    rule: Rule
    comparator: Comparator
    threshold: float
    years: tuple[int, ...]

    @property
    def last_year(self) -> int:
        return self.years[-1]


@dataclass(frozen=True)
class BestYear:
    year: int
    value: float


@dataclass(frozen=True)
class Assessment:
    """The status of one target as of one year, with the numbers that explain it.

    `reached` is the total (term_total), the average per elapsed year (yearly_average), or
    the latest figure (each_year, final_value). `required_now` is the pace the resolution
    asks by the as-of year; `needed_per_year` what each remaining year must bring.
    """

    status: Status
    flagged: bool
    as_of: int
    elapsed_years: tuple[int, ...]
    missing_years: tuple[int, ...]
    remaining_years: int
    reached: float | None = None
    reached_year: int | None = None
    required_now: float | None = None
    needed_per_year: float | None = None
    best: BestYear | None = None
    failing: tuple[BestYear, ...] = ()
    worst: BestYear | None = None
    projected: float | None = None
