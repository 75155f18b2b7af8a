"""What the package and CI ship: the sdist's contents (the code and its data, no tests), its
metadata, and the CI script that runs the README's set-up line and the linters."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LEFT_BEHIND = (".venv", ".git", "*.egg-info", "__pycache__", ".hypothesis", ".pytest_cache",
               ".ruff_cache", ".mypy_cache", "build", "dist")


def _sdist(tmp_path: Path) -> list[str]:
    """The member names of an sdist built from a copy of the checkout, relative to its top."""
    source = tmp_path / "framefit"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*LEFT_BEHIND))
    program = "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))"
    done = subprocess.run([sys.executable, "-c", program, str(tmp_path / "dist")], cwd=source,
                          capture_output=True, text=True, check=True)
    name = done.stdout.strip().splitlines()[-1]
    with tarfile.open(tmp_path / "dist" / name) as archive:
        return sorted(member.name.split("/", 1)[1] for member in archive.getmembers()
                      if member.isfile())


def test_the_sdist_ships_the_package_whole_and_no_tests(tmp_path: Path) -> None:
    members = _sdist(tmp_path)
    assert [m for m in members if m.startswith(("tests/", "fixtures/", "benchmarks/", "action/"))] == []
    package = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "src" / "framefit").rglob("*")
                     if p.is_file() and "__pycache__" not in p.parts)
    assert sorted(set(package) - set(members)) == []
    assert {"src/framefit/py.typed", "src/framefit/catalog/compiled.json", "pyproject.toml", "README.md",
            "LICENSE", "docs/json-report.md"} <= set(members)


def test_metadata() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"
    assert PYPROJECT["build-system"]["requires"] == ["setuptools>=77"]  # PEP 639's license expression
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]  # PEP 639 forbids both
    assert "Typing :: Typed" in project["classifiers"]
    assert (ROOT / "src" / "framefit" / "py.typed").is_file()
    assert set(project["urls"]) == {"Homepage", "Source", "Issues"}
    assert [d for d in project["dependencies"] if "python_version" in d] == []  # requires-python >=3.11


def test_ci_runs_the_readmes_second_line_and_the_linters() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert readme[:3] == ["# framefit", "", "```sh"]
    setup = readme[4]
    assert setup.startswith("python3 -m venv .venv && .venv/bin/pip install -e '.[test]'")
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert setup.replace("pip install -e", "pip install -q -e") in script
    assert [line for line in script if line.startswith(".venv/bin/") and "pytest" not in line] == [
        ".venv/bin/ruff check src tests benchmarks", ".venv/bin/mypy src"]
    extras = " ".join(PYPROJECT["project"]["optional-dependencies"]["test"])
    assert "ruff" in extras
    assert "mypy" in extras
