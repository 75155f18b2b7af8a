"""The CLI's CI options: every format, --output, --exit-zero, --quiet, --verbose, the job summary.

The CLI adds nothing to the API: each format it prints is `render(format, framefit.check(path))`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from framefit import check
from framefit.cli import FORMATS
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
    target = tmp_path / "missing-dir" / "report.json"
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
