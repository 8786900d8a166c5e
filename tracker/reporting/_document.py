"""What makes a report a Party document (Hướng dẫn 36-HD/VPTW): its kind, the place and date
line, its number, the signature block, the recipients and the narrative sections.

Everything here is plain words for the renderers (HTML, Word, PDF); which words a kind of
report uses is decided here once, so every format says the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from tracker.config import DocumentConfig
from tracker.errors import TrackerError
from tracker.evaluate import ReportKind, long_date
from tracker.i18n import N_, Lang, _, in_lang

KIND_TITLES: dict[str, str] = {  # the summary line (trích yếu) under "BÁO CÁO", one line in every format
    "yearly": N_("Results of implementing the {resolution}, {year}"),
    "midterm": N_("Mid-term review of implementing the {resolution}"),
    "final": N_("End-of-term review of implementing the {resolution}"),
}
OPENINGS: dict[str, str] = {  # the opening paragraph when the narrative gives none
    "yearly": N_(
        "Implementing the {resolution}, the Standing Committee of the {body} reports the results of {year} "
        "as follows:"
    ),
    "midterm": N_(
        "Implementing the {resolution}, the Standing Committee of the {body} reviews the first half of the "
        "term, from {start} to {year}, as follows:"
    ),
    "final": N_(
        "Implementing the {resolution}, the Standing Committee of the {body} reviews the term {term} "
        "as follows:"
    ),
}
ATTACHED = N_("(Attached to Report No. {number}, dated {date}, of the Standing Committee of the {body})")
ANNEX = N_("Annex {n}")
KIND_NAMES: dict[str, str] = {  # what a report of each kind is called in a sentence
    "yearly": N_("yearly report"),
    "midterm": N_("mid-term review"),
    "final": N_("end-of-term review"),
}
SECTION_KEYS = ("results", "shortcomings", "lessons", "tasks")
OPENING = "opening"  # the narrative's text before its first heading
SECTION_TITLES: dict[str, str] = {
    "results": N_("Results achieved"),
    "shortcomings": N_("Shortcomings and their causes"),
    "lessons": N_("Lessons learned"),
    "tasks": N_("Tasks and solutions for the rest of the term"),
}
FINAL_TASKS = N_("Directions and tasks for the next term")  # the last heading of an end-of-term report
YEARLY_TASKS = N_("Directions and tasks for {year}")  # the last heading of a yearly report
KIND_SECTIONS: dict[str, tuple[str, ...]] = {  # a yearly report draws no lessons: they belong to reviews
    "yearly": ("results", "shortcomings", "tasks"),
    "midterm": SECTION_KEYS,
    "final": SECTION_KEYS,
}
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
    pdf: str = "pdf/a-2b"  # the PDF's form: "pdf/a-2b" (archival) or "plain"


def document_settings(config: DocumentConfig) -> DocumentSettings:
    signer = config.signer
    return DocumentSettings(
        place=config.place,
        number=config.number,
        signer=Signer(signer.authority, signer.title, signer.name),
        recipients=tuple(config.recipients),
        pdf=config.pdf,
    )


@dataclass(frozen=True)
class Block:
    """One paragraph ("p") or list item ("li") of a narrative section; an item of a numbered
    list keeps its number as the office wrote it ("1.", "2)"): "Một là, ... Hai là, ..." are
    the office's points, and their numbers are part of its text."""

    kind: Literal["p", "li"]
    text: str
    number: str = ""  # "3." for the third item of a numbered list; "" otherwise

    @property
    def marker(self) -> str:
        """What is written before the text: the item's number ("1."), "-" for an item of a
        bulleted list, "" for a paragraph."""
        return self.number or ("-" if self.kind == "li" else "")

    @property
    def marked(self) -> str:
        """The text after its marker, as a line of plain text prints it: "1. Một là, ..."."""
        return f"{self.marker} {self.text}" if self.marker else self.text


