"""Helpers for hostile trees the walk must survive: a directory root cannot be kept out of
(simulated at os.scandir), and chains deeper than Python's recursion limit."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


class Unenterable:
    """A directory entry as os.scandir gives it in a directory with read but no search
    permission: its name and type are known, its inode cannot be looked at."""

    def __init__(self, entry: os.DirEntry[str]) -> None:
        self.name, self.path = entry.name, entry.path
        self._entry = entry

    def is_dir(self, *, follow_symlinks: bool = True) -> bool:
        return self._entry.is_dir(follow_symlinks=False)

    def is_file(self, *, follow_symlinks: bool = True) -> bool:
        return self._entry.is_file(follow_symlinks=False)

    def is_symlink(self) -> bool:
        return self._entry.is_symlink()

    def stat(self, *, follow_symlinks: bool = True) -> os.stat_result:
        raise PermissionError(13, "Permission denied", self.path)


class Listing:
    """What os.scandir returns (a context manager and an iterator), over given entries."""

    def __init__(self, entries: list[object]) -> None:
        self._entries: Iterator[object] = iter(entries)

    def __enter__(self) -> Listing:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def __iter__(self) -> Listing:
        return self

    def __next__(self) -> object:
        return next(self._entries)

    def close(self) -> None:
        return None


def unenterable_scandir(name: str, failure: str = "not_enterable") -> object:
    """An os.scandir under which directories named `name` cannot be entered (`failure`
    "not_enterable": listed, entries not looked at) or listed ("not_listable")."""
    real = os.scandir

    def scandir(path: str) -> object:
        if not str(path).endswith("/" + name):
            return real(path)
        if failure == "not_listable":
            raise PermissionError(13, "Permission denied", path)
        with real(path) as listing:
            return Listing([Unenterable(e) for e in sorted(listing, key=lambda e: e.name)])

    return scandir


def make_chain(root: Path, depth: int) -> Path:
    """`root/d/d/…/d`, `depth` directories deep; the deepest one."""
    deep = root
    for _ in range(depth):
        deep = deep / "d"
        deep.mkdir()
    return deep


def remove_chain(root: Path) -> None:
    """Remove `root/d/d/…` from the bottom up (shutil.rmtree, which pytest's clean-up uses,
    recurses once per level), each level opened from the one above: no long path is resolved."""
    opened = [os.open(root, os.O_RDONLY)]
    try:
        while True:
            try:
                opened.append(os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=opened[-1]))
            except FileNotFoundError:
                break
        while len(opened) > 1:
            level = opened.pop()
            for name in os.listdir(level):  # noqa: PTH208 (a descriptor, not a path)
                os.unlink(name, dir_fd=level)
            os.close(level)
            os.rmdir("d", dir_fd=opened[-1])
    finally:
        for fd in opened:
            os.close(fd)
