"""Shared test helpers: where the fixtures are, and running the CLI."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from framefit.cli import cli
from framefit.engine import scan as runner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
EXPECTED = Path(__file__).resolve().parent / "expected"


def run_cli(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def report_json(path: Path | str, *args: str) -> dict[str, Any]:
    result = run_cli("check", "--format", "json", *args, str(path))
    assert result.exit_code in (0, 1), result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def aged_copy(source: Path, destination: Path, age: float = 3600.0) -> Path:
    """A copy of `source` whose files and directories were all last changed `age` seconds ago:
    the report cache does not store a report that depends on a file changed just now."""
    shutil.copytree(source, destination, symlinks=True)
    age_tree(destination, age)
    return destination


def age_tree(root: Path, age: float = 3600.0) -> None:
    """Set every mtime under `root` (and its own) `age` seconds into the past."""
    then = time.time() - age
    for path in sorted(root.rglob("*"), key=lambda p: -len(p.parts)):
        os.utime(path, (then, then), follow_symlinks=False)
    os.utime(root, (then, then))


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The CLI caches scan results: keep the suite's cache out of the user's home."""
    os.environ["FRAMEFIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("framefit-cache"))


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


def count_scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the runner scans from now on, in order (a list that fills as it goes)."""
    scanned: list[str] = []
    real = runner.scan_file

    def counting(walked, ctx, debug=False):  # type: ignore[no-untyped-def]
        scanned.append(walked.path)
        return real(walked, ctx, debug)

    monkeypatch.setattr(runner, "scan_file", counting)
    return scanned
