"""The values a person types for a choice, in English or in Vietnamese: the kind of a report
(`--kind`, a schedule's `report.kind`) and what a unit is rated as (`--of`, the `of` column of a
file of ratings, a rating target's `rating.of`).

A value is read as a rating level is (evaluate.plain_words): any case, with or without
diacritics, words joined by spaces, "-" or "_": "Sơ kết", "so-ket", "SO_KET" are one value.
One place for every face, so that the command line, the config and the files of ratings accept
the same words and refuse the rest alike.
"""

from __future__ import annotations

from collections.abc import Callable

from tracker.errors import TrackerError
from tracker.evaluate import ReportKind, plain_words
from tracker.i18n import N_, _

AGENCY, PARTY_ORG = "agency", "party_org"
# Each value as plain_words writes it -> the value the code uses.
_KINDS: dict[str, ReportKind] = {
    "yearly": ReportKind.YEARLY,
    "nam": ReportKind.YEARLY,
    "midterm": ReportKind.MIDTERM,
    "so-ket": ReportKind.MIDTERM,
    "final": ReportKind.FINAL,
    "tong-ket": ReportKind.FINAL,
}
_RATED_AS: dict[str, str] = {
    "agency": AGENCY,
    "co-quan": AGENCY,
    "party-org": PARTY_ORG,
    "to-chuc-dang": PARTY_ORG,
}
KINDS_ACCEPTED = N_("nam (yearly), so-ket (midterm) or tong-ket (final)")
RATED_AS_ACCEPTED = N_("to-chuc-dang (party_org) or co-quan (agency)")


def report_kind_of(text: str) -> ReportKind | None:
    """The report kind a person wrote ("so-ket", "Tổng kết", "midterm"), None if none."""
    return _KINDS.get(plain_words(text))


def rated_as_of(text: str) -> str | None:
    """What a unit is rated as, as a person wrote it ("Tổ chức đảng", "co-quan", "party_org"):
    agency or party_org; None if neither."""
    return _RATED_AS.get(plain_words(text))


def unknown_kind(text: str) -> str:
    message = _("unknown report kind {given!r}; accepted: {accepted}")
    return message.format(given=text, accepted=_(KINDS_ACCEPTED))


def unknown_rated_as(text: str) -> str:
    message = _("unknown {option} {given!r}; accepted: {accepted}")
    return message.format(option="--of", given=text, accepted=_(RATED_AS_ACCEPTED))


def not_accepted(text: str, accepted: str) -> str:
    """A config value none of a choice's (its key already named by the config's check)."""
    return _("{input!r} is not accepted; accepted: {expected}").format(input=text, expected=_(accepted))


def config_choice(text: object, read: Callable[[str], object | None], accepted: str) -> object:
    """A config value typed in either language, read as the command line reads it (`read`:
    report_kind_of, rated_as_of); a ValueError naming what is accepted, for pydantic to place.
    What is not a text is left to the field's own type check."""
    if not isinstance(text, str):
        return text
    found = read(text)
    if found is None:
        raise ValueError(not_accepted(text, accepted))
    return found


def report_kind_given(text: str) -> ReportKind:
    """`--kind` as typed, or the error that lists the accepted values."""
    kind = report_kind_of(text)
    if kind is None:
        raise TrackerError(unknown_kind(text))
    return kind


def rated_as_given(text: str) -> str:
    """`--of` as typed (or a file's `of` cell), or the error that lists the accepted values."""
    rated_as = rated_as_of(text)
    if rated_as is None:
        raise TrackerError(unknown_rated_as(text))
    return rated_as
