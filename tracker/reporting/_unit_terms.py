"""The units over the term, for a review (sơ kết, tổng kết): each unit is judged on the years it
existed up to the as-of year, not on the as-of year alone (a unit merged away before the last
year would otherwise "meet 0/3 targets"); and the year whose figures the units' annex shows.

The rule of a unit's score over its term: a unit is scored on each target with unit data it
could be judged on in some year of its term:
- a share target: the years it was expected or gave a figure; it meets the target when every
  such year's share meets the threshold (a missing figure counts as not met);
- a rating target: the years the Ban Thường vụ rated it (a rating not yet made is the
  committee's act, not the unit's, and counts neither way); met when every rating reaches the
  level;
- a count target: the years it was given a quota; it meets the target when the sum of its
  counts over those years reaches the sum of its quotas (a missing figure counts as 0).
A judgement that says "not judged" (`meets is None`, e.g. a "trong đó" target) is left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from tracker.evaluate import Comparator, Measure, exists_in
from tracker.status import StatusView, TargetStatus, UnitResult, build_status
from tracker.store import Session, Unit

Views = Mapping[int, StatusView]  # year -> the status as of that year (its units' results)


def term_views(session: Session | None, view: StatusView, as_recorded: datetime | None = None) -> Views:
    """The status of the targets with unit data as of each reporting year up to the view's, in
    which some unit existed; the view itself for its own year. Without a session, the view's
    year alone."""
    found: dict[int, StatusView] = {view.as_of: view}
    codes = [t.code for t in view.unit_targets]
    if session is None or not codes:
        return found
    for year in view.resolution.years:
        if year < view.as_of and any(exists_in(year, u.from_year, u.to_year) for u in view.units):
            found[year] = build_status(
                session, view.resolution, codes=codes, as_of=year, lang=view.lang, as_recorded=as_recorded
            )
    return dict(sorted(found.items()))


def expected_in(view: StatusView) -> bool:
    """Whether some unit was expected to report a figure (or to be rated) in the view's year."""
    return any(r.expected for t in view.unit_targets if t.units for r in t.units.results)


def table_year(views: Views, as_of: int) -> int | None:
    """The year the annex shows: the as-of year when some unit was expected in it, else the
    last earlier year one was (a review of a term whose units ended early); None if none."""
    years = [y for y, v in views.items() if y <= as_of and expected_in(v)]
    return max(years, default=None)


@dataclass(frozen=True)
class TermScore:
    years: tuple[int, int]  # the first and last year of the unit's term, up to the as-of year
    met: int
    of: int


def term_score(unit: Unit, views: Views) -> TermScore | None:
    """The unit's score over the years of its term the views cover; None when it was judged on
    no target."""
    years = [y for y in views if exists_in(y, unit.from_year, unit.to_year)]
    if not years:
        return None
    found: dict[str, list[tuple[TargetStatus, UnitResult]]] = {}
    for year in years:
        for t in views[year].unit_targets:
            result = _result_of(t, unit.code)
            if result is not None:
                found.setdefault(t.code, []).append((t, result))
    verdicts = [v for pairs in found.values() if (v := _verdict(pairs)) is not None]
    if not verdicts:
        return None
    return TermScore((years[0], years[-1]), sum(verdicts), len(verdicts))


def _result_of(target: TargetStatus, code: str) -> UnitResult | None:
    if target.units is None:
        return None
    return target.units.by_unit.get(code)


def _verdict(pairs: list[tuple[TargetStatus, UnitResult]]) -> bool | None:
    """Whether the unit met the target over its term; None when it was never judged on it."""
    target = pairs[0][0]
    results = [r for _t, r in pairs]
    if target.target.rating_of is not None:
        judged = [r.meets for r in results if r.figure is not None and r.meets is not None]
        return all(judged) if judged else None
    if target.measure is Measure.COUNT:
        given = [r for r in results if r.quota is not None and (r.expected or r.figure is not None)]
        if not given:
            return None
        done = sum(r.figure.value for r in given if r.figure is not None)
        quota = sum(r.quota or 0 for r in given)
        return done >= quota if Comparator(target.target.comparator).upward else done <= quota
    judged = [
        r.meets is True
        for r in results
        if (r.expected or r.figure is not None) and not (r.figure is not None and r.meets is None)
    ]
    return all(judged) if judged else None
