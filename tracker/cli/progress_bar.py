"""Rich's progress bar for long work: `import` of long files, `template --units` of many units."""

from __future__ import annotations

from typing import Any

BAR_ROWS = 1000  # a progress bar for files longer than this, on a terminal


class ProgressBar:
    """Rich's progress bar on stderr: only on a terminal, and only for long work (files over
    1,000 rows, many units' workbooks)."""

    def __init__(self, threshold: int = BAR_ROWS) -> None:
        from rich.console import Console

        self.console = Console(stderr=True)
        self.threshold = threshold  # the bar is drawn for more steps than this
        self.bar: Any = None
        self.task: Any = None

    def begin(self, label: str, total: int | None) -> None:
        if self.bar is None and (total or 0) > self.threshold and self.console.is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            columns = (
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
            )
            self.bar = Progress(*columns, console=self.console)
            self.bar.start()
        if self.bar is not None:
            self._finish()
            self.task = self.bar.add_task(label, total=total)

    def advance(self, count: int) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, count)

    def _finish(self) -> None:
        """The bar's total was about the rows to come; it ends at the rows that came."""
        if self.task is not None:
            self.bar.update(self.task, total=self.bar.tasks[-1].completed)

    def close(self) -> None:
        if self.bar is not None:
            self._finish()
            self.bar.stop()