@dataclass(frozen=True)
class Run:
    """Blocks drawn together (the HTML's list): paragraphs ("p"), the items of one bulleted
    list ("ul"), or of one numbered list ("ol", counting from `start`)."""

    kind: Literal["p", "ul", "ol"]
    blocks: list[Block]

    @property
    def start(self) -> int:
        """The number of the first item of a numbered list (HTML's `<ol start>`)."""
        return _ordinal(self.blocks[0].number) or 1


def _ordinal(number: str) -> int:
    digits = number.rstrip(".)")
    return int(digits) if digits.isdigit() else 0


def _run_kind(block: Block) -> Literal["p", "ul", "ol"]:
    return "ol" if block.number else "ul" if block.kind == "li" else "p"


def runs(blocks: list[Block]) -> list[Run]:
    """The blocks grouped as they are drawn: a numbered list goes on while each item's number
    follows the last one's (a list the office numbers from 3 again starts a new one)."""
    found: list[Run] = []
    for block in blocks:
        kind, last = _run_kind(block), found[-1] if found else None
        following = kind != "ol" or (
            last is not None and _ordinal(block.number) == _ordinal(last.blocks[-1].number) + 1
        )
        if last is not None and last.kind == kind and following:
            last.blocks.append(block)
        else:
            found.append(Run(kind, [block]))
    return found


@dataclass(frozen=True)
class Section:
    """A numbered section of the report's narrative: the office's text, or a placeholder line
    for the office to write in."""

    key: str
    numeral: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    placeholder: str = ""

    @property
    def runs(self) -> list[Run]:
        """The office's blocks grouped into paragraphs and lists, as the HTML draws them."""
        return runs(self.blocks)


@dataclass(frozen=True)
class DocumentBlock:
    """The words of the document's form, ready to draw."""

    kind: str
    kind_title: str  # the trích yếu: one line, the same in every format
    place_date: str
    number: str
    signer: Signer
    recipients: list[str]
    sections: list[Section]
    opening: list[str] = field(default_factory=list)  # the opening paragraph(s), before section I
    issuing_body: str = ""  # the issuing body of the header, never broken after "và"
    attached: str = (
        ""  # "(Kèm theo Báo cáo số ...-BC/ĐUK, ngày ... của Ban Thường vụ ...)" under each annex's head
    )
    annex: str = ""  # "Phụ lục 1": the targets' annex
    day: date | None = None  # the date of issue (report --date)

    def annex_head(self, n: int) -> str:
        """The head of the annex numbered `n`: "Phụ lục 2" (the units' annex)."""
        return self.annex.rsplit(" ", 1)[0] + f" {n}" if self.annex else str(n)


