"""Reading figures as people type them, and as spreadsheets store them: one strict parser."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.evaluate import (
    MAX_COUNT,
    Figure,
    InvalidFigure,
    Measure,
    figure_of_counts,
    figure_of_number,
    parse_figure,
)


@pytest.mark.parametrize(
    ("text", "measure", "expected"),
    [
        ("162", Measure.COUNT, Figure(162.0)),
        ("1.200", Measure.COUNT, Figure(1200.0)),  # a dot followed by three digits groups thousands
        ("1.000", Measure.COUNT, Figure(1000.0)),
        ("2.000", Measure.COUNT, Figure(2000.0)),
        ("1.200.000", Measure.COUNT, Figure(1_200_000.0)),
        ("162,0", Measure.COUNT, Figure(162.0)),
        ("1000000000000000", Measure.COUNT, Figure(1e15)),
        ("90.5", Measure.SHARE, Figure(90.5)),
        ("90,5", Measure.SHARE, Figure(90.5)),
        ("90.5%", Measure.SHARE, Figure(90.5)),
        (" 90,5 % ", Measure.SHARE, Figure(90.5)),
        ("99,16", Measure.SHARE, Figure(99.16)),
        ("12,500", Measure.SHARE, Figure(12.5)),  # a comma marks decimals
        ("0.905", Measure.SHARE, Figure(0.905)),  # a group never starts with 0: a decimal
        ("100", Measure.SHARE, Figure(100.0)),
        ("0", Measure.COUNT, Figure(0.0)),
        ("9/10", Measure.SHARE, Figure(90.0, 9, 10)),
        ("38 / 42", Measure.SHARE, Figure(38 * 100 / 42, 38, 42)),
        ("35.599/35.900", Measure.SHARE, Figure(35599 * 100 / 35900, 35599, 35900)),
    ],
)
def test_accepted_figures(text: str, measure: Measure, expected: Figure) -> None:
    assert parse_figure(text, measure) == expected


@pytest.mark.parametrize(
    ("text", "measure", "says"),
    [
        ("abc", Measure.SHARE, "is not a number"),
        ("", Measure.COUNT, "is not a number"),
        ("nan", Measure.SHARE, "is not a number"),
        ("inf", Measure.COUNT, "is not a number"),
        ("1e5", Measure.COUNT, "is not a number"),  # no exponents: never a silent 100000
        ("1e999999999", Measure.COUNT, "is not a number"),  # nor one that runs for minutes
        ("+5", Measure.COUNT, "is not a number"),
        ("٩٠", Measure.SHARE, "only the digits 0-9"),  # Arabic-Indic digits
        ("１２", Measure.COUNT, "only the digits 0-9"),  # full-width digits
        ("1 200", Measure.COUNT, "is not a number"),
        ("-5", Measure.COUNT, "cannot be negative"),
        ("-1/4", Measure.SHARE, "cannot be negative"),
        ("150.5", Measure.COUNT, "whole number"),
        ("1,5", Measure.COUNT, "whole number"),
        ("1,000", Measure.COUNT, "is ambiguous"),  # one (Vietnamese) or a thousand (English)?
        ("2,000", Measure.COUNT, "is ambiguous"),
        ("1,200,000", Measure.COUNT, "a comma does not group thousands"),
        ("1,200.5", Measure.SHARE, "a comma does not group thousands"),
        ("1.2.3", Measure.COUNT, "is not a number"),
        ("90%", Measure.COUNT, "not a percentage"),
        ("3/4", Measure.COUNT, "not a fraction"),
        ("100.1", Measure.SHARE, "from 0 to 100"),
        ("120%", Measure.SHARE, "from 0 to 100"),
        ("12.500", Measure.SHARE, "groups thousands"),  # twelve thousand five hundred: not a share
        ("43/42", Measure.SHARE, "numerator cannot be larger"),
        ("5/0", Measure.SHARE, "denominator"),
        ("1/2/3", Measure.SHARE, "is not a number"),
        ("12345678901234567891", Measure.COUNT, "too large"),  # was rounded to 1.23457e+19
        ("9007199254740993", Measure.COUNT, "too large"),  # 2^53 + 1: a float would round it
        ("1/100000000000000000000", Measure.SHARE, "too large"),  # overflowed SQLite's integer
        ("9" * 41, Measure.COUNT, "too long"),
    ],
)
def test_rejected_figures_say_why(text: str, measure: Measure, says: str) -> None:
    with pytest.raises(InvalidFigure, match=says):
        parse_figure(text, measure)


@pytest.mark.parametrize(
    ("number", "measure", "percent", "expected"),
    [
        (0.905, Measure.SHARE, True, 90.5),  # typed 90.5% in Excel: the cell holds 0.905
        (1, Measure.SHARE, True, 100.0),
        (90.5, Measure.SHARE, False, 90.5),
        (12.125, Measure.SHARE, False, 12.125),  # a number cell: no text rule applies
        (1200, Measure.COUNT, False, 1200.0),
        (1200.0, Measure.COUNT, False, 1200.0),
        (Decimal("162"), Measure.COUNT, False, 162.0),
    ],
)
def test_number_cells(number: float, measure: Measure, percent: bool, expected: float) -> None:
    assert figure_of_number(number, measure, percent=percent) == Figure(expected)


@pytest.mark.parametrize(
    ("number", "measure", "percent", "says"),
    [
        (1.25, Measure.SHARE, True, "from 0 to 100"),
        (0.9, Measure.COUNT, True, "not a percentage"),
        (float("nan"), Measure.SHARE, False, "is not a number"),
        (float("inf"), Measure.COUNT, False, "is not a number"),
        (-1, Measure.COUNT, False, "negative"),
        (1e16, Measure.COUNT, False, "too large"),
        (MAX_COUNT + 1, Measure.COUNT, False, "too large"),
        (True, Measure.COUNT, False, "is not a number"),
        (12.5, Measure.COUNT, False, "whole number"),
    ],
)
def test_refused_number_cells(number: float, measure: Measure, percent: bool, says: str) -> None:
    with pytest.raises(InvalidFigure, match=says):
        figure_of_number(number, measure, percent=percent)


def test_counts_from_cells_and_text() -> None:
    assert figure_of_counts(38, 42.0, Measure.SHARE) == Figure(38 * 100 / 42, 38, 42)
    assert figure_of_counts("1.200", "1.500", Measure.SHARE) == Figure(80.0, 1200, 1500)
    with pytest.raises(InvalidFigure, match="whole number"):
        figure_of_counts(38.5, 42, Measure.SHARE)


# The parser reads the figures most cells hold (plain digits, a number cell, two counts) without
# Decimal. Written with spaces around, or as a Decimal, the same figure takes the full rules:
# both ways must agree, on what is read and on what is refused.

QUICK = settings(max_examples=300, deadline=None)


def outcome(read: Callable[[], Figure]) -> Figure | str:
    try:
        return read()
    except InvalidFigure:
        return "refused"


@QUICK
@given(text=st.from_regex(r"[0-9]{1,41}", fullmatch=True), measure=st.sampled_from(Measure))
def test_plain_digits_read_as_the_full_rules_read_them(text: str, measure: Measure) -> None:
    quick = outcome(lambda: parse_figure(text, measure))
    assert quick == outcome(lambda: parse_figure(f" {text} ", measure)), text


@QUICK
@given(
    number=st.one_of(
        st.integers(min_value=-5, max_value=2 * MAX_COUNT), st.floats(allow_nan=True, allow_infinity=True)
    ),
    measure=st.sampled_from(Measure),
)
def test_a_number_cell_reads_as_the_full_rules_read_it(number: float, measure: Measure) -> None:
    exact = Decimal(repr(number)) if isinstance(number, float) else Decimal(number)
    quick = outcome(lambda: figure_of_number(number, measure))
    assert quick == outcome(lambda: figure_of_number(exact, measure)), number


@QUICK
@given(
    top=st.integers(min_value=0, max_value=2 * MAX_COUNT),
    bottom=st.integers(min_value=0, max_value=2 * MAX_COUNT),
    measure=st.sampled_from(Measure),
)
def test_counts_read_as_the_full_rules_read_them(top: int, bottom: int, measure: Measure) -> None:
    full = outcome(lambda: figure_of_counts(f" {top}", f"{bottom} ", measure))
    assert outcome(lambda: figure_of_counts(top, bottom, measure)) == full, (top, bottom)
    assert outcome(lambda: figure_of_counts(str(top), str(bottom), measure)) == full, (top, bottom)
