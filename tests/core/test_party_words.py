"""The Party's own words in the Vietnamese catalog and the report templates: "chỉ tiêu giao"
(not "định mức"), "mức chỉ tiêu" (not "ngưỡng"), "dự ước" (not "số ước tính"), "số đạt/tổng
số" (not "tử số/mẫu số"), the figures "của toàn Đảng bộ" (not "của Đảng ủy")."""

from __future__ import annotations

import re

from babel.messages.pofile import read_po

from tracker.i18n import LOCALE_DIR

PO = LOCALE_DIR / "vi" / "LC_MESSAGES" / "tracker.po"
TEMPLATES = LOCALE_DIR.parent / "render" / "templates"
OLD_WORDS = re.compile(
    r"định mức|ngưỡng|số ước tính|tử số|mẫu số|của Đảng ủy|của cấp ủy|của chính cấp ủy", re.I
)


def messages() -> list[tuple[str | None, str, str]]:
    with PO.open("rb") as stream:
        return [
            (m.context, m.id if isinstance(m.id, str) else m.id[0], text)
            for m in read_po(stream)
            if m.id
            for text in (m.string if isinstance(m.string, tuple) else (m.string,))
        ]


def test_the_catalog_says_the_partys_words() -> None:
    left = [(context, message, text) for context, message, text in messages() if OLD_WORDS.search(text)]
    assert not left, left


def test_the_new_words_are_there() -> None:
    said = " ".join(text for _context, _message, text in messages())
    for words in ("chỉ tiêu giao", "mức chỉ tiêu", "dự ước", "số đạt", "tổng số", "của toàn Đảng bộ"):
        assert words in said, words


def test_the_templates_say_the_partys_words() -> None:
    found = sorted(TEMPLATES.glob("*.j2"))
    assert found
    for path in found:
        assert not OLD_WORDS.search(path.read_text(encoding="utf-8")), path.name
