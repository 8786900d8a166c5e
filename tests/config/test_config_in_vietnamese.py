"""Every kind of problem pydantic finds in a config is told in Vietnamese with `--lang vi`:
no English word is left once the config's own key names and quoted values are set aside."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli.test_vietnamese import english_left
from tests.helpers import default_config_text

BASE = default_config_text()
SMTP = "timezone: Asia/Ho_Chi_Minh\nsmtp: {host: h, sender: a@b.org, "
SCHEDULE = "timezone: Asia/Ho_Chi_Minh\nschedules:\n  - id: x\n    cron: yearly\n    "
# pydantic's kind of problem -> (the default config's text, what breaks it that way)
BREAKS = {
    "wrong type (a list for a number)": ("threshold: 90\n", "threshold: [1]\n"),
    "float parsing": ("threshold: 90\n", "threshold: chín\n"),
    "not a finite number": ("threshold: 90\n", "threshold: .inf\n"),
    "missing key": ("    rule: each_year\n", ""),
    "extra key": ("    rule: each_year\n", "    rulez: each_year\n    rule: each_year\n"),
    "pattern mismatch": ("  # template: mau-bao-cao.docx", "  template: x.pdf"),
    "pattern in a list": ("timezone: Asia/Ho_Chi_Minh", "timezone: Asia/Ho_Chi_Minh\nunit_kinds: ['a b']"),
    "literal (rule)": ("rule: each_year", "rule: hang_nam"),
    "literal (measure)": ("measure: rating_share", "measure: ratio"),
    "literal (language)": ("language: vi ", "language: fr "),
    "literal (comparator)": ('comparator: ">="', 'comparator: "=="'),
    "literal (source kind)": ("kind: quoted", "kind: made_up"),
    "literal (smtp security)": ("timezone: Asia/Ho_Chi_Minh", SMTP + "security: tls}"),
    "literal (schedule kind)": ("timezone: Asia/Ho_Chi_Minh", SCHEDULE + "kind: other"),
    "literal (as_of)": ("timezone: Asia/Ho_Chi_Minh", SCHEDULE + "report: {as_of: hom-qua}"),
    "text too long": ("place: Điện Biên", "place: " + "x" * 100),
    "list too long": ("    - Lưu Văn phòng Đảng ủy\n", "    - a\n" * 31),
    "empty text": ("title: Hàng năm", "title: ''\n    x: Hàng năm"),
    "int parsing": ("timezone: Asia/Ho_Chi_Minh", SMTP + "port: abc}"),
    "int from float": ("timezone: Asia/Ho_Chi_Minh", SMTP + "port: 25.5}"),
    "too small": ("timezone: Asia/Ho_Chi_Minh", SMTP + "port: 0}"),
    "bool": ("timezone: Asia/Ho_Chi_Minh", SCHEDULE + "email: {to: [a@b.org], only_when_changed: maybe}"),
    "string type": ("place: Điện Biên", "place: [1, 2]"),
    "date parsing": ("congress_date: 2020-08-18", "congress_date: hôm qua"),
    "date out of the calendar": ("congress_date: 2020-08-18", "congress_date: 2020-13-45"),
    "e-mail address": (
        "timezone: Asia/Ho_Chi_Minh",
        "timezone: Asia/Ho_Chi_Minh\nsmtp: {host: h, sender: khong}",
    ),
    "database url": ("# database:", "database:\n  url: ftp://x\n# database:"),
    "list type": ("reporting_years: [2021, 2022, 2023, 2024, 2025]", "reporting_years: 2021"),
    "mapping type": ("  margins_mm: {top: 20, bottom: 20, left: 30, right: 15}", "  margins_mm: 5"),
}
# tracker: lỗi: <file>:<line>: <key path>: ... (the key path is the config's own words)
PLACE = re.compile(r"^tracker: lỗi: \S+:\d+: [\w\[\].]+: ", re.MULTILINE)


@pytest.mark.parametrize("kind", list(BREAKS))
def test_every_kind_of_config_problem_is_told_in_vietnamese(run, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    old, new = BREAKS[kind]
    assert old in BASE
    config = tmp_path / "config.yaml"
    config.write_text(BASE.replace(old, new, 1), encoding="utf-8")
    result = run("--lang", "vi", "--config", str(config), "status")
    assert result.code == 2 and result.err.startswith("tracker: lỗi: ")
    lines = result.err.splitlines()
    assert all(PLACE.match(line) for line in lines), result.err  # each problem at its place
    assert english_left(PLACE.sub("", result.err)) == [], result.err


def test_a_kind_of_problem_not_worded_yet_is_still_told_in_vietnamese() -> None:
    from tracker.config._errors import wording
    from tracker.i18n import current_language, set_language

    before = current_language()
    set_language("vi")
    try:
        said = wording(
            {"type": "url_parsing", "input": "x", "msg": "Input should be a valid URL", "loc": ("a",)}, []
        )
    finally:
        set_language(before)
    assert said == "không nhận 'x' ở đây «Input should be a valid URL»"
    assert english_left(said) == []
