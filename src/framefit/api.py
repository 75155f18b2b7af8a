"""check(path) -> Report: the report cache when it can answer, else the pipeline (module
`pipeline`), walk to findings; record(path, reason) -> RecordResult: the decisions written."""

from __future__ import annotations

import datetime
import time
from pathlib import Path
from typing import TYPE_CHECKING

from framefit.config.layers import Config
from framefit.config.layers import load as load_config
from framefit.engine.collector import relaxed
from framefit.errors import UsageError
from framefit.model import Report

if TYPE_CHECKING:
    from framefit.config.record import RecordResult
    from framefit.engine.scan import Progress
    from framefit.model import ServiceAnswers


def check(path: str | Path = ".", config: Config | None = None, *, debug: bool = False,
          progress: Progress | None = None, jobs: int = 1, cache_dir: Path | None = None,
          exhaustive: bool = False) -> Report:
    """Analyse the repository at `path` and return its report. Raises UsageError for a bad path.

    Without a `config`, the repo's own configuration file is read (`config.load`; a bad one
    raises ConfigError); configured answers, recorded decisions and inline suppressions apply
    either way.

    `progress`, when given, is called as the files are scanned (see `engine.scan.Progress`). `jobs`
    scans Python in that many processes when there are many files; `cache_dir` keeps results
    there between runs (`cache.location.default_dir()` is the usual place): the whole report
    while nothing it depends on changes (module `cache.reports`), and per-file results. Neither
    changes the report; a `cache_dir` inside the tree is not used (module `cache.location`).
    Python modules are parsed only while they can change an answer (module `engine.plan`);
    `exhaustive` parses every one: the same answers, with every observation in the evidence.
    With `debug`, the report cache is not used: the scanners run, and raise. The garbage
    collector runs less often during the call (module `engine.collector`).
    """
    with relaxed():
        return _check(_root(path), config, debug, progress, jobs, cache_dir, exhaustive)


def _check(root: Path, config: Config | None, debug: bool, progress: Progress | None, jobs: int,
           cache_dir: Path | None, exhaustive: bool) -> Report:
    config = config or load_config(root)  # no Config given: the repo's own configuration file
    reports = None
    if cache_dir:  # the caches' modules are imported by a run that uses them
        from framefit.cache.location import usable
        from framefit.cache.reports import ReportCache

        cache_dir = usable(cache_dir, root)  # never inside the tree
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


def record(path: str | Path = ".", reason: str = "", service: str | None = None,
           dry_run: bool = False, *, config: Config | None = None,
           config_file: str | Path | None = None, today: datetime.date | None = None,
           cache_dir: Path | None = None, jobs: int = 1) -> RecordResult:
    """Check `path`, then record for each service that uses Django or Flask (or only `service`,
    its path as the report names it) the framework, its three answers, `reason` and the date
    (`today`, by default the clock's: the only use of it, and it goes into the file, never into
    a report). The entries go into the configuration file `check` reads (module
    `config.record`); with `dry_run` nothing is written and the result holds the diff.

    Raises UsageError for an empty reason, a `service` that is not such a service, or nothing to
    record; ConfigError when the configuration file cannot be edited.
    """
    from framefit.config.record import Entry
    from framefit.config.record import record as write_entries
    from framefit.model import Question

    why = " ".join(reason.split())
    if not why:
        raise UsageError("--reason: empty; allowed: a one-line reason the team keeps this framework")
    root = _root(path)
    explicit = Path(config_file) if config_file else None
    report = check(root, config or load_config(root, explicit), cache_dir=cache_dir, jobs=jobs)
    date = today or datetime.date.today()
    entries = [Entry(s.path, s.framework or "", tuple((q, s.answer(q).value) for q in Question), why, date)
               for s in _recorded(report.services, service)]
    return write_entries(root, entries, explicit, dry_run=dry_run)


def _recorded(services: tuple[ServiceAnswers, ...], wanted: str | None) -> list[ServiceAnswers]:
    """The services to record: every judged one, or the one at `wanted`."""
    judged = _judged(services)
    if wanted is None:
        return judged
    key = _service_key(wanted)
    chosen = [s for s in judged if s.path == key]
    if not chosen:
        names = ", ".join(s.path for s in judged)
        raise UsageError(f'--service "{wanted}": not a service using Django or Flask; services: {names}')
    return chosen


def _judged(services: tuple[ServiceAnswers, ...]) -> list[ServiceAnswers]:
    """The services using Django or Flask, by path (UsageError when there is none)."""
    from framefit.model import JUDGED

    judged = sorted((s for s in services if s.framework in JUDGED), key=lambda s: s.path)
    if not judged:
        raise UsageError("nothing to record: no service uses Django or Flask")
    return judged


def _service_key(wanted: str) -> str | None:
    """A `--service` path as the report names services ("." for the root)."""
    from framefit.walk.reader import normalize

    return "." if wanted.rstrip("/") == "." else normalize(wanted)  # normalize(".") is None


def _root(path: str | Path) -> Path:
    root = Path(path)
    if not root.exists():
        raise UsageError(f"{path}: no such directory")
    if not root.is_dir():
        raise UsageError(f"{path}: not a directory (framefit checks a repository)")
    return root.resolve()
