"""The README's CI snippets are real: the YAML parses and names what exists; the Python API runs."""

from __future__ import annotations

import contextlib
import io
import re
from typing import Any

import yaml

from tests.conftest import FIXTURES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## CI integrations", 1)[1].split("\n## ", 1)[0]


def _blocks(language: str, text: str = SECTION) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)


def _yaml_blocks() -> list[Any]:
    return [yaml.safe_load(block) for block in _blocks("yaml")]


def test_pre_commit_snippet_uses_a_declared_hook() -> None:
    hooks = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    config = next(b for b in _yaml_blocks() if isinstance(b, dict) and "repos" in b)
    assert [h["id"] for h in config["repos"][0]["hooks"]] == ["framefit"]
    assert {h["id"] for h in config["repos"][0]["hooks"]} <= hooks


def test_workflow_snippet_uploads_the_sarif_the_action_writes() -> None:
    workflow = next(b for b in _yaml_blocks() if isinstance(b, dict) and "jobs" in b)
    steps = workflow["jobs"]["framefit"]["steps"]
    action = next(s for s in steps if s.get("uses", "").startswith("framefit/framefit@"))
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert action["with"]["format"] == "sarif"
    assert upload["with"]["sarif_file"] == action["with"]["output"]
    declared = yaml.safe_load((ROOT / "action.yml").read_text())["inputs"]
    assert set(action["with"]) <= set(declared)
    assert workflow["permissions"]["security-events"] == "write"


def test_gitlab_snippet_reports_code_quality() -> None:
    job = next(b for b in _yaml_blocks() if isinstance(b, dict) and "framefit" in b)["framefit"]
    assert "--format gitlab --output gl-code-quality-report.json" in job["script"][-1]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"


def test_python_api_example_runs() -> None:
    block = SECTION.split("### Python API", 1)[1]
    code = _blocks("python", block)[0].replace("path/to/repo", str(FIXTURES / "flask_sqlalchemy_login"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})  # our own README's example, not scanned code
    lines = out.getvalue().splitlines()
    assert lines[0] == ". flask django False"
    assert lines[1].startswith("FF101 error app/__init__.py:")
    assert '"version": "2.1.0"' in out.getvalue()
