"""RepoReader: the one capability for reading files of the scanned repo, bounded to its root."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Mapping
from dataclasses import field
from pathlib import Path, PurePosixPath

from framefit.frozen import frozen

_UNCLEAN = frozenset({"", ".", ".."})
MAX_FILE_BYTES = 2_000_000  # larger files become a "too-large" diagnostic, not evidence
# Never through a link (the target is resolved first), never blocking on a FIFO or a device.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(
    os, "O_CLOEXEC", 0)
READ, EXISTS = "read", "exists"  # the kinds of Probe
READ_CHUNK = 65_536  # asked for past a file's size, while it grows


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@frozen
class Probe:
    """One question a scanner asked the reader and the answer it got: an input of its result.
    A cache reuses the result only while every probe still gets the same answer (module
    `cache.scan_lookup`); a file that was missing counts as much as one that was read."""

    kind: str  # READ or EXISTS
    path: str
    outcome: str  # READ: the content hash, or "!" and the error; EXISTS: "yes" or "no"


class ReadError(Exception):
    """A file of the repo that cannot be read; `kind` is the diagnostic kind it becomes."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@frozen
class RepoReader:
    """Reads repo-relative POSIX paths, never outside the root and never through a link out.

    Built on a directory (`RepoReader(root)`) or, for tests, on a mapping of paths to contents
    (`RepoReader.from_mapping({"requirements.txt": "flask\\n"})`).
    """

    root: Path | None
    mapping: Mapping[str, bytes] = field(default_factory=dict)
    max_bytes: int = MAX_FILE_BYTES
    record: list[Probe] | None = None  # when a list, every probe is appended (for the caches)
    # Real path of each directory asked about (None: outside the root), shared by `recording`.
    dirs: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    def recording(self) -> RepoReader:
        """A reader over the same files that records what it reads in `record`."""
        return RepoReader(self.root, self.mapping, self.max_bytes, [], self.dirs)

    @classmethod
    def from_mapping(cls, files: Mapping[str, str | bytes]) -> RepoReader:
        data = {k: v.encode() if isinstance(v, str) else v for k, v in files.items()}
        return cls(root=None, mapping=data)

    def exists(self, relpath: str) -> bool:
        """Whether `relpath` is a regular file inside the root (a link to one included)."""
        rel = normalize(relpath)
        if rel is None:
            return False
        found = rel in self.mapping if self.root is None else self._inside(rel) is not None
        if self.record is not None:
            self.record.append(Probe(EXISTS, rel, "yes" if found else "no"))
        return found

    def read_bytes(self, relpath: str) -> bytes:
        """The bytes of the file `relpath`; ReadError when it cannot be read from inside the root."""
        rel = normalize(relpath)
        if rel is None:
            raise ReadError("link-outside-root", f"{relpath} is outside the repository")
        if self.record is None:
            return self._read(rel)
        try:
            data = self._read(rel)
        except ReadError as exc:
            self.record.append(Probe(READ, rel, f"!{exc.kind}:{exc.message}"))
            raise
        self.record.append(Probe(READ, rel, content_hash(data)))
        return data

    def _read(self, rel: str) -> bytes:
        if self.root is None:
            if rel not in self.mapping:
                raise ReadError("unreadable", f"{rel} does not exist")
            return self.mapping[rel]
        target = self._inside(rel)
        if target is None:
            raise ReadError("unreadable", f"{rel} does not exist or points outside the repository")
        try:
            fd = _open(target)
        except OSError as exc:
            raise ReadError("unreadable", f"{rel}: {exc.strerror or exc}") from None
        try:
            return self._read_open(fd, rel)
        except OSError as exc:
            raise ReadError("unreadable", f"{rel}: {exc.strerror or exc}") from None
        finally:
            os.close(fd)

    def _read_open(self, fd: int, rel: str) -> bytes:
        """The bytes of the open file `rel`, still a regular file and not too large."""
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # it changed since it was looked at
            raise ReadError("unreadable", f"{rel} is not a regular file")
        if info.st_size > self.max_bytes:
            raise ReadError("too-large", f"{rel} is {info.st_size:,} bytes, over {self.max_bytes:,}")
        return _read_all(fd, self.max_bytes + 1, info.st_size)

    def _inside(self, rel: str) -> str | None:
        """The real path of the regular file `rel` when it is inside the root, else None.

        A directory's real path is resolved once; a file that is not itself a link is then
        known from one lstat (the common case), a link is resolved in full. Strings, not
        pathlib: this runs for every file read.
        """
        parent, _, name = rel.rpartition("/")
        directory = self._directory(parent)
        if directory is None:
            return None
        return self._resolved(f"{directory}/{name}", stat.S_IFREG)

    def _directory(self, parent: str) -> str | None:
        """The real path of the repo directory `parent` ("" the root) when it is inside the root.

        Worked out from the nearest directory above it already known, downwards (a loop: the
        tree's depth is the input's to choose): a directory that is not a link is then known
        from one lstat, a link is resolved in full (os.path.realpath costs an lstat per
        component of the path).
        """
        assert self.root is not None
        known = self.dirs.get(parent, _UNKNOWN)
        if known is not _UNKNOWN:
            return known
        self.dirs.setdefault("", str(self.root))
        pending: list[str] = []
        above = parent
        while above not in self.dirs:
            pending.append(above)
            above = above.rpartition("/")[0]
        base = self.dirs[above]
        for directory in reversed(pending):
            name = directory.rpartition("/")[2]
            base = None if base is None else self._resolved(f"{base}/{name}", stat.S_IFDIR)
            self.dirs[directory] = base
        return base

    def _resolved(self, candidate: str, kind: int) -> str | None:
        """`candidate` (its real path, for a link) when it is of `kind` (stat.S_IFREG, S_IFDIR)
        and inside the root, else None."""
        try:
            mode = os.lstat(candidate).st_mode
            if stat.S_ISLNK(mode):
                real = self._real(candidate)
                if real is None:
                    return None
                candidate, mode = real, os.stat(real).st_mode  # noqa: PTH116
        except OSError:
            return None
        return candidate if stat.S_IFMT(mode) == kind else None

    def _real(self, path: str) -> str | None:
        """`path` with every link resolved, when that stays inside the root."""
        assert self.root is not None
        try:
            real = os.path.realpath(path, strict=False)
        except (OSError, RuntimeError):  # a link loop
            return None
        root = str(self.root)
        return real if real == root or real.startswith(root.rstrip("/") + "/") else None


