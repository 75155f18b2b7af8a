"""Running the scanners over a tree: the cache, the process pool, and the one `except` boundary.

Results are combined in the walk's order whatever ran where, so the evidence (and so the report)
is the same with or without the cache and with one job or many.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path

from framefit.cache import Cached, ScanCache, Stamp, content_hash
from framefit.catalog import Catalog, load
from framefit.model import Diagnostic
from framefit.scanners import scanners_for
from framefit.scanners.base import ScanContext, ScanResult, SourceFile
from framefit.walk import Tree, WalkedFile
from framefit.walk.reader import ReadError, RepoReader

log = logging.getLogger(__name__)

# progress(done, total): called as files are scanned, from 0 of total up to total of total.
Progress = Callable[[int, int], None]
POOL_THRESHOLD = 150  # fewer Python files than this are scanned in-process: a pool costs more


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How to run the scanners; none of it changes the result."""

    jobs: int = 1
    cache_dir: Path | None = None  # None: no cache
    debug: bool = False
    progress: Progress | None = None


@dataclass(frozen=True, slots=True)
class FileScan:
    result: ScanResult
    digest: str | None  # None when the file could not be read (then nothing is cached)
    reads: tuple[str, ...] = ()


def scan_tree(tree: Tree, catalog: Catalog, options: RunOptions) -> list[tuple[WalkedFile, ScanResult]]:
    """Every scanned file with its result, in the walk's order."""
    local = tree.local_modules()
    ctx = ScanContext(RepoReader(tree.root), catalog, local)
    files = [f for f in tree.files if scanners_for(f.path)]
    cache = _open_cache(tree.root, catalog, local, options)
    hashes = _Hashes(tree.root, cache)
    done: dict[str, ScanResult] = {}
    todo: list[WalkedFile] = []
    for walked in files:
        hit = _lookup(walked, cache, hashes) if cache else None
        if hit is not None:
            done[walked.path] = hit
        else:
            todo.append(walked)
    _report(options, len(done), len(files))
    for walked, scan in zip(todo, _run(todo, ctx, options, len(done), len(files)), strict=True):
        done[walked.path] = scan.result
        if cache and scan.digest is not None:
            _store(walked, scan, cache, hashes)
    if cache:
        cache.close()
    return [(walked, done[walked.path]) for walked in files]


def _report(options: RunOptions, done: int, total: int) -> None:
    if options.progress:
        options.progress(done, total)


def _open_cache(root: Path, catalog: Catalog, local: frozenset[str],
                options: RunOptions) -> ScanCache | None:
    if options.cache_dir is None:
        return None
    modules = hashlib.sha256("\n".join(sorted(local)).encode()).hexdigest()[:16]
    return ScanCache(options.cache_dir, root, f"{catalog.version}|{modules}")


class _Hashes:
    """Content hashes of repo files, from the cache's stamps when size and mtime are unchanged."""

    def __init__(self, root: Path, cache: ScanCache | None) -> None:
        self.root = root
        self.cache = cache
        self.memo: dict[str, str | None] = {}

    def stamp(self, path: str) -> Stamp | None:
        try:
            info = (self.root / path).stat()
        except OSError:
            return None
        return Stamp(info.st_size, info.st_mtime_ns)

    def of(self, path: str) -> str | None:
        if path not in self.memo:
            self.memo[path] = self._compute(path)
        return self.memo[path]

    def _compute(self, path: str) -> str | None:
        stamp = self.stamp(path)
        if stamp is None:
            return None
        known = self.cache.known_hash(path, stamp) if self.cache else None
        if known:
            return known
        try:
            digest = content_hash(RepoReader(self.root).read_bytes(path))
        except ReadError:
            return None
        if self.cache:
            self.cache.remember_hash(path, stamp, digest)
        return digest


def _lookup(walked: WalkedFile, cache: ScanCache, hashes: _Hashes) -> ScanResult | None:
    digest = hashes.of(walked.path)
    if digest is None:
        return None
    cached = cache.get(cache.key(walked.path, walked.role.value, digest))
    if cached is None:
        return None
    if any((hashes.of(path) or "") != expected for path, expected in cached.reads):
        return None  # an included file changed since
    return cached.result


def _store(walked: WalkedFile, scan: FileScan, cache: ScanCache, hashes: _Hashes) -> None:
    assert scan.digest is not None
    stamp = hashes.stamp(walked.path)
    if stamp is not None:
        cache.remember_hash(walked.path, stamp, scan.digest)
    # Other files the scan read, "" for one that did not exist: any change invalidates the entry.
    reads = tuple((path, hashes.of(path) or "") for path in scan.reads if path != walked.path)
    cache.put(cache.key(walked.path, walked.role.value, scan.digest), Cached(scan.result, reads))


def _run(todo: list[WalkedFile], ctx: ScanContext, options: RunOptions, done: int,
         total: int) -> Iterator[FileScan]:
    python_files = sum(1 for f in todo if f.path.endswith(".py"))
    jobs = min(options.jobs, os.cpu_count() or 1)
    if jobs > 1 and python_files >= POOL_THRESHOLD and not options.debug:
        results: Iterable[FileScan] = _pooled(todo, ctx, jobs)
    else:
        results = (scan_file(w, ctx, options.debug) for w in todo)
    for index, scan in enumerate(results, start=done + 1):
        _report(options, index, total)
        yield scan


def scan_file(walked: WalkedFile, ctx: ScanContext, debug: bool = False) -> FileScan:
    """Read one file and run every scanner that matches it; a scanner's bug is a diagnostic."""
    reader = ctx.reader.recording()
    try:
        data = ctx.reader.read_bytes(walked.path)
    except ReadError as exc:
        return FileScan(ScanResult(diagnostics=(Diagnostic(walked.path, None, exc.kind, exc.message),)),
                        None)
    source = SourceFile(walked.path, data, walked.role, walked.service)
    scan_ctx = replace(ctx, reader=reader)
    result = ScanResult()
    for scanner in scanners_for(walked.path):
        try:
            result = result + scanner.scan(source, scan_ctx)
        except Exception as exc:  # the one boundary: a scanner bug must not end the run
            if debug:
                raise
            log.debug("scanner %s failed on %s", scanner.name, walked.path, exc_info=True)
            message = f"scanner {scanner.name} failed: {type(exc).__name__}: {exc}"
            result = result + ScanResult(diagnostics=(
                Diagnostic(walked.path, None, "internal-error", message[:300]),))
    return FileScan(result, content_hash(data), tuple(dict.fromkeys(reader.record or ())))


# --- the process pool: each worker builds its own context once -------------------------------

_WORKER_CTX: ScanContext | None = None


def _init_worker(root: str, local: frozenset[str]) -> None:
    global _WORKER_CTX
    _WORKER_CTX = ScanContext(RepoReader(Path(root)), load(), local)


def _scan_in_worker(walked: WalkedFile) -> FileScan:
    assert _WORKER_CTX is not None
    return scan_file(walked, _WORKER_CTX)


def _pooled(todo: list[WalkedFile], ctx: ScanContext, jobs: int) -> Iterator[FileScan]:
    assert ctx.reader.root is not None
    method = "fork" if "fork" in _start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context(method),
                             initializer=_init_worker,
                             initargs=(str(ctx.reader.root), ctx.local_modules)) as pool:
        yield from pool.map(_scan_in_worker, todo, chunksize=max(1, len(todo) // (jobs * 8)))


def _start_methods() -> list[str]:
    from multiprocessing import get_all_start_methods

    return get_all_start_methods()
