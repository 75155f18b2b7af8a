"""The GitHub Action: the fields GitHub requires, inputs passed safely, and its run step working.

The run step's script is executed here with bash, with the action's virtualenv replaced by the
one running the tests, so the command line it builds is the one that really runs.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT

ACTION: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]


def test_action_has_what_github_requires() -> None:
    assert ACTION["name"] == "framefit"
    assert ACTION["description"]
    assert ACTION["runs"]["using"] == "composite"
    assert STEPS
    for step in STEPS:
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step["shell"] == "bash", step


def test_every_input_is_described_and_used() -> None:
    inputs = ACTION["inputs"]
    assert sorted(inputs) == ["args", "fail-on", "format", "output", "path", "python-version"]
    used = set(re.findall(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", (ROOT / "action.yml").read_text()))
    assert used == set(inputs)
    for name, spec in inputs.items():
        assert spec["description"], name
        assert "default" in spec, name


def test_inputs_reach_scripts_through_env_only() -> None:
    for step in STEPS:
        assert "${{" not in step.get("run", ""), step["name"]


def test_setup_python_leaves_the_jobs_python_alone() -> None:
    setup = next(s for s in STEPS if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["update-environment"] is False


def _run_step(tmp_path: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    """Run the action's `Run framefit` script as GitHub would, with the inputs' defaults."""
    step = next(s for s in STEPS if s["name"] == "Run framefit")
    venv = tmp_path / "runner" / "framefit"
    venv.mkdir(parents=True)
    (venv / "bin").symlink_to(Path(sys.executable).parent)
    values = {name: spec["default"] for name, spec in ACTION["inputs"].items()} | inputs
    env = {key: re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: values[m.group(1)], value)
           for key, value in step["env"].items()}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                          env={**os.environ, **env, "RUNNER_TEMP": str(tmp_path / "runner")},
                          cwd=tmp_path, capture_output=True, text=True, check=False)


def test_run_step_annotates_by_default(tmp_path: Path) -> None:
    done = _run_step(tmp_path, path=str(FIXTURES / "flask_sqlalchemy_login"))
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("::error file=app/__init__.py,line=")


@pytest.mark.parametrize("fixture", ["flask_sqlalchemy_login", "flask_minimal"])
def test_run_step_writes_sarif_and_passes_args(tmp_path: Path, fixture: str) -> None:
    done = _run_step(tmp_path, path=str(FIXTURES / fixture), format="sarif",
                     output="framefit.sarif", args="--exit-zero --ignore FF302")
    assert done.returncode == 0, done.stderr
    assert '"version": "2.1.0"' in (tmp_path / "framefit.sarif").read_text(encoding="utf-8")
    assert done.stdout.startswith("framefit ")