_UNKNOWN = "\0"  # not a path: a directory not yet looked at


def _open(path: str) -> int:
    """The one place a repo file is opened (a test simulates a read error here)."""
    return os.open(path, _OPEN_FLAGS)


def _read_all(fd: int, limit: int, expected: int) -> bytes:
    """At most `limit` bytes of the open file, to its end. Each read asks for what the file
    holds, `expected` bytes and one more (os.read allocates what it is asked for: asking for
    `limit` cost a 2 MB buffer per read), then for READ_CHUNK more while it grows."""
    chunks: list[bytes] = []
    size = 0
    want = min(limit, expected + 1)
    while size < limit and (chunk := os.read(fd, want - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size >= want:
            want = min(limit, size + READ_CHUNK)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def normalize(relpath: str) -> str | None:
    """A clean repo-relative POSIX path, or None when it would leave the root. A backslash is
    part of a name (`app\\x.py` is a file of its own on POSIX); `join` reads paths written in the
    repo's files, where it separates directories."""
    if relpath and relpath[0] != "/" and not any(part in _UNCLEAN for part in relpath.split("/")):
        return relpath  # already clean: the common case, a path from the walk
    return _cleaned(relpath)


def _cleaned(relpath: str) -> str | None:
    """`relpath` without empty and "." parts, each ".." taking the part before it away; None
    when it is absolute, climbs above the root or names the root itself."""
    parts: list[str] = []
    for part in PurePosixPath(relpath).parts:
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part.startswith("/"):  # "/" or "//": an absolute path
            return None
        else:
            parts.append(part)
    return "/".join(parts) if parts else None


def join(base_dir: str, relpath: str) -> str | None:
    """`relpath`, written in a file of the repo (a `-r` include, a Dockerfile's COPY), taken
    relative to the repo directory `base_dir` ("" for the root); a backslash separates
    directories there, as Windows writes them."""
    relpath = relpath.replace("\\", "/")
    if relpath.startswith("/"):
        return None
    return normalize(f"{base_dir}/{relpath}" if base_dir else relpath)
