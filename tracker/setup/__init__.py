"""Setting a database up: `tracker init` loads the config's resolutions, targets and units
(and migrates the schema); `tracker demo` makes a demo database with synthetic figures."""

from __future__ import annotations

from tracker.setup._demo import BANNER, Demo, make_demo
from tracker.setup._init import Change, Initialised, initialise
from tracker.setup._units import UnitChange

__all__ = [
    "BANNER",
    "Change",
    "Demo",
    "Initialised",
    "UnitChange",
    "initialise",
    "make_demo",
]
