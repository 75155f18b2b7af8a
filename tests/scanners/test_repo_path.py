"""RepoPath (what `scanners_for` hands each scanner) reads a path as PurePosixPath does."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framefit.scanners.base import RepoPath
from framefit.scanners.registry import SCANNERS
from tests.conftest import FIXTURES

TRICKY = [
    "a", "a.py", ".env", ".env.example", "a.", "a..b", "x/.do/app.yaml", "req.txt.in",
    "deploy/k8s/templates/web.yaml", "pkg.egg-info/requires.txt", "dir.d/Dockerfile",
    "requirements/base.txt", "docker-compose.prod.yml", "x/y/z/.hidden.tar.gz",
]
FIXTURE_FILES = sorted(p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*") if p.is_file())
_PART = st.text(alphabet="abcXYZ._-0", min_size=1, max_size=8).filter(lambda s: s not in (".", ".."))


def _same(path: str) -> None:
    view, posix = RepoPath(path), PurePosixPath(path)
    assert (view.name, view.suffix, view.parts, view.parent.name) == (
        posix.name, posix.suffix, posix.parts, posix.parent.name)
    assert [s.matches(view) for s in SCANNERS] == [s.matches(posix) for s in SCANNERS]


@pytest.mark.parametrize("path", TRICKY + FIXTURE_FILES)
def test_reads_a_path_as_purepath_does(path: str) -> None:
    _same(path)


@given(st.lists(_PART, min_size=1, max_size=4))
def test_any_path(parts: list[str]) -> None:
    _same("/".join(parts))
