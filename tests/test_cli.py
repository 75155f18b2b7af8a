"""The command line through click's CliRunner: output, exit codes, usage errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from framefit import __version__
from framefit.rules import RULES
from tests.conftest import FIXTURES, run_cli


def test_version() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"framefit, version {__version__}"


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "framefit", "--version"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert __version__ in done.stdout


@pytest.mark.parametrize(
    ("fixture", "code"),
    [
        pytest.param("flask_minimal", 0, id="fits__exit_0"),
        pytest.param("flask_sqlalchemy_login", 1, id="mismatch__exit_1"),
        pytest.param("django_startproject_only", 1, id="django_needs_neither__exit_1"),
        pytest.param("no_framework", 0, id="nothing_to_judge__exit_0"),
        pytest.param("fastapi_service", 0, id="other_framework_note__exit_0"),
    ],
)
def test_exit_codes(fixture: str, code: int) -> None:
    assert run_cli("check", str(FIXTURES / fixture)).exit_code == code


def test_fail_on_note_makes_a_note_fail() -> None:
    assert run_cli("check", "--fail-on", "note", str(FIXTURES / "fastapi_service")).exit_code == 1


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "framefit", "check", str(tmp_path / "nope")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr.strip() == f"framefit: error: {tmp_path / 'nope'}: no such directory"
    assert "Traceback" not in done.stderr


def test_file_path_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "app.py"
    target.write_text("import flask\n")
    done = subprocess.run([sys.executable, "-m", "framefit", "check", str(target)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert "not a directory" in done.stderr


def test_unknown_option_is_exit_2() -> None:
    done = subprocess.run([sys.executable, "-m", "framefit", "check", "--nope"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2


def test_json_is_one_object_and_byte_stable() -> None:
    path = str(FIXTURES / "monorepo_flask_django")
    first = run_cli("check", "--format", "json", path)
    second = run_cli("check", "--format", "json", path)
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert data["version"] == 1
    assert data["tool"] == {"name": "framefit", "version": __version__}
    assert data["root"] == str((FIXTURES / "monorepo_flask_django").resolve())
    assert [s["path"] for s in data["services"]] == ["services/api", "services/web"]


def test_path_defaults_to_current_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES / "flask_minimal")
    data = json.loads(run_cli("check", "--format", "json").stdout)
    assert data["root"] == str((FIXTURES / "flask_minimal").resolve())
    assert [s["framework"] for s in data["services"]] == ["flask"]


def test_text_report_reads_as_documented() -> None:
    result = run_cli("check", str(FIXTURES / "flask_sqlalchemy_login"))
    lines = result.output.splitlines()
    assert "Service . — flask (app/__init__.py:12)" in lines
    assert any(line.startswith("  relational database  yes     high   app/__init__.py:5")
               for line in lines)
    assert any(line.startswith("  user login           yes     high   app/__init__.py:4")
               for line in lines)
    assert "  recommendation       django — does not fit (uses flask)" in lines
    assert any(line.startswith("  FF101 error app/__init__.py:12:") for line in lines)
    assert lines[-1] == ("1 service: 0 fit, 1 do not fit · 2 findings (2 errors) · 0 diagnostics")


def test_text_has_no_colour_codes_when_not_a_tty() -> None:
    result = run_cli("check", str(FIXTURES / "flask_sqlalchemy_login"))
    assert "\x1b[" not in result.output


def test_no_color_environment_is_respected() -> None:
    result = run_cli("check", str(FIXTURES / "flask_minimal"), env={"NO_COLOR": "1"})
    assert "\x1b[" not in result.output


def test_rules_lists_every_rule() -> None:
    result = run_cli("rules")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(RULES)
    for rule, line in zip(RULES, lines, strict=True):
        assert line.startswith(f"{rule.id}  {rule.severity.value}")
        assert line.endswith(rule.title)
