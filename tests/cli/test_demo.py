"""`tracker demo`: a separate database with labelled synthetic figures, every status shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.evaluate import Status, status_word

pytestmark = pytest.mark.usefixtures("vietnamese")  # what the office sees: the config's language
# The demo is as of 2023, mid-term: every status but the one of a term over with gaps.
MID_TERM = [status for status in Status if status is not Status.INCOMPLETE]


def test_demo_shows_every_status_and_says_the_figures_are_synthetic(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "demo"
    result = run("demo", "--dir", str(folder))
    assert result.code == 0, result.err
    assert result.out.count("SỐ LIỆU MINH HỌA") == 2
    for word in [status_word(status, "vi") for status in MID_TERM]:
        assert word in result.out, word
    assert (folder / "tracker.db").exists() and (folder / "DEMO-SYNTHETIC-FIGURES.txt").exists()
    data = json.loads(run("--config", str(folder / "config.yaml"), "status", "--format", "json").out)
    statuses = {t["status"] for t in data["targets"]}
    assert statuses == {"met", "on_track", "at_risk", "off_track", "missed", "no_data"}
    assert data["as_of"] == 2023
    (report,) = (folder / "reports").glob("*.html")  # in the Party's form of the config's document:
    html = report.read_text(encoding="utf-8")
    assert '<p class="place-date">Điện Biên, ngày ' in html and "Lưu Văn phòng Đảng ủy" in html
    # its illustrative units: two rated below "tốt" hold T11 back, one has not reported its admissions
    assert (
        "Đơn vị xếp loại dưới mức “hoàn thành tốt nhiệm vụ”: Đảng bộ Sở Nông nghiệp và Phát triển nông thôn "
        "(minh họa) (hoàn thành nhiệm vụ), Đảng bộ Công ty Điện lực Điện Biên (minh họa) (không hoàn thành "
        "nhiệm vụ)." in html
    )
    counted = {t["code"]: t["counts"] for t in data["targets"] if t["code"] in ("T01", "T02", "T11")}
    assert counted == {  # T01, T02 and T11 from the units' ratings: the committee recorded none
        "T01": {"2021": [11, 12], "2022": [12, 12], "2023": [11, 12]},
        "T02": {"2021": [3, 12], "2022": [2, 12], "2023": [3, 12]},
        "T11": {"2021": [12, 12], "2022": [11, 12], "2023": [10, 12]},
    }
    assert (
        "11/12 đơn vị đã báo cáo số liệu năm 2023; chưa báo cáo: Chi bộ Báo Điện Biên Phủ (minh họa)." in html
    )
    assert html.count('<tr class="unit"') == 12 and '<p class="annex-head caps">Phụ lục 2</p>' in html


def test_demo_in_english_and_rerun_in_the_same_folder(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "demo"
    assert run("demo", "--dir", str(folder)).code == 0
    again = run("demo", "--dir", str(folder), "--lang", "en")
    assert again.code == 0 and "SYNTHETIC DEMO FIGURES" in again.out
    for word in [status_word(status, "en") for status in MID_TERM]:
        assert word in again.out, word
    history = run("--config", str(folder / "config.yaml"), "history", "T07", "--year", "2022").out
    assert history.count("demo (synthetic)") == 2


def test_demo_source_file_labels_figures_synthetic() -> None:
    from importlib.resources import files

    text = files("tracker.data").joinpath("demo.yaml").read_text(encoding="utf-8")
    assert text.startswith("# SYNTHETIC DEMO FIGURES - SỐ LIỆU MINH HỌA, KHÔNG PHẢI SỐ LIỆU CÔNG BỐ.")


def test_demo_refuses_a_folder_that_is_not_a_demo(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "precious.txt").write_text("keep me")
    result = run("demo", "--dir", str(tmp_path))
    assert result.code == 2 and "không trống và không phải thư mục demo" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["precious.txt"]
