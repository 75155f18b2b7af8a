"""A cache of per-file scan results in the user cache directory (never in the scanned repo).

An entry is keyed by the file's path, role and content hash, framefit's version, the catalog's
version and the scan context (first-party module names); it also records the other files the
scan read (a `-r` include, a settings module) with their hashes, and is used only when those are
unchanged too. A corrupt, foreign or stale entry is ignored, never trusted. Content hashes are
remembered per (root, path, size, mtime), so a warm run reads only what changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from framefit.cache.codec import diagnostic_from, diagnostic_value, evidence_from, evidence_value, line_from
from framefit.cache.location import code_version
from framefit.model import Dependency
from framefit.scanners.base import ScanResult

SCHEMA = 2  # 2: evidence as report_codec writes it


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class Stamp:
    """What the file system says of a file without reading it."""

    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class Cached:
    result: ScanResult
    reads: tuple[tuple[str, str], ...]  # (path, content hash) of the other files the scan read


class ScanCache:
    """SQLite-backed; every failure to open, read or write degrades to "not cached"."""

    def __init__(self, directory: Path, root: Path, context: str) -> None:
        self.root = str(root)
        self.salt = f"{SCHEMA}|{code_version()}|{context}"
        self._db: sqlite3.Connection | None = None
        self._stamps: dict[str, tuple[int, int, str]] = {}
        self._pending_stamps: list[tuple[str, str, int, int, str]] = []
        self._pending: list[tuple[str, str]] = []
        with contextlib.suppress(OSError, sqlite3.Error):
            directory.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(directory / "scan-cache.sqlite", timeout=2)
            self._db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT)")
            self._db.execute("CREATE TABLE IF NOT EXISTS stamps (root TEXT, path TEXT, size INT, "
                             "mtime INT, hash TEXT, PRIMARY KEY (root, path))")
            rows = self._db.execute("SELECT path, size, mtime, hash FROM stamps WHERE root = ?",
                                    (self.root,))
            self._stamps = {path: (size, mtime, digest) for path, size, mtime, digest in rows}

    def known_hash(self, path: str, stamp: Stamp) -> str | None:
        """The content hash recorded for this path when its size and mtime were the same."""
        found = self._stamps.get(path)
        if found and found[0] == stamp.size and found[1] == stamp.mtime_ns:
            return found[2]
        return None

    def remember_hash(self, path: str, stamp: Stamp, digest: str) -> None:
        if self.known_hash(path, stamp) != digest:
            self._pending_stamps.append((self.root, path, stamp.size, stamp.mtime_ns, digest))

    def key(self, path: str, role: str, digest: str) -> str:
        return hashlib.sha256(f"{self.salt}|{path}|{role}|{digest}".encode()).hexdigest()

    def get(self, key: str) -> Cached | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
            return _decode(row[0]) if row else None
        except (sqlite3.Error, ValueError, TypeError, KeyError):
            return None

    def put(self, key: str, cached: Cached) -> None:
        self._pending.append((key, _encode(cached)))

    def get_groups(self, key: str) -> frozenset[str] | None:
        """A module's triage groups (module `triage`), as `put_groups` stored them."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
            value = json.loads(row[0]) if row else None
        except (sqlite3.Error, ValueError):
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None
        return frozenset(value)

    def put_groups(self, key: str, groups: frozenset[str]) -> None:
        self._pending.append((key, json.dumps(sorted(groups))))

    def close(self) -> None:
        """Write what this run learned, in one transaction."""
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", self._pending)
                self._db.executemany("INSERT OR REPLACE INTO stamps VALUES (?, ?, ?, ?, ?)",
                                     self._pending_stamps)
            self._db.close()
        self._db = None


def _encode(cached: Cached) -> str:
    result = cached.result
    return json.dumps({
        "evidence": [evidence_value(e) for e in result.evidence],
        "diagnostics": [diagnostic_value(d) for d in result.diagnostics],
        "dependencies": [[d.path, d.line, d.name, d.spelling, d.group, d.marker, d.detail]
                         for d in result.dependencies],
        "reads": [list(r) for r in cached.reads],
    }, separators=(",", ":"))


def _decode(text: str) -> Cached:
    data = json.loads(text)
    result = ScanResult(
        tuple(evidence_from(e) for e in data["evidence"]),
        tuple(diagnostic_from(d) for d in data["diagnostics"]),
        tuple(Dependency(str(p), line_from(n), str(a), str(b), str(g), str(m), str(d))
              for p, n, a, b, g, m, d in data["dependencies"]),
    )
    return Cached(result, tuple((str(p), str(h)) for p, h in data["reads"]))

