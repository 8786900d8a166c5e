"""The catalogs: every message of the code has its Vietnamese translation, with the same
placeholders, and the compiled catalog that ships says what the .po file says."""

from __future__ import annotations

import gettext
import string
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from tracker.i18n import LOCALE_DIR, in_lang, in_lang_ctx, translations

KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "NC_": ((1, "c"), 2),
    "in_lang": (2,),
    "in_lang_ctx": ((2, "c"), 3),
}
PO = LOCALE_DIR / "vi" / "LC_MESSAGES" / "tracker.po"
MO = PO.with_suffix(".mo")


def code_messages(root: Path) -> set[tuple[str | None, str]]:
    """(context, message) of every text the code marks for translation."""
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        root,
        method_map=[
            ("tracker/**.py", "python"),
            ("tracker/web/templates/**.html", "jinja2.ext:babel_extract"),
        ],
        keywords=KEYWORDS,
    ):
        found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


def catalog() -> dict[tuple[str | None, str], str | tuple[str, ...]]:
    with PO.open("rb") as stream:
        return {
            (m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m.string
            for m in read_po(stream)
            if m.id and "fuzzy" not in m.flags
        }


def fields(text: str) -> set[str]:
    """The {placeholders} of a message; a text that is no format string (it holds a lone brace,
    like one of PyYAML's) has none, and its translation must be none either."""
    try:
        return {name for _text, name, _spec, _conv in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"(not a format string)"}


def test_every_message_of_the_code_has_a_vietnamese_translation(repo_root: Path) -> None:
    translated = {
        key for key, text in catalog().items() if text and (not isinstance(text, tuple) or all(text))
    }
    missing = sorted(code_messages(repo_root) - translated, key=str)
    assert not missing, f"{len(missing)} message(s) without a translation; run `make messages`: {missing[:5]}"


def test_translations_keep_the_placeholders_of_their_message() -> None:
    for (context, message), text in catalog().items():
        for translation in text if isinstance(text, tuple) else (text,):
            assert fields(translation) == fields(message), (context, message, translation)


def test_the_compiled_catalog_says_what_the_po_file_says() -> None:
    with MO.open("rb") as stream:
        compiled = gettext.GNUTranslations(stream)
    for (context, message), text in catalog().items():
        if isinstance(text, tuple):
            assert compiled.ngettext(message, message, 1) == text[0], message
        elif context:
            assert compiled.pgettext(context, message) == text, (context, message)
        else:
            assert compiled.gettext(message) == text, message


def test_the_catalog_ships_in_the_package(repo_root: Path) -> None:
    import tomllib

    data = tomllib.loads((repo_root / "pyproject.toml").read_text(encoding="utf-8"))
    assert "locale/*/LC_MESSAGES/*.mo" in data["tool"]["setuptools"]["package-data"]["tracker"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("vi", ("Đạt", "mỗi năm", "dự ước", "năm cao nhất", "đạt {0} kế hoạch")),
        ("en", ("Met", "each year", "provisional", "best year", "{0} of target")),
    ],
)
def test_words_in_each_language(lang: str, words: tuple[str, ...]) -> None:
    found = (
        in_lang(lang, "Met"),
        in_lang(lang, "each year"),
        in_lang_ctx(lang, "figure", "provisional"),
        in_lang_ctx(lang, "higher is better", "best year"),
        in_lang(lang, "{0} of target"),
    )
    assert found == words
    assert translations(lang).ngettext("{count} row", "{count} rows", 2).format(count=2) == (
        "2 dòng" if lang == "vi" else "2 rows"
    )


def test_counts_are_written_as_the_language_writes_them() -> None:
    from tracker.cli.common import count_text
    from tracker.i18n import set_language

    set_language("vi")
    try:
        assert count_text(12000) == "12.000" and count_text(7) == "7"
    finally:
        set_language("en")
    assert count_text(12000) == "12,000"
