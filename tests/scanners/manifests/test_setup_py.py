"""The setup.py scanner: setup() keywords read statically, files followed, nothing ever run."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

from framefit import check
from framefit.model import Dependency, Diagnostic, Evidence
from framefit.scanners.base import ScanResult
from framefit.scanners.manifests import setup_py
from tests.conftest import FIXTURES
from tests.harness import diagnosed, listed, scan


def run(text: str | bytes, path: str = "setup.py",
        files: dict[str, str | bytes] | None = None) -> ScanResult:
    return scan(setup_py.SCANNER, path, text, files)


def test_matches() -> None:
    assert setup_py.matches(PurePosixPath("pkg/setup.py"))
    assert not setup_py.matches(PurePosixPath("setup_py.py"))


def test_literal_keywords_and_their_groups() -> None:
    result = run(
        "from setuptools import setup\n"
        "setup(\n"
        "    name='x',\n"
        "    install_requires=['Flask>=3', \"redis; python_version >= '3.8'\"],\n"
        "    extras_require={'postgres': ['psycopg2'], 'test': ('pytest',),\n"
        "                    ':sys_platform == \"win32\"': ['pywin32'],\n"
        "                    'docs:python_version >= \"3.9\"': ['sphinx']},\n"
        "    tests_require=['coverage'],\n"
        "    setup_requires=['setuptools_scm'],\n"
        ")\n"
    )
    assert result.dependencies[0] == Dependency(
        "setup.py", 4, "flask", "Flask", "runtime", "",
        "install_requires=['Flask>=3', \"redis; python_version >= '3.8'\"],")
    assert listed(result) == [
        "setup.py:4 flask runtime",
        'setup.py:4 redis runtime [python_version >= "3.8"]',
        "setup.py:5 psycopg2 optional:postgres",
        "setup.py:5 pytest test",
        'setup.py:6 pywin32 runtime [sys_platform == "win32"]',
        'setup.py:7 sphinx docs [python_version >= "3.9"]',
        "setup.py:8 coverage test",
        "setup.py:9 setuptools-scm build",
    ]
    assert result.evidence == (Evidence("setup.py", 2, "manifest", "8 requirements"),)
    assert result.diagnostics == ()


def test_names_concatenations_and_a_read_requirements_file() -> None:
    result = run(
        "import os\n"
        "import setuptools as st\n"
        "HERE = os.path.dirname(__file__)\n"
        "BASE = ['flask']\n"
        "DB = ('sqlalchemy',)\n"
        "with open(os.path.join(HERE, 'requirements', 'extra.txt')) as fh:\n"
        "    EXTRA = fh.read().splitlines()\n"
        "TEST = [line.strip() for line in open('requirements-test.txt') if not line.startswith('#')]\n"
        "EXTRAS = {'db': list(DB)}\n"
        "st.setup(install_requires=BASE + [*DB] + EXTRA, tests_require=TEST, extras_require=EXTRAS)\n",
        path="svc/setup.py",
        files={"svc/requirements/extra.txt": "celery\n", "svc/requirements-test.txt": "pytest\n"},
    )
    assert listed(result) == [
        "svc/setup.py:4 flask runtime",
        "svc/setup.py:5 sqlalchemy runtime",
        "svc/requirements/extra.txt:1 celery runtime",
        "svc/requirements-test.txt:1 pytest test",
        "svc/setup.py:5 sqlalchemy optional:db",
    ]
    assert result.diagnostics == ()


def test_file_read_forms() -> None:
    forms = [
        "open('r.txt').readlines()",
        "open('r.txt').read().splitlines()",
        "open('r.txt', encoding='utf-8').read().strip().split('\\n')",
        "pathlib.Path('r.txt').read_text().splitlines()",
        "[r for r in open('r.txt').read().splitlines() if r]",
    ]
    for form in forms:
        result = run(f"import pathlib\nfrom setuptools import setup\nsetup(install_requires={form})\n",
                     files={"r.txt": "flask\n"})
        assert listed(result) == ["r.txt:1 flask runtime"], form


def test_what_cannot_be_resolved_is_a_diagnostic_naming_line_and_expression() -> None:
    result = run(
        "from setuptools import setup\n"
        "import sys\n"
        "deps = ['flask']\n"
        "if sys.version_info < (3, 8):\n"
        "    deps = deps + ['importlib-metadata']\n"
        "extras = {}\n"
        "extras['pg'] = ['psycopg2']\n"
        "setup(install_requires=deps + read_reqs() + ['redis'], extras_require=extras,\n"
        "      tests_require=[l.upper() for l in open('t.txt')], **more)\n"
    )
    assert listed(result) == ["setup.py:8 redis runtime"]
    assert result.diagnostics == (
        Diagnostic("setup.py", 8, "unresolved",
                   "install_requires: cannot resolve `deps` statically (deps is bound 2 times)"),
        Diagnostic("setup.py", 8, "unresolved",
                   "install_requires: cannot resolve `read_reqs()` statically "
                   "(a call that is not a file read)"),
        Diagnostic("setup.py", 8, "unresolved",
                   "extras_require: cannot resolve `extras` statically "
                   "(extras is changed after it is bound)"),
        Diagnostic("setup.py", 9, "unresolved",
                   "tests_require: cannot resolve `[l.upper() for l in open('t.txt')]` statically "
                   "(the comprehension changes the lines)"),
        Diagnostic("setup.py", 9, "unresolved",
                   "setup: cannot resolve `more` statically (arguments passed with * or **)"),
    )


def test_diagnostics_follow_the_arguments_source_order() -> None:
    result = run("from setuptools import setup\nsetup(install_requires=[a], *more, tests_require=b)\n")
    assert result.diagnostics == (
        Diagnostic("setup.py", 2, "unresolved",
                   "install_requires: cannot resolve `a` statically (a is bound 0 times)"),
        Diagnostic("setup.py", 2, "unresolved",
                   "setup: cannot resolve `more` statically (arguments passed with * or **)"),
        Diagnostic("setup.py", 2, "unresolved",
                   "tests_require: cannot resolve `b` statically (b is bound 0 times)"),
    )


def test_a_missing_requirements_file_is_a_diagnostic_at_the_read() -> None:
    result = run("from setuptools import setup\n"
                 "setup(install_requires=open('gone.txt').readlines())\n")
    assert result.diagnostics == (Diagnostic(
        "setup.py", 2, "unreadable", "cannot read gone.txt: gone.txt does not exist"),)
    assert result.evidence == (Evidence("setup.py", 2, "manifest", "0 requirements"),)


def test_a_setup_py_that_is_not_setuptools_is_no_manifest() -> None:
    cli = "import typer\napp = typer.Typer()\n\ndef setup(x):\n    pass\n\nsetup(install_requires=['x'])\n"
    assert run(cli) == ScanResult()


def test_distutils_setup_counts() -> None:
    result = run("from distutils.core import setup\nsetup(install_requires=['Django'])\n")
    assert listed(result) == ["setup.py:2 django runtime"]


def test_unparsable_python_is_a_diagnostic() -> None:
    assert diagnosed(run("from setuptools import setup\nsetup(\n")) == ["setup.py:2 parse-error"]


def test_the_fixture_setup_py_is_never_run(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(FIXTURES / "setup_py_side_effect", copy)
    before = sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*"))
    report = check(copy)
    assert sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*")) == before
    assert not (copy / "SETUP_PY_WAS_RUN").exists()
    assert not (FIXTURES / "setup_py_side_effect" / "SETUP_PY_WAS_RUN").exists()
    assert "setup.py:12 dep:itsdangerous" in {
        e.location + " " + e.signal for s in report.services for a in s.answers.values()
        for e in a.evidence}
