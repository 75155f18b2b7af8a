"""The CLI's CI options: every format, --output, --exit-zero, --quiet, --verbose, the job summary.

The CLI adds nothing to the API: each format it prints is `render(format, framefit.check(path))`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from framefit import check
from framefit.cli import FORMATS, cli
from framefit.reporters import markdown, render
from tests.conftest import FIXTURES, aged_copy, run_cli

MISMATCH = FIXTURES / "flask_sqlalchemy_login"


@pytest.mark.parametrize("output_format", FORMATS)
def test_each_format_is_what_the_api_renders(output_format: str) -> None:
    result = run_cli("check", "--format", output_format, str(MISMATCH))
    assert result.exit_code == 1
    assert result.stdout == render(output_format, check(MISMATCH))


def test_output_writes_the_report_and_prints_the_text_report(tmp_path: Path) -> None:
    target = tmp_path / "framefit.sarif"
    result = run_cli("check", "--format", "sarif", "--output", str(target), str(MISMATCH))
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == render("sarif", check(MISMATCH))
    assert result.stdout == render("text", check(MISMATCH))


def test_quiet_output_prints_nothing(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = run_cli("check", "--quiet", "--format", "json", "-o", str(target), str(MISMATCH))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["findings"][0]["rule"] == "FF101"


def test_unwritable_output_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    target = tmp_path / "a-file" / "report.json"  # its folder cannot be made
    done = subprocess.run([sys.executable, "-m", "framefit", "check", "-o", str(target), str(MISMATCH)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr.startswith(f"framefit: error: {target}: cannot write the report: ")
    assert "Traceback" not in done.stderr


def test_exit_zero_always_exits_0() -> None:
    assert run_cli("check", str(MISMATCH)).exit_code == 1
    assert run_cli("check", "--exit-zero", str(MISMATCH)).exit_code == 0


def test_github_format_appends_the_record_to_the_step_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run_cli("check", "--format", "github", str(MISMATCH),
                     env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.stdout.startswith("::error file=app/__init__.py,line=")
    assert summary.read_text(encoding="utf-8") == "earlier step\n" + markdown.render(check(MISMATCH))


def test_other_formats_leave_the_step_summary_alone(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    run_cli("check", "--format", "sarif", str(MISMATCH), env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert not summary.exists()


def test_stdout_holds_only_the_report_and_stderr_stays_quiet() -> None:
    done = subprocess.run([sys.executable, "-m", "framefit", "check", "--format", "sarif", str(MISMATCH)],
                          capture_output=True, text=True, check=False)
    assert json.loads(done.stdout)["version"] == "2.1.0"
    assert done.stderr == ""


def test_verbose_says_what_was_checked_on_stderr(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "framefit", "check", "--verbose", "--format", "json",
               "--cache-dir", str(tmp_path), str(aged_copy(MISMATCH, tmp_path / "repo"))]
    for said in (r"checked 4 files in \d+\.\d\d s",
                 r"nothing the last report depends on has changed: reused it \(\d+\.\d\d s\)"):
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        assert json.loads(done.stdout)["version"] == 1
        logged = [line for line in done.stderr.splitlines() if line.startswith("framefit: ")]
        assert len(logged) == 1
        assert re.fullmatch("framefit: " + said, logged[0])


# Output encodings: every report is UTF-8 on stdout and in files, whatever the locale says, and a
# name that is not UTF-8 (shown escaped) never ends a run with UnicodeEncodeError. `--no-cache`:
# storing the stamp of an undecodable name is the cache's own part of issue 15.

def _undecodable_tree(root: Path) -> Path:
    root.mkdir()
    (root / "requirements.txt").write_text("flask\nflask-sqlalchemy\n")
    (root / os.fsdecode(b"bad\xff.py")).write_text(
        "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\napp = Flask(__name__)\n"
        "db = SQLAlchemy(app)\n")
    return root


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "utf-8:strict"])
@pytest.mark.parametrize(("output_format", "shown"), [
    ("text", "bad\\xff.py:3"), ("json", '"bad\\\\xff.py"'), ("sarif", '"uri": "bad%FF.py"'),
    ("github", "file=bad\\xff.py,line=3")])
def test_stdout_is_utf8_whatever_the_locale(tmp_path: Path, encoding: str, output_format: str,
                                            shown: str) -> None:
    root = _undecodable_tree(tmp_path / "repo")
    summary = tmp_path / "summary.md"
    done = subprocess.run([sys.executable, "-m", "framefit", "check", "--no-cache", "--format",
                           output_format, str(root)], capture_output=True, check=False,
                          env={**os.environ, "PYTHONIOENCODING": encoding,
                               "GITHUB_STEP_SUMMARY": str(summary)})
    assert (done.returncode, done.stderr) == (1, b"")
    assert done.stdout.decode("utf-8") == render(output_format, check(root))
    assert shown in done.stdout.decode("utf-8")
    if output_format == "github":
        assert summary.read_text(encoding="utf-8") == markdown.render(check(root))


@pytest.mark.parametrize("output_format", FORMATS)
def test_output_file_and_terminal_text_survive_an_undecodable_name(tmp_path: Path,
                                                                   output_format: str) -> None:
    root = _undecodable_tree(tmp_path / "repo")
    target = tmp_path / "report"
    result = CliRunner(charset="latin-1").invoke(  # click rewraps ascii streams, not this
        cli, ["check", "--no-cache", "--format", output_format, "-o", str(target), str(root)],
        catch_exceptions=False)
    assert result.exit_code == 1
    assert target.read_bytes().decode("utf-8") == render(output_format, check(root))
    assert result.stdout_bytes.decode("utf-8") == render("text", check(root))


def test_the_error_line_on_stderr_shows_the_repos_escape_sequences_escaped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.framefit]\n"\\u001b]0;pwned\\u0007\\u001bc" = 1\n')
    done = subprocess.run([sys.executable, "-m", "framefit", "check", str(tmp_path)],
                          capture_output=True, check=False)
    assert done.returncode == 2
    assert done.stderr.decode("utf-8") == (
        f"framefit: error: {tmp_path / 'pyproject.toml'}: tool.framefit.\\x1b]0;pwned\\x07\\x1bc: "
        "unknown key; allowed: select, extend-select, ignore, fail-on, exclude, extend-exclude, format, "
        "answers, services, decisions\n")


def test_verbose_logs_are_plain_lines() -> None:
    program = ("import logging; from framefit.cli import _log_to_stderr; _log_to_stderr(logging.INFO); "
               "logging.getLogger('framefit.walk').info('skipped %s', 'a\\x1b]0;t\\x07\\n::error::x')")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, check=False)
    assert done.stderr == b"framefit.walk: skipped a\\x1b]0;t\\x07\\n::error::x\n"
