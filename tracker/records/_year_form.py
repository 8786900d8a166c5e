"""A year's figures of the committee given all at once, as a form gives them (the portal's
office page): every answer checked by the rules of `tracker enter` and `tracker record`, with
the same messages, each problem placed at its field; stored together through the ledger, or
nothing when any answer is refused or a figure far from its last years is not confirmed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tracker.errors import TrackerError
from tracker.evaluate import FarRule
from tracker.i18n import Lang, _
from tracker.records._entering import YearLine, answered, far_answer, year_lines
from tracker.records._far_value import FarValue
from tracker.records._import import ImportOptions, ImportPlan, import_rows
from tracker.records._revisions import FigureRow, checked_text, refused_figure
from tracker.store import Resolution, Session

VALUE, NOTE, SOURCE, REASON = "value", "note", "source", "reason"  # a target's fields


@dataclass(frozen=True)
class YearAnswer:
    """What a form says of one target: the figure as typed and what goes with it.
    `confirmed`: the figure as typed when it was confirmed though far from its last years."""

    value: str = ""
    note: str = ""
    source: str = ""
    provisional: bool = False
    reason: str = ""
    confirmed: str = ""


@dataclass(frozen=True)
class YearEntry:
    """What became of a year's answers: the targets as they were compared, the problems by
    target code and field, the far figures waiting for a confirmation, what was stored."""

    lines: list[YearLine]
    problems: dict[tuple[str, str], str] = field(default_factory=dict)
    far: dict[str, FarValue] = field(default_factory=dict)
    plan: ImportPlan | None = None

    @property
    def stored(self) -> int:
        return 0 if self.plan is None else self.plan.added + self.plan.changed


class _Checked:
    """The answers checked one by one, problems and far figures noted."""

    def __init__(self, rule: FarRule) -> None:
        self.rule = rule
        self.rows: list[FigureRow] = []
        self.problems: dict[tuple[str, str], str] = {}
        self.far: dict[str, FarValue] = {}

    def text(self, code: str, what: str, name: str, value: str, multiline: bool = False) -> str | None:
        """A note, source or reason checked as `record` checks its options (None when empty)."""
        try:
            return checked_text(name, value, multiline=multiline) or None
        except TrackerError as exc:
            self.problems[(code, what)] = str(exc)
            return None

    def answer(self, line: YearLine, number: int, given: YearAnswer) -> None:
        code = line.target.code
        note = self.text(code, NOTE, "--note", given.note, multiline=True)
        source = self.text(code, SOURCE, "--source", given.source)
        reason = self.text(code, REASON, "--reason", given.reason)
        typed = given.value.strip()
        if not typed:
            if note or source:
                self.problems[(code, VALUE)] = _(
                    "type the figure too: a note or a source is kept with a figure"
                )
            return
        try:
            row = answered(line, number, typed, given.provisional, source)
        except TrackerError as exc:
            self.problems[(code, VALUE)] = str(exc)
            return
        if row is None:  # the figure that counts now, typed again: nothing to store
            return
        far = far_answer(line, row, self.rule)
        if far is not None and given.confirmed.strip() != typed:
            self.far[code] = far
        if line.current is not None and not reason:
            self.problems[(code, REASON)] = refused_figure(code, row, line.current)
        self.rows.append(row._replace(note=note, reason=reason if line.current else None))


def enter_year(
    session: Session,
    resolution: Resolution,
    year: int,
    answers: Mapping[str, YearAnswer],
    options: ImportOptions,
    lang: Lang,
) -> YearEntry:
    """Check a year's answers by target code, and store them when every one passes and every
    far figure is confirmed (else nothing is stored: the entry says why, field by field)."""
    options = options.check()
    lines = year_lines(session, resolution, year, lang)
    checked = _Checked(options.far)
    for number, line in enumerate(lines, 1):
        given = answers.get(line.target.code)
        if given is not None:
            checked.answer(line, number, given)
    if checked.problems or checked.far or not checked.rows:
        return YearEntry(lines, checked.problems, checked.far)
    return YearEntry(lines, plan=import_rows(session, resolution, checked.rows, options))
