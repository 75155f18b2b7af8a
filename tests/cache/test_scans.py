"""One tree's cache never decides another's verdict: every probe a scan makes (a file read, a
path looked for) is an input, stamps carry what git's index does (a ctime and an inode no user
sets), and names that are not UTF-8 are stored as they are."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from framefit import check
from framefit.cache import location
from framefit.model import Question, Report
from tests.conftest import age_tree, count_scans, run_cli

DOCKERFILE = "FROM python:3.12-slim\nCOPY deps.txt /srv/deps.txt\nRUN pip install -r /srv/deps.txt\n"
APP = "from flask import Flask\napp = Flask(__name__)\n"


def _repo(root: Path, *, deps: bool) -> Path:
    """A Flask app whose image installs /srv/deps.txt, copied from deps.txt when there is one."""
    root.mkdir(parents=True)
    (root / "requirements.txt").write_text("flask\n")
    (root / "app.py").write_text(APP)
    (root / "Dockerfile").write_text(DOCKERFILE)
    if deps:
        (root / "deps.txt").write_text("psycopg2\nflask-login\n")
    age_tree(root)
    return root


def _rules(report: Report) -> list[str]:
    """The mismatch findings (FF1xx)."""
    return sorted(f.rule for f in report.findings if f.rule.startswith("FF1"))


def test_another_tree_at_the_same_path_gets_its_own_verdict(tmp_path: Path) -> None:
    root, cache = tmp_path / "repo", str(tmp_path / "cache")
    _repo(root, deps=False)
    assert run_cli("check", "--format", "json", "--cache-dir", cache, str(root)).exit_code == 0
    shutil.rmtree(root)
    _repo(root, deps=True)  # the same files, and the deps.txt the Dockerfile installs
    done = run_cli("check", "--format", "json", "--cache-dir", cache, str(root))
    assert done.exit_code == 1
    found = {f["rule"] for f in json.loads(done.stdout)["findings"]}
    assert sorted(r for r in found if r.startswith("FF1")) == ["FF101", "FF102"]


@pytest.mark.parametrize("layer", ["report_cache", "file_cache"])
def test_a_file_looked_for_that_appears_is_noticed(tmp_path: Path, layer: str) -> None:
    # debug=True leaves the report cache out: the per-file cache alone must notice.
    debug = layer == "file_cache"
    root, cache = _repo(tmp_path / "repo", deps=False), tmp_path / "cache"
    assert _rules(check(root, cache_dir=cache, debug=debug)) == []
    (root / "deps.txt").write_text("psycopg2\nflask-login\n")
    age_tree(root)
    assert _rules(check(root, cache_dir=cache, debug=debug)) == ["FF101", "FF102"]


@pytest.mark.parametrize("layer", ["report_cache", "file_cache"])
def test_an_edit_whose_mtime_was_set_back_is_noticed(tmp_path: Path, layer: str) -> None:
    debug = layer == "file_cache"
    root, cache = _repo(tmp_path / "repo", deps=True), tmp_path / "cache"
    deps = root / "deps.txt"
    deps.write_text("pyyaml-x\nrequests-xx\n")  # as long as "psycopg2\nflask-login\n"
    age_tree(root)
    assert _rules(check(root, cache_dir=cache, debug=debug)) == []
    before = deps.stat()
    deps.write_text("psycopg2\nflask-login\n")  # edited in place, the same size
    os.utime(deps, ns=(before.st_atime_ns, before.st_mtime_ns))  # `touch -d` back
    assert (deps.stat().st_size, deps.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert _rules(check(root, cache_dir=cache, debug=debug)) == ["FF101", "FF102"]


def test_two_unpacked_trees_with_the_same_sizes_and_mtimes_differ(tmp_path: Path) -> None:
    root, cache = tmp_path / "repo", tmp_path / "cache"
    mtimes: dict[str, int] = {}
    for models in ("import redis_om\n", "import psycopg\n\n"):
        root.mkdir()
        (root / "requirements.txt").write_text("flask\n")
        (root / "app.py").write_text(APP + models)
        for path in (root / "requirements.txt", root / "app.py"):
            mtime = mtimes.setdefault(path.name, path.stat().st_mtime_ns - 3600 * 10**9)
            os.utime(path, ns=(mtime, mtime))
        database = check(root, cache_dir=cache, debug=True).services[0].answer(
            Question.RELATIONAL_DATABASE).value.value
        shutil.rmtree(root)
    assert database == "yes"  # the second tree's, not the first's "no"


def test_a_name_that_is_not_utf8_is_stored_and_found_again(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "requirements.txt").write_text("flask\n")
    (root / os.fsdecode(b"bad\xff.py")).write_text(APP)
    age_tree(root)
    first = check(root, cache_dir=tmp_path / "cache", debug=True)
    scanned = count_scans(monkeypatch)
    assert check(root, cache_dir=tmp_path / "cache", debug=True) == first
    assert scanned == []  # every result from the cache
    assert first.services[0].framework == "flask"


def test_a_database_that_is_a_link_is_not_used(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"")  # SQLite would make an empty file its database
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "scan-cache.sqlite").symlink_to(victim)
    root = _repo(tmp_path / "repo", deps=True)
    assert _rules(check(root, cache_dir=cache, debug=True)) == ["FF101", "FF102"]
    assert victim.read_bytes() == b""
    assert (cache / "scan-cache.sqlite").is_symlink()


def test_the_code_version_stamps_every_source_file_of_the_package() -> None:
    # An edited scanner or catalog file must make the caches' results of the old code unusable.
    stamped = {stamp.split(":")[0] for stamp in location.source_stamps()}
    assert {"scanners/python/scanner.py", "catalog/code.toml", "cache/location.py",
            "answers/settled.py"} <= stamped
