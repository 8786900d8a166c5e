"""The fixed words of a report and of its e-mail, marked for the catalog and read in the
report's own language (which need not be the terminal's)."""

from __future__ import annotations

from tracker.i18n import N_, NC_, Lang, in_lang, in_lang_ctx

Text = str | tuple[str, str]  # a text, or (context, text)

LABEL_TEXTS: dict[str, Text] = {
    "party": N_("COMMUNIST PARTY OF VIETNAM"),
    "doc_type": N_("REPORT"),
    "summary_of": N_("Progress on the targets of the resolution, as of {0}"),
    "term": N_("term"),
    "generated": N_("Issued"),
    "generated_at": N_("Generated at"),
    "cutoff": N_("Figures recorded up to"),
    "chain": N_("History code"),
    "as_recorded": N_("Rebuilt from the figures recorded up to"),
    "summary": N_("Summary"),
    "flagged": N_("Targets that need attention"),
    "no_flagged": N_("No target needs attention."),
    "table": N_("All targets"),
    "code": N_("Code"),
    "target": N_("Target"),
    "rule": N_("Rule"),
    "percent_head": N_("Of target"),
    "status": N_("Status"),
    "why": N_("Why"),
    "missing": N_("Missing figures"),
    "missing_cell": NC_("cell", "missing"),
    "no_missing": N_("No elapsed year lacks a figure."),
    "missing_years": NC_("years", "missing"),
    "changes": N_("Changes since the previous report"),
    "first_report": N_("This is the first report of this resolution."),
    "previous": N_("The previous report was generated at {0}."),
    "no_changes": N_("No status or figure has changed."),
    "status_changes": N_("Status changes"),
    "corrections": N_("Corrected figures"),
    "charts": N_("Charts"),
    "chart_note": N_("Bars: the yearly figures (term totals: cumulative); line: what is required."),
    "notes": N_("Notes"),
    "inferred": N_("Inferred target, to be confirmed against the resolution's text"),
    "sources": N_("Sources of the figures"),
    "quoted_sources": N_("Sources of the targets' wording"),
    "no_sources": N_("No source document recorded."),
    "provisional": NC_("figure", "provisional"),
    "provisional_note": N_("Figures marked * are provisional estimates, to be confirmed."),
    "percent": N_("{0} of target"),  # {0}: "94.7%"
    "none": N_("none"),
    "reason": N_("reason"),
    "year": NC_("word", "year"),
    "recipients": N_("Recipients:"),
    "annex": N_("Annex"),
    "annex_title": N_("Results on the targets of the resolution, as of {0}"),
    "targets_results": N_("Results on the targets"),
    "see_annex": N_("The figures of every target, year by year, are in the annex."),
    "attention_intro": N_("Targets that need attention:"),
    "lacking": N_("Targets still lacking figures (the years are listed in the annex): {0}."),
    "number_head": ("column", "No."),  # the annex's "TT": targets are numbered, not coded
    "target_n": N_("Target {0}"),  # "Chỉ tiêu 11": a target named by its number in the annex's notes
    "lacking_named": N_("Targets still lacking figures (the years are listed in Annex 1): {0}."),
    "see_annex_1": N_("The figures of every target, year by year, are in Annex 1."),
    "year_attention": N_("Targets that did not reach the plan of {0}:"),
    "term_risks": N_("For the term as a whole, these targets need attention:"),
    "working_notes": N_("Working notes (not part of the document)"),
}
OVERVIEW_TEXTS: dict[str, Text] = {  # `tracker overview` and `tracker report --overview`
    "title": N_("Overview of the resolutions"),
    "code": N_("Code"),
    "resolution": N_("Resolution"),
    "term": N_("Term"),
    "as_of": N_("As of"),
    "statuses": N_("Targets by status"),
    "flagged": N_("Need attention"),
    "missing": N_("Missing figures"),
    "count": N_("Resolutions: {0}"),
    "flagged_count": N_("With targets that need attention: {0}"),
    "none": N_("The database holds no resolution; run `tracker init`."),
    "generated_at": N_("Generated at"),
    "as_of_note": N_("Each resolution is judged as of its latest year with a figure."),
}
MAIL_SUBJECTS: dict[str, str] = {  # a report's mail says which kind of report it carries
    "yearly": N_("[{code}] Progress report on the resolution, as of {as_of}"),
    "midterm": N_("[{code}] Mid-term review of the resolution, as of {as_of}"),
    "final": N_("[{code}] End-of-term review of the resolution, as of {as_of}"),
}
MAIL_TEXTS: dict[str, Text] = {
    "flagged": N_("Targets that need attention:"),
    "none_flagged": N_("No target needs attention."),
    "attached": N_("Attached: {names}"),
    "footer": N_("Sent by tracker on schedule {schedule}."),
    "reminder_subject": N_("[{code}] Figures for {year} are missing"),
    "reminder_intro": N_("These targets have no figure for {year} yet:"),
    "reminder_done": N_("Every figure of {year} is recorded."),
    "reminder_units": N_("These units have not reported all their figures for {year} yet:"),
    "reminder_early": N_("Too early to remind (after {after})."),
}


def _resolved(texts: dict[str, Text], lang: Lang) -> dict[str, str]:
    return {
        key: in_lang_ctx(lang, text[0], text[1]) if isinstance(text, tuple) else in_lang(lang, text)
        for key, text in texts.items()
    }


def report_labels(lang: Lang) -> dict[str, str]:
    """The words a report template draws, in `lang`."""
    return _resolved(LABEL_TEXTS, lang)


def overview_labels(lang: Lang) -> dict[str, str]:
    """The words of the overview, in the table and in every report format."""
    return _resolved(OVERVIEW_TEXTS, lang)


def mail_words(lang: Lang) -> dict[str, str]:
    return _resolved(MAIL_TEXTS, lang)


def mail_subject(kind: str, lang: Lang) -> str:
    """The subject of a report's mail, "[{code}] ... {as_of}", naming the report's kind."""
    return in_lang(lang, MAIL_SUBJECTS.get(kind, MAIL_SUBJECTS["yearly"]))
