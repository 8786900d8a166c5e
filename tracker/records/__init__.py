from __future__ import annotations

from tracker.records._entering import YearLine, answered, confirm_figure, year_lines
from tracker.records._history import History, HistoryLine, history
from tracker.records._import import (
    ImportOptions,
    ImportPlan,
    Listed,
    import_files,
    import_rows,
    import_sheet,
)
from tracker.records._import_files import files_to_import
from tracker.records._quota_file import import_quota_file
from tracker.records._quotas import QuotaRequest, QuotaStored, record_quota
from tracker.records._rating_file import import_ratings
from tracker.records._ratings import RatingRequest, rate_unit, rating_words
from tracker.records._record import FigureRequest, record_figure
from tracker.records._revisions import (
    FigureRow,
    Recorded,
    checked_text,
)

__all__ = [
    "FigureRequest",
    "FigureRow",
    "History",
    "HistoryLine",
    "ImportOptions",
    "ImportPlan",
    "Listed",
    "QuotaRequest",
    "QuotaStored",
    "RatingRequest",
    "Recorded",
    "YearLine",
    "answered",
    "checked_text",
    "confirm_figure",
    "files_to_import",
    "history",
    "import_files",
    "import_quota_file",
    "import_ratings",
    "import_rows",
    "import_sheet",
    "rate_unit",
    "rating_words",
    "record_figure",
    "record_quota",
    "year_lines",
]
