"""Running the scanners over a tree: the plan, the cache (runner_cache), the process pool
(worker_pool); one file's scan and its `except` boundary are in file_scan.

Results are combined in the walk's order whatever ran where, so the evidence (and so the report)
is the same with or without the cache and with one job or many.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from framefit.answers import ServiceFacts, answer_service
from framefit.answers.weigh import ROLE_WEIGHT, weighted
from framefit.cache.scan_lookup import Hashes, lookup, open_cache, store
from framefit.catalog import Catalog
from framefit.engine.file_scan import FileScan, module_groups, scan_file
from framefit.engine.pool import close_pool, groups_in_worker, make_pool, scan_in_worker
from framefit.engine.triage import FIRST_ROUND, Planner, frameworks_in, order, resolve, settled
from framefit.model import Evidence
from framefit.scanners import scanners_for
from framefit.scanners.base import ScanContext, ScanResult
from framefit.scanners.python.scanner import SCANNER as PYTHON_SCANNER
from framefit.walk import Tree, WalkedFile
from framefit.walk.reader import ReadError, RepoReader

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

log = logging.getLogger(__name__)

# progress(done, total): called as files are scanned, from 0 of total up to total of total.
Progress = Callable[[int, int], None]
# A process pool (forked) costs some 0.05 s to start and feed: below these (files, and bytes to
# parse or to triage) the work is done in-process. Measured on 2 cores: triage in the pool gains
# 0.05-0.12 s from 5 MB of modules on (weblate's 15 MB: 0.84 -> 0.72 s), breaks even at 3 MB and
# loses 0.03-0.04 s under 1 MB. Parsing costs some 20 times what triage does per byte.
POOL_THRESHOLD = 4
POOL_PARSE_BYTES = 1_500_000
POOL_TRIAGE_BYTES = 3_000_000


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How to run the scanners; none of it changes the result, except `exhaustive` (see triage)."""

    jobs: int = 1
    cache_dir: Path | None = None  # None: no cache
    debug: bool = False
    progress: Progress | None = None
    exhaustive: bool = False  # parse every Python module, not only those the plan needs


@dataclass(frozen=True, slots=True)
class Scanned:
    """What the scanners found, and every file the result depends on."""

    results: list[tuple[WalkedFile, ScanResult]]  # in the walk's order, without skipped modules
    inputs: frozenset[str]  # every file a scanner matched (skipped or not) or read


def scan_tree(tree: Tree, catalog: Catalog, options: RunOptions) -> Scanned:
    """Every scanned file with its result, in the walk's order (modules the plan skipped are
    not in the list)."""
    local = tree.local_modules()
    ctx = ScanContext(RepoReader(tree.root), catalog, local)
    files = scanned_files(tree)
    planned = [f for f in files if _planned(f)] if not options.exhaustive else []
    with _Scanning(tree, ctx, options, len(files)) as scanning:
        scanning.run([f for f in files if not _planned(f) or options.exhaustive])
        if planned:
            planner = Planner(catalog, local)
            others = [f for f in files if f.path.endswith(".py") and not _planned(f)]
            _plan(planned, scanning, planner, _marks(others, ctx.reader, planner))
        done = scanning.done
    return Scanned([(walked, done[walked.path]) for walked in files if walked.path in done],
                   frozenset(f.path for f in files) | scanning.reads)


def scanned_files(tree: Tree) -> list[WalkedFile]:
    """The files some scanner reads (the plan may leave some of the modules unread)."""
    return [f for f in tree.files if scanners_for(f.path)]


def _planned(walked: WalkedFile) -> bool:
    """A file the plan decides to scan or not: a module only the python scanner reads, or a
    file of a scanner with a fixed set of signals. Not a `manage.py`, which makes its
    directory a service (api._is_service) whatever else is known."""
    scanners = scanners_for(walked.path)
    if [s.name for s in scanners] == [PYTHON_SCANNER.name]:
        return walked.path.rsplit("/", 1)[-1] != "manage.py"
    return all(s.signals for s in scanners)


def _marks(modules: list[WalkedFile], reader: RepoReader, planner: Planner) -> dict[str, set[str]]:
    """What `modules` (scanned whatever the plan) bind and import (module `reexports`)."""
    found: dict[str, set[str]] = {}
    for walked in modules:
        with contextlib.suppress(ReadError):
            found[walked.path] = planner.marks(reader.read_bytes(walked.path), walked.path)
    return found


def _plan(modules: list[WalkedFile], scanning: _Scanning, planner: Planner,
          others: dict[str, set[str]]) -> None:
    """Parse, round by round, the modules whose groups are not settled (module `triage`);
    `others` are the marks of Python modules outside the plan."""
    groups = resolve(scanning.groups(modules, planner), others)
    by_path = {m.path: m for m in modules}
    service = {m.path: m.service for m in modules}
    todo = order((p for p, g in groups.items() if g), groups, service, scanning.sizes)
    scanning.skipped(len(modules) - len(todo))
    size = FIRST_ROUND
    while todo:
        batch, todo = todo[:size], todo[size:]
        scanning.run([by_path[p] for p in batch])
        size *= 2
        if todo:
            settled_now = scanning.settled(todo, groups)
            keep = [p for p in todo if groups[p] - settled_now.get(by_path[p].service, frozenset())]
            scanning.skipped(len(todo) - len(keep))
            todo = order(keep, groups, service, scanning.sizes, settled_now)


def _report(options: RunOptions, done: int, total: int) -> None:
    if options.progress:
        options.progress(done, total)


