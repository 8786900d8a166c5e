"""A unit's form of a year as JSON: `tracker submission show --format json` and the portal's
`GET /api/units/{UNIT}/{YEAR}` give the same document (docs/submissions.md)."""

from __future__ import annotations

from typing import Any

from tracker.submissions._model import FormLine, YearForm


def _line_json(line: FormLine) -> dict[str, Any]:
    return {
        "code": line.code,
        "name": line.name,
        "previous": line.previous,
        "quota": line.quota,
        "text": line.text,
        "note": line.note,
        "source": line.source,
        "counted": line.counted,
        "far": None if line.far is None else line.far.words,
        "problem": line.problem,
    }


def form_json(form: YearForm) -> dict[str, Any]:
    """The form's state and every line: the values as typed, the figures that count."""
    moments = {"updated_at": form.updated_at, "submitted_at": form.submitted_at}
    return (
        {
            "unit": form.unit_code,
            "year": form.year,
            "state": form.state,
            "version": form.version,
            "comment": form.comment,
            "deadline": None if form.deadline is None else form.deadline.isoformat(),
            "late": form.late,
            "updated_by": form.updated_by,
            "submitted_by": form.submitted_by,
        }
        | {k: None if v is None else v.isoformat() for k, v in moments.items()}
        | {"lines": [_line_json(line) for line in form.lines]}
    )
