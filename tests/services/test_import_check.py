"""The row checker of `tracker import` reads most rows by look-ups in tables that its full rules
filled, and falls back to the full rules for any other row: on every row, clean or not, the two
must give the same figure, the same problems and the same count of rows without a figure."""

from __future__ import annotations

import tracemalloc
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.base import UnitCodes, pick_unit
from tracker.errors import TrackerError
from tracker.records._import_check import RowChecker
from tracker.sheets import PercentCell, Sheet, Uncomputed, map_columns
from tracker.store import Resolution, Target, Unit

RESOLUTION = Resolution(
    id=1, code="R", title="t", body="b", congress_date=date(2020, 8, 18), first_year=2021, last_year=2025
)
TARGETS = [
    Target(
        id=n + 1,
        resolution_id=1,
        code=code,
        position=n,
        title="t",
        title_en="t",
        measure=measure,
        rule="each_year",
        comparator=">=",
        threshold=1,
        source_kind="quoted",
    )
    for n, (code, measure) in enumerate([("T01", "share"), ("T07", "count"), ("t02", "share")])
]
UNITS = [
    Unit(id=1, resolution_id=1, code="SYT", position=1, name="Sở Y tế", kind="k", from_year=2022),
    Unit(id=2, resolution_id=1, code="CBX", position=2, name="Công ty X", kind="k", to_year=2023),
]
LAYOUTS = [
    ["code", "year", "value", "numerator", "denominator", "note", "source", "provisional"],
    ["năm", "mã", "số liệu"],
    ["code", "title", "year", "numerator", "denominator", "note"],
    ["provisional", "code", "year", "value", "source"],
    ["code", "unit", "year", "value", "numerator", "denominator", "note"],
]
CELLS: dict[str, list[Any]] = {
    "code": ["T01", "T07", "t02", "T02", "t01", " T07", "T99", "", None, 7, Uncomputed("=A1")],
    "year": ["2021", "2025", 2023, 2024.0, "2020", 2026, " 2022", "02023", "", None, True, "x"],
    "value": ["90", "162", "90,5", "90.5%", "38/42", "101", "1.200", "1,000", "", " ", None, 90, 1200,
              90.5, -1, True, 1e16, PercentCell(0.905), PercentCell(2.0), Uncomputed("=B2"), "٩٠"],
    "numerator": ["38", "0", "43", 38, 38.0, "", None, "x", PercentCell(0.5), -1],
    "denominator": ["42", "0", 42, "", None, "1.000"],
    "note": ["Ghi chú", "Báo cáo", "'=1+1", "=1+1", "a\x1bb", " ", "", None, 5, "dòng\nhai"],
    "source": ["25-BC/ĐUK", "", None, "a\tb", 2023],
    "provisional": ["có", "x", "", None, "no", "KHÔNG", "maybe", True, 0, 1.0, 2],
    "unit": ["", None, " ", "SYT", "syt", "CBX", "SYX", 7],
}  # fmt: skip
OTHER = ["tên", "", None]


def checker(headers: list[str], provisional: bool) -> RowChecker:
    sheet = Sheet("f.csv", headers, map_columns("f.csv", headers))
    return RowChecker(sheet, RESOLUTION, TARGETS, provisional, UNITS)


@st.composite
def rows(draw: st.DrawFn, headers: list[str]) -> list[list[Any]]:
    columns = map_columns("f.csv", headers)
    names = {index: name for name, index in columns.items()}
    found = []
    for _ in range(draw(st.integers(min_value=1, max_value=12))):
        cells = [draw(st.sampled_from(CELLS.get(names[i], OTHER))) for i in range(len(headers))]
        found.append(cells[: draw(st.integers(min_value=len(cells) - 1, max_value=len(cells)))])
    return found


@settings(max_examples=400, deadline=None)
@given(data=st.data(), layout=st.sampled_from(LAYOUTS), provisional=st.booleans())
def test_the_look_ups_and_the_full_rules_agree_on_every_row(
    data: st.DataObject, layout: list[str], provisional: bool
) -> None:
    quick, full = checker(layout, provisional), checker(layout, provisional)
    for line, cells in enumerate(data.draw(rows(layout)), start=2):
        assert quick.row(line, cells) == full.full(line, cells), (line, cells)
    assert (quick.problems.shown, quick.problems.count) == (full.problems.shown, full.problems.count)
    assert quick.empty == full.empty


