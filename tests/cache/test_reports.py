"""The report cache: a warm run reuses the last report, and only while nothing it depends on
(the listing, every file a scanner matched or read, the configuration, the mode) has changed."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from framefit import check
from framefit.cache import codec as report_codec
from framefit.config.layers import Config
from framefit.engine import pipeline
from framefit.model import Question, Report, Severity
from tests.conftest import FIXTURES, age_tree, aged_copy

FIXTURE_NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
LOGIN = FIXTURES / "flask_sqlalchemy_login"


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The roots the pipeline ran on from now on (a cache hit adds nothing)."""
    ran: list[Path] = []
    real = pipeline.run

    def counting(root, config, options, before_reading=None):  # type: ignore[no-untyped-def]
        ran.append(root)
        return real(root, config, options, before_reading)

    monkeypatch.setattr(pipeline, "run", counting)
    return ran


def _database(report: Report) -> str:
    return report.services[0].answer(Question.RELATIONAL_DATABASE).value.value


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_codec_keeps_every_field(name: str) -> None:
    report = check(FIXTURES / name)
    stored = json.loads(json.dumps(report_codec.encode(report)))
    assert report_codec.decode(stored) == report


@pytest.mark.parametrize("garbage", [
    None, [], {}, {"root": 1}, "report",
    {"root": "/r", "tool_version": "0", "services": [{}], "findings": [], "suppressed": [],
     "diagnostics": []},
    {"root": "/r", "tool_version": "0", "services": [], "findings": [["FF101"]],
     "suppressed": [], "diagnostics": []},
    {"root": "/r", "tool_version": "0", "services": [], "findings": [], "suppressed": [],
     "diagnostics": [["a.py", "3", "parse-error", "x"]]},
])
def test_codec_rejects_what_it_did_not_write(garbage: object) -> None:
    with pytest.raises(ValueError, match="not an encoded report"):
        report_codec.decode(garbage)


def test_a_warm_run_reuses_the_report(tmp_path: Path, runs: list[Path]) -> None:
    root = aged_copy(LOGIN, tmp_path / "repo")
    first = check(root, cache_dir=tmp_path / "cache")
    second = check(root, cache_dir=tmp_path / "cache")
    assert second == first
    assert runs == [root]


@pytest.mark.parametrize("change", ["edit", "add", "remove", "include", "touch-dir"])
def test_any_change_to_an_input_runs_again(change: str, tmp_path: Path, runs: list[Path]) -> None:
    root = aged_copy(FIXTURES / "flask_redis_only", tmp_path / "repo")
    cache = tmp_path / "cache"
    assert _database(check(root, cache_dir=cache)) == "no"
    if change == "edit":
        pyproject = root / "pyproject.toml"
        pyproject.write_text(pyproject.read_text().replace('"redis>=5",', '"redis>=5", "psycopg2",'))
    elif change == "add":
        (root / "db.py").write_text("import sqlite3\nDB = sqlite3.connect('app.db')\n")
    elif change == "remove":
        next(root.rglob("*.py")).unlink()
    elif change == "include":  # in a directory the walk skips: only the include's stamp says
        (root / "requirements.txt").write_text("-r build/more.txt\n")
        (root / "build").mkdir()
        (root / "build" / "more.txt").write_text("redis\n")
        age_tree(root)
        check(root, cache_dir=cache)
        (root / "build" / "more.txt").write_text("psycopg2\n")
    else:
        (root / "empty").mkdir()
        (root / "empty" / "models.py").write_text("import psycopg2\n")
    ran = len(runs)
    report = check(root, cache_dir=cache)
    assert len(runs) == ran + 1
    assert report == check(root)
    if change != "remove":
        assert _database(report) == "yes"


def test_a_file_no_scanner_reads_changes_nothing(tmp_path: Path, runs: list[Path]) -> None:
    root = aged_copy(LOGIN, tmp_path / "repo")
    (root / "logo.png").write_bytes(b"\x89PNG")
    age_tree(root)
    check(root, cache_dir=tmp_path / "cache")
    (root / "logo.png").write_bytes(b"\x89PNG changed")
    check(root, cache_dir=tmp_path / "cache")
    assert runs == [root]


@pytest.mark.parametrize("ignore_file", [".gitignore", "src/.gitignore", ".git/info/exclude"])
def test_an_edited_ignore_file_runs_again(tmp_path: Path, runs: list[Path], ignore_file: str) -> None:
    root = aged_copy(FIXTURES / "flask_redis_only", tmp_path / "repo")
    (root / ".git").mkdir()  # a work tree: there, ignore files apply
    (root / "src").mkdir(exist_ok=True)
    (root / "src" / "ignored.py").write_text("import psycopg2\n")
    rules = root / ignore_file
    rules.parent.mkdir(parents=True, exist_ok=True)
    rules.write_text("ignored.py\n")
    age_tree(root)
    cache = tmp_path / "cache"
    assert _database(check(root, cache_dir=cache)) == "no"
    assert _database(check(root, cache_dir=cache)) == "no"
    assert runs == [root]
    rules.write_text("# nothing ignored\n")  # the same directories: only the file's stamp says
    assert _database(check(root, cache_dir=cache)) == "yes"
    assert len(runs) == 2


