"""The scanners, one per kind of file, in the order they run: the registry."""

from __future__ import annotations

from functools import lru_cache

from framefit.scanners.base import RepoPath, Scanner
from framefit.scanners.database import alembic_ini, sql_schema
from framefit.scanners.deploy import (
    azd,
    azure_iac,
    compose,
    deployment_docs,
    dockerfile,
    envfiles,
    helm,
    kubernetes,
    platforms,
    serverless,
)
from framefit.scanners.manifests import (
    conda,
    lockfiles,
    pipfile,
    pkg_metadata,
    pyproject,
    requirements,
    setup_cfg,
    setup_py,
)
from framefit.scanners.python import scanner as python_code

SCANNERS: tuple[Scanner, ...] = (
    requirements.SCANNER,
    pyproject.SCANNER,
    setup_py.SCANNER,
    setup_cfg.SCANNER,
    pipfile.SCANNER,
    lockfiles.SCANNER,
    conda.SCANNER,
    pkg_metadata.SCANNER,
    python_code.SCANNER,
    alembic_ini.SCANNER,
    sql_schema.SCANNER,
    dockerfile.SCANNER,
    compose.SCANNER,
    serverless.SCANNER,
    platforms.SCANNER,
    azd.SCANNER,
    azure_iac.SCANNER,
    kubernetes.SCANNER,
    helm.SCANNER,
    envfiles.SCANNER,
    deployment_docs.SCANNER,
)


# File names whose scanners are kept (past so many, a new name is asked each time it comes).
NAMES_KEPT = 65_536


class _Watched(RepoPath):
    """A RepoPath that notes whether a matcher read more of it than the file's name."""

    __slots__ = ("deep",)

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.deep = False

    @property
    def parts(self) -> tuple[str, ...]:
        self.deep = True
        return super().parts

    @property
    def parent(self) -> RepoPath:
        self.deep = True
        return super().parent


# File name -> its scanners when the name alone decides them, else each scanner that may read a
# file of that name with its answer (None: it reads the folders too, and is asked for each path).
_BY_NAME: dict[str, tuple[Scanner, ...] | list[tuple[Scanner, bool | None]]] = {}


@lru_cache(maxsize=65_536)
def scanners_for(path: str) -> tuple[Scanner, ...]:
    """The scanners that read the file at repo-relative `path`: those whose `matches` says so.

    A matcher is a function of what it reads of the path. One that read only the file's name
    (or its suffix, which the name gives) gives the same answer for every path of that name,
    so the answer is kept by name; one that read the folders too (`parts`, `parent`) is asked
    again for each path, and only those are.
    """
    name = path.rpartition("/")[2]
    known = _BY_NAME.get(name)
    if known is None:
        known = _ask(path)
        if len(_BY_NAME) < NAMES_KEPT:
            _BY_NAME[name] = known
    if isinstance(known, tuple):
        return known
    view = RepoPath(path)
    return tuple([s for s, answer in known if answer or (answer is None and s.matches(view))])


def _ask(path: str) -> tuple[Scanner, ...] | list[tuple[Scanner, bool | None]]:
    """What `scanners_for` keeps for the name of `path`: its scanners when no matcher read the
    folders, else each scanner that did or said yes, with its answer (None: it read the folders)."""
    view = _Watched(path)
    known: list[tuple[Scanner, bool | None]] = []
    deep = False
    for scanner in SCANNERS:
        view.deep = False
        if scanner.matches(view) or view.deep:
            known.append((scanner, None if view.deep else True))
            deep = deep or view.deep
    return known if deep else tuple([scanner for scanner, _ in known])


def forget() -> None:
    """Forget every answer kept (for tests)."""
    _BY_NAME.clear()
    scanners_for.cache_clear()
