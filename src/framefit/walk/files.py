"""Safe listing of a repo's files: directories walked with a stack (no recursion the tree can
deepen), ignore rules read natively (module `ignore`), links out and loops never followed,
virtualenvs left out (module `venvs`). No program runs: not even git."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from framefit.frozen import frozen
from framefit.model import Diagnostic
from framefit.walk.ignore import EXCLUDE_FILE, IGNORE_FILE, Chain, ignored, read_ignore_file, rules_from
from framefit.walk.venvs import inside, venv_roots

# Directories never worth a look: tool state, installed packages, build output.
SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", ".mypy_cache", ".pytest_cache",
    ".ruff_cache", "__pycache__", "node_modules", "site-packages", "bower_components",
    "build", "dist", ".eggs", "htmlcov", ".idea", ".vscode", ".cache",
})


@frozen
class Listed:
    """A regular file of the repo (or a link to one inside the root) and its size."""

    path: str
    size: int


@frozen
class Origin:
    """What the listing depended on, so a later run can tell whether it still holds (module
    `cache.reports`): every directory listed ("" the root), whose mtime changes when an entry
    is added, removed or renamed, and every ignore file read or looked for."""

    directories: tuple[str, ...]
    ignore_files: tuple[str, ...]


def in_work_tree(root: Path) -> bool:
    """Whether `root` is in a git work tree: it or a directory above it holds `.git` (a
    directory, or the file a worktree or submodule has). Only there do ignore files say what
    the tree is: a source distribution or an unpacked archive keeps the `.gitignore` of the
    repository it came from (one of `*`, written by a build tool, would hide everything), but
    its files are what its author chose to ship."""
    return any(os.path.lexists(os.path.join(d, ".git")) for d in (root, *root.parents))  # noqa: PTH118


def list_files(root: Path) -> tuple[list[Listed], list[Diagnostic], Origin]:
    """Every file under `root` worth considering, sorted by path, and what the listing depended on."""
    walk = _Walk(str(root), ignores=in_work_tree(root))
    walk.run()
    venvs = venv_roots(walk.found, walk.site_packages)
    files: list[Listed] = []
    for name in sorted(walk.found):
        if inside(name, venvs):
            continue
        size = walk.found[name]
        listed = Listed(name, size) if size is not None else _stat(root, name, walk.diagnostics)
        if listed is not None:
            files.append(listed)
    origin = Origin(tuple(sorted(walk.directories)), tuple(sorted(walk.ignore_files)))
    # Sorted: the order of a directory's entries is the file system's, not the tree's.
    diagnostics = sorted(d for d in walk.diagnostics if not inside(d.path, venvs))
    return files, diagnostics, origin


@dataclass
class _Walk:
    """One listing's state: the directories still to list, each with the ignore rules that
    apply in it, and what was found."""

    top: str
    ignores: bool = True  # whether ignore files apply (`in_work_tree`)
    found: dict[str, int | None] = field(default_factory=dict)  # None: a link, for _stat
    diagnostics: list[Diagnostic] = field(default_factory=list)
    directories: list[str] = field(default_factory=list)
    ignore_files: list[str] = field(default_factory=list)
    site_packages: list[str] = field(default_factory=list)  # skipped, but a virtualenv's mark

    def run(self) -> None:
        stack: list[tuple[str, Chain]] = [("", self._exclude())]
        while stack:
            rel, chain = stack.pop()
            stack.extend(self._directory(rel, chain))

    def _exclude(self) -> Chain:
        """The rules of `.git/info/exclude`, when the root's `.git` is a real directory."""
        if not self.ignores:
            return ()
        self.ignore_files.append(EXCLUDE_FILE)
        directory = self.top
        for part in EXCLUDE_FILE.split("/")[:-1]:
            directory = os.path.join(directory, part)  # noqa: PTH118 (strings, as below)
            try:
                if not stat.S_ISDIR(os.lstat(directory).st_mode):
                    return ()
            except OSError:
                return ()
        return self._rules(directory, EXCLUDE_FILE, "", ())

    def _directory(self, rel: str, chain: Chain) -> list[tuple[str, Chain]]:
        """List one directory: its files into `found`, its subdirectories to list next."""
        self.directories.append(rel)
        path = f"{self.top}/{rel}" if rel else self.top
        try:
            with os.scandir(path) as listing:
                entries = list(listing)
        except OSError as exc:
            self._unreadable(rel, f"cannot list: {exc.strerror or exc}")
            return []
        prefix = f"{rel}/" if rel else ""
        chain = self._with_own_rules(entries, path, prefix, chain)
        files: dict[str, int | None] = {}
        subdirectories: list[tuple[str, Chain]] = []
        try:
            for entry in entries:
                self._entry(entry, prefix + entry.name, chain, files, subdirectories)
        except OSError as exc:  # listed, but its entries cannot be looked at (no search permission)
            self._unreadable(rel, f"can be listed but not entered: {exc.strerror or exc}")
            return []
        self.found.update(files)
        return subdirectories

    def _entry(self, entry: os.DirEntry[str], name: str, chain: Chain,
               files: dict[str, int | None], subdirectories: list[tuple[str, Chain]]) -> None:
        """One entry of a listing: a subdirectory to list next, a file with its size (None for
        a link), or nothing (skipped, ignored, or a FIFO, socket or device: never read)."""
        if entry.is_dir(follow_symlinks=False):
            if not self._subdirectory(entry.name, name, chain, subdirectories):
                return
        elif chain and ignored(chain, name, entry.name):
            return
        elif entry.is_symlink():
            files[name] = None
        elif entry.is_file(follow_symlinks=False):
            files[name] = entry.stat(follow_symlinks=False).st_size
        else:
            return
        if not entry.name.isascii():
            self._check_name(name, entry.name)

    def _subdirectory(self, base: str, name: str, chain: Chain,
                      subdirectories: list[tuple[str, Chain]]) -> bool:
        """A subdirectory to list next, unless skipped (a site-packages is noted) or ignored;
        whether it is listed."""
        if base in SKIP_DIRS:
            if base == "site-packages":
                self.site_packages.append(name)
            return False
        if chain and ignored(chain, name + "/", base + "/"):
            return False
        subdirectories.append((name, chain))
        return True

    def _with_own_rules(self, entries: list[os.DirEntry[str]], path: str, prefix: str,
                        chain: Chain) -> Chain:
        """`chain` and the rules of this directory's own `.gitignore`, if it has one."""
        if not self.ignores:
            return chain
        for entry in entries:
            if entry.name == IGNORE_FILE:
                return self._rules(path, prefix + IGNORE_FILE, prefix[:-1], chain)
        return chain

    def _rules(self, directory: str, rel: str, base: str, chain: Chain) -> Chain:
        """`chain` and the rules of the ignore file `rel` (in `directory`), or a diagnostic."""
        if rel != EXCLUDE_FILE:
            self.ignore_files.append(rel)
        name = rel.rpartition("/")[2]
        try:
            info = os.lstat(os.path.join(directory, name))  # noqa: PTH118
        except OSError:
            return chain  # none there
        if not stat.S_ISREG(info.st_mode):
            self._unreadable(rel, "not a regular file: not read")
            return chain
        data, problem = read_ignore_file(directory, name, info.st_size)
        if data is None:
            kind = "too-large" if "over" in (problem or "") else "unreadable"
            self.diagnostics.append(Diagnostic(rel, None, kind, problem or "not read"))
            return chain
        rules, diagnostics = rules_from(data, base, rel)
        self.diagnostics.extend(diagnostics)
        return chain if rules is None else (*chain, rules)

    def _unreadable(self, rel: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(rel or ".", None, "unreadable", message))

    def _check_name(self, name: str, own: str) -> None:
        """A name (`own`, the last segment of `name`) that is not UTF-8 is kept (its bytes,
        surrogate-escaped) and named."""
        try:
            own.encode("utf-8")
        except UnicodeEncodeError:
            # Every report shows the name's undecodable bytes as `\xff` (reporters/escape.py).
            self.diagnostics.append(Diagnostic(name, None, "undecodable-name",
                                               "file name is not valid UTF-8"))


def _stat(root: Path, name: str, diagnostics: list[Diagnostic]) -> Listed | None:
    path = os.path.join(root, name)  # noqa: PTH118 (strings: once per link of the tree)
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
