"""The command line through click's CliRunner: output, exit codes, usage errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from framefit import __version__
from framefit.rules import RULES
from tests.conftest import FIXTURES, ROOT, run_cli


def test_version() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.output == f"framefit {__version__}\n"  # as ruff and deptry print it


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
    assert any(line.startswith("  relational database  yes     high   app/__init__.py:7")
               for line in lines)
    assert any(line.startswith("  user login           yes     high   app/__init__.py:8")
               for line in lines)
    assert "  recommendation       django — does not fit (uses flask)" in lines
    assert any(line.startswith("  FF101 error app/__init__.py:12:") for line in lines)
    assert lines[-1] == ("1 service: 0 fit, 1 do not fit · 2 findings (2 errors) · 0 diagnostics")


def test_text_has_no_colour_codes_when_not_a_tty() -> None:
    result = run_cli("check", str(FIXTURES / "flask_sqlalchemy_login"))
    assert "\x1b[" not in result.output


@pytest.mark.parametrize(
    ("args", "env", "colored"),
    [
        pytest.param((), {}, False, id="auto__not_a_terminal"),
        pytest.param((), {"FORCE_COLOR": "1"}, True, id="auto__force_color"),
        pytest.param((), {"FORCE_COLOR": ""}, False, id="auto__empty_force_color"),
        pytest.param((), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, id="auto__no_color"),
        pytest.param((), {"FORCE_COLOR": "1", "NO_COLOR": ""}, True, id="auto__empty_no_color_is_unset"),
        pytest.param((), {"FORCE_COLOR": "1", "TERM": "dumb"}, False, id="auto__dumb_terminal"),
        pytest.param(("--color", "always"), {"NO_COLOR": "1"}, True, id="always"),
        pytest.param(("--color", "never"), {"FORCE_COLOR": "1"}, False, id="never"),
    ],
)
def test_colour_is_what_rich_detects_unless_the_flag_says(args: tuple[str, ...], env: dict[str, str],
                                                         colored: bool) -> None:
    unset = {name: None for name in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE") if name not in env}
    result = run_cli("check", *args, str(FIXTURES / "flask_minimal"),
                     env={"TERM": "xterm", **unset, **env})  # type: ignore[dict-item]
    assert ("\x1b[" in result.output) is colored


def test_colour_never_reaches_a_json_report() -> None:
    result = run_cli("check", "--format", "json", "--color", "always", str(FIXTURES / "flask_minimal"))
    assert "\x1b[" not in result.output


def test_output_dash_writes_the_report_to_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--format", "json", "-o", "-", str(FIXTURES / "flask_minimal"))
    assert json.loads(result.stdout)["version"] == 1
    assert list(tmp_path.iterdir()) == []


def test_output_into_missing_folders_makes_them(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "ci" / "framefit.sarif"
    result = run_cli("check", "--format", "sarif", "-o", str(target), "--quiet",
                     str(FIXTURES / "flask_minimal"))
    assert (result.exit_code, result.stdout) == (0, "")
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_show_settings_says_what_set_each_value(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.framefit]\nignore = ["FF101", "FF102"]\nexclude = ["docs/"]\n'
                                         '\n[tool.framefit.answers]\nuser_login = "no"\n')
    result = run_cli("check", "--show-settings", "--ignore", "FF104", "--select", "FF1", "--extend-exclude",
                     "legacy", str(root), env={"FRAMEFIT_FAIL_ON": "warning"})
    assert result.exit_code == 0
    assert result.output == f"""\
framefit {__version__} settings for {root}
configuration file: {root / "pyproject.toml"}

select              ["FF"]                             default
                    then ["FF1"] (chooses again)       command line: --select
extend-select       []                                 default
ignore              ["FF101", "FF102"]                 {root / "pyproject.toml"}: tool.framefit.ignore
                    then ["FF104"]                     command line: --ignore
fail-on             "warning"                          environment: FRAMEFIT_FAIL_ON
exclude             ["docs/"]                          {root / "pyproject.toml"}: tool.framefit.exclude
extend-exclude      ["legacy"]                         command line: --extend-exclude
format              "text"                             default
answers             user_login = "no" (every service)  pyproject.toml:6
decisions           none                               default

rules that count    FF101 FF102 FF103 FF105 FF106
rules ignored       FF104                              they run; their findings are listed as suppressed
rules not selected  FF201 FF301 FF302 FF303
"""


def test_rules_lists_every_rule() -> None:
    result = run_cli("rules")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(RULES)
    for rule, line in zip(RULES, lines, strict=True):
        assert line.startswith(f"{rule.id}  {rule.severity.value}")
        assert line.endswith(rule.title)


@pytest.mark.parametrize(("shell", "marker"), [
    ("bash", "complete -o nosort -F _framefit_completion framefit"), ("zsh", "#compdef framefit"),
    ("fish", "complete --no-files"),
])
def test_shell_completion_as_the_readme_says(shell: str, marker: str) -> None:
    framefit = Path(sys.executable).parent / "framefit"
    done = subprocess.run([str(framefit)], env={**os.environ, "_FRAMEFIT_COMPLETE": f"{shell}_source"},
                          capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert marker in done.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"_FRAMEFIT_COMPLETE={shell}_source framefit" in readme


@pytest.mark.parametrize(("columns", "width"), [("100", 100), ("", 80), ("0", 80), ("wide", 80), ("-5", 80)])
def test_the_text_width_is_columns_else_80_off_a_terminal(monkeypatch: pytest.MonkeyPatch, columns: str,
                                                          width: int) -> None:
    from framefit.output import terminal_width

    monkeypatch.setenv("COLUMNS", columns)
    assert terminal_width() == width
