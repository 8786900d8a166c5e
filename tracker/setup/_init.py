"""Loading the resolution, its targets and its units from config into the database (`tracker init`).

Running it twice changes nothing; a changed definition is reported and applied; a target
that left the config but has figures is never deleted. Each definition added, changed or removed
is a link of the resolution's chain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tracker import store
from tracker.base import unit_of_work
from tracker.config import ResolutionConfig, ResolutionDefinition, Settings, TargetConfig
from tracker.errors import TrackerError
from tracker.i18n import N_, _, ngettext
from tracker.records import link_definitions, lock_chain
from tracker.setup._config_rows import differences, with_figures, year_span
from tracker.setup._units import UnitChange, sync_units
from tracker.store import Resolution, Session, Target, advisory_lock


@dataclass(frozen=True)
class Change:
    """One difference between the config and the database, as shown to the user."""

    subject: str  # a target's code, or the resolution's (with `resolution`)
    kind: str  # added, changed, removed, uncounted (its stored figures no longer count)
    details: tuple[str, ...] = ()
    resolution: bool = False

    def __str__(self) -> str:
        if self.kind == "uncounted":
            return "! " + "; ".join(self.details)
        subject = _("resolution {code}").format(code=self.subject) if self.resolution else self.subject
        line = {
            "added": N_("+ {subject} added"),
            "changed": N_("~ {subject} changed"),
            "removed": N_("- {subject} removed"),
        }
        return _(line[self.kind]).format(subject=subject) + (
            f": {'; '.join(self.details)}" if self.details else ""
        )


@dataclass
class SyncResult:
    resolution: Resolution
    changes: list[Change | UnitChange] = field(default_factory=list)


def resolution_fields(config: ResolutionConfig) -> dict[str, Any]:
    years = config.reporting_years
    return {
        "code": config.code,
        "title": config.title,
        "title_en": config.title_en,
        "body": config.body,
        "superior_body": config.superior_body,
        "congress_date": config.congress_date,
        "first_year": years[0],
        "last_year": years[-1],
    }


def target_fields(config: TargetConfig, position: int) -> dict[str, Any]:
    return {
        "code": config.code,
        "position": position,
        "title": config.title,
        "title_en": config.title_en,
        "short_title": config.short_title,
        "short_title_en": config.short_title_en,
        "measure": config.measured.value,
        "rule": config.rule.value,
        "comparator": config.comparator.value,
        "threshold": config.threshold,
        "unit": config.unit,
        "unit_en": config.unit_en,
        "source_kind": config.source.kind,
        "source_wording": config.source.wording,
        "source_why": config.source.why,
        "source_why_en": config.source.why_en,
        "source_reference": config.source.reference,
        "part_of": config.part_of,
        "figures_from": config.figures_from,
        "rating_of": config.rating.of if config.rating else None,
        "rating_at_least": config.rating.at_least if config.rating else None,
    }


def sync_definitions(session: Session, config: ResolutionDefinition) -> SyncResult:
    """Make the database's resolution and its targets equal to the definition; the database's
    other resolutions are left as they are."""
    advisory_lock(session, "definitions")  # two first `init`s: one after the other
    wanted = resolution_fields(config.resolution)
    stored = store.find_resolution(session, config.resolution.code)
    changes: list[Change | UnitChange] = []
    if stored is None:
        resolution = store.save_resolution(session, wanted)
        changes.append(Change(config.resolution.code, "added", resolution=True))
    else:
        lock_chain(session, stored.id)  # before the targets and units, as every writer
        changed, details = differences(stored, wanted)
        resolution = store.save_resolution(session, changed, stored.id) if changed else stored
        if details:
            changes.append(Change(config.resolution.code, "changed", details, resolution=True))
    changes += _sync_targets(session, resolution.id, config.targets)
    changes += sync_units(session, resolution.id, config.units)
    link_definitions(session, resolution.id)  # each change joins the resolution's chain
    return SyncResult(resolution, changes)


def _sync_targets(session: Session, resolution_id: int, targets: list[TargetConfig]) -> list[Change]:
    existing = {t.code: t for t in store.targets_of(session, resolution_id)}
    wanted_codes = {t.code for t in targets}
    changes = _remove_targets(session, [t for c, t in existing.items() if c not in wanted_codes])
    for position, target in enumerate(targets, start=1):
        fields = target_fields(target, position)
        row = existing.get(target.code)
        if row is None:
            store.save_target(session, resolution_id, fields)
            changes.append(Change(target.code, "added"))
            continue
        changed, details = differences(row, fields)
        saved = store.save_target(session, resolution_id, changed, row.id) if changed else row
        if details:
            changes.append(Change(target.code, "changed", details))
            changes += _uncounted(session, saved, row.figures_from)
    return changes


def _uncounted(session: Session, row: Target, borrowed_before: str | None) -> list[Change]:
    """The stored figures of a target that now takes its figures from another: kept in the
    database, no longer counted, and said so."""
    source = row.figures_from
    if source is None or source == borrowed_before:
        return []
    years = store.stored_figure_years(session, row.id)
    if not years:
        return []
    span = year_span(years)
    message = ngettext(
        "{code}: {count} stored figure ({years}) is no longer counted; its figures now come from "
        "{source} (the stored figure is kept)",
        "{code}: {count} stored figures ({years}) are no longer counted; its figures now come from "
        "{source} (the stored figures are kept)",
        len(years),
    )
    line = message.format(code=row.code, count=len(years), years=span, source=source)
    return [Change(row.code, "uncounted", (line,))]


def _remove_targets(session: Session, gone: list[Target]) -> list[Change]:
    kept = [(t.code, store.count_entries(session, t.id)) for t in gone]
    listed = with_figures(kept)
    if listed:
        message = _(
            "target {targets} is no longer in the config but has recorded figures; it was not deleted "
            "and nothing was changed: put it back in the config"
        )
        raise TrackerError(message.format(targets=", ".join(listed)))
    for target in gone:
        store.delete_target(session, target.id)
    return [Change(t.code, "removed") for t in gone]


@dataclass(frozen=True)
class Initialised:
    """What `tracker init` did: the schema before and after, and each resolution's changes."""

    database: str  # where, as messages name it
    schema: tuple[str | None, str | None]
    changes: dict[str, list[Change | UnitChange]]


def initialise(settings: Settings) -> Initialised:
    """Migrate the schema, then load every resolution's definitions in one transaction."""
    schema = store.upgrade(settings.database_url)
    changes: dict[str, list[Change | UnitChange]] = {}
    with unit_of_work(settings) as session:
        for definition in settings.definitions:
            changes[definition.code] = list(sync_definitions(session, definition).changes)
    return Initialised(store.describe(settings.database_url), schema, changes)
