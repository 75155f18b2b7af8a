"""The pre-commit hooks: their declaration, their `files` pattern, and the real client running them.

`pre-commit try-repo` installs this repository (its committed HEAD plus uncommitted changes to
tracked files) into an environment under PRE_COMMIT_HOME, once per test session, and runs the hook
in a throwaway git repository made from a fixture.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from framefit.scanners.registry import scanners_for
from tests.conftest import FIXTURES, ROOT

HOOKS = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "framefit tests", "GIT_AUTHOR_EMAIL": "tests@framefit.invalid",
                "GIT_COMMITTER_NAME": "framefit tests", "GIT_COMMITTER_EMAIL": "tests@framefit.invalid"}


def test_both_hooks_judge_the_whole_repository_with_framefit() -> None:
    assert sorted(HOOKS) == ["framefit", "framefit-always"]
    for hook in HOOKS.values():
        assert hook["entry"] == "framefit check"
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False
        assert hook["require_serial"] is True
        assert hook["name"]
        assert hook["description"]
    assert HOOKS["framefit-always"]["always_run"] is True
    assert "always_run" not in HOOKS["framefit"]
    assert "files" not in HOOKS["framefit-always"]


def test_files_pattern_covers_every_file_a_scanner_reads() -> None:
    pattern = re.compile(HOOKS["framefit"]["files"])
    read = [p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*")
            if p.is_file() and scanners_for(p.relative_to(FIXTURES).as_posix())]
    assert len(read) > 20
    assert [path for path in read if not pattern.search(path)] == []


@pytest.mark.parametrize(
    ("path", "runs"),
    [
        pytest.param("app/models.py", True, id="python"),
        pytest.param("requirements/base.txt", True, id="requirements_folder"),
        pytest.param("requirements-dev.txt", True, id="requirements_file"),
        pytest.param("deploy/Dockerfile.prod", True, id="dockerfile"),
        pytest.param("docker-compose.yml", True, id="compose"),
        pytest.param("poetry.lock", True, id="lock"),
        pytest.param("Procfile", True, id="procfile"),
        pytest.param(".env.example", True, id="env_example"),
        pytest.param("README.md", True, id="readme"),  # it may show the Dockerfile the app ships in
        pytest.param("docs/index.rst", True, id="docs"),
        pytest.param("NEWS.txt", True, id="news"),
        pytest.param("static/app.js", False, id="javascript"),
        pytest.param("notes.txt", False, id="other_text"),
    ],
)
def test_files_pattern(path: str, runs: bool) -> None:
    assert bool(re.search(HOOKS["framefit"]["files"], path)) is runs


def _untracked_sources() -> list[str]:
    """Files try-repo would leave out: untracked (not ignored) parts of the installed package."""
    done = subprocess.run(["git", "-C", str(ROOT), "ls-files", "--others", "--exclude-standard", "--",
                           "src", "pyproject.toml", ".pre-commit-hooks.yaml"],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"{ROOT} is not a git checkout: pre-commit try-repo needs one")
    return done.stdout.split()


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One hook environment per test session: try-repo installs framefit there once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _git_repo_of(fixture: str, where: Path) -> Path:
    repo = where / fixture
    shutil.copytree(FIXTURES / fixture, repo)
    env = {**os.environ, **GIT_IDENTITY}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "--no-gpg-sign", "-m", "fixture"]):
        subprocess.run(["git", *command], cwd=repo, env=env, check=True, capture_output=True)
    return repo


@pytest.mark.parametrize(
    ("fixture", "code", "status"),
    [
        pytest.param("flask_sqlalchemy_login", 1, "Failed", id="mismatch__fails"),
        pytest.param("flask_minimal", 0, "Passed", id="fits__passes"),
    ],
)
def test_try_repo_runs_the_hook(fixture: str, code: int, status: str, tmp_path: Path,
                                pre_commit_home: Path) -> None:
    untracked = _untracked_sources()
    if untracked:
        pytest.skip(f"try-repo ignores untracked files, and {len(untracked)} are part of framefit "
                    f"(commit them first): {', '.join(untracked[:3])}, …")
    repo = _git_repo_of(fixture, tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "framefit", "--all-files",
         "--verbose"],
        cwd=repo, env={**os.environ, **GIT_IDENTITY, "PRE_COMMIT_HOME": str(pre_commit_home)},
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert done.returncode == code, done.stdout + done.stderr
    assert re.search(rf"^framefit\.+{status}$", done.stdout, re.MULTILINE), done.stdout
    verdict = "django — does not fit (uses flask)" if code else "flask — fits"
    assert f"  recommendation       {verdict}" in done.stdout.splitlines()