def test_the_look_ups_read_the_rows_of_a_clean_file() -> None:
    """The tables are used: a clean row never falls back to the full rules."""
    quick = checker(LAYOUTS[0], False)
    quick.full = None  # type: ignore[assignment,method-assign]
    found = quick.row(2, ["T01", "2021", "", "38", "42", "Ghi chú", "25-BC/ĐUK", "có"])
    assert found is not None and found.figure == (38 * 100 / 42, 38, 42, True)
    found = quick.row(3, ["t07", 2022, 162, None, None, None, None, None])
    assert found is not None and found.target.code == "T07" and found.figure.value == 162


BIG = [
    Unit(id=10 + n, resolution_id=1, code=f"U{n:04d}", position=n, name=f"Đơn vị {n}", kind="k")
    for n in range(1000)
]  # a committee of a thousand units


@settings(max_examples=300, deadline=None)
@given(
    code=st.one_of(
        st.sampled_from(["SYT", "syt", " Syt ", "CBX", "SYX", "SY", "", "U0007", "u0999", "U1000", "X"]),
        st.text(max_size=6),
    ),
    big=st.booleans(),
)
def test_a_unit_is_found_by_its_code_as_pick_unit_finds_it(code: str, big: bool) -> None:
    """UnitCodes (one dictionary look-up) finds the unit pick_unit (a scan) finds, and refuses
    what it refuses with the same message, naming the closest codes."""
    units = BIG if big else UNITS

    def outcome(pick: Any) -> Unit | str:
        try:
            return pick(code)  # type: ignore[no-any-return]
        except TrackerError as exc:
            return str(exc)

    assert outcome(UnitCodes(units).pick) == outcome(lambda text: pick_unit(units, text))
    assert outcome(UnitCodes([]).pick) == outcome(lambda text: pick_unit([], text))


def test_the_first_of_two_units_alike_is_found_as_pick_unit_finds_it() -> None:
    twins = [UNITS[0], Unit(id=9, resolution_id=1, code="syt", position=3, name="x", kind="k")]
    assert UnitCodes(twins).pick("SYT") == pick_unit(twins, "SYT") == UNITS[0]


def unit_checker(units: list[Unit], name: str = "a.csv") -> RowChecker:
    headers = ["code", "unit", "year", "value"]
    return RowChecker(Sheet(name, headers, map_columns(name, headers)), RESOLUTION, TARGETS, False, units)


def test_a_units_figure_given_twice_is_refused_naming_where_it_was_first() -> None:
    check = unit_checker(UNITS)
    assert check.row(2, ["T07", "SYT", "2023", "12"]) is not None
    assert check.row(3, ["T07", "", "2023", "40"]) is not None  # the committee's: another figure
    assert check.row(4, ["T07", "CBX", "2023", "3"]) is not None  # another unit
    assert check.row(5, ["T07", "SYT", "2024", "12"]) is not None  # another year
    assert check.row(6, ["T01", "SYT", "2023", "9/10"]) is not None  # another target
    assert check.row(7, ["t07", "syt", 2023, 13]) is None
    headers = ["code", "year", "value"]
    check.next_sheet(Sheet("b.xlsx", headers, map_columns("b.xlsx", headers), unit="CBX"))
    assert check.row(2, ["T07", "2022", "3"]) is not None
    assert check.row(3, ["T07", "2023", "3"]) is None  # in a.csv, row 4
    assert check.row(4, ["T07", "2022", "4"]) is None
    assert check.problems.shown == [
        "a.csv: row 7: T07 (unit SYT) 2023 is also in row 2; keep one of the two rows",
        "b.xlsx: row 3: T07 (unit CBX) 2023 is also in a.csv, row 4; keep one of the two rows",
        "b.xlsx: row 4: T07 (unit CBX) 2022 is also in row 2; keep one of the two rows",
    ]


def test_the_memory_of_the_units_duplicate_check_does_not_grow_with_the_rows() -> None:
    """A slot per (target, unit, year), not an entry per row: 15,000 rows of a thousand units
    leave about 130 kB (a dictionary entry a row took 2.4 MB)."""
    check = unit_checker(BIG)
    rows = [
        [code, unit.code, str(year), value]
        for code, value in (("T07", "5"), ("T01", "5/10"), ("t02", "4/10"))
        for unit in BIG
        for year in RESOLUTION.years
    ]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for line, cells in enumerate(rows, start=2):
            check.row(line, cells)
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert check.problems.count == 0
    assert grown < 400_000, grown
