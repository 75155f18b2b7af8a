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


@lru_cache(maxsize=65_536)
def scanners_for(path: str) -> tuple[Scanner, ...]:
    """The scanners that read the file at repo-relative `path`."""
    view = RepoPath(path)
    return tuple(s for s in SCANNERS if s.matches(view))
