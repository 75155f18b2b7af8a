"""What the file system says of a file without reading it, as git's index keeps it: type and
mode, size, mtime, ctime and inode. Two trees unpacked at the same path, or an edit whose mtime
was set back (`touch -d`), still differ in ctime and inode, which no user can set."""

from __future__ import annotations

import os
import stat

from framefit.frozen import frozen

# Two seconds: the coarsest mtime resolution of a common file system. A file whose mtime is
# within it of a run may change again without its mtime moving (git's "racily clean" case): no
# cache trusts its stamp. (Its ctime moves with any change, and is in the stamp: the mtime is
# what a copy or an unpacked archive sets back, the ctime never is.)
RACY_NS = 2_000_000_000
MISSING = "-"


@frozen
class Stamp:
    """A file's stamp (`text` says it all; the rest is read from it)."""

    text: str
    size: int
    mtime_ns: int


def file_stamp(path: str) -> Stamp | None:
    """The stamp of the file at `path` (links followed: its content's); None when there is none."""
    try:
        info = os.stat(path)  # noqa: PTH116 (strings: once per file of the tree)
    except (OSError, ValueError):
        return None
    return Stamp(_text(info), info.st_size, info.st_mtime_ns)


def entry_stamp(path: str) -> tuple[str, int]:
    """The stamp of the entry at `path` (a link's own, then its target's; MISSING when there is
    nothing) and its latest mtime (0 when missing)."""
    try:
        info = os.lstat(path)
    except (OSError, ValueError):
        return MISSING, 0
    text, latest = _text(info), info.st_mtime_ns
    if stat.S_ISLNK(info.st_mode):
        try:
            target = os.stat(path)  # noqa: PTH116
        except (OSError, ValueError):
            return text + ">" + MISSING, latest
        text += ">" + _text(target)
        latest = max(latest, target.st_mtime_ns)
    return text, latest


def _text(info: os.stat_result) -> str:
    return (f"{info.st_mode:o}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"
            f":{info.st_ino}")
