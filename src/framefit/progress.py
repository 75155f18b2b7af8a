"""The progress bar the CLI draws on stderr while api.check scans, once a run takes a while."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import TracebackType

    from rich.console import Console
    from rich.progress import Progress, TaskID

DELAY = 1.0  # seconds: a run shorter than this never shows a bar


class ProgressBar:
    """A `progress(done, total)` callback for api.check that draws a transient rich bar.

    Nothing is drawn while disabled or before `delay` seconds have passed, so short runs and
    non-terminals stay silent; stdout is never touched. Use it as a context manager, which
    removes the bar when the scan ends.
    """

    def __init__(self, *, enabled: bool, delay: float = DELAY, console: Console | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.enabled, self.delay, self.console, self.clock = enabled, delay, console, clock
        self.started = clock()
        self.done = self.total = 0
        self.reported = False  # whether a scan reported progress (not when the report was cached)
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        """Record how far the scan is; draw or advance the bar when it is due."""
        self.done, self.total, self.reported = done, total, True
        if not self.enabled:
            return
        if self._bar is None and self.clock() - self.started < self.delay:
            return
        if self._bar is None:
            self._start(total)
        assert self._bar is not None
        assert self._task is not None
        self._bar.update(self._task, completed=done, total=total)

    def _start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = self.console or Console(stderr=True)
        self._bar = Progress(TextColumn("framefit: scanning"), BarColumn(), MofNCompleteColumn(),
                             TimeElapsedColumn(), console=console, transient=True)
        self._task = self._bar.add_task("scan", total=total)
        self._bar.start()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()

    def elapsed(self) -> float:
        """Seconds since the bar was created."""
        return self.clock() - self.started
