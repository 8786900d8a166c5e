"""The default resolution's links and its inferred target: T04 ("trong đó 20% ... xuất sắc") is
part of T03, so it can never exceed it; T11, inferred, is confirmed by the documented config
edit (`source: kind: quoted`) and `tracker init`, after which no report says it is inferred."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

T11_WHY = "suy ra từ kết quả"  # words of T11's `why`, as the report's note quotes it
CONFIRMED = """    source:
      kind: quoted
      wording: Hàng năm có từ 90% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên
      reference: Nghị quyết Đại hội đại biểu Đảng bộ Khối lần thứ IX, 18/08/2020
"""


def confirmed(text: str) -> str:
    """The config with T11 confirmed as docs/config.md says: its source quoted (the last target's
    `source:` block replaced), "(suy luận)" gone from its short titles."""
    start = text.index("    source:\n      kind: inferred\n")
    end = text.index("(kết quả nhiệm kỳ 2015-2020)\n", start) + len("(kết quả nhiệm kỳ 2015-2020)\n")
    text = text[:start] + CONFIRMED + text[end:]
    return text.replace(" (suy luận)", "").replace(" (inferred)", "")


def figures(tracker: Any, code: str) -> dict[str, float]:  # type: ignore[misc]
    found = json.loads(tracker("status", "--format", "json").out)["targets"]
    return next(t for t in found if t["code"] == code)["figures"]  # type: ignore[no-any-return]


def test_the_default_config_links_t04_to_t03_of_the_same_measure(repo_root: Path) -> None:
    import yaml

    for path in (repo_root / "config.yaml", repo_root / "tracker" / "data" / "config.yaml"):
        targets = {t["code"]: t for t in yaml.safe_load(path.read_text(encoding="utf-8"))["targets"]}
        assert targets["T04"]["part_of"] == "T03" and targets["T02"]["part_of"] == "T01"
        assert targets["T04"]["measure"] == targets["T03"]["measure"] == "share"


@pytest.mark.usefixtures("vietnamese")
def test_t04_above_t03_is_refused_in_one_line_and_nothing_written(tracker) -> None:  # type: ignore[no-untyped-def]
    assert tracker("record", "T03", "2023", "84,75").code == 0
    result = tracker("record", "T04", "2023", "90")
    assert result.code == 2 and result.out == ""
    assert result.err == (
        'tracker: lỗi: T04 năm 2023: 90% lớn hơn 84,75% của T03; chỉ tiêu "trong đó" là một phần '
        "của chỉ tiêu cha\n"
    )
    assert figures(tracker, "T04") == {}
    counted = tracker("record", "T04", "2024", "360/400")
    assert tracker("record", "T03", "2024", "339/400").code == 2  # lowering the parent below its part
    assert counted.code == 0 and figures(tracker, "T03") == {"2023": 84.75}
    assert tracker("record", "T04", "2023", "20,5").code == 0  # within its parent: accepted
    assert figures(tracker, "T04") == {"2023": 20.5, "2024": 90.0}


def report_text(tracker: Any, tmp_path: Path, name: str) -> str:  # type: ignore[misc]
    """The report as of 2021 in HTML, Markdown and plain text, one after the other."""
    result = tracker("report", "--year", "2021", "--format", "html,md,txt", "--out", str(tmp_path / name))
    assert result.code == 0, result.err
    paths = [Path(line) for line in result.out.splitlines()]
    assert len(paths) == 3
    return "\n".join(path.read_text(encoding="utf-8") for path in paths)


@pytest.mark.usefixtures("vietnamese")
def test_the_inferred_note_is_gone_once_t11_is_confirmed(tracker, config_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert tracker("record", "T11", "2021", "85,2").code == 0
    before = report_text(tracker, tmp_path, "truoc")
    assert "T11 †" in before and T11_WHY in before
    assert "Chỉ tiêu suy luận, cần xác nhận theo văn bản Nghị quyết" in before
    assert "trong đó 1 chỉ tiêu suy luận cần xác nhận" in before
    assert "T11 †" in tracker("targets").out

    config_file.write_text(confirmed(config_file.read_text(encoding="utf-8")), encoding="utf-8")
    loaded = tracker("init")
    assert loaded.code == 0, loaded.err
    assert "~ T11" in loaded.out and "inferred -> quoted" in loaded.out, loaded.out

    after = report_text(tracker, tmp_path, "sau")
    assert "†" not in after and T11_WHY not in after
    assert "Chỉ tiêu suy luận" not in after and "suy luận cần xác nhận" not in after
    assert "T11" in after and figures(tracker, "T11") == {"2021": 85.2}  # the figure stays
    assert "†" not in tracker("targets").out
