"""Every stored change of a resolution as `tracker history` shows it: the figures' revisions (the
committee's and its units'), the units' ratings and their quotas, who made each, when and why,
already in the reader's words (the face only lays the lines out)."""

from __future__ import annotations

from dataclasses import dataclass

from tracker import store
from tracker.base import check_year, find_target
from tracker.evaluate import RATED_AS, Measure, code_label, figure_words, level_words, moment_text, number
from tracker.i18n import N_, Lang, current_zone, in_lang
from tracker.store import Resolution, Session


@dataclass(frozen=True)
class HistoryLine:
    """One revision. `by`, `reason` and `note` are what a person typed, as typed: the face
    shows them safely."""

    code: str  # "T11 †" when inferred
    unit: str  # the unit's code; "" for the committee's own figure
    year: int
    revision: int
    figure: str  # "90,48% (38/42) (dự ước)"
    by: str
    at: str  # when, in the configured time zone
    reason: str
    note: str  # the note and the source document


@dataclass(frozen=True)
class History:
    lines: list[HistoryLine]
    derived: str = ""  # for a target counted from ratings: where its yearly figures come from

    @property
    def with_units(self) -> bool:
        """Whether any revision is a unit's figure (a Unit column is then shown)."""
        return any(line.unit for line in self.lines)


RATING_OF = {"agency": N_("rated as an agency"), "party_org": N_("rated as a party organisation")}
QUOTA = N_("quota {value}")
DERIVED = {  # a rating target's years that the committee recorded no figure of
    "agency": N_(
        "{code}: a year the committee recorded no figure of is the share of the units rated as "
        "agencies at its level or better (the ratings above; `tracker status {code}` shows each year)"
    ),
    "party_org": N_(
        "{code}: a year the committee recorded no figure of is the share of the units rated as party "
        "organisations at its level or better (the ratings above; `tracker status {code}` shows each year)"
    ),
}


ACCEPTED_FROM = N_("author: {author}, accepted by {by}")


def who_recorded(recorded_by: str, submitted_by: str | None, lang: Lang) -> str:
    """Who a revision is by: its recorder, or the unit's author and the office's accepter of a
    figure accepted from a unit's submission."""
    if submitted_by is None:
        return recorded_by
    return in_lang(lang, ACCEPTED_FROM).format(author=submitted_by, by=recorded_by)


def history(
    session: Session, resolution: Resolution, code: str | None, year: int | None, lang: Lang
) -> History:
    """Every stored change, oldest first within each (target, year, unit): of one target and
    one year if given. A target's lines are its figures' revisions, then its units' quotas; a
    target counted from ratings is followed by the ratings it counts. Without a target, the
    ratings of each kind come after every target's lines."""
    target = find_target(session, resolution, code) if code else None
    if year is not None:
        check_year(resolution, year)
    units = {u.id: u.code for u in store.units_of(session, resolution.id)}
    figures = store.revisions_with_units(session, resolution.id, target.code if target else None, year)
    quotas = store.quota_revisions(session, resolution.id, target.id if target else None, year)
    kinds = [target.rating_of] if target is not None else list(RATED_AS)
    ratings = [r for of in kinds if of for r in store.rating_revisions(session, resolution.id, of, year)]
    zone = current_zone()
    lines = [
        HistoryLine(
            code_label(t.code, t.source_kind == "inferred"),
            unit.code if unit is not None else "",
            entry.year,
            entry.revision,
            figure_words(entry.figure, Measure(t.measure), lang),
            who_recorded(entry.recorded_by, entry.submitted_by, lang),
            moment_text(entry.recorded_at, zone, lang),
            entry.reason or "",
            "; ".join(x for x in (entry.note, entry.source_document) if x),
        )
        for t, entry, unit in figures
    ]
    codes = {t.id: t.code for t in store.targets_of(session, resolution.id)}
    lines += [
        HistoryLine(
            codes.get(q.target_id, "?"),
            units.get(q.unit_id, "?"),
            q.year,
            q.revision,
            in_lang(lang, QUOTA).format(value=number(q.value, lang, 0)),
            q.recorded_by,
            moment_text(q.recorded_at, zone, lang),
            q.reason or "",
            "",
        )
        for q in quotas
    ]
    lines += [
        HistoryLine(
            in_lang(lang, RATING_OF[r.of]),
            units.get(r.unit_id, "?"),
            r.year,
            r.revision,
            level_words(r.level, lang, short=True),
            r.recorded_by,
            moment_text(r.recorded_at, zone, lang),
            r.reason or "",
            "",
        )
        for r in ratings
    ]
    derived = ""
    if target is not None and target.rating_of in DERIVED:
        derived = in_lang(lang, DERIVED[target.rating_of]).format(code=target.code)
    return History(lines, derived)
