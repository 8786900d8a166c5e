"""Queries of `tracker overview`: every resolution of the database at once, in four queries
whatever their number (resolutions, targets, the current figure of every target and year, and
the sums of the units' current figures of every target and year)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import case, func
from sqlalchemy import select as sa_select  # more columns than sqlmodel's select types
from sqlmodel import Session, col, select

from tracker.store.tables import Entry, Resolution, Target


def resolutions(session: Session) -> list[Resolution]:
    """Every resolution, in the order they were loaded."""
    return list(session.exec(select(Resolution).order_by(col(Resolution.id))).all())


def target_rules(session: Session) -> Sequence[Any]:
    """(id, resolution_id, code, rule, comparator, threshold, measure) of every target, in their
    order."""
    names = ("id", "resolution_id", "code", "rule", "comparator", "threshold", "measure")
    table = Target.metadata.tables["target"]
    query = sa_select(*(table.c[name] for name in names)).order_by(table.c.resolution_id, table.c.position)
    return session.execute(query).all()


def current_values(session: Session) -> Sequence[Any]:
    """(target_id, year, value) of the committee's latest revision of every (target, year) in
    the database; plain rows of the table, not entries: the overview needs only the figures.
    The units' figures are left out (unit_sums adds them up)."""
    entry = Entry.metadata.tables["entry"]
    own = entry.c.unit_id.is_(None)  # the committee's figures, not its units'
    newest = (
        sa_select(entry.c.target_id, entry.c.year, func.max(entry.c.revision).label("revision"))
        .where(own)
        .group_by(entry.c.target_id, entry.c.year)
        .subquery()
    )
    query = (
        sa_select(entry.c.target_id, entry.c.year, entry.c.value)
        .join(
            newest,
            (entry.c.target_id == newest.c.target_id)
            & (entry.c.year == newest.c.year)
            & (entry.c.revision == newest.c.revision),
        )
        .where(own)
    )
    return session.execute(query).all()


def unit_sums(session: Session) -> Sequence[Any]:
    """(target_id, year, sum of values, count, sum of numerators, sum of denominators) of the
    units' latest revisions of every (target, year) of the database: what a roll-up needs (a
    count target's figure is the sum of values; a share's Σ numerators / Σ denominators of the
    figures that have counts, so the numerators are summed only where a denominator is)."""
    entry = Entry.metadata.tables["entry"]
    units = entry.c.unit_id.is_not(None)
    newest = (
        sa_select(
            entry.c.target_id, entry.c.unit_id, entry.c.year, func.max(entry.c.revision).label("revision")
        )
        .where(units)
        .group_by(entry.c.target_id, entry.c.unit_id, entry.c.year)
        .subquery()
    )
    weighed = case((entry.c.denominator.is_not(None), entry.c.numerator), else_=None)
    query = (
        sa_select(
            entry.c.target_id,
            entry.c.year,
            func.sum(entry.c.value),
            func.count(),
            func.sum(weighed),
            func.sum(entry.c.denominator),
        )
        .join(
            newest,
            (entry.c.target_id == newest.c.target_id)
            & (entry.c.unit_id == newest.c.unit_id)
            & (entry.c.year == newest.c.year)
            & (entry.c.revision == newest.c.revision),
        )
        .group_by(entry.c.target_id, entry.c.year)
    )
    return session.execute(query).all()
