"""Running the scanners over a tree: every file that is not planned, then the planned ones
round by round (module `plan`); the per-file cache (cache.scan_lookup) and the process pool
(module `pool`) serve both. One file's scan and its `except` boundary are in `file_scan`.

Results are combined in the walk's order whatever ran where, so the evidence (and so the report)
is the same with or without the cache and with one job or many.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from framefit.answers.repo import answer_repo
from framefit.answers.settled import STRUCTURE, bearing
from framefit.answers.weigh import ROLE_WEIGHT
from framefit.cache.scan_lookup import Hashes, lookup, open_cache, store
from framefit.catalog import Catalog
from framefit.engine.file_scan import FileScan, confirmed_signals, file_signals, scan_file
from framefit.engine.plan import FIRST_ROUND, Planned, batch, open_groups, order
from framefit.engine.pool import (
    Workers,
    confirm_in_worker,
    scan_in_worker,
    signals_in_worker,
)
from framefit.frozen import frozen
from framefit.model import Role
from framefit.scanners.base import Foreseen, ScanContext, ScanResult
from framefit.scanners.registry import scanners_for
from framefit.walk import Tree, WalkedFile
from framefit.walk.reader import RepoReader

# progress(done, total): called as files are scanned, from 0 of total up to total of total.
Progress = Callable[[int, int], None]


@frozen
class RunOptions:
    """How to run the scanners; none of it changes an answer or a diagnostic."""

    jobs: int = 1
    cache_dir: Path | None = None  # None: no cache
    debug: bool = False
    progress: Progress | None = None
    exhaustive: bool = False  # scan every planned file with groups, not only those still open


@frozen
class Scanned:
    """What the scanners found, the planned files, and every file the result depends on."""

    results: list[tuple[WalkedFile, ScanResult]]  # in the walk's order; skipped files left out
    planned: tuple[Planned, ...]  # every planned file with groups (scanned or not)
    inputs: frozenset[str]  # every file a scanner matched (skipped or not) or read
    # Files not read in full, the same in every mode: of those scanned in every mode (not
    # planned, or planned ones whose bytes the prefilter could not read as text), the ones
    # whose scan gave a diagnostic (answers/repo.py `modules_read`).
    unreadable: frozenset[str] = frozenset()


def scan_context(tree: Tree, catalog: Catalog) -> ScanContext:
    """What every scanner of the run reads the tree through."""
    modules = frozenset(f.path for f in tree.files if f.path.endswith(".py"))
    return ScanContext(RepoReader(tree.root), catalog, tree.local_modules(), modules)


def scan_tree(tree: Tree, options: RunOptions, workers: Workers) -> Scanned:
    """Every scanned file with its result, in the walk's order (`workers` over the tree's
    scan context: the run's pool, if the work is big enough for one)."""
    files = scanned_files(tree)
    with _Scanning(tree, workers, options, len(files)) as scanning:
        planned_files = [f for f in files if is_planned(f)]
        foreseen = scanning.foresee(planned_files)  # in the pool: while the others are scanned
        scanning.run([f for f in files if not is_planned(f)])
        planned = scanning.plan(planned_files, foreseen)
        pending = _scan_planned(planned, scanning, tree, options.exhaustive)
    return Scanned(scanning.results(), tuple(pending), frozenset(f.path for f in files) | scanning.reads,
                   frozenset(scanning.unreadable))


def _scan_planned(planned: list[Planned], scanning: _Scanning, tree: Tree,
                  exhaustive: bool) -> list[Planned]:
    """Scan the planned files (every one with groups, or round by round while open), and give
    the ones with groups."""
    if exhaustive:
        scanning.prepare(planned)
    pending = _every(planned) if exhaustive else [p for p in planned if p.groups or p.unconfirmed]
    scanning.skipped(len(planned) - len(pending))
    if exhaustive:
        scanning.run([p.walked for p in pending])
    else:
        _rounds(pending, scanning, tree, scanning.ctx.catalog)
    return pending


def _every(planned: list[Planned]) -> list[Planned]:
    """--exhaustive: every planned file with groups, the unconfirmed ones confirmed first."""
    for item in planned:
        item.settle_unconfirmed()
    return [p for p in planned if p.groups]


def scanned_files(tree: Tree) -> list[WalkedFile]:
    """The files some scanner reads (the plan may leave some of them unread)."""
    return [f for f in tree.files if scanners_for(f.path)]


def read_in_full(results: Iterable[tuple[WalkedFile, ScanResult]]) -> list[tuple[WalkedFile, ScanResult]]:
    """The results of the files read without a diagnostic: only what they show settles a
    group (module `plan`), so a file that could not be read in full is diagnosed while what
    it could show still matters."""
    return [(walked, result) for walked, result in results if not result.diagnostics]


def is_planned(walked: WalkedFile) -> bool:
    """A file every scanner of which is planned (module `plan`)."""
    return all(s.planned for s in scanners_for(walked.path))


def _rounds(pending: list[Planned], scanning: _Scanning, tree: Tree, catalog: Catalog) -> None:
    """Scan, round by round, the planned files whose groups are still open."""
    size = FIRST_ROUND
    while pending:
        repo = answer_repo(tree, read_in_full(scanning.results()), catalog, scanning.unreadable)
        opened = open_groups(repo, pending, catalog, confirm=False, prepare=scanning.prepare)
        chosen, pending = batch(order([p for p in pending if opened[p.path]], opened, repo), opened, size,
                                scanning.prepare)
        scanning.skipped(len(opened) - len(chosen) - len(pending))
        scanning.run([p.walked for p in chosen])
        size *= 2


