"""Finding a resolution, a target or a year the way a user names them, with helpful refusals."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from tracker import store
from tracker.errors import TrackerError
from tracker.evaluate import exists_in
from tracker.i18n import _
from tracker.store import Resolution, Session, Target, Unit


def load_resolution(session: Session, code: str) -> Resolution:
    resolution = store.find_resolution(session, code)
    if resolution is None:
        raise TrackerError(
            _("resolution {code} is not in the database; run `tracker init`").format(code=code)
        )
    return resolution


def find_target(session: Session, resolution: Resolution, code: str) -> Target:
    """The target with this code, or an error that lists the valid codes."""
    targets = store.targets_of(session, resolution.id)
    for target in targets:
        if target.code.casefold() == code.strip().casefold():
            return target
    valid = ", ".join(t.code for t in targets)
    raise TrackerError(_("unknown target code {code!r}; valid codes: {valid}").format(code=code, valid=valid))


def check_year(resolution: Resolution, year: int) -> None:
    if year not in resolution.years:
        message = _("year {year} is outside the reporting years {first}-{last}")
        raise TrackerError(message.format(year=year, first=resolution.first_year, last=resolution.last_year))


def find_unit(session: Session, resolution: Resolution, code: str) -> Unit:
    """The unit with this code (any case), or an error naming the closest codes: found among
    the codes alone, then read whole (a committee may have a thousand units)."""
    codes = store.unit_codes(session, resolution.id)
    wanted = code.strip().casefold()
    for unit_id, found in codes:
        if found.casefold() == wanted:
            unit = store.unit_by_id(session, unit_id)
            assert unit is not None, f"unit {unit_id} is gone"
            return unit
    raise _unknown_unit([found for _id, found in codes], code)


def pick_unit(units: Sequence[Unit], code: str) -> Unit:
    """The unit of `units` with this code (any case), or an error naming the closest codes."""
    wanted = code.strip().casefold()
    for unit in units:
        if unit.code.casefold() == wanted:
            return unit
    raise _unknown_unit([unit.code for unit in units], code)


class UnitCodes:
    """Units found by their code (any case) with one dictionary look-up, for the many rows of a
    file, where pick_unit would read every unit for each; a code that is none of them is refused
    as pick_unit refuses it, naming the closest codes."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.units = list(units)
        self.by_key: dict[str, Unit] = {}
        for unit in self.units:
            self.by_key.setdefault(unit.code.casefold(), unit)  # the first of two alike, as pick_unit

    def pick(self, code: str) -> Unit:
        found = self.by_key.get(code.strip().casefold())
        if found is None:
            raise _unknown_unit([unit.code for unit in self.units], code)
        return found


def _unknown_unit(codes: Sequence[str], code: str) -> TrackerError:
    """The refusal of a code that is none of the units' `codes`, naming the closest codes."""
    if not codes:
        return TrackerError(
            _("unknown unit {code!r}: the resolution has no units; declare them in the config").format(
                code=code
            )
        )
    wanted = code.strip().casefold()
    by_key = {known.casefold(): known for known in codes}
    close = [by_key[k] for k in difflib.get_close_matches(wanted, list(by_key), n=5, cutoff=0.5)]
    if close:
        message = _("unknown unit {code!r}; did you mean: {close}? (`tracker units` lists them)")
        return TrackerError(message.format(code=code, close=", ".join(close)))
    return TrackerError(_("unknown unit {code!r}; `tracker units` lists them").format(code=code))


def check_unit_year(unit: Unit, year: int) -> None:
    """A unit reports only for the years it exists."""
    if exists_in(year, unit.from_year, unit.to_year):
        return
    message = _("unit {code} does not exist in {year} (its years: {years}); it has figures only for those")
    raise TrackerError(message.format(code=unit.code, year=year, years=years_text(unit)))


def years_text(unit: Unit) -> str:
    """The years a unit exists: "2021-2024", "2022-", "-2023", or "" for always."""
    if unit.from_year is None and unit.to_year is None:
        return ""
    return f"{unit.from_year or ''}-{unit.to_year or ''}"