def test_an_ignore_file_that_appears_runs_again(tmp_path: Path, runs: list[Path]) -> None:
    root = aged_copy(FIXTURES / "flask_redis_only", tmp_path / "repo")
    (root / "scratch.py").write_text("import psycopg2\n")
    (root / ".git" / "info").mkdir(parents=True)
    age_tree(root)
    cache = tmp_path / "cache"
    assert _database(check(root, cache_dir=cache)) == "yes"
    (root / ".git" / "info" / "exclude").write_text("scratch.py\n")
    age_tree(root)  # no directory the walk lists changed
    assert _database(check(root, cache_dir=cache)) == "no"
    assert len(runs) == 2


def test_configuration_and_mode_are_part_of_the_key(tmp_path: Path, runs: list[Path]) -> None:
    root = aged_copy(LOGIN, tmp_path / "repo")
    cache = tmp_path / "cache"
    check(root, cache_dir=cache)
    check(root, Config(exclude=("app/views.py",)), cache_dir=cache)
    check(root, cache_dir=cache, exhaustive=True)
    check(root, cache_dir=cache, debug=True)  # never from the report cache
    assert len(runs) == 4


def test_one_entry_serves_every_format_and_fail_on(tmp_path: Path, runs: list[Path]) -> None:
    root = aged_copy(LOGIN, tmp_path / "repo")
    cache = tmp_path / "cache"
    for config in (Config(format="json"), Config(format="sarif", fail_on=Severity.NOTE), Config()):
        check(root, config, cache_dir=cache)
    assert runs == [root]


def test_a_just_changed_file_is_not_trusted(tmp_path: Path, runs: list[Path]) -> None:
    root = tmp_path / "repo"
    shutil.copytree(LOGIN, root, copy_function=shutil.copy)  # every file changed just now
    check(root, cache_dir=tmp_path / "cache")
    check(root, cache_dir=tmp_path / "cache")
    assert runs == [root, root]


def test_a_file_changed_while_it_was_read_is_not_trusted(tmp_path: Path, runs: list[Path],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root = aged_copy(FIXTURES / "flask_redis_only", tmp_path / "repo")
    pyproject = root / "pyproject.toml"
    real = pipeline.scan_tree

    def edit_after_reading(*args, **kwargs):  # type: ignore[no-untyped-def]
        scanned = real(*args, **kwargs)
        pyproject.write_text(pyproject.read_text().replace('"redis>=5",', '"redis>=5", "psycopg2",'))
        age_tree(root)  # even with an mtime from the past, the stamp changed (size, ctime)
        return scanned

    monkeypatch.setattr(pipeline, "scan_tree", edit_after_reading)
    assert _database(check(root, cache_dir=tmp_path / "cache")) == "no"  # what it read
    monkeypatch.setattr(pipeline, "scan_tree", real)
    assert _database(check(root, cache_dir=tmp_path / "cache")) == "yes"
    assert len(runs) == 2


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "stale-report"])
def test_a_corrupt_or_foreign_entry_is_ignored(damage: str, tmp_path: Path, runs: list[Path]) -> None:
    root = aged_copy(LOGIN, tmp_path / "repo")
    cache = tmp_path / "cache"
    plain = check(root, cache_dir=cache)
    (entry,) = (cache / "reports").iterdir()
    text = entry.read_text()
    if damage == "garbage":
        entry.write_bytes(os.urandom(200))
    elif damage == "truncated":
        entry.write_text(text[: len(text) // 2])
    elif damage == "foreign":
        entry.write_text(text.replace('"key":"', '"key":"0', 1))
    else:
        data = json.loads(text)
        data["report"]["services"] = [{"path": "."}]
        entry.write_text(json.dumps(data))
    assert check(root, cache_dir=cache) == plain
    assert len(runs) == 2


def test_entries_not_written_for_a_month_are_pruned(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (cache / "reports").mkdir(parents=True)
    old, recent = cache / "reports" / f"{'a' * 32}.json", cache / "reports" / f"{'b' * 32}.json"
    leftover = cache / "reports" / ".framefit-0123456789abcdef.tmp"
    foreign = [cache / "reports" / name for name in ("old.json", "notes.tmp", f"{'c' * 31}.json")]
    for path in (old, recent, leftover, *foreign):
        path.write_text("{}")
    then = time.time() - 31 * 24 * 3600
    for path in (old, leftover, *foreign):
        os.utime(path, (then, then))
    check(aged_copy(LOGIN, tmp_path / "repo"), cache_dir=cache)
    assert not old.exists()
    assert not leftover.exists()
    assert recent.exists()
    assert all(path.exists() for path in foreign)  # not named as framefit's: never deleted
    assert len(list((cache / "reports").iterdir())) == 5  # those four and the new entry


def test_the_report_cache_never_writes_into_the_repo(tmp_path: Path) -> None:
    root = aged_copy(LOGIN, tmp_path / "repo")
    before = sorted((p.relative_to(root), p.stat().st_mtime_ns) for p in root.rglob("*"))
    check(root, cache_dir=tmp_path / "cache")
    check(root, cache_dir=tmp_path / "cache")
    assert sorted((p.relative_to(root), p.stat().st_mtime_ns) for p in root.rglob("*")) == before
