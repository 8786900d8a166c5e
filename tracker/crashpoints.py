"""Named moments at which the reliability tests kill the process, as `kill -9` would.

`TRACKER_CRASH_AT=report-renamed tracker report` dies with SIGKILL right after that point, so a
test can check what such a crash leaves behind (tests/reliability/). Unset, a crash point
costs one dictionary look-up.
"""

from __future__ import annotations

import os
import signal

ENV = "TRACKER_CRASH_AT"


def crash_point(name: str) -> None:
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
