"""kill -9 while several files are imported together: nothing of any of them is stored, and the
next run imports them all."""

from __future__ import annotations

import signal

from tests.reliability.conftest import Setup

KILLED = -signal.SIGKILL


def test_an_import_of_several_files_killed_before_its_commit_leaves_nothing(setup: Setup) -> None:
    folder = setup.folder / "don-vi"
    folder.mkdir()
    for n, years in enumerate(((2021, 2022), (2023, 2024, 2025))):
        lines = [f"T{t:02d},{y},{150 if t == 7 else 90}" for t in range(1, 12) for y in years]
        (folder / f"{n}.csv").write_text("code,year,value\n" + "\n".join(lines) + "\n", encoding="utf-8")
    killed = setup.run("import", str(folder), crash_at="revisions-written")
    assert killed.returncode == KILLED
    if setup.url is None:
        assert setup.integrity() == "ok"
    assert setup.query("SELECT count(*) FROM entry") == [(0,)]
    again = setup.run("import", str(folder))
    assert again.returncode == 0, again.stderr
    assert "0.csv: 22 rows: 22 added" in again.stdout and "1.csv: 33 rows: 33 added" in again.stdout
    assert setup.query("SELECT count(*) FROM entry") == [(55,)]
