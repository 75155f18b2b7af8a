"""Hostile trees, generated in tmp_path: the run ends, answers stay right, nothing outside is read.

Each tree is a small Flask app with SQLAlchemy (so the expected answers are known) plus one
hazard. After the run the tree must be byte-for-byte what it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from framefit import check
from framefit.cli import cli
from framefit.model import Report
from framefit.walk.files import list_files
from tests.walk.trees import make_chain, remove_chain, unenterable_scandir

APP = (
    "from flask import Flask\n"
    "from flask_sqlalchemy import SQLAlchemy\n"
    "app = Flask(__name__)\n"
    "db = SQLAlchemy(app)\n"
)


def make_app(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "requirements.txt").write_text("flask\nflask-sqlalchemy\n")
    (root / "app.py").write_text(APP)
    return root


def digest(root: Path) -> dict[str, str]:
    """Every entry under root (links as their target text), hashed, without following links."""
    seen: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                seen[rel] = "link:" + str(path.readlink())
            elif path.is_file():
                try:
                    seen[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
                except PermissionError:
                    seen[rel] = "unreadable"
    return seen


def run_bounded(root: Path, limit: float = 30.0) -> Report:
    before = digest(root)
    started = time.monotonic()
    report = check(root)
    assert time.monotonic() - started < limit
    assert digest(root) == before, "the scanned tree changed"
    return report


def assert_flask_with_database(report: Report) -> None:
    (service,) = report.services
    assert service.framework == "flask"
    assert service.answers["relational_database"].value == "yes"  # type: ignore[index]
    assert service.recommendation == "django"


def diagnostics_of(report: Report, kind: str) -> list[str]:
    return sorted(d.path for d in report.diagnostics if d.kind == kind)


def test_symlink_loop_ends(tmp_path: Path) -> None:
    root = make_app(tmp_path / "repo")
    (root / "loop").mkdir()
    (root / "loop" / "again").symlink_to(root / "loop", target_is_directory=True)
    (root / "self").symlink_to(root, target_is_directory=True)
    (root / "a").symlink_to(root / "b")
    (root / "b").symlink_to(root / "a")
    assert_flask_with_database(run_bounded(root))


def test_link_to_a_file_outside_does_not_count(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text("import flask_login\nimport psycopg2\n")
    (outside / "requirements.txt").write_text("flask-login\n")
    root = make_app(tmp_path / "repo")
    (root / "auth.py").symlink_to(outside / "secret.py")
    (root / "requirements-auth.txt").symlink_to(outside / "requirements.txt")
    report = run_bounded(root)
    assert_flask_with_database(report)
    (service,) = report.services
    assert service.answers["user_login"].value == "no"  # type: ignore[index]
    assert diagnostics_of(report, "link-outside-root") == ["auth.py", "requirements-auth.txt"]
    cited = {e.path for a in service.answers.values() for e in a.evidence + a.against}
    assert "auth.py" not in cited


def test_include_pointing_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("flask-login\n")
    root = make_app(tmp_path / "repo")
    (root / "requirements.txt").write_text("flask\nflask-sqlalchemy\n-r ../outside.txt\n")
    report = run_bounded(root)
    (service,) = report.services
    assert service.answers["user_login"].value == "no"  # type: ignore[index]
    assert any(d.path == "requirements.txt" and d.line == 3 for d in report.diagnostics)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="root reads any directory; permissions mean nothing there")
def test_directory_without_permission(tmp_path: Path) -> None:
    root = make_app(tmp_path / "repo")
    locked = root / "locked"
    locked.mkdir()
    (locked / "x.py").write_text("import flask_login\n")
    locked.chmod(0)
    try:
        report = run_bounded(root)
    finally:
        locked.chmod(0o755)
    assert_flask_with_database(report)
    assert diagnostics_of(report, "unreadable") == ["locked"]


def test_unreadable_file_is_a_diagnostic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root can read anything, so a read error is simulated at the one place files are opened.
    from framefit.walk import reader

    root = make_app(tmp_path / "repo")
    (root / "views.py").write_text("import flask_login\n")
    real = reader._open

    def refuse(path: str) -> int:
        if path.endswith("/views.py"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(reader, "_open", refuse)
    report = run_bounded(root)
    assert_flask_with_database(report)
    assert [(d.path, d.kind) for d in report.diagnostics] == [("views.py", "unreadable")]


HAZARDS: dict[str, Callable[[Path], None]] = {
    "binary_named_py": lambda r: (r / "blob.py").write_bytes(bytes(range(256)) * 64),
    "undecodable_bytes": lambda r: (r / "latin.py").write_bytes(b"# caf\xe9\nimport os\n"),
    "null_bytes": lambda r: (r / "nul.py").write_bytes(b"import os\x00\nimport sys\n"),
    "python2_file": lambda r: (r / "old.py").write_text(
        "import flask_login\nprint 'hello'\nexec 'x = 1'\n"),
    "deep_nesting": lambda r: (r / "deep.py").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n"),
    "deep_expression": lambda r: (r / "expr.py").write_text("x = " + "1 + " * 20000 + "1\n"),
    "huge_module": lambda r: (r / "generated.py").write_text(
        "".join(f"VALUE_{i} = {i}\n" for i in range(1_300_000))),
    "bad_toml": lambda r: (r / "pyproject.toml").write_text("[project\nname = 1\n"),
    "bad_requirement": lambda r: (r / "requirements-dev.txt").write_text("pytest ===== 1\nblack\n"),
    "empty_files": lambda r: [(r / n).write_bytes(b"") for n in ("empty.py", "requirements-x.txt")],
}


@pytest.mark.parametrize("hazard", sorted(HAZARDS))
def test_hazard_keeps_answers_and_ends(tmp_path: Path, hazard: str) -> None:
    root = make_app(tmp_path / "repo")
    HAZARDS[hazard](root)
    report = run_bounded(root, limit=60.0)
    assert_flask_with_database(report)
    for d in report.diagnostics:
        assert d.path, d
        assert d.message, d


def test_huge_module_is_a_too_large_diagnostic(tmp_path: Path) -> None:
    root = make_app(tmp_path / "repo")
    HAZARDS["huge_module"](root)
    assert (root / "generated.py").stat().st_size > 20_000_000
    report = run_bounded(root)
    assert diagnostics_of(report, "too-large") == ["generated.py"]


def test_setup_py_that_would_write_a_file_never_runs(tmp_path: Path) -> None:
    root = make_app(tmp_path / "repo")
    marker = tmp_path / "ran"
    (root / "setup.py").write_text(
        "from setuptools import setup\n"
        f"open({str(marker)!r}, 'w').write('ran')\n"
        "setup(name='x', install_requires=['flask', 'flask-sqlalchemy'])\n"
    )
    report = run_bounded(root)
    assert not marker.exists()
    assert_flask_with_database(report)


# --- walk (issue 15: A, D, H) ------------------------------------------------------------

def _fake_git(directory: Path, marker: Path) -> None:
    git = directory / "git"
    git.write_text(f"#!/bin/sh\necho ran >> {marker}\n")
    git.chmod(0o755)


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands for git")
def test_no_program_runs_and_git_changes_no_answer(tmp_path: Path) -> None:
    root = make_app(tmp_path / "repo")
    (root / ".git" / "info").mkdir(parents=True)
    (root / ".git" / "info" / "exclude").write_text("scratch/\n")
    # What git would obey and framefit must not: another work tree, a command to run, an index.
    (root / ".git" / "config").write_text("[core]\n\tworktree = /\n\tfsmonitor = ./git\n")
    (root / ".git" / "index").write_bytes(b"DIRC\x00\x00\x00\x02" + b"\xff" * 64)
    (root / ".gitignore").write_text("ignored.py\n")
    for name in ("ignored.py", "scratch/auth.py"):
        (root / name).parent.mkdir(exist_ok=True)
        (root / name).write_text("import flask_login\n")
    marker = tmp_path / "ran"
    _fake_git(root, marker)  # committed in the scanned repo
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    _fake_git(fake_bin, marker)
    outputs = set()
    for path in (str(fake_bin), "", ".", f"{fake_bin}:", ":" + os.environ.get("PATH", ""),
                 os.environ.get("PATH", "")):
        done = subprocess.run([sys.executable, "-m", "framefit", "check", "--no-cache", "--format",
                               "json", str(root)], cwd=root, env={**os.environ, "PATH": path},
                              capture_output=True, check=False, timeout=60)
        outputs.add((done.returncode, done.stdout))
    assert not marker.exists()
    ((code, stdout),) = outputs  # the same report whatever PATH holds
    assert code == 1
    (service,) = json.loads(stdout)["services"]
    assert service["questions"]["user_login"]["answer"] == "no"  # ignored files stay out


@pytest.mark.parametrize("hazard", ["fifo", "link_out", "device"])
def test_an_ignore_file_that_would_block_is_never_opened(tmp_path: Path, hazard: str) -> None:
    root = make_app(tmp_path / "repo")
    (root / ".git").mkdir()  # a work tree: there, ignore files are read
    (tmp_path / "rules").write_text("app.py\n")
    if hazard == "fifo":
        os.mkfifo(root / ".gitignore")
    elif hazard == "link_out":
        (root / ".gitignore").symlink_to(tmp_path / "rules")
    else:
        (root / ".gitignore").symlink_to("/dev/zero")
    report = run_bounded(root, limit=5.0)
    assert_flask_with_database(report)
    assert ".gitignore" in diagnostics_of(report, "unreadable")


def test_an_empty_pyvenv_cfg_at_the_root_hides_nothing(tmp_path: Path) -> None:
    root = make_app(tmp_path / "repo")
    (root / "pyvenv.cfg").write_text("")
    assert_flask_with_database(run_bounded(root))


def test_a_name_that_is_not_utf8_is_kept_and_named(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "requirements.txt").write_text("flask\n")
    name = os.fsdecode(b"bad\xff.py")
    (root / name).write_text("import flask\napp = flask.Flask(__name__)\n")
    reports = [check(root, cache_dir=tmp_path / "cache") for _ in range(2)]  # stored, then read
    assert reports[0] == reports[1] == check(root)
    (service,) = reports[0].services
    assert service.framework == "flask"
    assert name in {e.path for use in service.frameworks for e in use.evidence}
    (diagnostic,) = reports[0].diagnostics
    assert (diagnostic.path, diagnostic.kind) == (name, "undecodable-name")
    assert diagnostic.message == "file name is not valid UTF-8"
    done = CliRunner().invoke(cli, ["check", "--format", "json", "--cache-dir", str(tmp_path / "cache"),
                                    str(root)])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["diagnostics"] == [{
        "path": "bad\\xff.py", "line": None, "kind": "undecodable-name",
        "message": "file name is not valid UTF-8"}]


def test_a_chain_a_thousand_directories_deep_is_read(tmp_path: Path) -> None:
    root = make_app(tmp_path / "repo")
    deep = make_chain(root, 1000)
    (deep / "requirements.txt").write_text("-r " + "../" * 1000 + "requirements.txt\nflask-login\n")
    try:
        report = check(root, cache_dir=tmp_path / "cache")  # the stamps of every level, too
        files = list_files(root)[0]
    finally:
        remove_chain(root)  # rmdir is slow here: ~2 ms a level
    assert [d for d in report.diagnostics if d.kind == "internal-error"] == []
    assert "d/" * 1000 + "requirements.txt" in [f.path for f in files]
    assert report.services[0].answers["user_login"].value == "yes"  # type: ignore[index]


def test_a_directory_listed_but_not_entered_is_a_diagnostic(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from framefit.walk import files as walk_files

    root = make_app(tmp_path / "repo")
    (root / "locked").mkdir()
    (root / "locked" / "auth.py").write_text("import flask_login\n")
    monkeypatch.setattr(walk_files.os, "scandir", unenterable_scandir("locked"))
    report = run_bounded(root)
    assert_flask_with_database(report)
    assert diagnostics_of(report, "unreadable") == ["locked"]
