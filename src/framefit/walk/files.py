"""Safe listing of a repo's files: git's view when there is one, links out and loops never followed."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from framefit.model import Diagnostic

# Directories never worth a look: tool state, installed packages, build output.
SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", ".mypy_cache", ".pytest_cache",
    ".ruff_cache", "__pycache__", "node_modules", "site-packages", "bower_components",
    "build", "dist", ".eggs", "htmlcov", ".idea", ".vscode", ".cache",
})


@dataclass(frozen=True, slots=True)
class Listed:
    """A regular file of the repo (or a link to one inside the root) and its size."""

    path: str
    size: int


@dataclass(frozen=True, slots=True)
class Origin:
    """How the names were listed, so a later run can tell whether they still would be
    (module `cache.reports`): the digest of git's listing, or the directories scanned ("" the
    root), whose mtimes change when an entry is added, removed or renamed."""

    git: str | None
    directories: tuple[str, ...] = ()


def list_files(root: Path) -> tuple[list[Listed], list[Diagnostic], Origin]:
    """Every file under `root` worth considering, sorted by path, and how they were listed."""
    diagnostics: list[Diagnostic] = []
    listing = git_listing(root)
    sizes: dict[str, int | None]  # None: to be found by _stat
    if listing is not None:
        sizes = dict.fromkeys(_names(listing))
        origin = Origin(listing_digest(listing))
    else:
        directories: list[str] = []
        sizes = _walk(root, diagnostics, directories)
        origin = Origin(None, tuple(sorted(directories)))
    venvs = {n.rsplit("/", 1)[0] if "/" in n else "" for n in sizes if _is_venv_marker(n)}
    files: list[Listed] = []
    for name in sorted(sizes):
        if _skipped(name, venvs):
            continue
        size = sizes[name]
        listed = Listed(name, size) if size is not None else _stat(root, name, diagnostics)
        if listed is not None:
            files.append(listed)
    return files, diagnostics, origin


def _is_venv_marker(name: str) -> bool:
    return name == "pyvenv.cfg" or name.endswith("/pyvenv.cfg")


def _skipped(name: str, venvs: set[str]) -> bool:
    directory = name.rpartition("/")[0]
    if directory and not SKIP_DIRS.isdisjoint(directory.split("/")):
        return True
    return any(name.startswith(v + "/") or v == "" for v in venvs)


def git_listing(root: Path) -> bytes | None:
    """git's NUL-separated list of tracked and untracked-but-not-ignored files, when `root` is
    in a git work tree."""
    if not in_git(root):
        return None
    import subprocess  # only for a git work tree

    # fsmonitor is a command git would run: never let the scanned repo's config choose one.
    command = ["git", "-c", "core.fsmonitor=false", "ls-files", "-co", "--exclude-standard", "-z"]
    try:
        done = subprocess.run(command, cwd=root, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout


def listing_digest(listing: bytes) -> str:
    return hashlib.sha256(listing).hexdigest()


def _names(listing: bytes) -> list[str]:
    return [n for n in listing.decode("utf-8", "surrogateescape").split("\0") if n]


def in_git(root: Path) -> bool:
    """Whether `root` is in a git work tree (its own `.git` or a parent's)."""
    return (root / ".git").exists() or any((parent / ".git").exists() for parent in root.parents)


def _walk(root: Path, diagnostics: list[Diagnostic], directories: list[str]) -> dict[str, int | None]:
    """Every file's name under `root` with its size (None for a link, which `_stat` resolves),
    skipping SKIP_DIRS; `directories` gets every directory listed ("" the root).

    Strings, not pathlib, and a stack rather than recursion: this runs once per file of the
    tree. Unsorted: list_files sorts the names once, all together.
    """
    found: dict[str, int | None] = {}
    top = str(root)
    stack = [""]
    while stack:
        rel = stack.pop()
        directories.append(rel)
        try:
            with os.scandir(f"{top}/{rel}" if rel else top) as listing:
                entries = list(listing)
        except OSError as exc:
            diagnostics.append(Diagnostic(rel or ".", None, "unreadable", f"cannot list: {exc.strerror}"))
            continue
        prefix = f"{rel}/" if rel else ""
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in SKIP_DIRS:
                        stack.append(prefix + entry.name)
                elif entry.is_symlink():
                    found[prefix + entry.name] = None
                elif entry.is_file(follow_symlinks=False):
                    found[prefix + entry.name] = entry.stat(follow_symlinks=False).st_size
            except OSError:
                continue
    return found


def _stat(root: Path, name: str, diagnostics: list[Diagnostic]) -> Listed | None:
    path = os.path.join(root, name)  # noqa: PTH118 (as in _scan)
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            real = Path(os.path.realpath(path))
            if real != root and root not in real.parents:
                diagnostics.append(Diagnostic(name, None, "link-outside-root",
                                              "symbolic link to a file outside the repository: not read"))
                return None
            info = os.stat(real)  # noqa: PTH116
    except (OSError, RuntimeError):
        return None  # vanished, or a link loop: nothing to read
    if not stat.S_ISREG(info.st_mode):
        return None
    return Listed(name, info.st_size)