class _Scanning:
    """One run's scanning state: results so far, the cache, the process pool (made on demand)."""

    def __init__(self, tree: Tree, ctx: ScanContext, options: RunOptions, total: int) -> None:
        self.tree, self.ctx, self.options, self.total = tree, ctx, options, total
        self.cache = open_cache(options.cache_dir, tree.root, ctx.catalog, ctx.local_modules)
        self.hashes = Hashes(tree.root, self.cache)
        self.done: dict[str, ScanResult] = {}
        self.sizes: dict[str, int] = {}
        self.reads: set[str] = set()  # files the scans read besides their own
        self.count = 0
        self._pool: ProcessPoolExecutor | None = None
        self._planner: Planner | None = None  # the plan's, once known: the pool's workers share it
        self.jobs = min(options.jobs, os.cpu_count() or 1)
        self._owner = {f.path: f.service for f in tree.files}
        self._roles = {f.path: f.role for f in tree.files}

    def __enter__(self) -> _Scanning:
        _report(self.options, 0, self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            close_pool(self._pool)
        if self.cache:
            self.cache.close()

    def run(self, files: list[WalkedFile]) -> None:
        """Scan `files` (from the cache where it has them) into `done`."""
        todo: list[WalkedFile] = []
        for walked in files:
            hit = lookup(walked, self.cache, self.hashes) if self.cache else None
            if hit is not None:
                self.done[walked.path] = hit.result
                self.reads.update(probe.path for probe in hit.probes)
                self._advance(1)
            else:
                todo.append(walked)
        todo.sort(key=lambda w: -self.sizes.get(w.path, 0))  # the biggest first keeps a pool busy
        for walked, scan in zip(todo, self._scans(todo), strict=True):
            self.done[walked.path] = scan.result
            self.reads.update(scan.reads)
            if self.cache and scan.digest is not None:
                store(walked, scan, self.cache, self.hashes)
            self._advance(1)

    def skipped(self, count: int) -> None:
        """Modules the plan leaves unparsed: done, as far as progress goes."""
        self._advance(count)

    def groups(self, modules: list[WalkedFile], planner: Planner) -> dict[str, frozenset[str]]:
        """The triage groups of each module, from the cache or its bytes (in the pool when
        there are many)."""
        self._planner = planner
        found: dict[str, frozenset[str]] = {}
        keys: dict[str, str] = {}
        todo: list[WalkedFile] = []
        for walked in modules:
            stamp = self.hashes.stamp(walked.path)
            self.sizes[walked.path] = stamp.size if stamp else 0
            fixed = [s.signals for s in scanners_for(walked.path) if s.signals]
            if fixed:  # known from the path: a scanner with a fixed set of signals
                found[walked.path] = planner.signals_groups(
                    [x for signals in fixed for x in signals], ROLE_WEIGHT[walked.role])
                continue
            digest = self.hashes.of(walked.path) if self.cache else None
            if self.cache and digest:
                keys[walked.path] = self.cache.key(walked.path, f"triage:{walked.role.value}", digest)
                known = self.cache.get_groups(keys[walked.path])
                if known is not None:
                    found[walked.path] = known
                    continue
            todo.append(walked)
        if self._parallel(len(todo), self._bytes(todo), POOL_TRIAGE_BYTES):
            computed: Iterable[frozenset[str]] = self.pool().map(
                groups_in_worker, todo, chunksize=max(1, len(todo) // (self.jobs * 8)))
        else:
            computed = (module_groups(w, self.ctx.reader, planner) for w in todo)
        for walked, groups in zip(todo, computed, strict=True):
            found[walked.path] = groups
            if self.cache and walked.path in keys:
                self.cache.put_groups(keys[walked.path], groups)
        return found

    def settled(self, todo: list[str], groups: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
        """Per candidate service with modules still to parse, the groups nothing can change."""
        evidence: dict[str, list[Evidence]] = defaultdict(list)
        for path, result in sorted(self.done.items()):
            role = self._roles[path]
            for item in weighted(result.evidence, result.dependencies, role, self._roles,
                                     self.ctx.catalog):
                evidence[self._owner.get(item.path, ".")].append(item)
        unparsed: dict[str, set[str]] = defaultdict(set)
        for path in todo:
            unparsed[self._owner[path]] |= frameworks_in(groups[path])
        return {service: settled(answer_service(ServiceFacts(service, tuple(evidence[service])),
                                                self.ctx.catalog), frozenset(names), self.ctx.catalog)
                for service, names in unparsed.items()}

    def _advance(self, count: int) -> None:
        self.count += count
        _report(self.options, self.count, self.total)

    def _scans(self, todo: list[WalkedFile]) -> Iterable[FileScan]:
        python = [f for f in todo if f.path.endswith(".py")]
        if self._parallel(len(python), self._bytes(python), POOL_PARSE_BYTES):
            return self.pool().map(scan_in_worker, todo, chunksize=1)
        return (scan_file(w, self.ctx, self.options.debug) for w in todo)

    def _parallel(self, files: int, size: int, least: int) -> bool:
        return self.jobs > 1 and files >= POOL_THRESHOLD and size >= least and not self.options.debug

    def _bytes(self, files: list[WalkedFile]) -> int:
        if not self.sizes:
            return sum(s.size for f in files if (s := self.hashes.stamp(f.path)))
        return sum(self.sizes.get(f.path, 0) for f in files)

    def pool(self) -> ProcessPoolExecutor:
        """The process pool, made on first use and kept for the run."""
        if self._pool is None:
            self._pool = make_pool(self.ctx, self.jobs, self._planner)
        return self._pool
