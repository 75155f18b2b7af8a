"""The caches' own files and directories, never through a link: a directory is used only when it
is a real one owned by this user, a file is read or replaced only when it is a regular one, a
temporary file never outlives its write, and pruning deletes only files named as framefit's.

Every name is opened relative to its directory's descriptor (`dir_fd`), so a link planted in
place of a cache file or folder is refused, not followed.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
# Where names cannot be opened relative to a directory without following links, no cache is used.
SUPPORTED = bool(_NOFOLLOW and _DIRECTORY) and {os.open, os.mkdir, os.unlink, os.rename,
                                                os.stat} <= os.supports_dir_fd
TEMPORARY = re.compile(r"\.framefit-[0-9a-f]{16}\.tmp")


class UnsafeCacheError(OSError):
    """A cache path that is a link, not of its kind, or not this user's."""


@contextlib.contextmanager
def own_directory(path: Path, parent: int | None = None) -> Iterator[int]:
    """A descriptor of the directory `path` (made if missing; relative to the descriptor
    `parent` when given, else with its parents), when it is a real directory owned by this
    user; UnsafeCacheError (an OSError) otherwise. Closed on leaving."""
    if not SUPPORTED:
        raise UnsafeCacheError("this platform cannot open files without following links")
    if parent is None:
        path.mkdir(parents=True, exist_ok=True)
    else:
        with contextlib.suppress(FileExistsError):
            os.mkdir(path, 0o700, dir_fd=parent)
    fd = os.open(path, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=parent)
    try:
        _check(fd, stat.S_ISDIR, path)
        yield fd
    finally:
        os.close(fd)


def read_file(directory: int, name: str, limit: int) -> bytes | None:
    """The bytes of the regular file `name` in `directory`, if it is one of at most `limit` bytes."""
    try:
        fd = os.open(name, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | getattr(os, "O_NONBLOCK", 0),
                     dir_fd=directory)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks = []
        while chunk := os.read(fd, limit + 1):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def write_file(directory: int, name: str, data: bytes) -> None:
    """Replace `name` in `directory` by `data` whole (written to a temporary file of framefit's
    own name, then renamed: a reader never sees half a file, and a link at `name` is replaced,
    not followed). The temporary file is removed whatever happens; OSError when not written."""
    temporary = f".framefit-{os.urandom(8).hex()}.tmp"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600,
                 dir_fd=directory)
    done = False
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        os.rename(temporary, name, src_dir_fd=directory, dst_dir_fd=directory)
        done = True
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=directory)


def own_file(directory: int, name: str) -> None:
    """Make sure `name` in `directory` is a regular file of this user's, made if missing
    (for a file another library then opens by its path); UnsafeCacheError otherwise."""
    fd = os.open(name, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _CLOEXEC, 0o600, dir_fd=directory)
    try:
        _check(fd, stat.S_ISREG, name)
    finally:
        os.close(fd)


def prune(directory: int, names: re.Pattern[str], before: float) -> None:
    """Delete the regular files of `directory` named as `names` or as framefit's temporary
    files, last changed before `before` (seconds since the epoch); never through a link."""
    with os.scandir(directory) as listing:
        entries = list(listing)
    for entry in entries:
        if not (names.fullmatch(entry.name) or TEMPORARY.fullmatch(entry.name)):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < before:
                os.unlink(entry.name, dir_fd=directory)


def _check(fd: int, kind: Callable[[int], bool], path: object) -> None:
    info = os.fstat(fd)
    if not kind(info.st_mode):
        raise UnsafeCacheError(f"{path} is not of its kind")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise UnsafeCacheError(f"{path} belongs to another user")
