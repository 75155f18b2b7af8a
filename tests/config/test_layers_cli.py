"""Layering through the command line, as ruff's users expect: `--ignore` adds to the configured
ignore, `--select` chooses again, the environment is a layer of its own; empty and unknown
selectors are errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.config.test_config import RULE_IDS, framefit_table, repo
from tests.conftest import FIXTURES, run_cli

FLASK_DB_LOGIN = FIXTURES / "flask_sqlalchemy_login"


def app(tmp_path: Path, body: str) -> Path:
    root = repo(tmp_path, framefit_table(body))
    for path in FLASK_DB_LOGIN.rglob("*"):
        if path.is_file():
            target = root / path.relative_to(FLASK_DB_LOGIN)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    return root


def outcome(root: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, list[str], list[str]]:
    result = run_cli("check", "--format", "json", *args, str(root), env=env)
    data = json.loads(result.stdout)
    return (result.exit_code, [f["rule"] for f in data["findings"]],
            [f"{f['rule']} {f['justification']}" for f in data["suppressed"]])


FILE_IGNORE = 'ignore = ["FF101", "FF102"]'


@pytest.mark.parametrize(
    ("body", "args", "env", "expected"),
    [
        pytest.param(FILE_IGNORE, (), None, (0, [], [
            'FF101 ignored by the configuration: ignore = ["FF101"]',
            'FF102 ignored by the configuration: ignore = ["FF102"]']), id="the_file_ignores"),
        pytest.param(FILE_IGNORE, ("--ignore", "FF104"), None, (0, [], [
            'FF101 ignored by the configuration: ignore = ["FF101"]',
            'FF102 ignored by the configuration: ignore = ["FF102"]']), id="ignore_adds"),
        pytest.param(FILE_IGNORE, ("--ignore", "FF102"), None, (0, [], [
            'FF101 ignored by the configuration: ignore = ["FF101"]',
            "FF102 ignored by the command line: --ignore FF102"]), id="the_last_ignore_is_named"),
        pytest.param(FILE_IGNORE, ("--select", "FF1"), None, (1, ["FF101", "FF102"], []),
                     id="select_chooses_again"),
        pytest.param(FILE_IGNORE, ("--extend-select", "FF101"), None, (1, ["FF101"], [
            'FF102 ignored by the configuration: ignore = ["FF102"]']), id="extend_select_brings_one_back"),
        pytest.param(FILE_IGNORE, (), {"FRAMEFIT_SELECT": "ALL"}, (1, ["FF101", "FF102"], []),
                     id="the_environment_selects_again"),
        pytest.param("", (), {"FRAMEFIT_IGNORE": "FF101"}, (1, ["FF102"], [
            "FF101 ignored by the environment: FRAMEFIT_IGNORE=FF101"]), id="the_environment_ignores"),
        pytest.param("", ("--ignore", "FF102"), {"FRAMEFIT_IGNORE": "FF101"}, (0, [], [
            "FF101 ignored by the environment: FRAMEFIT_IGNORE=FF101",
            "FF102 ignored by the command line: --ignore FF102"]), id="environment_and_command_line_add"),
        pytest.param('select = ["FF2"]', ("--select", "ALL", "--ignore", "FF102"), None, (1, ["FF101"], [
            "FF102 ignored by the command line: --ignore FF102"]), id="all"),
    ],
)
def test_layers(tmp_path: Path, body: str, args: tuple[str, ...], env: dict[str, str] | None,
                expected: tuple[int, list[str], list[str]]) -> None:
    assert outcome(app(tmp_path, body), *args, env=env) == expected


SELECTORS = f"ALL, a rule id ({RULE_IDS}) or a prefix of one (FF, FF1, FF2, FF3)"


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        pytest.param(("--select", ""), None, f'command line: --select: unknown rule id or prefix ""; '
                     f"allowed: {SELECTORS}", id="empty_select"),
        pytest.param(("--select", "F"), None, f'command line: --select: unknown rule id or prefix "F"; '
                     f"allowed: {SELECTORS}", id="one_letter"),
        pytest.param(("--ignore", "FF1,"), None, f'command line: --ignore: unknown rule id or prefix ""; '
                     f"allowed: {SELECTORS}", id="an_empty_item"),
        pytest.param((), {"FRAMEFIT_EXTEND_SELECT": "FF1,,FF2"}, "environment: FRAMEFIT_EXTEND_SELECT: "
                     f'unknown rule id or prefix ""; allowed: {SELECTORS}', id="environment"),
        pytest.param(("--exclude", ""), None, 'command line: --exclude: "": not a pattern; allowed: a '
                     '.gitignore-style pattern, e.g. "docs/", "legacy" or "/scripts/*.py"',
                     id="empty_pattern"),
    ],
)
def test_bad_selectors_are_usage_errors(tmp_path: Path, args: tuple[str, ...], env: dict[str, str] | None,
                                        message: str) -> None:
    done = subprocess.run([sys.executable, "-m", "framefit", "check", *args, str(app(tmp_path, ""))],
                          capture_output=True, text=True, check=False, env={**os.environ, **(env or {})})
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"framefit: error: {message}\n")
