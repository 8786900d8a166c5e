"""A "trong đó" target is checked against its parent's figure as the status shows it: T03 rolled
up from its units at 0% while the committee recorded T04 at 100% flags T04 and says why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import default_config_text

UNIT = "units:\n  - {code: SYT, name: Đảng bộ Sở Y tế, kind: dang-bo-co-so}\n"


@pytest.fixture
def parts(run, tmp_path: Path):  # type: ignore[no-untyped-def]
    """T03 from its one unit's figures (42/42, then 0/42 in 2024), T04 (part_of T03) recorded
    by the committee: 10/42 each year, then 42/42 in 2024 (accepted: T03 has no recorded figure)."""
    config = tmp_path / "config.yaml"
    config.write_text(default_config_text() + UNIT, encoding="utf-8")

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return run("--lang", "en", "--config", str(config), *args)

    assert invoke("init").code == 0
    for year in (2021, 2022, 2023):
        assert invoke("record", "T03", str(year), "42/42", "--unit", "SYT").code == 0
        assert invoke("record", "T04", str(year), "10/42").code == 0
    assert invoke("record", "T03", "2024", "0/42", "--unit", "SYT").code == 0
    assert invoke("record", "T04", "2024", "42/42").code == 0
    return invoke


def test_a_part_beyond_its_rolled_up_parent_is_flagged_with_why(parts) -> None:  # type: ignore[no-untyped-def]
    said = "T04 2024: 100% (42/42) is more than T03's 0% (0/42); a 'trong đó' target is part of its parent"
    shown = parts("status", "T04")
    assert said in " ".join(shown.out.replace("│", " ").split())
    status = json.loads(parts("status", "--format", "json").out)
    t04 = next(t for t in status["targets"] if t["code"] == "T04")
    assert (
        t04["status"] == "on_track" and t04["flagged"] is True
    )  # its own figures pass; the parent contradicts them
    assert said in t04["explanation"]
    assert parts("status", "T04", "--check").code == 1


def test_a_part_within_its_rolled_up_parent_is_not_flagged(parts) -> None:  # type: ignore[no-untyped-def]
    assert parts("record", "T03", "2024", "42/42", "--unit", "SYT", "--amend", "--reason", "sửa").code == 0
    status = json.loads(parts("status", "--format", "json").out)
    t04 = next(t for t in status["targets"] if t["code"] == "T04")
    assert t04["flagged"] is False and "trong đó" not in t04["explanation"]
    assert parts("status", "T04", "--check").code == 0
