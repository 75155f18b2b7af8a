"""The scanners, one per kind of file, in the order they run."""

from __future__ import annotations

from pathlib import PurePosixPath

from framefit.scanners import dockerfile, pyproject, python_code, requirements
from framefit.scanners.base import Scanner

SCANNERS: tuple[Scanner, ...] = (
    requirements.SCANNER,
    pyproject.SCANNER,
    python_code.SCANNER,
    dockerfile.SCANNER,
)


def scanners_for(path: str) -> tuple[Scanner, ...]:
    """The scanners that read the file at repo-relative `path`."""
    posix = PurePosixPath(path)
    return tuple(s for s in SCANNERS if s.matches(posix))
