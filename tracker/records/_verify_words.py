"""What `tracker verify` says: one line in the command's language, or a JSON object."""

from __future__ import annotations

from typing import Any

from tracker.i18n import N_, _, ngettext
from tracker.records._verify import (
    ALTERED,
    CHANGED,
    DELETED,
    INSERTED,
    MISSING,
    Broken,
    Verified,
    subject_items,
)

TABLES = {
    "entry": N_("figure"),
    "rating": N_("rating"),
    "quota": N_("quota"),
    "resolution": N_("resolution"),
    "target": N_("target definition"),
    "unit": N_("unit definition"),
}
FIELDS = {
    "code": N_("code {value}"),
    "target": N_("target {value}"),
    "unit": N_("unit {value}"),
    "of": N_("as {value}"),
    "year": N_("year {value}"),
    "revision": N_("revision {value}"),
}
WHAT = {
    CHANGED: N_("the stored row was changed behind the tool's back"),
    DELETED: N_("the stored row was deleted behind the tool's back"),
    INSERTED: N_("a row was inserted behind the tool's back: no link names it"),
    ALTERED: N_("the link itself was altered: its hash does not follow from the link before"),
    MISSING: N_("the link is missing: the chain skips it"),
}
RATED_AS = {"party_org": N_("party organisation"), "agency": N_("agency")}
SHORT = 12  # hex digits of the head in a report's footer


def short_head(head: str) -> str:
    return head[:SHORT]


def verified_line(verified: Verified) -> str:
    """ "1.234 records, chain intact, head 3f2a...", or the first broken link in a line."""
    if verified.broken is None:
        message = _("{count} records, chain intact, head {head}")
        return message.format(count=verified.links, head=verified.head)
    return broken_line(verified.broken)


def broken_line(broken: Broken) -> str:
    """ "chain broken at link 17 (figure: target T01, unit SYT, year 2024, revision 2): ..."."""
    items = subject_items(broken)
    words = [(n, _(RATED_AS[v]) if n == "of" and v in RATED_AS else v) for n, v in items]
    subject = ", ".join(_(FIELDS[name]).format(value=value) for name, value in words)
    what = _(TABLES.get(broken.table, broken.table)) + (f": {subject}" if subject else "")
    if broken.seq is None:
        message = _("chain broken ({what}): {problem}")
        return message.format(what=what, problem=_(WHAT[broken.what]))
    message = _("chain broken at link {seq} ({what}): {problem}")
    return message.format(seq=broken.seq, what=what, problem=_(WHAT[broken.what]))


def report_line(verified: Verified, head: str, seq: int | None) -> str:
    """Whether the history a report was made from is still there, intact."""
    if seq is None:
        message = _(
            "the report's history {head} is not in this chain: the history it was made from was "
            "changed or rebuilt since, or the report is of another database"
        )
        return message.format(head=head)
    if not verified.intact:
        return _("the report was made from link {seq}, but the chain is broken since").format(seq=seq)
    added = verified.links - seq
    if added == 0:
        return _("the report's history {head} is intact and unchanged since: it is the chain's head").format(
            head=head
        )
    message = ngettext(
        "the report's history {head} (link {seq}) is intact; {count} change was recorded after it",
        "the report's history {head} (link {seq}) is intact; {count} changes were recorded after it",
        added,
    )
    return message.format(head=head, seq=seq, count=added)


def verified_json(verified: Verified, report: dict[str, Any] | None = None) -> dict[str, Any]:
    """The result for scripts: counts, head, and the first broken link (None when intact)."""
    broken = verified.broken
    found: dict[str, Any] = {
        "resolution": verified.resolution,
        "intact": verified.intact,
        "links": verified.links,
        "head": verified.head,
        "broken": None
        if broken is None
        else {"link": broken.seq, "table": broken.table, "problem": broken.what, **broken.subject},
    }
    if report is not None:
        found["report"] = report
    return found
