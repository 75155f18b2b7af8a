"""Where the cache lives: $FRAMEFIT_CACHE_DIR, else the platform's own cache folder."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from framefit.cache.location import default_dir


def test_the_environment_names_the_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FRAMEFIT_CACHE_DIR", str(tmp_path / "here"))
    assert default_dir() == tmp_path / "here"


def test_else_the_platforms_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FRAMEFIT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_dir() == Path(platformdirs.user_cache_dir("framefit", appauthor=False))
    if sys.platform.startswith("linux"):
        assert default_dir() == tmp_path / "xdg" / "framefit"
    monkeypatch.delenv("XDG_CACHE_HOME")
    if sys.platform.startswith("linux"):
        assert default_dir() == Path.home() / ".cache" / "framefit"
    elif sys.platform == "darwin":
        assert default_dir() == Path.home() / "Library" / "Caches" / "framefit"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG folder is Linux's")
def test_a_run_caches_in_the_platforms_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tests.conftest import FIXTURES, run_cli

    monkeypatch.delenv("FRAMEFIT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert run_cli("check", str(FIXTURES / "flask_minimal")).exit_code == 0
    assert (tmp_path / "xdg" / "framefit" / "reports").is_dir()
