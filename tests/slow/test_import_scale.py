"""`tracker import` of a file of 100,000 rows, with the progress bar drawn: one import of 500
targets over 200 years, then the same file again as a dry run that finds nothing to change."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.helpers import default_config_text


def big_config(folder: Path, targets: int, years: int) -> Path:
    """A config with many targets over many years, so that a file can hold many distinct rows."""
    config = yaml.safe_load(default_config_text())
    share, count = config["targets"][0], config["targets"][6]
    config["targets"] = [dict(share if i % 2 else count, code=f"X{i:04d}") for i in range(targets)]
    config["resolution"]["reporting_years"] = list(range(2101 - years, 2101))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def test_a_file_of_100000_rows_with_the_progress_bar(run, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    config = str(big_config(tmp_path / "big", targets=500, years=200))
    assert run("--config", config, "init").code == 0
    lines = ["code,year,value,note"]
    lines += [
        f"X{i:04d},{y},{y % 40}/42,ghi chú" if i % 2 else f"X{i:04d},{y},{y % 300},"
        for i in range(500)
        for y in range(1901, 2101)
    ]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # stderr counts as a terminal: the bar is drawn
    result = run("--config", config, "import", str(path))
    assert result.code == 0, result.err
    assert "100,000 rows: 100,000 added" in result.out
    assert "checking big.csv" in result.err and "100000/100000" in result.err
    again = run("--config", config, "import", str(path), "--dry-run")
    assert "0 would add, 0 would change, 100,000 unchanged (skipped)" in again.out
