"""The recipe of docs/verify.md, run as written: `sqlite3` and `sha256sum` alone walk the chain
to the head `tracker verify` prints."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs" / "verify.md"


def recipe() -> str:
    text = DOCS.read_text(encoding="utf-8")
    found = re.search(r"## Verifying by hand.*?```sh\n(.*?)```", text, re.S)
    assert found is not None, "docs/verify.md has its recipe"
    return found[1]


@pytest.mark.skipif(shutil.which("sqlite3") is None or shutil.which("sha256sum") is None, reason="no sqlite3")
def test_the_documented_recipe_finds_the_head_verify_prints(tracker, config_file: Path) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ("record", "T01", "2023", "38/42", "--by", "Nguyễn Văn An", "--note", 'Báo cáo "quý"; dòng 2'),
        ("record", "T01", "2023", "39/42", "--by", "An", "--amend", "--reason", "Số chính thức"),
        ("record", "T07", "2023", "150"),
    ):
        assert tracker(*args).code == 0
    verified = tracker("verify")
    head = re.search(r"[0-9a-f]{64}", verified.out)
    assert verified.code == 0 and head is not None
    done = subprocess.run(
        ["bash", "-c", recipe()], cwd=config_file.parent, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith(f"links, head {head[0]}"), done.stdout

    subprocess.run(
        ["sqlite3", "tracker.db", "UPDATE chain_link SET content = content || ' ' WHERE seq = 13"],
        cwd=config_file.parent,
        check=True,
    )
    broken = subprocess.run(["bash", "-c", recipe()], cwd=config_file.parent, capture_output=True, text=True)
    assert broken.returncode == 1 and "link 13 does not hash" in broken.stdout
