"""Figures far from their own history (tracker/evaluate/_outliers.py), found where they are
stored: `record` and `import` say so beside what they stored, `enter` asks to confirm one before
anything is stored, and the web's form shows the history beside the field. The rule and its
words are the evaluation's; here only the history is read, the unit's own or the committee's."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from tracker import store
from tracker.evaluate import HISTORY_YEARS, FarRule, far_from, far_words, figure_subject
from tracker.i18n import _, current_language, ngettext
from tracker.records._far_value import FarValue
from tracker.records._problems import MAX_SHOWN
from tracker.records._revisions import FigureRow
from tracker.store import Session


def far_value(row: FigureRow, history: dict[int, float], rule: FarRule, unit: str | None) -> FarValue | None:
    """The row's figure against its history: a FarValue when it is far, else None."""
    far = far_from(row.figure.value, row.measure, history, row.year, rule)
    if far is None:
        return None
    lang = current_language()
    value = row.words(lang)
    sentence = far_words(far, rule, unit is not None, lang, value)
    words = f"{figure_subject(row.target.code, unit)} {row.year}: {sentence}"
    return FarValue(row.target.code, unit, row.year, far, words, row.line)


def far_rows(
    session: Session, rows: Sequence[FigureRow], rule: FarRule, unit_codes: dict[int, str]
) -> list[FarValue]:
    """The rows far from their histories as stored now (an import's earlier rows included):
    one read for all of them."""
    if not rows:
        return []
    series = {(row.target_id, row.unit_id) for row in rows}
    histories = store.earlier_values(session, series, max(row.year for row in rows))
    by_year = {key: sorted(history.items()) for key, history in histories.items()}
    found = []
    for row in rows:
        history = by_year.get((row.target_id, row.unit_id))
        if not history:
            continue
        before = bisect_left(history, (row.year,))  # the years before the row's, the last few only
        unit = None if row.unit_id is None else unit_codes.get(row.unit_id, "?")
        far = far_value(row, dict(history[max(0, before - HISTORY_YEARS) : before]), rule, unit)
        if far is not None:
            found.append(far)
    return found


class FarValues:
    """The far figures of an import, in order: the first MAX_SHOWN kept to show, the rest counted."""

    def __init__(self) -> None:
        self.shown: list[FarValue] = []
        self.count = 0

    @classmethod
    def merged(cls, parts: Sequence[FarValues]) -> FarValues:
        """The far figures of several files, in their order."""
        whole = cls()
        for part in parts:
            whole.count += part.count
            whole.shown.extend(part.shown[: MAX_SHOWN - len(whole.shown)])
        return whole

    def add(self, found: Sequence[FarValue], file: str) -> None:
        self.count += len(found)
        room = MAX_SHOWN - len(self.shown)
        self.shown.extend(replace(far, file=file) for far in found[: max(room, 0)])

    def lines(self, dry_run: bool) -> list[str]:
        """A line a far figure (placed at its file and row), then how many and what to do."""
        lines = [_place(far) + far.words for far in self.shown]
        if self.count > len(self.shown):
            more = self.count - len(self.shown)
            lines.append(ngettext("... and {count} more", "... and {count} more", more).format(count=more))
        if self.count:
            lines.append(far_advice(self.count, dry_run))
        return lines


def _place(far: FarValue) -> str:
    if far.file:
        return _("{name}: row {row}: ").format(name=far.file, row=far.line)
    return _("row {row}: ").format(row=far.line)


def far_advice(count: int, dry_run: bool) -> str:
    """What to do about far figures an import stores (or would store)."""
    if dry_run:
        text = ngettext(
            "{count} figure is far from its last years: check it before importing",
            "{count} figures are far from their last years: check them before importing",
            count,
        )
    else:
        text = ngettext(
            "{count} figure is far from its last years and was imported: if it is a mistake, "
            "correct it with --amend --reason",
            "{count} figures are far from their last years and were imported: if one is a mistake, "
            "correct it with --amend --reason",
            count,
        )
    return text.format(count=count)
