"""`tracker enter` and `confirm`: a year's figures the way an office works, typed at
prompts, estimated and later confirmed (`import` is in tracker/cli/imports.py, `export` and
`template` in tracker/cli/transfer.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from tracker.cli.app import app
from tracker.cli.common import (
    console,
    count_text,
    current_resolution,
    os_user,
    pick_lang,
    say,
    state_of,
    unit_of_work,
)
from tracker.cli.language import helptext
from tracker.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from tracker.evaluate import FarRule
    from tracker.i18n import Lang
    from tracker.records import FarValue, FigureRow, YearLine

YES = frozenset({"c", "có", "co", "y", "yes"})
NO = frozenset({"k", "không", "khong", "n", "no"})
WORDS: dict[str, str] = {  # what the prompts of `tracker enter` say, read in the chosen language
    "intro": N_("Figures for {year}: {title}\nEnter skips; a share may be typed 90,5 or as counts 38/42."),
    "rule": N_("Rule"),
    "inferred": N_("Inferred target, to be confirmed against the resolution's text"),
    "has": N_("Already recorded for {year}"),
    "counted": N_("Counted so far for {year}"),
    "ask": N_("Figure for {year}"),
    "keep": N_(" (Enter keeps it)"),
    "bad": N_("Not accepted"),
    "share": N_("type a percentage from 0 to 100 (90,5) or counts (38/42)"),
    "count": N_("type a whole number, e.g. 1200 or 1.200 (a dot groups thousands)"),
    "reason": N_("Why is the recorded figure corrected (required): "),
    "code": N_("Code"),
    "target": N_("Target"),
    "new": N_("Figure {year}"),
    "what": N_("Entry"),
    "added": N_("new"),
    "changed": N_("correction, was: {old}"),
    "yn": N_("Answer y (yes) or n (no)."),
    "nothing": N_("No new figures; nothing saved."),
    "not_saved": N_("Nothing saved."),
    "far": N_("Far from the last years"),
    "again": N_("  Type {figure} again to keep it, or type the right figure (Enter: ask again): "),
}


def prompt_words() -> dict[str, str]:
    return {key: _(text) for key, text in WORDS.items()}


def _input(out: Console, prompt: str) -> str:
    """One answer. Ctrl-C or the end of input (Ctrl-D, a closed pipe) abandons the session:
    typer.Abort makes `main` say that the interrupted command saved nothing."""
    try:
        return out.input(prompt, markup=False)
    except (EOFError, KeyboardInterrupt):
        out.print()
        raise typer.Abort() from None


@app.command(
    help=helptext(
        N_("Enter a year's figures at prompts, then save them together."),
        N_(
            "Each target shows its rule and last year's figure; Enter skips it. A bad answer is "
            "explained and asked again. At the end a summary and one confirmation: everything is "
            'saved in one transaction, and Ctrl-C or "no" saves nothing.'
        ),
        examples=N_(
            'Examples:\n  tracker enter 2023\n  tracker enter 2024 --provisional --source "Dự ước 6 tháng"'
        ),
    )
)
def enter(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(metavar=N_("YEAR"), help=N_("The reporting year, e.g. 2023."))],
    provisional: Annotated[
        bool, typer.Option("--provisional", help=N_("The figures are estimates (dự ước)."))
    ] = False,
    source: Annotated[
        str | None, typer.Option(help=N_("The document the figures come from ('' for none)."))
    ] = None,
    by: Annotated[str | None, typer.Option(help=N_("Who enters them [default: the OS user]."))] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=N_("vi or en [default: config]."))] = None,
) -> None:
    from tracker.records import ImportOptions, checked_text, import_rows, year_lines

    settings = state_of(ctx).settings()
    language = pick_lang(lang)
    words = prompt_words()
    options = ImportOptions(by or os_user(), provisional).check()
    source = checked_text("--source", source)
    with unit_of_work(settings, writes=False) as session:
        resolution = current_resolution(session, settings)
        lines = year_lines(session, resolution, year, language)
    from tracker.evaluate import localized

    out = console()
    title = localized(resolution.title, resolution.title_en, language)
    out.print(words["intro"].format(year=year, title=title), markup=False)
    asked = _Asked(provisional, source, settings.config.checks.far_rule, words)
    rows = [row for n, line in enumerate(lines, 1) if (row := _ask(out, line, n, asked))]
    if not rows:
        say(words["nothing"])
        return
    out.print(_summary(rows, lines, language))
    save = ngettext("Save {n} figure for {year}? [y/n] ", "Save {n} figures for {year}? [y/n] ", len(rows))
    if not _yes(out, save.format(n=count_text(len(rows)), year=year), words):
        say(words["not_saved"])
        return
    with unit_of_work(settings) as session:
        plan = import_rows(session, current_resolution(session, settings), rows, options)
    stored = plan.added + plan.changed
    saved = ngettext("Saved {n} figure for {year}.", "Saved {n} figures for {year}.", stored)
    say(saved.format(n=count_text(stored), year=year))


class _Asked(NamedTuple):
    """What every prompt of a session shares."""

    provisional: bool
    source: str | None
    rule: FarRule
    words: dict[str, str]


def _ask(out: Console, line: YearLine, number: int, asked: _Asked) -> FigureRow | None:
    """Ask one target's figure until the answer is accepted; None when skipped or unchanged. A
    figure far from the last years is kept only when typed again (Enter asks afresh)."""
    from tracker.errors import TrackerError
    from tracker.records import answered, far_answer

    words, year = asked.words, line.year
    _show_line(out, line, words)
    prompt = f"  {words['ask'].format(year=year)}{words['keep'] if line.current else ''}: "
    pending: FigureRow | None = None  # a far figure typed once: kept when typed again
    while True:
        text = _input(out, prompt if pending is None else _again(pending, line, words)).strip()
        if not text:
            if pending is None:
                return None
            pending = None
            continue
        try:
            row = answered(line, number, text, asked.provisional, asked.source)
        except TrackerError as exc:
            out.print(f"  {words['bad']}: {exc}; {words[line.measure.value]}", markup=False, style="red")
            pending = None
            continue
        far = None if row is None else far_answer(line, row, asked.rule)
        if row is not None and far is not None and (pending is None or pending.figure != row.figure):
            _show_far(out, far, words)
            pending = row
            continue
        if row is None or not line.current:
            return row
        return row._replace(reason=_reason(out, words))


def _show_line(out: Console, line: YearLine, words: dict[str, str]) -> None:
    """A target as a prompt shows it: code, title, rule, last year's figure, this year's (the
    committee's, else what the report counts: its units' roll-up, or its ratings' share)."""
    year = line.year
    out.print()
    out.print(f"{line.label}  {line.title}", markup=False, style="bold")
    if line.inferred:
        out.print(f"  † {words['inferred']}", markup=False)
    out.print(f"  {words['rule']}: {line.rule}; {year - 1}: {line.previous_words or '-'}", markup=False)
    if line.counted_note:  # a target counted from ratings: say so before asking for a figure
        out.print(f"  {line.counted_note}", markup=False)
    if line.current:
        out.print(f"  {words['has'].format(year=year)}: {line.words(line.current)}", markup=False)
    elif counted := line.counted(year):
        out.print(f"  {words['counted'].format(year=year)}: {counted}", markup=False)


def _show_far(out: Console, far: FarValue, words: dict[str, str]) -> None:
    out.print(f"  {words['far']}: {far.words}", markup=False, style="yellow")


def _again(pending: FigureRow, line: YearLine, words: dict[str, str]) -> str:
    return words["again"].format(figure=pending.words(line.lang))


def _reason(out: Console, words: dict[str, str]) -> str:
    from tracker.errors import TrackerError
    from tracker.records import checked_text

    while True:
        try:
            reason = checked_text("reason", _input(out, "  " + words["reason"])) or ""
        except TrackerError as exc:
            out.print(f"  {words['bad']}: {exc}", markup=False, style="red")
            continue
        if reason:
            return reason


def _yes(out: Console, question: str, words: dict[str, str]) -> bool:
    while True:
        answer = _input(out, question).strip().casefold()
        if answer in YES or answer in NO:
            return answer in YES
        out.print(words["yn"], markup=False)


def _summary(rows: list[FigureRow], lines: list[YearLine], lang: Lang) -> Table:
    from rich.table import Table

    words = prompt_words()
    current = {line.target.id: line for line in lines}
    table = Table(show_lines=False)
    for head in (words["code"], words["target"], words["new"].format(year=rows[0].year), words["what"]):
        table.add_column(head)
    for row in rows:
        line = current[row.target_id]
        what = words["changed"].format(old=line.words(line.current)) if line.current else words["added"]
        table.add_row(line.label, line.short_title, row.words(lang), what)
    return table


# ignore_unknown_options lets a negative VALUE reach the figure check, as in `tracker record`.
@app.command(
    context_settings={"ignore_unknown_options": True},
    help=helptext(
        N_("Make an estimate (dự ước) the official figure, as a revision."),
        examples=N_(
            "Examples:\n"
            "  tracker confirm T01 2023                 the estimate becomes official as it is\n"
            "  tracker confirm T01 2023 39/42 --source 25-BC/ĐUK"
        ),
    ),
)
def confirm(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar=N_("CODE"), help=N_("Target code, e.g. T01."))],
    year: Annotated[int, typer.Argument(metavar=N_("YEAR"), help=N_("Reporting year, e.g. 2023."))],
    value: Annotated[
        str | None,
        typer.Argument(metavar=N_("VALUE"), help=N_("The official figure [default: the estimate's].")),
    ] = None,
    reason: Annotated[str | None, typer.Option(help=N_("Why [default: confirmed as official]."))] = None,
    note: Annotated[
        str | None, typer.Option(help=N_("A note [default: the estimate's; '' for none]."))
    ] = None,
    source: Annotated[
        str | None, typer.Option(help=N_("The document [default: the estimate's; '' for none]."))
    ] = None,
    by: Annotated[str | None, typer.Option(help=N_("Who confirms it [default: the OS user]."))] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help=N_("A unit's estimate, by the unit's code."))
    ] = None,
) -> None:
    from tracker.cli.figures import far_warning
    from tracker.records import FigureRequest, confirm_figure

    settings = state_of(ctx).settings()
    request = FigureRequest(code, year, value or "", by or os_user(), note, source, reason=reason, unit=unit)
    with unit_of_work(settings) as session:
        resolution = current_resolution(session, settings)
        done = confirm_figure(session, resolution, request, settings.config.checks.far_rule)
    line = _("confirmed {code} {year}: {summary}")
    say(line.format(code=done.subject, year=done.year, summary=done.summary))
    far_warning(done)
