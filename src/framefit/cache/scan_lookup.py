"""How a run uses the cache (module `cache.scans`): content hashes from size-and-mtime stamps, and
file scans looked up and stored with the other files they read."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from framefit.cache.scans import Cached, ScanCache, Stamp, content_hash
from framefit.catalog import Catalog
from framefit.engine.file_scan import FileScan
from framefit.walk import WalkedFile
from framefit.walk.reader import ReadError, RepoReader


def open_cache(directory: Path | None, root: Path, catalog: Catalog,
               local: frozenset[str]) -> ScanCache | None:
    """The cache in `directory` for this tree, catalog and first-party names (None: no cache)."""
    if directory is None:
        return None
    modules = hashlib.sha256("\n".join(sorted(local)).encode()).hexdigest()[:16]
    return ScanCache(directory, root, f"{catalog.version}|{modules}")


class Hashes:
    """Content hashes of repo files, from the cache's stamps when size and mtime are unchanged."""

    def __init__(self, root: Path, cache: ScanCache | None) -> None:
        self.root = root
        self.cache = cache
        self.memo: dict[str, str | None] = {}
        self.stamps: dict[str, Stamp | None] = {}

    def stamp(self, path: str) -> Stamp | None:
        if path not in self.stamps:
            try:
                # Strings, not pathlib: this runs once per file of the tree.
                info = os.stat(os.path.join(self.root, path))  # noqa: PTH116, PTH118
                self.stamps[path] = Stamp(info.st_size, info.st_mtime_ns)
            except OSError:
                self.stamps[path] = None
        return self.stamps[path]

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


def lookup(walked: WalkedFile, cache: ScanCache, hashes: Hashes) -> Cached | None:
    digest = hashes.of(walked.path)
    if digest is None:
        return None
    cached = cache.get(cache.key(walked.path, walked.role.value, digest))
    if cached is None:
        return None
    if any((hashes.of(path) or "") != expected for path, expected in cached.reads):
        return None  # an included file changed since
    return cached


def store(walked: WalkedFile, scan: FileScan, cache: ScanCache, hashes: Hashes) -> None:
    assert scan.digest is not None
    stamp = hashes.stamp(walked.path)
    if stamp is not None:
        cache.remember_hash(walked.path, stamp, scan.digest)
    # Other files the scan read, "" for one that did not exist: any change invalidates the entry.
    reads = tuple((path, hashes.of(path) or "") for path in scan.reads if path != walked.path)
    cache.put(cache.key(walked.path, walked.role.value, scan.digest), Cached(scan.result, reads))
