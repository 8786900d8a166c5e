from __future__ import annotations

from tracker.reporting._charts import Chart
from tracker.reporting._context import target_chart
from tracker.reporting._heads import head_in_report, report_head
from tracker.reporting._labels import mail_subject, mail_words, overview_labels
from tracker.reporting._narrative import read_narrative
from tracker.reporting._overview import (
    OverviewView,
    build_overview,
    counts_words,
    make_overview_report,
    overview_context,
    overview_json,
    overview_text,
)
from tracker.reporting._run import (
    ReportResult,
    figures_of,
    make_report,
    report_request,
    statuses_of,
    write_report_template,
)
from tracker.reporting._runs import (
    RunFile,
    RunView,
    StoredFile,
    kind_choices,
    run_file,
    safe_file_name,
    stored_runs,
)
from tracker.reporting._signatures import check_lines, check_pdf_file, report_signing
from tracker.reporting._units import units_not_reported

__all__ = [
    "Chart",
    "OverviewView",
    "ReportResult",
    "RunFile",
    "RunView",
    "StoredFile",
    "build_overview",
    "check_lines",
    "check_pdf_file",
    "counts_words",
    "figures_of",
    "head_in_report",
    "kind_choices",
    "mail_subject",
    "mail_words",
    "make_overview_report",
    "make_report",
    "overview_context",
    "overview_json",
    "overview_labels",
    "overview_text",
    "read_narrative",
    "report_head",
    "report_request",
    "report_signing",
    "run_file",
    "safe_file_name",
    "statuses_of",
    "stored_runs",
    "target_chart",
    "units_not_reported",
    "write_report_template",
]
