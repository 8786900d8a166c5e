"""A unit reports for a year only inside its years: figures stored before its years were
shortened in the config are kept, named by `tracker init`, and counted nowhere (no count of
units ever exceeds the units expected)."""

from __future__ import annotations

import json
import re
from pathlib import Path

CBX = "  - {code: CBX, name: Chi bộ Công ty X, kind: chi-bo-co-so, to_year: 2023}\n"


def set_cbx_years(config: Path, to_year: int) -> None:
    text = re.sub(r"(code: CBX,.*to_year: )\d+", rf"\g<1>{to_year}", config.read_text(encoding="utf-8"))
    config.write_text(text, encoding="utf-8")


def shortened(units) -> str:  # type: ignore[no-untyped-def]
    """CBX gives its figures of 2021-2024 (T07 and T03), then its years end in 2022: what
    `tracker init` says."""
    set_cbx_years(units.config, 2024)
    assert units("init").code == 0
    for year in (2021, 2022, 2023, 2024):
        assert units("record", "T07", str(year), "100", "--unit", "CBX").code == 0
        assert units("record", "T03", str(year), "40/40", "--unit", "CBX").code == 0
    for unit in ("SYT", "SGD"):
        assert units("record", "T07", "2024", "10", "--unit", unit).code == 0
        assert units("record", "T03", "2024", "38/42", "--unit", unit).code == 0
    set_cbx_years(units.config, 2022)
    said = units("init")
    assert said.code == 0, said.err
    return str(said.out)


def test_init_names_the_figures_left_outside_the_units_years(units) -> None:  # type: ignore[no-untyped-def]
    said = shortened(units)
    assert "~ unit CBX changed: to_year: 2024 -> 2022" in said
    assert (
        "! CBX: 4 stored figures (2023-2024) lie outside the unit's years (-2022) and are no longer "
        "counted (the stored figures are kept; widen from_year or to_year to count them again)"
    ) in said
    assert units("init").out.endswith("no changes\n")  # said once, when the years change
    set_cbx_years(units.config, 2024)
    assert "stored figures" not in units("init").out  # widened again: nothing left outside


def test_vietnamese_init_names_them_in_vietnamese(units) -> None:  # type: ignore[no-untyped-def]
    shortened(units)
    set_cbx_years(units.config, 2024)
    units("init")
    set_cbx_years(units.config, 2021)
    said = units("--lang", "vi", "init").out
    assert (
        "! CBX: 6 số liệu đã lưu (2022-2024) nằm ngoài các năm hoạt động của đơn vị (-2021) nên "
        "không còn được tính"
    ) in said


def unit_counts(text: str) -> list[tuple[int, int]]:
    """Every "a/b units" (or "đơn vị") a text says."""
    return [(int(a), int(b)) for a, b in re.findall(r"(\d+)/(\d+) (?:units|đơn vị)", text)]


def test_no_count_of_units_exceeds_the_units_expected(units) -> None:  # type: ignore[no-untyped-def]
    shortened(units)
    status = json.loads(units("status", "--format", "json").out)
    by_code = {t["code"]: t for t in status["targets"]}
    assert by_code["T07"]["figures"] == {"2021": 100, "2022": 100, "2024": 20}  # CBX's 2023-2024: not counted
    assert (by_code["T07"]["units_reported"], by_code["T07"]["units_expected"]) == (2, 2)
    assert (by_code["T03"]["units_reported"], by_code["T03"]["units_expected"]) == (2, 2)
    shown = [
        units("status").out,
        units("status", "T07", "--units").out,
        units("status", "--units", "--year", "2023").out,
        units("status", "--units", "--year", "2024").out,
        units("units", "--year", "2024").out,
        units("overview").out,
    ]
    report = units("report", "--format", "txt", "--kind", "final")
    assert report.code == 0, report.err
    shown.append(Path(report.out.strip().splitlines()[-1]).read_text(encoding="utf-8"))
    for text in shown:
        assert all(reported <= expected for reported, expected in unit_counts(text)), text
