"""Safe listing of a repo's files: git's view when there is one, links out and loops never followed."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator
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


def list_files(root: Path) -> tuple[list[Listed], list[Diagnostic]]:
    """Every file under `root` worth considering, sorted by path."""
    diagnostics: list[Diagnostic] = []
    names = _git_files(root)
    candidates = names if names is not None else _walk(root, diagnostics)
    venvs = {n.rsplit("/", 1)[0] if "/" in n else "" for n in candidates if _is_venv_marker(n)}
    files: list[Listed] = []
    for name in sorted(set(candidates)):
        if _skipped(name, venvs):
            continue
        listed = _stat(root, name, diagnostics)
        if listed is not None:
            files.append(listed)
    return files, diagnostics


def _is_venv_marker(name: str) -> bool:
    return name == "pyvenv.cfg" or name.endswith("/pyvenv.cfg")


def _skipped(name: str, venvs: set[str]) -> bool:
    parts = name.split("/")
    if any(part in SKIP_DIRS for part in parts[:-1]):
        return True
    return any(name.startswith(v + "/") or v == "" for v in venvs)


def _git_files(root: Path) -> list[str] | None:
    """Tracked and untracked-but-not-ignored files, when `root` is in a git work tree."""
    if not (root / ".git").exists() and not _inside_git(root):
        return None
    # fsmonitor is a command git would run: never let the scanned repo's config choose one.
    command = ["git", "-c", "core.fsmonitor=false", "ls-files", "-co", "--exclude-standard", "-z"]
    try:
        done = subprocess.run(command, cwd=root, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return [n for n in done.stdout.decode("utf-8", "surrogateescape").split("\0") if n]


def _inside_git(root: Path) -> bool:
    return any((parent / ".git").exists() for parent in root.parents)


def _walk(root: Path, diagnostics: list[Diagnostic]) -> list[str]:
    return list(_scan(str(root), "", diagnostics))


def _scan(root: str, rel: str, diagnostics: list[Diagnostic]) -> Iterator[str]:
    try:
        # Strings, not pathlib, in the walk: it runs once per file of the tree. Unsorted: the
        # names are sorted once, all together, by list_files.
        with os.scandir(os.path.join(root, rel) if rel else root) as listing:  # noqa: PTH118
            entries = list(listing)
    except OSError as exc:
        diagnostics.append(Diagnostic(rel or ".", None, "unreadable", f"cannot list: {exc.strerror}"))
        return
    for entry in entries:
        name = f"{rel}/{entry.name}" if rel else entry.name
        try:
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in SKIP_DIRS:
                    yield from _scan(root, name, diagnostics)
            elif entry.is_file(follow_symlinks=False) or entry.is_symlink():
                yield name
        except OSError:
            continue


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
