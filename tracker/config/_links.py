"""The links between the targets of a config, checked on the whole list of targets.

`part_of: T01` makes a "trong đó" target: its figure is part of T01's, so it can never exceed it
(checked at entry). It names another target of the same measure, and the links make no circle.
`figures_from: T07` makes a target judged on T07's figures (T08, the yearly average of T07's
admissions): it takes none of its own. It names another target of the same measure that holds
its own figures (no chain of figures_from).
"""

from __future__ import annotations

import difflib
from typing import Any

from tracker.config._yaml import Problem
from tracker.i18n import N_, _

MEASURE_WORDS = {"share": N_("a share target"), "count": N_("a count target")}


def link_problems(raw: dict[str, Any]) -> list[Problem]:
    """Every problem of part_of and figures_from, each placed at its key."""
    items = raw.get("targets")
    if not isinstance(items, list):
        return []
    targets = {t["code"]: t for t in items if isinstance(t, dict) and isinstance(t.get("code"), str)}
    found: list[Problem] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            continue
        for key in ("part_of", "figures_from"):
            other = item.get(key)
            if isinstance(other, str):
                message = _link_problem(key, item, other, targets)
                if message:
                    found.append((("targets", index, key), message))
    return found


def _link_problem(key: str, item: dict[str, Any], other: str, targets: dict[str, Any]) -> str | None:
    code = item["code"]
    if other not in targets:
        close = difflib.get_close_matches(other, list(targets), n=3)
        hint = _(" (did you mean {codes}?)").format(codes=", ".join(close)) if close else ""
        return _("{other} is not a target of this config{hint}; name one of its targets' codes").format(
            other=other, hint=hint
        )
    if other == code:
        return _("target {code} cannot name itself here; name another target").format(code=code)
    measure, theirs = _measure(item.get("measure")), _measure(targets[other].get("measure"))
    if measure != theirs:
        message = _("{code} is {what} but {other} is {theirs}; link targets of one measure")
        what, other_what = (
            _(MEASURE_WORDS.get(str(m), N_("another kind of target"))) for m in (measure, theirs)
        )
        return message.format(code=code, what=what, other=other, theirs=other_what)
    if key == "figures_from":
        source_of = targets[other].get("figures_from")
        if source_of:
            message = _(
                "{other} takes its own figures from {source_of}; name the target that holds the figures "
                "({source_of})"
            )
            return message.format(other=other, source_of=source_of)
        return None
    return _circle(code, targets)


def _measure(measure: Any) -> Any:
    """A target's figures' measure: a rating target's (rating_share) are shares."""
    return "share" if measure == "rating_share" else measure


def _circle(code: str, targets: dict[str, Any]) -> str | None:
    """The part_of links from `code`, when they come back to it."""
    path, current = [code], targets[code].get("part_of")
    while isinstance(current, str) and current in targets:
        path.append(current)
        if current == code:
            message = _("part_of makes a circle ({path}); a 'trong đó' target is part of a larger one")
            return message.format(path=" -> ".join(path))
        if current in path[:-1]:
            return None  # a circle further on, reported at its own targets
        current = targets[current].get("part_of")
    return None
