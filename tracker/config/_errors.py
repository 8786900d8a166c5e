"""What a config check found, in the reader's language: pydantic reports its problems by type
("finite_number", "less_than_equal", ...); each is worded here with what is accepted. Problems
that the config's own checks raise are worded where they are raised."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any

from tracker.i18n import N_, _
from tracker.reasons import quoted

PATTERN_RULES = {
    "code": N_(
        "a code starts with a letter without accents (A-Z, a-z) or a digit, then such letters, "
        "digits, '.', '_' or '-' (at most 32 characters), e.g. T01 (Đ is written D)"
    ),
    "id": N_(
        "an id starts with a letter without accents (A-Z, a-z) or a digit, then such letters, "
        "digits, '.', '_' or '-' (at most 64 characters), e.g. bao-cao-nam"
    ),
    "after": N_("a day of the year as MM-DD, e.g. 01-31"),
    "template": N_("a Word file (.docx), e.g. mau-bao-cao.docx, written by tracker report-template"),
    "password_env": N_("the name of an environment variable, e.g. TRACKER_SMTP_PASSWORD"),
    "pkcs12": N_("a PKCS#12 file (.p12 or .pfx) holding the certificate and its key, e.g. van-phong.p12"),
}


def _limit(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


WORDINGS: dict[str, Callable[[dict[str, Any]], str]] = {
    "missing": lambda e: _("required key is missing"),
    "finite_number": lambda e: _("must be a finite number, e.g. 90 or 90.5"),
    "float_type": lambda e: _("must be a number, e.g. 90 or 90.5 (not {input!r})").format(input=e["input"]),
    "float_parsing": lambda e: _("must be a number, e.g. 90 or 90.5 (not {input!r})").format(
        input=e["input"]
    ),
    "int_type": lambda e: _("must be a whole number (not {input!r})").format(input=e["input"]),
    "int_parsing": lambda e: _("must be a whole number (not {input!r})").format(input=e["input"]),
    "int_from_float": lambda e: _("must be a whole number (not {input!r})").format(input=e["input"]),
    "string_type": lambda e: _("must be text (not {input!r})").format(input=e["input"]),
    "bool_type": lambda e: _("must be true or false (not {input!r})").format(input=e["input"]),
    "bool_parsing": lambda e: _("must be true or false (not {input!r})").format(input=e["input"]),
    "list_type": lambda e: _("must be a list, e.g. [2021, 2022]"),
    "model_type": lambda e: _("must be a mapping of keys (key: value)"),
    "dict_type": lambda e: _("must be a mapping of keys (key: value)"),
    "model_attributes_type": lambda e: _("must be a mapping of keys (key: value)"),
    "greater_than_equal": lambda e: _("must be at least {limit}").format(limit=_limit(e["ctx"]["ge"])),
    "less_than_equal": lambda e: _("must be at most {limit}").format(limit=_limit(e["ctx"]["le"])),
    "greater_than": lambda e: _("must be more than {limit}").format(limit=_limit(e["ctx"]["gt"])),
    "less_than": lambda e: _("must be less than {limit}").format(limit=_limit(e["ctx"]["lt"])),
    "string_too_short": lambda e: _("cannot be empty"),
    "string_too_long": lambda e: _("must be at most {count} characters long").format(
        count=e["ctx"]["max_length"]
    ),
    "too_short": lambda e: _("must list at least {count}").format(count=e["ctx"]["min_length"]),
    "too_long": lambda e: _("must list at most {count}").format(count=e["ctx"]["max_length"]),
    "literal_error": lambda e: _("{input!r} is not accepted; accepted: {expected}").format(
        input=e["input"], expected=_choices(e["ctx"]["expected"])
    ),
    "enum": lambda e: _("{input!r} is not accepted; accepted: {expected}").format(
        input=e["input"], expected=_choices(e["ctx"]["expected"])
    ),
}


def _choices(expected: Any) -> str:
    """pydantic's list of accepted values ("'a', 'b' or 'c'", joined in English) joined in the
    reader's language."""
    text = str(expected)
    choices = re.findall(r"'(?:[^'\\]|\\.)*'", text)
    if len(choices) < 2:
        return text
    return _("{choices} or {last}").format(choices=", ".join(choices[:-1]), last=choices[-1])


def wording(error: dict[str, Any], known_keys: list[str]) -> str:
    """One pydantic error as a line a person can act on, in the running command's language."""
    kind = str(error["type"])
    if kind == "extra_forbidden":
        guess = difflib.get_close_matches(str(error["loc"][-1]), known_keys, n=1)
        hint = _(" (did you mean {key!r}?)").format(key=guess[0]) if guess else ""
        return _("unknown key{hint}").format(hint=hint)
    if kind.startswith(("date_", "datetime_")):
        return _("{input!r} is not a day of the calendar; write YYYY-MM-DD, e.g. 2020-08-18").format(
            input=error["input"]
        )
    if kind == "string_pattern_mismatch":
        rule = PATTERN_RULES.get(str(error["loc"][-1]), "")
        return (
            _("{input!r} is not accepted: {rule}").format(input=error["input"], rule=_(rule))
            if rule
            else (_("{input!r} is not accepted here").format(input=error["input"]))
        )
    if kind in WORDINGS:
        return WORDINGS[kind](error)
    if kind in ("value_error", "assertion_error"):  # the config's own checks: worded already
        return str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    # a kind not worded here: said in the reader's language, pydantic's words quoted
    return _("{input!r} is not accepted here").format(input=error.get("input")) + " " + quoted(error["msg"])
