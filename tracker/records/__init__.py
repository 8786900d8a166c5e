from __future__ import annotations

from tracker.records._chain import chain_head, link_definitions, lock_chain
from tracker.records._entering import YearLine, answered, confirm_figure, far_answer, year_lines
from tracker.records._far import FarValues, far_advice, far_rows, far_value
from tracker.records._far_value import FarValue
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
from tracker.records._ledger import Outcome
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
from tracker.records._unit_forms import (
    FormOutcome,
    UnitYear,
    rate_units,
    set_quotas,
    year_quotas,
    year_ratings,
)
from tracker.records._unit_values import store_submitted, takes_unit_figures, unit_value_row, unit_year_lines
from tracker.records._verify import Broken, Verified, verify_chain
from tracker.records._verify_words import report_line, verified_json, verified_line
from tracker.records._year_form import YearAnswer, YearEntry, enter_year

__all__ = [
    "Broken",
    "FarValue",
    "FarValues",
    "FigureRequest",
    "FigureRow",
    "FormOutcome",
    "History",
    "HistoryLine",
    "ImportOptions",
    "ImportPlan",
    "Listed",
    "Outcome",
    "QuotaRequest",
    "QuotaStored",
    "RatingRequest",
    "Recorded",
    "UnitYear",
    "Verified",
    "YearAnswer",
    "YearEntry",
    "YearLine",
    "answered",
    "chain_head",
    "checked_text",
    "confirm_figure",
    "enter_year",
    "far_advice",
    "far_answer",
    "far_rows",
    "far_value",
    "files_to_import",
    "history",
    "import_files",
    "import_quota_file",
    "import_ratings",
    "import_rows",
    "import_sheet",
    "link_definitions",
    "lock_chain",
    "rate_unit",
    "rate_units",
    "rating_words",
    "record_figure",
    "record_quota",
    "report_line",
    "set_quotas",
    "store_submitted",
    "takes_unit_figures",
    "unit_value_row",
    "unit_year_lines",
    "verified_json",
    "verified_line",
    "verify_chain",
    "year_lines",
    "year_quotas",
    "year_ratings",
]
