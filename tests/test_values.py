"""Reading figures as people type them."""

from __future__ import annotations

import pytest

from tracker.evaluate import Measure
from tracker.evaluate.values import FigureValue, InvalidFigure, parse_figure


@pytest.mark.parametrize(
    ("text", "measure", "expected"),
    [
        ("162", Measure.COUNT, FigureValue(162.0)),
        ("90.5", Measure.SHARE, FigureValue(90.5)),
        ("90,5", Measure.SHARE, FigureValue(90.5)),
        ("90.5%", Measure.SHARE, FigureValue(90.5)),
        (" 90,5 % ", Measure.SHARE, FigureValue(90.5)),
        ("100", Measure.SHARE, FigureValue(100.0)),
        ("0", Measure.COUNT, FigureValue(0.0)),
        ("9/10", Measure.SHARE, FigureValue(90.0, 9, 10)),
        ("38 / 42", Measure.SHARE, FigureValue(38 * 100 / 42, 38, 42)),
    ],
)
def test_accepted_figures(text: str, measure: Measure, expected: FigureValue) -> None:
    assert parse_figure(text, measure) == expected


@pytest.mark.parametrize(
    ("text", "measure", "says"),
    [
        ("abc", Measure.SHARE, "is not a number"),
        ("", Measure.COUNT, "is not a number"),
        ("nan", Measure.SHARE, "is not a number"),
        ("-5", Measure.COUNT, "cannot be negative"),
        ("-1/4", Measure.SHARE, "cannot be negative"),
        ("150.5", Measure.COUNT, "whole number"),
        ("1.200", Measure.COUNT, "whole number"),
        ("90%", Measure.COUNT, "not a percentage"),
        ("3/4", Measure.COUNT, "not a fraction"),
        ("100.1", Measure.SHARE, "from 0 to 100"),
        ("120%", Measure.SHARE, "from 0 to 100"),
        ("43/42", Measure.SHARE, "numerator cannot be larger"),
        ("5/0", Measure.SHARE, "denominator"),
    ],
)
def test_rejected_figures_say_why(text: str, measure: Measure, says: str) -> None:
    with pytest.raises(InvalidFigure, match=says):
        parse_figure(text, measure)
