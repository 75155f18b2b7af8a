"""check(path) -> Report: the report cache when it can answer, else the pipeline (module
`pipeline`), walk to findings."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from framefit.cache.location import usable
from framefit.cache.reports import ReportCache
from framefit.config.layers import Config
from framefit.config.layers import load as load_config
from framefit.errors import UsageError
from framefit.model import Report

if TYPE_CHECKING:
    from framefit.engine.scan import Progress


def check(path: str | Path = ".", config: Config | None = None, *, debug: bool = False,
          progress: Progress | None = None, jobs: int = 1, cache_dir: Path | None = None,
          exhaustive: bool = False) -> Report:
    """Analyse the repository at `path` and return its report. Raises UsageError for a bad path.

    Without a `config`, the repo's own configuration file is read (`config.load`; a bad one
    raises ConfigError); configured answers and inline suppressions apply either way.

    `progress`, when given, is called as the files are scanned (see `runner.Progress`). `jobs`
    scans Python in that many processes when there are many files; `cache_dir` keeps results
    there between runs (`cache.location.default_dir()` is the usual place): the whole report
    while nothing it depends on changes (module `cache.reports`), and per-file results. Neither
    changes the report; a `cache_dir` inside the tree is not used (module `cache.location`).
    Python modules are parsed only while they can change an answer (module `triage`);
    `exhaustive` parses every one: the same answers, with every observation in the evidence.
    With `debug`, the report cache is not used: the scanners run, and raise.
    """
    root = _root(path)
    config = config or load_config(root)  # no Config given: the repo's own configuration file
    cache_dir = usable(cache_dir, root) if cache_dir else None  # never inside the tree
    reports = ReportCache(cache_dir, root, config, exhaustive) if cache_dir and not debug else None
    if reports is not None and (report := reports.lookup()) is not None:
        return report
    # Imported on a miss only: a run the report cache answers never loads the scanners.
    from framefit.engine.pipeline import run
    from framefit.engine.scan import RunOptions

    started = time.time_ns()
    done = run(root, config, RunOptions(jobs=jobs, cache_dir=cache_dir, debug=debug,
                                        progress=progress, exhaustive=exhaustive),
               reports.before_reading if reports is not None else None)
    if reports is not None:
        reports.store(done.report, done.origin, done.inputs, started)
    return done.report


def _root(path: str | Path) -> Path:
    root = Path(path)
    if not root.exists():
        raise UsageError(f"{path}: no such directory")
    if not root.is_dir():
        raise UsageError(f"{path}: not a directory (framefit checks a repository)")
    return root.resolve()
