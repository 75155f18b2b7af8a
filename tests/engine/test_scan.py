"""The cache and the process pool change how fast a run is, never what it finds."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from framefit import check
from framefit.engine import pool as worker_pool
from tests.conftest import FIXTURES, count_scans

FIXTURE_NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def _report(path: Path, **options: object) -> str:
    return json.dumps(check(path, **options).to_dict(), sort_keys=True)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_same_report_with_cache_and_with_jobs(name: str, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = FIXTURES / name
    plain = _report(path)
    assert _report(path, cache_dir=tmp_path) == plain  # cold cache
    assert _report(path, cache_dir=tmp_path) == plain  # warm cache
    for threshold in ("POOL_THRESHOLD", "POOL_PARSE_BYTES", "POOL_PREFILTER_BYTES", "POOL_CONFIRM_BYTES",
                      "POOL_MOVE_BYTES"):
        monkeypatch.setattr(worker_pool, threshold, 0)
    assert _report(path, jobs=2) == plain


@pytest.mark.parametrize("name", ["flask_sqlalchemy_login", "flask_blueprint_subclass_move"])
def test_spawned_workers_give_the_same_report(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Off Linux (macOS, Windows) the workers are spawned and receive the plan by pickle (and
    a move's second reading, flask_blueprint_subclass_move, its units)."""
    path = FIXTURES / name
    plain = _report(path)
    for threshold in ("POOL_THRESHOLD", "POOL_PARSE_BYTES", "POOL_PREFILTER_BYTES", "POOL_CONFIRM_BYTES",
                      "POOL_MOVE_BYTES"):
        monkeypatch.setattr(worker_pool, threshold, 0)
    monkeypatch.setattr(worker_pool, "start_method", lambda: "spawn")
    assert _report(path, jobs=2) == plain


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "requirements.txt").write_text("-r base.txt\n")
    (root / "base.txt").write_text("flask\n")
    (root / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    return root


def test_warm_run_scans_nothing_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repo(tmp_path)
    scanned = count_scans(monkeypatch)
    check(root, cache_dir=tmp_path / "cache")
    assert sorted(scanned) == ["app.py", "requirements.txt"]
    scanned.clear()
    check(root, cache_dir=tmp_path / "cache")
    assert scanned == []


def test_a_changed_include_invalidates_the_includer(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repo(tmp_path)
    cache = tmp_path / "cache"
    check(root, cache_dir=cache)
    (root / "base.txt").write_text("flask\npsycopg2-binary\n")
    scanned = count_scans(monkeypatch)
    report = check(root, cache_dir=cache)
    assert scanned == ["requirements.txt"]
    (service,) = report.services
    assert service.answers["relational_database"].value == "yes"  # type: ignore[index]


def test_a_changed_file_is_scanned_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repo(tmp_path)
    cache = tmp_path / "cache"
    check(root, cache_dir=cache)
    (root / "app.py").write_text("from flask import Flask\nimport flask_login\napp = Flask(__name__)\n")
    scanned = count_scans(monkeypatch)
    report = check(root, cache_dir=cache)
    assert scanned == ["app.py"]
    (service,) = report.services
    assert service.answers["user_login"].value == "yes"  # type: ignore[index]


def test_corrupt_cache_file_is_ignored(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "scan-cache.sqlite").write_bytes(b"this is not a database" * 100)
    assert _report(root, cache_dir=cache) == _report(root)


def test_foreign_entries_are_not_trusted(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    cache = tmp_path / "cache"
    plain = _report(root)
    check(root, cache_dir=cache)
    with sqlite3.connect(cache / "scan-cache.sqlite") as db:
        db.execute("UPDATE entries SET value = ?", ('{"evidence": [[1, "x"]]}',))
    assert _report(root, cache_dir=cache) == plain


def test_cache_never_writes_into_the_repo(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    before = sorted(p.name for p in root.rglob("*"))
    check(root, cache_dir=tmp_path / "cache")
    assert sorted(p.name for p in root.rglob("*")) == before
