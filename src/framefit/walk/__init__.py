"""walk(root) -> Tree: the repo's files, each with its role and candidate service."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from framefit.frozen import frozen
from framefit.model import Diagnostic, Role
from framefit.walk.exclude import Exclude, excluder
from framefit.walk.files import Origin, list_files
from framefit.walk.roles import project_packages, role_of
from framefit.walk.services import candidates, owner

_IMPORTABLE = frozenset({Role.APP, Role.SCRIPT, Role.MIGRATION})


@frozen
class WalkedFile:
    path: str
    size: int
    role: Role
    service: str  # the innermost candidate service


@frozen
class Tree:
    root: Path
    files: tuple[WalkedFile, ...]
    services: tuple[str, ...]  # candidate services, "." first
    diagnostics: tuple[Diagnostic, ...]
    origin: Origin  # how the files were listed (module `cache.reports`)

    def paths(self) -> frozenset[str]:
        return frozenset(f.path for f in self.files)

    def local_modules(self) -> frozenset[str]:
        """Top-level import names the repo itself provides (first-party, never a library)."""
        paths = self.paths()
        names: set[str] = set()
        for walked in self.files:
            path = walked.path
            # Tests, docs and vendored copies do not shadow libraries the app imports.
            if not path.endswith(".py") or walked.role not in _IMPORTABLE:
                continue
            parts = path[:-3].split("/")
            # Climb while the directory is a package: its top becomes an import root.
            top = len(parts) - 1
            while top > 0 and "/".join(parts[:top]) + "/__init__.py" in paths:
                top -= 1
            name = parts[top]
            if name != "__init__" and name.isidentifier():
                names.add(name)
        return frozenset(names)


def walk(root: Path, exclude: Iterable[str | Exclude] = ()) -> Tree:
    """List `root` (already resolved) safely and give every file a role and a candidate service.

    `exclude` patterns (module `exclude`) leave files out, and the listing's diagnostics of what
    they leave out; each pattern that leaves out nothing is an `unmatched-config` diagnostic."""
    listed, diagnostics, origin = list_files(root)
    kept = listed
    chosen = excluder(exclude)
    if chosen is not None:
        kept = [f for f in listed if not chosen.excluded(f.path)]
        diagnostics = [d for d in diagnostics if not chosen.covers(d.path)] + chosen.unmatched()
    services = candidates(f.path for f in kept)
    owners: dict[str, str] = {}  # per directory: its files share their service

    def owner_of(path: str) -> str:
        directory = path.rpartition("/")[0]
        if directory not in owners:
            owners[directory] = owner(path, services)
        return owners[directory]

    projects = project_packages(f.path for f in kept)
    files = tuple(WalkedFile(f.path, f.size, role_of(f.path, projects), owner_of(f.path)) for f in kept)
    return Tree(root, files, services, tuple(diagnostics), origin)
