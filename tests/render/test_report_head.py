"""The chain's head printed in a PDF report: in its text (as a reader sees the footer) and in its
metadata, which `tracker verify --report` reads back."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from tests.helpers.printed import POPPLER, require_tools


def test_a_pdf_names_its_head_and_verify_reads_it_back(tracker) -> None:  # type: ignore[no-untyped-def]
    require_tools(*POPPLER)
    assert tracker("record", "T01", "2023", "38/42").code == 0
    made = tracker("--lang", "vi", "report", "--format", "pdf")
    assert made.code == 0, made.err
    [pdf] = [Path(p) for p in re.findall(r"\S+\.pdf", made.out)]
    head = json.loads(tracker("verify", "--format", "json").out)["head"]
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert f"Mã lịch sử: {head[:12]}" in printed
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert f"tracker-chain:{head}" in info
    checked = tracker("verify", "--report", str(pdf))
    assert checked.code == 0 and f"history {head} is intact and unchanged since" in checked.out, checked.out
