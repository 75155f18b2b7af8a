"""The conda scanner: environment.yml dependencies and their pip: sub-list."""

from __future__ import annotations

from pathlib import PurePosixPath

from framefit.model import Dependency, Evidence
from framefit.scanners.base import ScanResult
from framefit.scanners.manifests import conda
from tests.harness import diagnosed, listed, scan


def run(text: str | bytes, files: dict[str, str | bytes] | None = None) -> ScanResult:
    return scan(conda.SCANNER, "environment.yml", text, files)


def test_matches() -> None:
    assert conda.matches(PurePosixPath("environment.yml"))
    assert conda.matches(PurePosixPath("ci/environment.yaml"))
    assert not conda.matches(PurePosixPath("environment.json"))


def test_conda_specs_and_pip_entries() -> None:
    result = run(
        "name: app\n"
        "channels: [conda-forge]\n"
        "dependencies:\n"
        "  - python=3.12\n"
        "  - conda-forge::Flask>=3\n"
        "  - psycopg2 2.9.*\n"
        "  - pip\n"
        "  - pip:\n"
        "    - Flask-Login>=0.6\n"
        "    - -r requirements.txt\n"
        "    - --index-url https://pypi.org/simple\n",
        files={"requirements.txt": "redis\n"},
    )
    assert result.dependencies[1] == Dependency("environment.yml", 5, "flask", "Flask", "runtime", "",
                                                "- conda-forge::Flask>=3")
    assert listed(result) == [
        "environment.yml:4 python runtime",
        "environment.yml:5 flask runtime",
        "environment.yml:6 psycopg2 runtime",
        "environment.yml:7 pip runtime",
        "environment.yml:9 flask-login runtime",
        "requirements.txt:1 redis runtime",
    ]
    assert result.evidence == (Evidence("environment.yml", 3, "manifest", "6 packages"),)


def test_yaml_errors_and_odd_entries_are_diagnostics() -> None:
    assert diagnosed(run("dependencies:\n  - flask\n - bad: [\n")) == ["environment.yml:3 parse-error"]
    result = run("dependencies:\n  - flask\n  - {conda: x}\n  - '@@'\n")
    assert listed(result) == ["environment.yml:2 flask runtime"]
    assert diagnosed(result) == ["environment.yml:3 parse-error", "environment.yml:4 parse-error"]


def test_no_dependencies_key_is_no_manifest() -> None:
    assert run("name: app\nchannels: [defaults]\n") == ScanResult()
