"""The Pipfile scanner: Pipfile categories and Pipfile.lock sections."""

from __future__ import annotations

from pathlib import PurePosixPath

from framefit.model import Dependency, Evidence
from framefit.scanners.base import ScanResult
from framefit.scanners.manifests import pipfile
from tests.harness import diagnosed, listed, scan


def run(text: str | bytes, path: str = "Pipfile") -> ScanResult:
    return scan(pipfile.SCANNER, path, text)


def test_matches() -> None:
    assert pipfile.matches(PurePosixPath("Pipfile"))
    assert pipfile.matches(PurePosixPath("svc/Pipfile.lock"))
    assert not pipfile.matches(PurePosixPath("Pipfile.txt"))


def test_pipfile_categories() -> None:
    result = run(
        '[[source]]\nurl = "https://pypi.org/simple"\nname = "pypi"\n\n'
        '[packages]\n'
        'Flask = "*"\n'
        '"psycopg2-binary" = {version = "*", markers = "sys_platform == \'linux\'"}\n'
        '[dev-packages]\n'
        'pytest = "*"\n'
        '[worker]\n'
        'celery = "*"\n'
        '[requires]\npython_version = "3.12"\n'
    )
    assert result.dependencies[0] == Dependency("Pipfile", 6, "flask", "Flask", "runtime", "",
                                                'Flask = "*"')
    assert listed(result) == [
        "Pipfile:6 flask runtime",
        "Pipfile:7 psycopg2-binary runtime [sys_platform == 'linux']",
        "Pipfile:9 pytest dev",
        "Pipfile:11 celery group:worker",
    ]
    assert result.evidence == (Evidence("Pipfile", 5, "manifest", "4 packages"),)


def test_pipfile_without_packages_is_no_manifest() -> None:
    assert run('[requires]\npython_version = "3.12"\n') == ScanResult()


def test_bad_pipfile_toml_is_a_diagnostic() -> None:
    assert diagnosed(run("[packages\nflask = '*'\n")) == ["Pipfile:1 parse-error"]


def test_pipfile_lock_sections() -> None:
    result = run(
        '{\n'
        '  "_meta": {"requires": {}},\n'
        '  "default": {\n'
        '    "flask": {"version": "==3.0.3"},\n'
        '    "werkzeug": {"version": "==3.0.4", "markers": "python_version >= \'3.8\'"}\n'
        '  },\n'
        '  "develop": {\n'
        '    "pytest": {"version": "==8.3.3"}\n'
        '  }\n'
        '}\n', path="Pipfile.lock")
    assert listed(result) == [
        "Pipfile.lock:4 flask lock",
        "Pipfile.lock:5 werkzeug lock [python_version >= '3.8']",
        "Pipfile.lock:8 pytest dev",
    ]
    assert result.dependencies[0].detail == "flask==3.0.3"
    assert result.evidence == (Evidence("Pipfile.lock", None, "manifest", "3 locked packages"),)


def test_bad_lock_json_is_a_diagnostic_with_its_line() -> None:
    assert diagnosed(run('{\n  "default": {,\n}\n', path="Pipfile.lock")) == ["Pipfile.lock:2 parse-error"]
