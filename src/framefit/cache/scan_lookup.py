"""How a run uses the cache (module `cache.scans`): content hashes spared by unchanged stamps,
and file scans looked up and stored with every probe they made, each asked again on lookup."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from framefit.cache.stamps import RACY_NS, Stamp, file_stamp
from framefit.walk.reader import EXISTS, Probe, ReadError, RepoReader, content_hash

if TYPE_CHECKING:  # the cache itself is imported by a run that uses one (open_cache)
    from framefit.cache.scans import Cached, ScanCache
    from framefit.catalog import Catalog
    from framefit.engine.file_scan import FileScan
    from framefit.walk import WalkedFile


def open_cache(directory: Path | None, root: Path, catalog: Catalog,
               local: frozenset[str]) -> ScanCache | None:
    """The cache in `directory` for this tree, catalog and first-party names (None: no cache)."""
    if directory is None:
        return None
    import hashlib

    from framefit.cache.scans import ScanCache

    modules = hashlib.sha256("\n".join(sorted(local)).encode("utf-8", "surrogateescape")).hexdigest()
    return ScanCache(directory, root, f"{catalog.version}|{modules[:16]}")


class Hashes:
    """Content hashes of repo files, from the cache when a file's stamp is unchanged."""

    def __init__(self, root: Path, cache: ScanCache | None) -> None:
        self.root = root
        self.cache = cache
        self.reader = RepoReader(root)
        self.memo: dict[str, str | None] = {}
        self.stamps: dict[str, Stamp | None] = {}
        self.trusted_before = time.time_ns() - RACY_NS  # a stamp whose mtime is later may not move

    def stamp(self, path: str) -> Stamp | None:
        """The file's stamp (module `cache.stamps`); None when there is no file."""
        if path not in self.stamps:
            # Strings, not pathlib: this runs once per file of the tree.
            self.stamps[path] = file_stamp(os.path.join(self.root, path))  # noqa: PTH118
        return self.stamps[path]

    def of(self, path: str) -> str | None:
        if path not in self.memo:
            self.memo[path] = self._compute(path)
        return self.memo[path]

    def _compute(self, path: str) -> str | None:
        stamp = self.stamp(path)
        if stamp is None:
            return None
        known = self.cache.known_hash(path, stamp.text) if self.cache else None
        if known:
            return known
        try:
            digest = content_hash(self.reader.read_bytes(path))
        except ReadError:
            return None
        self.remember(path, digest)
        return digest

    def remember(self, path: str, digest: str) -> None:
        """Keep `digest` for the file's stamp, unless the stamp is too recent to vouch for it."""
        stamp = self.stamp(path)
        if self.cache and stamp is not None and stamp.mtime_ns < self.trusted_before:
            self.cache.remember_hash(path, stamp.text, digest)


def lookup(walked: WalkedFile, cache: ScanCache, hashes: Hashes) -> Cached | None:
    digest = hashes.of(walked.path)
    if digest is None:
        return None
    cached = cache.get(cache.key(walked.path, walked.role.value, digest))
    if cached is None:
        return None
    if any(_answer(probe, hashes) != probe.outcome for probe in cached.probes):
        return None  # a file it read changed, or one it looked for appeared or went
    return cached


def store(walked: WalkedFile, scan: FileScan, cache: ScanCache, hashes: Hashes) -> None:
    assert scan.digest is not None
    hashes.remember(walked.path, scan.digest)
    from framefit.cache.scans import Cached

    probes = tuple(p for p in scan.probes if p.path != walked.path)
    cache.put(cache.key(walked.path, walked.role.value, scan.digest), Cached(scan.result, probes))


def _answer(probe: Probe, hashes: Hashes) -> str:
    """What `probe` gets now: the same as when it was made while nothing it depends on changed."""
    if probe.kind == EXISTS:
        return "yes" if hashes.reader.exists(probe.path) else "no"
    if not probe.outcome.startswith("!"):
        return hashes.of(probe.path) or "!"
    try:
        return content_hash(hashes.reader.read_bytes(probe.path))
    except ReadError as exc:
        return f"!{exc.kind}:{exc.message}"
