"""The checks between targets: a "trong đó" target never exceeds its parent (part_of), a target
that takes its figures from another takes none of its own (figures_from), the config's links
are checked, and init names the stored figures a new link stops counting."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import UNITS, default_config_text, unlinked_config_text
from tracker.evaluate import Excess, Figure, excess


def status_of(tracker: Any, code: str) -> dict[str, Any]:  # type: ignore[misc]
    data = json.loads(tracker("status", "--format", "json").out)
    return next(t for t in data["targets"] if t["code"] == code)


def refused(result: Any, says: str) -> None:  # type: ignore[misc]
    assert result.code == 2, result.out
    assert says in result.err, result.err


def stored(tracker: Any) -> int:  # type: ignore[misc]
    return len(json.loads(tracker("export", "--revisions", "--format", "json").out)["figures"])


# ---------------------------------------------------------------------------------------------
# part_of
# ---------------------------------------------------------------------------------------------


def test_a_part_larger_than_its_parent_is_refused_with_both_figures(tracker) -> None:  # type: ignore[no-untyped-def]
    assert tracker("record", "T01", "2024", "10/42").code == 0
    result = tracker("record", "T02", "2024", "12/42")
    refused(
        result,
        "T02 2024: 12 of 42 is more than T01's 10 of the same 42; a 'trong đó' target is part of its parent",
    )
    assert len(result.err.strip().splitlines()) == 1 and stored(tracker) == 1


def test_the_refusal_is_said_in_vietnamese(tracker, vietnamese) -> None:  # type: ignore[no-untyped-def]
    assert tracker("record", "T01", "2024", "10/42").code == 0
    refused(
        tracker("record", "T02", "2024", "12/42"),
        "tracker: lỗi: T02 năm 2024: 12/42 nhiều hơn 10/42 của T01 trên cùng 42 đơn vị; "
        'chỉ tiêu "trong đó" là một phần của chỉ tiêu cha',
    )
    refused(tracker("record", "T08", "2024", "150"), "T08 lấy số liệu từ T07; hãy nhập số liệu vào T07")


def test_a_part_over_other_units_is_refused_saying_why(tracker) -> None:  # type: ignore[no-untyped-def]
    assert tracker("record", "T01", "2024", "10/42").code == 0
    refused(
        tracker("record", "T02", "2024", "9/40"),
        "T02 2024: 22.5% (9/40) is counted over 40 units but T01's 23.81% (10/42) over 42; "
        "a 'trong đó' target counts the same units as its parent",
    )


def test_a_bare_percentage_is_compared_with_the_parents(tracker) -> None:  # type: ignore[no-untyped-def]
    assert tracker("record", "T01", "2024", "20").code == 0
    refused(tracker("record", "T02", "2024", "25,5"), "T02 2024: 25.5% is more than T01's 20%")
    assert tracker("record", "T02", "2024", "20").code == 0  # equal to its parent: accepted


def test_lowering_the_parent_below_its_part_is_refused(tracker) -> None:  # type: ignore[no-untyped-def]
    assert tracker("record", "T01", "2024", "38/42").code == 0
    assert tracker("record", "T02", "2024", "12/42").code == 0
    refused(
        tracker("record", "T01", "2024", "10/42", "--amend", "--reason", "Sửa"),
        "T02 2024: 12 of 42 is more than T01's 10 of the same 42",
    )
    assert stored(tracker) == 2


def test_without_a_parents_figure_the_part_is_accepted(tracker) -> None:  # type: ignore[no-untyped-def]
    assert tracker("record", "T02", "2024", "12/42").code == 0
    assert tracker("record", "T01", "2023", "5/42").code == 0  # another year


@pytest.fixture
def staff_units(run, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The default config with units, where T04 (staff rated excellent) is part of T03 (staff
    rated good): shares given as the units' counts."""
    config = tmp_path / "config.yaml"
    config.write_text(default_config_text() + UNITS, encoding="utf-8")

    def units(*args: str):  # type: ignore[no-untyped-def]
        return run("--config", str(config), *args)

    assert units("init").code == 0
    return units


