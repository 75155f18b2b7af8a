"""A cache of per-file scan results in the user cache directory (never in the scanned repo).

An entry is keyed by the file's path, role and content hash, framefit's version, the catalog's
version and the scan context (first-party module names); it also keeps every probe the scan
made through the reader (each file it read with its content hash, each path it looked for with
whether it existed), and is used only while every probe gives the same answer (module
`cache.scan_lookup`). A corrupt, foreign or stale entry is ignored, never trusted. Content
hashes are remembered per (root, path, stamp) (module `cache.stamps`), so a warm run reads only
what changed. Paths are stored as their bytes: a name that is not UTF-8 is kept as it is.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from framefit.cache import codec, safe_io
from framefit.cache.location import code_version
from framefit.frozen import frozen
from framefit.walk.reader import Probe, content_hash

if TYPE_CHECKING:
    import sqlite3

    from framefit.scanners.base import ScanResult

__all__ = ["Cached", "ScanCache", "content_hash"]

SCHEMA = 3  # 3: full stamps, probes, paths as bytes
DATABASE = "scan-cache.sqlite"
_TABLES = (
    "CREATE TABLE entries (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE stamps (root BLOB, path BLOB, stamp TEXT, hash TEXT, PRIMARY KEY (root, path))",
)


@frozen
class Cached:
    result: ScanResult
    probes: tuple[Probe, ...]  # what the scan asked the reader (but for its own file), answered


class ScanCache:
    """SQLite-backed; every failure to open, read or write degrades to "not cached"."""

    def __init__(self, directory: Path, root: Path, context: str) -> None:
        import sqlite3  # here, not at the top: a run without a cache (--no-cache) never loads it

        self.root = os.fsencode(root)
        self.salt = f"{SCHEMA}|{code_version()}|{context}"
        self._db: sqlite3.Connection | None = None
        self._stamps: dict[str, tuple[str, str]] = {}  # path -> (stamp, content hash)
        self._pending_stamps: list[tuple[bytes, bytes, str, str]] = []
        self._pending: list[tuple[str, str]] = []
        with contextlib.suppress(OSError, sqlite3.Error):
            self._db = _open(directory)
            rows = self._db.execute("SELECT path, stamp, hash FROM stamps WHERE root = ?", (self.root,))
            self._stamps = {os.fsdecode(path): (stamp, digest) for path, stamp, digest in rows}

    def known_hash(self, path: str, stamp: str) -> str | None:
        """The content hash recorded for this path when its stamp was the same."""
        found = self._stamps.get(path)
        return found[1] if found and found[0] == stamp else None

    def remember_hash(self, path: str, stamp: str, digest: str) -> None:
        if self.known_hash(path, stamp) != digest:
            self._pending_stamps.append((self.root, os.fsencode(path), stamp, digest))

    def key(self, path: str, role: str, digest: str) -> str:
        text = f"{self.salt}|{path}|{role}|{digest}"
        return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()

    def get(self, key: str) -> Cached | None:
        try:
            result, probes = codec.scan_from(self._value(key))
        except ValueError:
            return None
        return Cached(result, probes)

    def put(self, key: str, cached: Cached) -> None:
        self._pending.append((key, codec.dumps(codec.scan_value(cached.result, cached.probes))))

    def get_groups(self, key: str) -> frozenset[str] | None:
        """A module's triage groups (module `triage`), as `put_groups` stored them."""
        value = self._value(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None
        return frozenset(value)

    def put_groups(self, key: str, groups: frozenset[str]) -> None:
        self._pending.append((key, codec.dumps(sorted(groups))))

    def _value(self, key: str) -> object:
        """The decoded value stored under `key`; None when there is none (or it is not JSON)."""
        if self._db is None:
            return None
        import sqlite3

        try:
            row = self._db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
            return codec.loads(row[0]) if row else None
        except (sqlite3.Error, ValueError, TypeError):
            return None

    def close(self) -> None:
        """Write what this run learned, in one transaction."""
        if self._db is None:
            return
        import sqlite3

        with contextlib.suppress(sqlite3.Error):
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", self._pending)
                self._db.executemany("INSERT OR REPLACE INTO stamps VALUES (?, ?, ?, ?)",
                                     self._pending_stamps)
            self._db.close()
        self._db = None


def _open(directory: Path) -> sqlite3.Connection:
    """The database in `directory`, a regular file of this user's in a real directory of this
    user's (never a link: safe_io.UnsafeCacheError), with this SCHEMA's tables."""
    import sqlite3

    with safe_io.own_directory(directory) as fd:
        safe_io.own_file(fd, DATABASE)
    db = sqlite3.connect(directory / DATABASE, timeout=2)
    try:
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
            with db:
                db.execute("DROP TABLE IF EXISTS entries")
                db.execute("DROP TABLE IF EXISTS stamps")
                for table in _TABLES:
                    db.execute(table)
                db.execute(f"PRAGMA user_version = {SCHEMA}")
    except sqlite3.Error:
        db.close()
        raise
    return db
