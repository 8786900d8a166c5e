"""A file's columns as its reader declares them, and the one dialect in which every reader reads
a header (tracker import, rate --from, quota --from, the config's units_file).

A reader declares its columns (`Columns`): each column's key, whether the file must have it, and
the names people write for it beyond the catalog's. A header names a column by its key
(`last_year`), by its names in the catalog in either language (`header_of`: "last year", "số
liệu năm trước"), or by an alias of the declaration, and it is read:

- in any case, with or without Vietnamese diacritics: "Don vi", "ĐƠN VỊ", "đơn vị" are one name;
- with "_" or "-" for a space, and anything in brackets ignored: "value (số liệu 2023)" is value;

A column named twice is refused, naming both places; a header that names no column of the file
is refused (with the closest name), except the columns a declaration lists as for people to read
(`ignored`: an import's title, rule, last year...), which are accepted and never read.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache

from tracker.errors import TrackerError
from tracker.evaluate import printable
from tracker.i18n import LANGS, N_, _
from tracker.sheets._sheet import COLUMN_HEADERS, EXPECTED, READ_ONLY_COLUMNS, column_letter, header_of


@dataclass(frozen=True)
class Column:
    """One column of a file: its key, whether the file must have it, the names people write for
    it beyond its key and the catalog's (`header_of`), and whether it is only for people to read."""

    key: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    ignored: bool = False  # written for people (a title, last year's figure): accepted, never read

    def names(self) -> list[str]:
        """Every name of the column, the key first."""
        catalog = [header_of(self.key, lang) for lang in LANGS] if self.key in COLUMN_HEADERS else []
        return [self.key, *catalog, *self.aliases]


@dataclass(frozen=True)
class Columns:
    """The columns of one kind of file, as its reader declares them."""

    columns: tuple[Column, ...]
    expected: str  # N_(): what row 1 holds, told after the header's problems
    # N_(): the refusal of a header without rows below it, "{name} ..."; None: no rows is no data
    no_rows: str | None = None
    unit_mark: bool = False  # a unit's workbook tells its unit (tracker template --units)
    # the columns missing beyond the required ones, given those found (value, or both counts)
    missing: Callable[[Collection[str]], list[str]] | None = None

    def read(self) -> tuple[str, ...]:
        """The keys of the columns a reader reads."""
        return tuple(c.key for c in self.columns if not c.ignored)


_BRACKETS = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")


def plain(text: str) -> str:
    """A header as the dialect compares it: "Số liệu (2023)" -> "so lieu", "last_year" -> "last year"."""
    folded = _BRACKETS.sub(" ", unicodedata.normalize("NFC", text).casefold()).replace("đ", "d")
    letters = "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))
    return " ".join(letters.replace("_", " ").replace("-", " ").split())


@cache
def dialect(columns: Columns) -> dict[str, tuple[str, str]]:
    """Each name as compared -> its column's key and the name as written (for a suggestion)."""
    found: dict[str, tuple[str, str]] = {}
    for column in columns.columns:
        for name in column.names():
            key = plain(name)
            if key in found and found[key][0] != column.key:
                raise ValueError(f"{name!r} names both {found[key][0]} and {column.key}")
            found.setdefault(key, (column.key, name))
    return found


def map_columns(name: str, headers: list[str], columns: Columns | None = None) -> dict[str, int]:
    """Each column's key -> its position; every problem of the header told at once, then what
    row 1 holds. An empty header cell names no column."""
    columns = FIGURES if columns is None else columns
    names = dialect(columns)
    found: dict[str, int] = {}
    problems: list[str] = []
    for index, header in enumerate(headers):
        if not header:
            continue
        place = _("{name}: row 1, column {column}").format(name=name, column=column_letter(index))
        text = plain(header)
        known = names.get(text)
        if known is None:
            close = difflib.get_close_matches(text, list(names), n=1)
            hint = _(" (did you mean {key!r}?)").format(key=names[close[0]][1]) if close else ""
            message = _("{place}: unknown column {header!r}{hint}")
            problems.append(
                message.format(place=place, header=printable(header[:40], multiline=False), hint=hint)
            )
        elif known[0] in found:
            also = column_letter(found[known[0]])
            message = _("{place}: column {column!r} appears twice (also column {also})")
            problems.append(message.format(place=place, column=known[0], also=also))
        else:
            found[known[0]] = index
    missing = [c.key for c in columns.columns if c.required and c.key not in found]
    missing += columns.missing(found) if columns.missing is not None else []
    problems += [_("{name}: row 1: missing column {column!r}").format(name=name, column=c) for c in missing]
    if problems:
        raise TrackerError("\n".join([*problems, f"{name}: {_(columns.expected)}"]))
    return found


def _value_or_counts(found: Collection[str]) -> list[str]:
    """A file of figures gives the value, or the numerator and the denominator, or all three."""
    counts = [c for c in ("numerator", "denominator") if c in found]
    if len(counts) == 1:
        return ["denominator" if counts[0] == "numerator" else "numerator"]
    return ["value"] if "value" not in found and not counts else []


# The words files used before the Party's own (numerator "tử số", now "số đạt"; the threshold
# "ngưỡng", now "mức chỉ tiêu"): a file filled in before is still read.
_READ_ONLY_ALIASES = {"last_year": ("năm trước",), "threshold": ("ngưỡng",)}
# The figures of `tracker import`: an export, a template, a unit's workbook, a file people write.
FIGURES = Columns(
    (
        Column("code", required=True, aliases=("mã chỉ tiêu",)),
        Column("unit"),
        Column("year", required=True),
        Column("value", aliases=("giá trị",)),
        Column("numerator", aliases=("tử số",)),
        Column("denominator", aliases=("mẫu số",)),
        Column("note"),
        Column("source", aliases=("văn bản",)),
        Column("provisional"),
        *(Column(c, ignored=True, aliases=_READ_ONLY_ALIASES.get(c, ())) for c in READ_ONLY_COLUMNS),
    ),
    expected=EXPECTED,
    no_rows=N_("{name} has a header but no rows of figures below it"),
    unit_mark=True,
    missing=_value_or_counts,
)