def test_a_units_part_is_checked_against_the_same_units_parent(staff_units) -> None:  # type: ignore[no-untyped-def]
    units = staff_units
    assert units("record", "T03", "2024", "2/3", "--unit", "SYT").code == 0
    assert units("record", "T04", "2024", "3/3").code == 0  # the committee's: no parent figure
    refused(
        units("record", "T04", "2024", "3/3", "--unit", "SYT"),
        "T04 (unit SYT) 2024: 3 of 3 is more than T03's 2 of the same 3",
    )


def test_an_import_checks_its_rows_against_each_other_and_the_stored(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert tracker("record", "T01", "2023", "10/42").code == 0
    path = tmp_path / "so-lieu.csv"
    path.write_text(
        "code,year,numerator,denominator\n"
        "T02,2024,12,42\n"  # more than T01 2024 of the same file
        "T01,2024,10,42\n"
        "T02,2023,11,42\n"  # more than the stored T01 2023
        "T02,2022,5,42\n"
        "T01,2022,6,42\n",
        encoding="utf-8",
    )
    result = tracker("import", str(path))
    refused(result, "so-lieu.csv: row 2: T02 2024: 12 of 42 is more than T01's 10 of the same 42")
    assert "so-lieu.csv: row 4: T02 2023: 11 of 42 is more than T01's 10 of the same 42" in result.err
    assert "2 problems found; nothing was imported" in result.err and stored(tracker) == 1
    path.write_text("code,year,numerator,denominator\nT02,2024,9,42\nT01,2024,10,42\n", encoding="utf-8")
    assert tracker("import", str(path)).code == 0  # the parent later in the same file
    assert stored(tracker) == 3


def test_enter_checks_the_part_too(tracker, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from tests.cli.test_enter import answers, typed

    typed(monkeypatch, *answers(T01="10/42", T02="12/42"), "y")
    result = tracker("enter", "2024")
    refused(result, "T02 2024: 12 of 42 is more than T01's 10 of the same 42")
    assert stored(tracker) == 0


@given(
    whole=st.integers(1, 500).flatmap(lambda d: st.tuples(st.integers(0, d), st.just(d))),
    part=st.integers(0, 500),
)
def test_a_part_given_as_counts_is_refused_exactly_when_it_exceeds(whole: tuple[int, int], part: int) -> None:
    numerator, denominator = whole
    part = min(part, denominator)
    found = excess(Figure(part / denominator * 100, part, denominator), Figure(0, numerator, denominator))
    assert (found is Excess.MORE) == (part > numerator)
    other = excess(Figure(0, 0, denominator + 1), Figure(0, numerator, denominator))
    assert other is Excess.OTHER_UNITS


# ---------------------------------------------------------------------------------------------
# figures_from
# ---------------------------------------------------------------------------------------------

BORROWED = "T08 takes its figures from T07; record them under T07"


def test_a_figure_for_a_borrowing_target_is_refused(tracker) -> None:  # type: ignore[no-untyped-def]
    refused(tracker("record", "T08", "2024", "150"), BORROWED)
    refused(tracker("confirm", "T08", "2024"), BORROWED)
    assert stored(tracker) == 0


def test_an_import_refuses_a_borrowing_targets_row_and_skips_its_empty_one(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "so-lieu.csv"
    path.write_text("code,year,value\nT07,2024,150\nT08,2024,150\n", encoding="utf-8")
    result = tracker("import", str(path))
    refused(result, f"so-lieu.csv: row 3, column A (code): {BORROWED}")
    assert stored(tracker) == 0
    path.write_text("code,year,value\nT07,2024,150\nT08,2024,\n", encoding="utf-8")
    assert tracker("import", str(path)).code == 0


def test_a_borrowing_target_is_judged_on_its_sources_figures(units) -> None:  # type: ignore[no-untyped-def]
    for year, value in (("2021", "160"), ("2022", "170"), ("2023", "110")):
        assert units("record", "T07", year, value).code == 0
    assert units("record", "T07", "2024", "9", "--unit", "SYT").code == 0
    t08 = status_of(units, "T08")
    assert t08["figures_from"] == "T07"
    assert t08["figures"] == {"2021": 160, "2022": 170, "2023": 110, "2024": 9}  # 2024 rolled up from SYT
    assert t08["units_reported"] == 1
    t07 = status_of(units, "T07")
    assert t07["figures"] == t08["figures"]
    table = units("status", "T08", "--units", "--year", "2024", "--lang", "en").out
    assert "SYT" in table and "9" in table


def test_enter_and_the_template_leave_a_borrowing_target_out(tracker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    out = tmp_path / "mau.xlsx"
    assert tracker("template", "2024", "--out", str(out)).code == 0
    codes = [row[0].value for row in load_workbook(out).worksheets[0].iter_rows(min_row=2)]
    assert "T07" in codes and "T08" not in codes


def test_init_names_the_stored_figures_a_new_link_stops_counting(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "config.yaml"
    config.write_text(unlinked_config_text(), encoding="utf-8")
    assert run("--config", str(config), "init").code == 0
    for year in ("2021", "2023"):
        assert run("--config", str(config), "record", "T08", year, "150").code == 0
    config.write_text(default_config_text(), encoding="utf-8")
    result = run("--config", str(config), "init")
    assert result.code == 0, result.err
    assert "~ T08 changed: figures_from: None -> T07" in result.out
    assert (
        "! T08: 2 stored figures (2021-2023) are no longer counted; its figures now come from T07 "
        "(the stored figures are kept)" in result.out
    )
    assert run("--config", str(config), "init").out.endswith("no changes\n")
    history = run("--config", str(config), "history", "T08").out
    assert "2021" in history and "2023" in history  # kept in the database
    exported = json.loads(run("--config", str(config), "export", "--format", "json").out)["figures"]
    assert not [f for f in exported if f["code"] == "T08"]  # not counted, so not exported to import again
    every = json.loads(run("--config", str(config), "export", "--revisions", "--format", "json").out)[
        "figures"
    ]
    assert len([f for f in every if f["code"] == "T08"]) == 2


# ---------------------------------------------------------------------------------------------
# The config's links
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (
            "part_of: T01",
            "part_of: T99",
            "targets[1].part_of: T99 is not a target of this config (did you mean T09?)",
        ),
        ("part_of: T01", "part_of: T02", "targets[1].part_of: target T02 cannot name itself here"),
        (
            "part_of: T01",
            "part_of: T07",
            "targets[1].part_of: T02 is a share target but T07 is a count target; link targets of one",
        ),
        (
            "figures_from: T07",
            "figures_from: T03",
            "targets[7].figures_from: T08 is a count target but T03 is a share",
        ),
        (
            "figures_from: T07",
            "figures_from: T08",
            "targets[7].figures_from: target T08 cannot name itself here",
        ),
    ],
)
def test_a_bad_link_is_placed_and_named(run, tmp_path: Path, old: str, new: str, says: str) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "config.yaml"
    config.write_text(default_config_text().replace(old, new), encoding="utf-8")
    result = run("--config", str(config), "status")
    assert result.code == 2 and says in result.err, result.err
    assert "config.yaml:" in result.err  # placed at its line


def test_a_circle_of_parts_and_a_chain_of_sources_are_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = default_config_text().replace("    threshold: 90\n", "    threshold: 90\n    part_of: T02\n", 1)
    text = text.replace("    threshold: 750\n", "    threshold: 750\n    figures_from: T08\n", 1)
    config = tmp_path / "config.yaml"
    config.write_text(text, encoding="utf-8")
    result = run("--config", str(config), "status")
    assert result.code == 2
    assert "part_of makes a circle (T01 -> T02 -> T01)" in result.err
    assert "T08 takes its own figures from T07; name the target that holds the figures (T07)" in result.err


def test_an_import_of_units_figures_checks_each_unit_against_its_own_parent(
    staff_units, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("code,unit,year,numerator,denominator\nT03,SYT,2024,2,3\n", encoding="utf-8")
    second.write_text(
        "code,unit,year,numerator,denominator\nT04,SGD,2024,3,3\nT04,SYT,2024,3,3\n", encoding="utf-8"
    )
    result = staff_units("import", str(first), str(second))
    refused(result, "b.csv: row 3: T04 (unit SYT) 2024: 3 of 3 is more than T03's 2 of the same 3")
    assert "SGD" not in result.err  # its parent has no figure
