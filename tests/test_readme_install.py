"""The README's install, pre-commit local hook, recorded-decision and configuration snippets work
as written.

The real installs (pip and pipx from a path, each into a fresh environment, ~15 s apiece and an
index to fetch the dependencies from) run with FRAMEFIT_TEST_INSTALL=1; everything else always.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from framefit.config.layers import load
from tests.conftest import FIXTURES, ROOT, run_cli
from tests.test_precommit import GIT_IDENTITY, HOOKS

README = (ROOT / "README.md").read_text(encoding="utf-8")
PLACEHOLDER = "/path/to/framefit"


def _section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def _blocks(language: str, text: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)


def _commands(block: str) -> list[str]:
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.split("#", 1)[0].strip()]


def _install() -> list[str]:
    return _commands(_blocks("sh", _section("Installing"))[0])


def test_install_snippet_installs_from_a_path_with_pip_and_pipx() -> None:
    expected = [f"python3 -m pip install {PLACEHOLDER}", f"pipx install {PLACEHOLDER}", "framefit --version"]
    assert _install() == expected
    assert "not published yet" in _section("Installing")


@pytest.mark.skipif(not os.environ.get("FRAMEFIT_TEST_INSTALL"),
                    reason="real installs into fresh environments: set FRAMEFIT_TEST_INSTALL=1")
def test_install_snippet_runs(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / "bin"
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "PIPX_HOME": str(tmp_path / "pipx"), "PIPX_BIN_DIR": str(tmp_path / "pipx-bin")}
    subprocess.run([str(bin_dir / "python3"), "-m", "pip", "install", "-q", "pipx"], check=True, env=env)
    for command in _install():
        # The README's own lines, run as a user's shell runs them.
        done = subprocess.run(command.replace(PLACEHOLDER, str(ROOT)), shell=True, env=env,
                              capture_output=True, text=True, check=False, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
    assert (bin_dir / "framefit").exists()
    version = subprocess.run([str(tmp_path / "pipx-bin" / "framefit"), "--version"],
                             capture_output=True, text=True, check=True)
    assert version.stdout == "framefit, version 0.1.0\n"


def _local_hook_config() -> dict[str, object]:
    configs = [yaml.safe_load(b) for b in _blocks("yaml", _section("CI integrations"))]
    return next(c for c in configs if isinstance(c, dict) and c.get("repos", [{}])[0].get("repo") == "local")


def test_local_hook_runs_what_the_published_hook_runs() -> None:
    (hook,) = _local_hook_config()["repos"][0]["hooks"]  # type: ignore[index]
    published = HOOKS["framefit-always"]
    assert {k: hook[k] for k in ("id", "entry", "pass_filenames", "always_run")} == {
        "id": "framefit", "entry": published["entry"], "pass_filenames": published["pass_filenames"],
        "always_run": published["always_run"]}
    assert hook["language"] == "system"


@pytest.mark.parametrize(
    ("fixture", "code"),
    [
        pytest.param("flask_sqlalchemy_login", 1, id="mismatch__fails"),
        pytest.param("flask_minimal", 0, id="fits__passes"),
    ],
)
def test_local_hook_snippet_runs_in_pre_commit(fixture: str, code: int, tmp_path: Path) -> None:
    repo = tmp_path / fixture
    shutil.copytree(FIXTURES / fixture, repo)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(_local_hook_config()), encoding="utf-8")
    # framefit is on PATH where pre-commit runs: here, beside the interpreter running the tests.
    env = {**os.environ, **GIT_IDENTITY, "PRE_COMMIT_HOME": str(tmp_path / "home"),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for command in (["init", "-q"], ["add", "-A"]):
        subprocess.run(["git", *command], cwd=repo, env=env, check=True, capture_output=True)
    done = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=repo, env=env,
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == code, done.stdout + done.stderr
    assert re.search(rf"^framefit\.+{'Failed' if code else 'Passed'}$", done.stdout, re.MULTILINE)


DECISIONS = _section("Recorded decisions")


def test_record_snippets_run(tmp_path: Path) -> None:
    first, second = _commands(_blocks("sh", DECISIONS)[0])
    single = shutil.copytree(FIXTURES / "flask_sqlalchemy_login", tmp_path / "single")
    args = first.split(" ", 1)[1].replace('"Flask + SQLAlchemy is our team standard"', "REASON").split()
    assert args == ["record", "--reason", "REASON"]
    reason = "Flask + SQLAlchemy is our team standard"
    assert run_cli("record", "--reason", reason, str(single)).exit_code == 0
    assert run_cli("check", str(single)).exit_code == 0
    mono = shutil.copytree(FIXTURES / "monorepo_flask_django", tmp_path / "mono")
    assert second == 'framefit record --service services/api --reason "..." --dry-run'
    shown = run_cli("record", "--service", "services/api", "--reason", "...", "--dry-run", str(mono))
    assert (shown.exit_code, shown.output.splitlines()[:2]) == (0, ["--- /dev/null", "+++ b/framefit.toml"])
    assert not (mono / "framefit.toml").exists()


def test_decision_entry_snippet_is_what_check_reads(tmp_path: Path) -> None:
    (block,) = _blocks("toml", DECISIONS)
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(block, encoding="utf-8")
    (found,) = load(tmp_path).decisions
    assert (found.service, found.decision.framework, found.decision.recorded) == (".", "flask", "2026-12-01")


def test_configuration_snippet_is_valid_configuration(tmp_path: Path) -> None:
    block = next(b for b in _blocks("toml", _section("Configuration")) if "[tool.framefit]" in b)
    tomllib.loads(block)
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(block, encoding="utf-8")
    config = load(tmp_path)
    assert [d.service for d in config.decisions] == ["."]
    assert [k.service for k in config.answers] == [None, "services/api"]
