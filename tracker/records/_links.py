"""The checks between targets at entry: a target that takes its figures from another
(`figures_from`) takes none of its own, and a "trong đó" target (`part_of`) never exceeds its
parent, for the same year and the same unit (or the committee).

Every writer of figures uses them: `record` and `confirm` (recording.py), `import` and `enter`
(importing.py). The part_of check runs after the revisions are written, in the same
transaction, on the figures as they then stand: a row of an import is compared with the other
rows of the same import as well as with the stored figures, and a refusal rolls all back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tracker import store
from tracker.errors import TrackerError
from tracker.evaluate import Excess, Figure, Measure, excess, figure_subject, figure_words
from tracker.i18n import _, current_language
from tracker.records._revisions import FigureRow
from tracker.store import Revision, Session, Target

Key = tuple[int, int | None, int]  # (target id, unit id or None for the committee, year)


def borrowed_message(target: Target) -> str:
    """ "T08 takes its figures from T07; record them under T07"."""
    message = _("{code} takes its figures from {source}; record them under {source}")
    return message.format(code=target.code, source=target.figures_from)


def refuse_borrowed(target: Target) -> None:
    """Refuse a figure for a target that takes its figures from another."""
    if target.figures_from:
        raise TrackerError(borrowed_message(target))


def borrowed_notes(targets: Iterable[Target]) -> list[str]:
    """A line for each target that takes its figures from another (what `enter` skips)."""
    return [borrowed_message(t) for t in targets if t.figures_from]


@dataclass
class SubsetCheck:
    """The part_of check of the figures one command writes: note the rows written, then ask
    for the problems once all are written."""

    targets: list[Target]
    touched: dict[Key, tuple[str, int]] = field(default_factory=dict)  # -> the file and row that wrote it

    def __post_init__(self) -> None:
        by_code = {t.code: t for t in self.targets}
        self.parent_of = {
            t.id: by_code[t.part_of] for t in self.targets if t.part_of and t.part_of in by_code
        }
        self.children: dict[int, list[Target]] = {}
        for child in self.targets:
            if (parent := self.parent_of.get(child.id)) is not None:
                self.children.setdefault(parent.id, []).append(child)

    def note(self, rows: Iterable[FigureRow], name: str = "") -> None:
        """Remember the rows written (of the file `name`, if any) whose target has a parent or
        children (the others cannot break the rule)."""
        for row in rows:
            if row.target_id in self.parent_of or row.target_id in self.children:
                self.touched.setdefault((row.target_id, row.unit_id, row.year), (name, row.line))

    def problems(self, session: Session) -> list[tuple[str, int, str]]:
        """(file, row, message) of every written figure that breaks the rule, in row order."""
        pairs = self._pairs()
        if not pairs:
            return []
        ids = {i for child, parent, _unit, _year in pairs for i in (child.id, parent.id)}
        years = {year for *_rest, year in pairs}
        latest = {(e.target_id, e.unit_id, e.year): e for e in store.latest_figures(session, ids, years)}
        found = []
        for child, parent, unit_id, year in pairs:
            child_key, parent_key = (child.id, unit_id, year), (parent.id, unit_id, year)
            part, whole = latest.get(child_key), latest.get(parent_key)
            if part is not None and whole is not None:
                kind = excess(_value(part), _value(whole))
                if kind is not None:
                    name, line = self.touched[child_key if child_key in self.touched else parent_key]
                    found.append((name, line, (child, parent, part, whole, kind)))
        if not found:
            return []
        codes: dict[int | None, str] = {
            u.id: u.code for u in store.units_of(session, self.targets[0].resolution_id)
        }
        return sorted((name, line, _message(*what, codes)) for name, line, what in found)

    def raise_problems(self, session: Session) -> None:
        """For one figure (record, confirm): its problem as the command's error."""
        found = self.problems(session)
        if found:
            raise TrackerError(found[0][2])

    def _pairs(self) -> list[tuple[Target, Target, int | None, int]]:
        """(child, parent, unit, year) of every pair a written figure belongs to."""
        pairs: dict[tuple[int, int, int | None, int], tuple[Target, Target, int | None, int]] = {}
        for target_id, unit_id, year in self.touched:
            if (parent := self.parent_of.get(target_id)) is not None:
                child = next(t for t in self.targets if t.id == target_id)
                pairs[(target_id, parent.id, unit_id, year)] = (child, parent, unit_id, year)
            for child in self.children.get(target_id, []):
                parent = next(t for t in self.targets if t.id == target_id)
                pairs[(child.id, target_id, unit_id, year)] = (child, parent, unit_id, year)
        return list(pairs.values())


def _value(entry: Revision) -> Figure:
    """The figure as the check compares it: its value and counts (an estimate or not)."""
    return entry.figure._replace(provisional=False)


def _message(
    child: Target, parent: Target, part: Revision, whole: Revision, kind: Excess, codes: dict[int | None, str]
) -> str:
    lang = current_language()
    label = figure_subject(child.code, None if part.unit_id is None else codes.get(part.unit_id, "?"))
    words = {
        "code": label,
        "year": part.year,
        "parent": parent.code,
        "figure": figure_words(_value(part), Measure(child.measure), lang),
        "parent_figure": figure_words(_value(whole), Measure(parent.measure), lang),
    }
    if kind is Excess.OTHER_UNITS:
        message = _(
            "{code} {year}: {figure} is counted over {count} units but {parent}'s {parent_figure} over "
            "{parent_count}; a 'trong đó' target counts the same units as its parent"
        )
        return message.format(**words, count=part.figure.denominator, parent_count=whole.figure.denominator)
    if part.figure.denominator is not None and whole.figure.denominator is not None:
        message = _(
            "{code} {year}: {count} of {total} is more than {parent}'s {parent_count} of the same "
            "{total}; a 'trong đó' target is part of its parent"
        )
        counts = {
            "count": part.figure.numerator,
            "total": part.figure.denominator,
            "parent_count": whole.figure.numerator,
        }
        return message.format(**words, **counts)
    message = _(
        "{code} {year}: {figure} is more than {parent}'s {parent_figure}; "
        "a 'trong đó' target is part of its parent"
    )
    return message.format(**words)
