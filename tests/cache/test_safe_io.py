"""Nothing is written or deleted outside framefit's own cache files: a cache that resolves into
the scanned tree is not used, links planted where cache files go are never followed, pruning
touches only framefit's names, and a failed write leaves no temporary file."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from framefit import check
from framefit.cache import safe_io
from framefit.cache.reports import ReportCache
from framefit.config.layers import Config
from framefit.model import Report
from tests.conftest import FIXTURES, aged_copy
from tests.test_hostile_trees import digest

LOGIN = FIXTURES / "flask_sqlalchemy_login"
OLD = time.time() - 40 * 24 * 3600


def _cli(root: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "framefit", "check", "--verbose", "--format", "json",
                           *args, str(root)], env={**os.environ, **env}, capture_output=True, text=True,
                          check=False, timeout=120)


@pytest.mark.parametrize("where", ["xdg_in_root", "env_link_into_root", "option_is_root"])
def test_a_cache_inside_the_scanned_tree_is_not_used(tmp_path: Path, where: str) -> None:
    root = aged_copy(LOGIN, tmp_path / "repo")
    (root / ".cache").mkdir()
    env = {"FRAMEFIT_CACHE_DIR": ""}
    args: tuple[str, ...] = ()
    if where == "xdg_in_root":  # the common actions/cache set-up: XDG_CACHE_HOME=$GITHUB_WORKSPACE/.cache
        env["XDG_CACHE_HOME"] = str(root / ".cache")
    elif where == "env_link_into_root":
        (tmp_path / "elsewhere").symlink_to(root / ".cache", target_is_directory=True)
        env["FRAMEFIT_CACHE_DIR"] = str(tmp_path / "elsewhere" / "framefit")
    else:
        args = ("--cache-dir", str(root))
    before = digest(root)
    uncached = _cli(root, {}, "--no-cache")
    done = _cli(root, env, *args)
    assert digest(root) == before  # nothing written into the tree
    assert (done.returncode, done.stdout) == (uncached.returncode, uncached.stdout)
    assert "is inside the scanned repository: not used" in done.stderr


def test_a_tree_inside_the_reports_folder_is_not_pruned(tmp_path: Path) -> None:
    root = aged_copy(LOGIN, tmp_path / "cache" / "reports" / "repo")
    (root / f"{'a' * 32}.json").write_text("{}")
    os.utime(root / f"{'a' * 32}.json", (OLD, OLD))
    before = digest(root)
    check(root, cache_dir=tmp_path / "cache")
    assert digest(root) == before


def _report_cache(cache: Path, root: Path) -> ReportCache:
    return ReportCache(cache, root.resolve(), Config(), False)


def test_a_reports_folder_that_is_a_link_is_neither_used_nor_pruned(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    precious = victim / f"{'a' * 32}.json"
    precious.write_text("{}")
    os.utime(precious, (OLD, OLD))
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "reports").symlink_to(victim, target_is_directory=True)
    root = aged_copy(LOGIN, tmp_path / "repo")
    assert check(root, cache_dir=cache) == check(root)
    assert sorted(p.name for p in victim.iterdir()) == [precious.name]
    assert precious.read_text() == "{}"


def test_an_entry_that_is_a_link_is_not_read_and_is_replaced(tmp_path: Path) -> None:
    cache, root = tmp_path / "cache", aged_copy(LOGIN, tmp_path / "repo")
    plain = check(root, cache_dir=cache)
    entry = cache / "reports" / _report_cache(cache, root).name
    stored = entry.read_bytes()
    victim = tmp_path / "victim.json"
    victim.write_bytes(stored.replace(b'"flask"', b'"django"'))  # a planted, forged report
    entry.unlink()
    entry.symlink_to(victim)
    assert _report_cache(cache, root).lookup() is None
    assert check(root, cache_dir=cache) == plain
    assert not entry.is_symlink()
    assert victim.read_bytes() == stored.replace(b'"flask"', b'"django"')


def test_a_full_disk_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    cache, root = tmp_path / "cache", aged_copy(LOGIN, tmp_path / "repo")
    monkeypatch.setattr(safe_io.os, "write", full)
    report = check(root, cache_dir=cache)
    monkeypatch.undo()
    assert report == check(root)
    assert list((cache / "reports").iterdir()) == []


def test_a_temporary_file_is_removed_when_the_rename_fails(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / "entry.json").mkdir(parents=True)  # a directory where the file would go
    fd = os.open(folder, os.O_RDONLY)
    try:
        with pytest.raises(OSError, match="Is a directory"):
            safe_io.write_file(fd, "entry.json", b"{}")
    finally:
        os.close(fd)
    assert [p.name for p in folder.iterdir()] == ["entry.json"]


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs to chown")
def test_a_cache_folder_of_another_user_is_not_used(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (cache / "reports").mkdir(parents=True)
    os.chown(cache / "reports", 12345, 12345)
    root = aged_copy(LOGIN, tmp_path / "repo")
    report: Report = check(root, cache_dir=cache)
    assert report == check(root)
    assert list((cache / "reports").iterdir()) == []
