"""`python -m tracker.render.pdf LANG`: the PDF worker process (tracker/render/pdf/_worker.py)."""

from __future__ import annotations

import sys

from tracker.render.pdf._worker import main

sys.exit(main(sys.argv[1:]))
