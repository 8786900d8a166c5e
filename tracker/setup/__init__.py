from __future__ import annotations

from tracker.setup._demo import BANNER, load_demo_figures, prepare_folder
from tracker.setup._init import Change, sync_definitions
from tracker.setup._units import UnitChange

__all__ = [
    "BANNER",
    "Change",
    "UnitChange",
    "load_demo_figures",
    "prepare_folder",
    "sync_definitions",
]