class _Scanning:
    """One run's scanning state: results so far, the cache, the run's workers."""

    def __init__(self, tree: Tree, workers: Workers, options: RunOptions, total: int) -> None:
        self.tree, self.workers, self.options, self.total = tree, workers, options, total
        ctx = self.ctx = workers.ctx
        self.cache = open_cache(options.cache_dir, tree.root, ctx.catalog, ctx.local_modules)
        self.hashes = Hashes(tree.root, self.cache)
        self.done: dict[str, ScanResult] = {}
        self.sizes: dict[str, int] = {}
        self.reads: set[str] = set()  # files the scans read besides their own
        self.unreadable: set[str] = set()  # as Scanned.unreadable
        self.unforeseen: set[str] = set()  # planned files the prefilter could not read as text
        self.count = 0
        self._groups: dict[tuple[frozenset[str], Role], frozenset[str]] = {}
        self.foreseen: dict[str, Foreseen] = {}  # planned files with unconfirmed groups

    def __enter__(self) -> _Scanning:
        self._advance(0)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.cache:
            self.cache.close()

    def results(self) -> list[tuple[WalkedFile, ScanResult]]:
        """What is scanned so far, in the walk's order."""
        return [(f, self.done[f.path]) for f in self.tree.files if f.path in self.done]

    def run(self, files: list[WalkedFile]) -> None:
        """Scan `files` (from the cache where it has them) into `done`."""
        self._run(files)
        for walked in files:  # files scanned in every mode: what their scan said stands
            if walked.path in self.unforeseen or not is_planned(walked):
                if self.done[walked.path].diagnostics:
                    self.unreadable.add(walked.path)
                else:
                    self.unreadable.discard(walked.path)

    def _run(self, files: list[WalkedFile]) -> None:
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
        """Files the plan leaves unread: done, as far as progress goes."""
        self._advance(count)

    def foresee(self, files: list[WalkedFile]) -> Iterable[Foreseen | None]:
        """The signals each planned file may give, from its bytes, in `files`' order: started
        in the pool when there are many (the workers read while this process goes on), else
        worked out as `plan` asks. Not cached: a module's may depend on the first-party modules
        it imports from."""
        for walked in files:
            stamp = self.hashes.stamp(walked.path)
            self.sizes[walked.path] = stamp.size if stamp else 0
        if self.workers.wanted(len(files), self._bytes(files), "prefilter"):
            chunks = max(1, len(files) // (self.workers.jobs * 8))
            return self.workers.pool().map(signals_in_worker, files, chunksize=chunks)
        prefilters = self.workers.prefilters()
        return (file_signals(w, self.ctx.reader, prefilters) for w in files)

    def plan(self, files: list[WalkedFile], foreseen: Iterable[Foreseen | None]) -> list[Planned]:
        """Every planned file with its groups, from what `foresee` gave for `files`."""
        planned = []
        for walked, found in zip(files, foreseen, strict=True):
            size = self.sizes.get(walked.path, 0)
            if found is None:  # scanned in every mode (its group never settles): unread till then
                self.unforeseen.add(walked.path)
                self.unreadable.add(walked.path)
                planned.append(Planned(walked, frozenset({STRUCTURE}), size))
                continue
            groups = self._groups_of(found.signals, walked.role)
            unconfirmed = self._groups_of(found.unconfirmed, walked.role) - groups
            if unconfirmed:
                self.foreseen[walked.path] = found
            planned.append(Planned(walked, groups, size, unconfirmed, self._confirmer(walked, found)))
        return planned

    def prepare(self, items: list[Planned]) -> None:
        """Confirm these planned files' unconfirmed groups all together, in the pool when they
        are many (plan.Prepare); else each is confirmed when the plan asks."""
        todo = [p for p in items if p.unconfirmed and p.path in self.foreseen]
        if not self.workers.wanted(len(todo), sum(p.size for p in todo), "confirm"):
            return
        found = self.workers.pool().map(confirm_in_worker, [(p.walked, self.foreseen[p.path]) for p in todo],
                                        chunksize=max(1, len(todo) // (self.workers.jobs * 4)))
        for item, signals in zip(todo, found, strict=True):
            item.settle_unconfirmed(self._groups_of(signals, item.walked.role))

    def _confirmer(self, walked: WalkedFile, foreseen: Foreseen) -> Callable[[], frozenset[str]]:
        def confirm() -> frozenset[str]:
            signals = confirmed_signals(walked, self.ctx.reader, self.workers.prefilters(), foreseen)
            return self._groups_of(signals, walked.role)

        return confirm

    def _groups_of(self, signals: frozenset[str], role: Role) -> frozenset[str]:
        key = (signals, role)
        if key not in self._groups:
            self._groups[key] = frozenset().union(*(self._bearing(s, role) for s in signals))
        return self._groups[key]

    def _bearing(self, signal: str, role: Role) -> frozenset[str]:
        key = (frozenset({signal}), role)
        if key not in self._groups:
            self._groups[key] = bearing(signal, ROLE_WEIGHT[role], self.ctx.catalog)
        return self._groups[key]

    def _advance(self, count: int) -> None:
        self.count += count
        if self.options.progress:
            self.options.progress(self.count, self.total)

    def _scans(self, todo: list[WalkedFile]) -> Iterable[FileScan]:
        python = [f for f in todo if f.path.endswith(".py")]
        if self.workers.wanted(len(python), self._bytes(python), "parse"):
            return self.workers.pool().map(scan_in_worker, todo, chunksize=1)
        return (scan_file(w, self.ctx, self.options.debug) for w in todo)

    def _bytes(self, files: list[WalkedFile]) -> int:
        if not self.sizes:
            return sum(s.size for f in files if (s := self.hashes.stamp(f.path)))
        return sum(self.sizes.get(f.path, 0) for f in files)