def default_kind(years: tuple[int, ...], as_of: int) -> ReportKind:
    """The kind of report an as-of year calls for: the last reporting year closes the term
    (`final`); the middle one is the mid-term review; any other year a yearly report."""
    if as_of >= years[-1]:
        return ReportKind.FINAL
    return ReportKind.MIDTERM if as_of == years[len(years) // 2] else ReportKind.YEARLY


def kind_name(kind: str, lang: Lang) -> str:
    return in_lang(lang, KIND_NAMES[kind]) if kind in KIND_NAMES else kind


def kind_title(kind: str, as_of: int, resolution: str, lang: Lang) -> str:
    """The trích yếu: "Kết quả thực hiện Nghị quyết Đại hội ... nhiệm kỳ 2020 - 2025, năm 2023"."""
    return in_lang(lang, KIND_TITLES[kind]).format(year=as_of, resolution=resolution.strip().rstrip("."))


def unbroken_body(body: str) -> str:
    """The issuing body with "và" / "and" bound to the next word (a no-break space), so that a
    line never ends with it: "ĐẢNG ỦY KHỐI CƠ QUAN / VÀ DOANH NGHIỆP TỈNH"."""
    return re.sub(r"(?i)(?<=\s)(và|and) +(?=\S)", lambda m: m.group(1) + "\u00a0", " ".join(body.split()))


def bare_number(number: str) -> str:
    """The number without "Số": "25-BC/ĐUK", or a blank for it: "      -BC/ĐUK"."""
    text = number.strip()
    return f"{NUMBER_SPACE}{text}" if not text or text.startswith("-") else text


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


def section_title(kind: str, key: str, as_of: int, lang: Lang) -> str:
    if key == "tasks" and kind == ReportKind.FINAL:
        return in_lang(lang, FINAL_TASKS)
    if key == "tasks" and kind == ReportKind.YEARLY:
        return in_lang(lang, YEARLY_TASKS).format(year=as_of + 1)
    return in_lang(lang, SECTION_TITLES[key])


def sections(kind: str, written: dict[str, list[Block]], lang: Lang, as_of: int = 0) -> list[Section]:
    """The sections of a results report of `kind`, each with the office's text when given; a
    part of the narrative the kind has no section for is refused, never dropped."""
    keys = KIND_SECTIONS.get(kind, SECTION_KEYS)
    extra = [key for key in written if key not in keys and key != OPENING]
    if extra:
        message = _(
            "the narrative has the part {title!r}, which a {kind} does not have; its parts: {accepted}"
        )
        accepted = "; ".join(section_title(kind, key, as_of, lang) for key in keys)
        title = section_title(kind, extra[0], as_of, lang)
        raise TrackerError(message.format(title=title, kind=kind_name(kind, lang), accepted=accepted))
    placeholder = in_lang(lang, "[The office writes this part.]")
    found = []
    for numeral, key in zip(NUMERALS, keys, strict=False):
        blocks = written.get(key, [])
        title = section_title(kind, key, as_of, lang)
        found.append(Section(key, numeral, title, blocks, "" if blocks else placeholder))
    return found


def opening(kind: str, written: dict[str, list[Block]], words: dict[str, str | int], lang: Lang) -> list[str]:
    """The narrative's opening (its text before the first heading, a list's items after their
    marks: "1. ...", "- ..."), else a sentence naming the resolution and the period."""
    given = [block.marked for block in written.get(OPENING, [])]
    return given or [in_lang(lang, OPENINGS[kind]).format(**words)]


@dataclass(frozen=True)
class Issuer:
    """Who issues the report, and on which resolution: the words of its title and opening."""

    body: str  # "Đảng ủy Khối cơ quan và Doanh nghiệp tỉnh"
    resolution: str  # "Nghị quyết Đại hội đại biểu ... lần thứ IX, nhiệm kỳ 2020 - 2025"
    term: str  # "2020 - 2025"
    start: int = 0  # the year the term began (the congress)


def document_block(
    settings: DocumentSettings,
    kind: str,
    *,
    as_of: int,
    issuer: Issuer,
    day: date,
    lang: Lang,
    written: dict[str, list[Block]] | None = None,
) -> DocumentBlock:
    given = written or {}
    words: dict[str, str | int] = {
        "resolution": issuer.resolution.strip().rstrip("."),
        "body": issuer.body,
        "year": as_of,
        "term": issuer.term,
        "start": issuer.start,
    }
    attached = in_lang(lang, ATTACHED).format(
        number=bare_number(settings.number), date=long_date(day, lang), body=issuer.body
    )
    return DocumentBlock(
        kind=kind,
        kind_title=kind_title(kind, as_of, issuer.resolution, lang),
        place_date=place_date(settings.place, day, lang),
        number=number_line(settings.number, lang),
        signer=settings.signer,
        recipients=list(settings.recipients),
        sections=sections(kind, given, lang, as_of),
        opening=opening(kind, given, words, lang),
        issuing_body=unbroken_body(issuer.body),
        attached=attached,
        annex=in_lang(lang, ANNEX).format(n=1),
        day=day,
    )
