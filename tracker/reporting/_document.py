"""What makes a report a Party document (Hướng dẫn 36-HD/VPTW): its kind, the place and date
line, its number, the signature block, the recipients and the narrative sections.

Everything here is plain words for the renderers (HTML, Word, PDF); which words a kind of
report uses is decided here once, so every format says the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from tracker.config import DocumentConfig
from tracker.errors import TrackerError
from tracker.evaluate import REPORT_KINDS, ReportKind, long_date
from tracker.i18n import N_, Lang, _, in_lang

KIND_TITLES: dict[str, str] = {  # the summary line under "BÁO CÁO"
    "yearly": N_("Results of implementing the resolution in {year}"),
    "midterm": N_("Mid-term review of implementing the resolution, term {term}"),
    "final": N_("End-of-term review of implementing the resolution, term {term}"),
}
KIND_NAMES: dict[str, str] = {  # what a report of each kind is called in a sentence
    "yearly": N_("yearly report"),
    "midterm": N_("mid-term review"),
    "final": N_("end-of-term review"),
}
SECTION_KEYS = ("results", "shortcomings", "lessons", "tasks")
SECTION_TITLES: dict[str, str] = {
    "results": N_("Results achieved"),
    "shortcomings": N_("Shortcomings and their causes"),
    "lessons": N_("Lessons learned"),
    "tasks": N_("Tasks and solutions for the rest of the term"),
}
FINAL_TASKS = N_("Directions and tasks for the next term")  # the last heading of an end-of-term report
NUMERALS = ("I", "II", "III", "IV")
NUMBER_SPACE = "\u00a0" * 6  # the blank the office fills by hand: "Số      -BC/ĐUK"


@dataclass(frozen=True)
class Signer:
    authority: str
    title: str
    name: str


@dataclass(frozen=True)
class DocumentSettings:
    """The `document:` part of the config, as plain values for the service."""

    place: str = ""
    number: str = ""
    signer: Signer = Signer("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "")
    recipients: tuple[str, ...] = ("Lưu Văn phòng",)


def document_settings(config: DocumentConfig) -> DocumentSettings:
    signer = config.signer
    return DocumentSettings(
        place=config.place,
        number=config.number,
        signer=Signer(signer.authority, signer.title, signer.name),
        recipients=tuple(config.recipients),
    )


@dataclass(frozen=True)
class Block:
    """One paragraph ("p") or list item ("li") of a narrative section."""

    kind: Literal["p", "li"]
    text: str


@dataclass(frozen=True)
class Section:
    """A numbered section of the report's narrative: the office's text, or a placeholder line
    for the office to write in."""

    key: str
    numeral: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    placeholder: str = ""


@dataclass(frozen=True)
class DocumentBlock:
    """The words of the document's form, ready to draw."""

    kind: str
    kind_title: str
    place_date: str
    number: str
    signer: Signer
    recipients: list[str]
    sections: list[Section]


def default_kind(years: tuple[int, ...], as_of: int) -> ReportKind:
    """The kind of report an as-of year calls for: the last reporting year closes the term
    (`final`); the middle one is the mid-term review; any other year a yearly report."""
    if as_of >= years[-1]:
        return ReportKind.FINAL
    return ReportKind.MIDTERM if as_of == years[len(years) // 2] else ReportKind.YEARLY


def check_kind(text: str | None) -> ReportKind | None:
    """`--kind yearly|midterm|final`, or None for the default."""
    if text is None:
        return None
    kind = text.strip().lower()
    for known in REPORT_KINDS:
        if kind == known:
            return known
    message = _("unknown report kind {given!r}; accepted: {accepted}")
    raise TrackerError(message.format(given=text, accepted=", ".join(REPORT_KINDS)))


def kind_name(kind: str, lang: Lang) -> str:
    return in_lang(lang, KIND_NAMES[kind]) if kind in KIND_NAMES else kind


def kind_title(kind: str, as_of: int, term: str, lang: Lang) -> str:
    return in_lang(lang, KIND_TITLES[kind]).format(year=as_of, term=term)


def number_line(number: str, lang: Lang) -> str:
    """ "Số 25-BC/ĐUK"; with only the symbol, a blank for the number: "Số      -BC/ĐUK"."""
    word = in_lang(lang, "No.")
    text = number.strip()
    if not text:
        return f"{word}{NUMBER_SPACE}"
    return f"{word}{NUMBER_SPACE}{text}" if text.startswith("-") else f"{word} {text}"


def place_date(place: str, day: date, lang: Lang) -> str:
    """ "Điện Biên, ngày 27 tháng 11 năm 2026"; without a place, the date alone."""
    written = long_date(day, lang)
    return f"{place.strip()}, {written}" if place.strip() else written[:1].upper() + written[1:]


def sections(kind: str, written: dict[str, list[Block]], lang: Lang) -> list[Section]:
    """The four sections of a results report, each with the office's text when given."""
    placeholder = in_lang(lang, "[The office writes this part.]")
    found = []
    for numeral, key in zip(NUMERALS, SECTION_KEYS, strict=True):
        title = FINAL_TASKS if key == "tasks" and kind == ReportKind.FINAL else SECTION_TITLES[key]
        blocks = written.get(key, [])
        found.append(Section(key, numeral, in_lang(lang, title), blocks, "" if blocks else placeholder))
    return found


def document_block(
    settings: DocumentSettings,
    kind: str,
    *,
    as_of: int,
    term: str,
    day: date,
    lang: Lang,
    written: dict[str, list[Block]] | None = None,
) -> DocumentBlock:
    return DocumentBlock(
        kind=kind,
        kind_title=kind_title(kind, as_of, term, lang),
        place_date=place_date(settings.place, day, lang),
        number=number_line(settings.number, lang),
        signer=settings.signer,
        recipients=list(settings.recipients),
        sections=sections(kind, written or {}, lang),
    )
