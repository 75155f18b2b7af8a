"""The lock-file scanner: poetry.lock, uv.lock and pdm.lock packages, weighed as locked."""

from __future__ import annotations

from pathlib import PurePosixPath

from framefit.model import Dependency, Diagnostic, Evidence
from framefit.scanners.base import ScanResult
from framefit.scanners.manifests import lockfiles
from tests.harness import diagnosed, listed, scan


def run(text: str | bytes, path: str) -> ScanResult:
    return scan(lockfiles.SCANNER, path, text)


def test_matches() -> None:
    for name in ("poetry.lock", "uv.lock", "pdm.lock"):
        assert lockfiles.matches(PurePosixPath(f"svc/{name}"))
    assert not lockfiles.matches(PurePosixPath("yarn.lock"))


def test_poetry_lock_categories() -> None:
    result = run(
        '[[package]]\nname = "Flask"\nversion = "3.0.3"\ncategory = "main"\n\n'
        '[[package]]\nname = "pytest"\nversion = "8.3.3"\ncategory = "dev"\n\n'
        '[[package]]\nname = "psycopg2"\nversion = "2.9.9"\noptional = true\n\n'
        '[metadata]\nlock-version = "2.0"\n', "poetry.lock")
    assert result.dependencies[0] == Dependency("poetry.lock", 1, "flask", "Flask", "lock", "",
                                                "Flask 3.0.3")
    assert listed(result) == ["poetry.lock:1 flask lock", "poetry.lock:6 pytest dev",
                              "poetry.lock:11 psycopg2 lock"]
    assert result.evidence == (Evidence("poetry.lock", None, "manifest", "3 locked packages"),)


def test_uv_lock_skips_the_project_and_workspace_members() -> None:
    result = run(
        'version = 1\n\n'
        '[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { virtual = "." }\n\n'
        '[[package]]\nname = "lib"\nversion = "0.1.0"\nsource = { editable = "packages/lib" }\n\n'
        '[[package]]\nname = "django"\nversion = "5.1"\nsource = { registry = "https://pypi.org/simple" }\n',
        "uv.lock")
    assert listed(result) == ["uv.lock:13 django lock"]


def test_pdm_lock_groups() -> None:
    result = run(
        '[[package]]\nname = "flask"\nversion = "3"\ngroups = ["default", "test"]\n'
        '[[package]]\nname = "psycopg2-binary"\nversion = "2.9"\ngroups = ["test"]\n'
        'marker = "python_version >= \\"3.8\\""\n', "pdm.lock")
    assert listed(result) == ["pdm.lock:1 flask lock",
                              'pdm.lock:5 psycopg2-binary dev [python_version >= "3.8"]']


def test_bad_entries_and_bad_toml_are_diagnostics() -> None:
    result = run('[[package]]\nversion = "1"\n[[package]]\nname = "redis"\n', "uv.lock")
    assert listed(result) == ["uv.lock:3 redis lock"]
    assert result.diagnostics == (Diagnostic("uv.lock", 1, "parse-error", "a [[package]] without a name"),)
    assert diagnosed(run("[[package]\n", "uv.lock")) == ["uv.lock:1 parse-error"]
    assert diagnosed(run("package = 3\n", "pdm.lock")) == ["pdm.lock:None parse-error"]
