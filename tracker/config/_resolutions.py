"""Several resolutions in one config, and the one a command works on.

config.yaml names its resolutions with `resolutions:`, a list of files relative to it, each
holding a `resolution:` and its `targets:` as config.yaml itself can; a resolution written in
config.yaml comes first. A committee keeps the new term's resolution beside the old one, or
follows the resolutions of the committees under it. `--resolution CODE` (or
$TRACKER_RESOLUTION) picks one for a command; the default is the first.

Every problem is reported at once: a file that is missing or unreadable is placed at its line
of config.yaml, a problem inside a file at its own line, and a code given twice names both.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from tracker.config._model import Config
from tracker.config._parse import known_keys, parse_definition
from tracker.config._targets import ResolutionDefinition
from tracker.config._units import UnitFileError, known_kinds, read_unit_file
from tracker.config._yaml import Problem, places
from tracker.errors import ConfigError, TrackerError
from tracker.evaluate import shown_path
from tracker.files import not_a_file, path_status
from tracker.i18n import _
from tracker.reasons import system_reason

Place = tuple[Any, ...]  # where in config.yaml: ("resolution",) or ("resolutions", 2)


def load_definitions(config: Config, path: Path) -> tuple[ResolutionDefinition, ...]:
    """The inline resolution, then those of the files, in the config's order."""
    found: list[tuple[Place, ResolutionDefinition]] = []
    problems: list[str] = []
    placed: list[Problem] = []
    if config.inline is not None:
        try:
            found.append((("resolution",), with_unit_file(config.inline, path.parent)))
        except UnitFileError as exc:
            problems += exc.problems
    for index, name in enumerate(config.resolutions):
        file = path.parent / Path(name).expanduser()
        try:
            definition = parse_definition(_read(file), str(file))
            found.append((("resolutions", index), with_unit_file(definition, file.parent)))
        except (ConfigError, UnitFileError) as exc:
            problems += exc.problems
        except _Unreadable as exc:
            placed.append((("resolutions", index), str(exc)))
    placed += _codes_twice(found)
    if not problems:  # a file that did not load would make its code look unknown
        placed += _unknown_in_schedules(config, [d for _where, d in found])
    if placed:
        problems = places(str(path), path.read_text(encoding="utf-8"), placed) + problems
    if problems:
        raise ConfigError(problems)
    return tuple(definition for _where, definition in found)


def with_unit_file(definition: ResolutionDefinition, folder: Path) -> ResolutionDefinition:
    """The definition with the units of its `units_file:` (relative to the file naming it)."""
    if definition.units_file is None:
        return definition
    file = folder / Path(definition.units_file).expanduser()
    units = read_unit_file(file, known_kinds(definition.unit_kinds), known_keys())
    return definition.model_copy(update={"units": units})


class _Unreadable(Exception):
    """A file of `resolutions:` that cannot be read; the message says why."""


def _read(file: Path) -> str:
    found = path_status(file)
    if found is None:
        message = _("no file {path}; a path is read relative to the config file's folder")
        raise _Unreadable(message.format(path=shown_path(file)))
    if not stat.S_ISREG(found.st_mode):
        message = _("cannot read {path} ({reason})")
        raise _Unreadable(message.format(path=shown_path(file), reason=not_a_file(found.st_mode)))
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        message = _("cannot read {path} ({reason})")
        raise _Unreadable(message.format(path=shown_path(file), reason=system_reason(exc))) from None


def _codes_twice(found: list[tuple[Place, ResolutionDefinition]]) -> list[Problem]:
    """A resolution code may name one resolution only: the second of two is refused."""
    first: dict[str, Place] = {}
    problems: list[Problem] = []
    for where, definition in found:
        code = definition.code
        if code in first:
            place = first[code]
            also = f"{place[0]}[{place[1]}]" if len(place) > 1 else place[0]
            message = _("resolution code {code} is given twice (also {place}); each resolution needs its own")
            problems.append((where, message.format(code=code, place=also)))
        first.setdefault(code, where)
    return problems


def _unknown_in_schedules(config: Config, definitions: list[ResolutionDefinition]) -> list[Problem]:
    """A schedule's `resolution:` must be one the config names."""
    codes = [d.code for d in definitions]
    message = _("unknown resolution {code!r}; the config names: {codes}")
    return [
        (("schedules", index, "resolution"), message.format(code=s.resolution, codes=", ".join(codes)))
        for index, s in enumerate(config.schedules)
        if s.resolution is not None and s.resolution not in codes
    ]


def choose(definitions: tuple[ResolutionDefinition, ...], code: str | None) -> int:
    """The index of the resolution asked for (by code, any case), or the first when none is."""
    if code is None:
        return 0
    for index, definition in enumerate(definitions):
        if definition.code.casefold() == code.strip().casefold():
            return index
    message = _("unknown resolution {code!r}; the config names: {codes}")
    raise TrackerError(message.format(code=code, codes=", ".join(d.code for d in definitions)))
