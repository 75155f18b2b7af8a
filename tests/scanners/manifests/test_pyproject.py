"""The pyproject scanner: PEP 621, PEP 735, Poetry, PDM, Hatch, uv and setuptools dynamic files."""

from __future__ import annotations

import itertools
from pathlib import PurePosixPath

from hypothesis import given, settings
from hypothesis import strategies as st

from framefit.model import Dependency, Diagnostic, Evidence
from framefit.scanners.base import ScanResult
from framefit.scanners.manifests import pyproject
from tests.harness import diagnosed, listed, scan


def run(text: str | bytes, path: str = "pyproject.toml",
        files: dict[str, str | bytes] | None = None) -> ScanResult:
    return scan(pyproject.SCANNER, path, text, files)


def test_matches() -> None:
    assert pyproject.matches(PurePosixPath("svc/pyproject.toml"))
    assert not pyproject.matches(PurePosixPath("pyproject.toml.bak"))


def test_pep621_dependencies_and_extras() -> None:
    result = run(
        '[project]\n'
        'name = "x"\n'
        'dependencies = [\n'
        '    "Flask>=3",\n'
        '    "importlib-metadata; python_version < \'3.10\'",\n'
        ']\n'
        '\n'
        '[project.optional-dependencies]\n'
        'postgres = ["psycopg[binary]>=3"]\n'
        'test = ["pytest", "psycopg[binary]>=3"]\n'
    )
    assert result.dependencies[0] == Dependency(
        "pyproject.toml", 4, "flask", "Flask", "runtime", "", '"Flask>=3",')
    assert listed(result) == [
        "pyproject.toml:4 flask runtime",
        'pyproject.toml:5 importlib-metadata runtime [python_version < "3.10"]',
        "pyproject.toml:9 psycopg optional:postgres",
        "pyproject.toml:10 pytest test",
        "pyproject.toml:10 psycopg test",
    ]
    assert result.evidence == (Evidence("pyproject.toml", 1, "manifest", "5 dependencies"),)


def test_pep735_groups_with_include_group() -> None:
    result = run(
        '[dependency-groups]\n'
        'lint = ["ruff"]\n'
        'test = ["pytest", {include-group = "lint"}]\n'
        'integration = [{include-group = "test"}, "psycopg2"]\n'
    )
    assert listed(result) == [
        "pyproject.toml:2 ruff dev",
        "pyproject.toml:3 pytest test",
        "pyproject.toml:2 ruff test",
        "pyproject.toml:4 psycopg2 group:integration",
        "pyproject.toml:3 pytest group:integration",
        "pyproject.toml:2 ruff group:integration",
    ]
    assert result.diagnostics == ()


def test_pep735_cycles_and_missing_groups_are_diagnostics() -> None:
    result = run(
        '[dependency-groups]\n'
        'a = [{include-group = "b"}, "flask"]\n'
        'b = [{include-group = "a"}]\n'
        'c = [{include-group = "nope"}]\n'
    )
    assert listed(result) == ["pyproject.toml:2 flask group:a", "pyproject.toml:2 flask group:b"]
    assert result.diagnostics == (
        Diagnostic("pyproject.toml", 2, "parse-error", "include-group cycle: a -> b -> a"),
        Diagnostic("pyproject.toml", 3, "parse-error", "include-group cycle: b -> a -> b"),
        Diagnostic("pyproject.toml", 1, "parse-error", "include-group names a missing group: nope"),
    )


def test_poetry_dependencies_groups_dev_and_extras() -> None:
    result = run(
        '[tool.poetry.dependencies]\n'
        'python = "^3.11"\n'
        'Django = "^5.0"\n'
        '"psycopg2-binary" = { version = "^2.9", optional = true, markers = "os_name == \'posix\'" }\n'
        'redis = [{ version = "^5", python = ">=3.11" }]\n'
        '\n'
        '[tool.poetry.extras]\n'
        'pg = ["psycopg2-binary"]\n'
        'all = ["psycopg2-binary"]\n'
        '\n'
        '[tool.poetry.group.docs.dependencies]\n'
        'sphinx = "*"\n'
        '\n'
        '[tool.poetry.group.worker.dependencies]\n'
        'celery = "*"\n'
        '\n'
        '[tool.poetry.dev-dependencies]\n'
        'black = "*"\n'
    )
    assert listed(result) == [
        "pyproject.toml:3 django runtime",
        "pyproject.toml:4 psycopg2-binary optional:pg [os_name == 'posix']",
        "pyproject.toml:4 psycopg2-binary optional:all [os_name == 'posix']",
        "pyproject.toml:5 redis runtime",
        "pyproject.toml:18 black dev",
        "pyproject.toml:12 sphinx docs",
        "pyproject.toml:15 celery group:worker",
    ]
    assert result.evidence == (Evidence("pyproject.toml", 1, "manifest", "7 dependencies"),)


def test_pdm_hatch_and_uv_development_tables() -> None:
    result = run(
        '[tool.pdm.dev-dependencies]\n'
        'lint = ["flake8"]\n'
        'bench = ["pyperf"]\n'
        '[tool.hatch.envs.default]\n'
        'dependencies = ["coverage"]\n'
        '[tool.hatch.envs.docs]\n'
        'extra-dependencies = ["mkdocs"]\n'
        '[tool.uv]\n'
        'dev-dependencies = ["mypy"]\n'
    )
    assert listed(result) == [
        "pyproject.toml:2 flake8 dev",
        "pyproject.toml:3 pyperf dev",
        "pyproject.toml:5 coverage dev",
        "pyproject.toml:7 mkdocs docs",
        "pyproject.toml:9 mypy dev",
    ]


def test_setuptools_dynamic_files_are_followed() -> None:
    result = run(
        '[project]\n'
        'name = "x"\n'
        'dynamic = ["dependencies", "optional-dependencies"]\n'
        '[tool.setuptools.dynamic]\n'
        'dependencies = {file = ["requirements/base.txt"]}\n'
        'optional-dependencies.pg = {file = "requirements/pg.txt"}\n'
        'optional-dependencies.docs = {file = ["missing.txt"]}\n',
        path="svc/pyproject.toml",
        files={"svc/requirements/base.txt": "flask\n", "svc/requirements/pg.txt": "psycopg2\n"},
    )
    assert listed(result) == [
        "svc/requirements/base.txt:1 flask runtime",
        "svc/requirements/pg.txt:1 psycopg2 optional:pg",
    ]
    assert result.diagnostics == (Diagnostic(
        "svc/pyproject.toml", 6, "unreadable",
        "cannot read svc/missing.txt: svc/missing.txt does not exist"),)
    assert result.evidence == (Evidence("svc/pyproject.toml", 4, "manifest", "2 dependencies"),)


def test_a_pyproject_without_dependency_tables_is_no_manifest() -> None:
    result = run('[tool.ruff]\nline-length = 100\n[build-system]\nrequires = ["setuptools"]\n')
    assert result == ScanResult()


def test_bad_toml_is_one_diagnostic_with_its_line() -> None:
    result = run('[project]\ndependencies = ["flask"\nname = 1\n')
    assert diagnosed(result) == ["pyproject.toml:3 parse-error"]
    assert result.dependencies == ()


def test_bad_entries_are_diagnostics_and_the_rest_is_read() -> None:
    result = run('[project]\ndependencies = ["flask", 3, "not valid !!"]\n'
                 '[project.optional-dependencies]\nx = "flask"\n')
    assert listed(result) == ["pyproject.toml:2 flask runtime"]
    assert [d.message[:40] for d in result.diagnostics] == [
        "dependency is not a string: 3",
        "not a requirement: Expected semicolon (a",
        "project.optional-dependencies.x is not a",
    ]
    assert diagnosed(result) == ["pyproject.toml:2 parse-error", "pyproject.toml:2 parse-error",
                                 "pyproject.toml:4 parse-error"]


def test_undecodable_file_is_a_diagnostic() -> None:
    assert diagnosed(run(b"[project]\nname = '\xff'\n")) == ["pyproject.toml:None decode-error"]


# --- arbitrary input: never raises, always the same answer --------------------------------------

_TOML_LINES = st.sampled_from([
    "[project]", "[project.optional-dependencies]", "[dependency-groups]", "[tool.poetry.dependencies]",
    "[tool.poetry.extras]", "[tool.poetry.group.dev.dependencies]", "[tool.pdm.dev-dependencies]",
    "[tool.hatch.envs.default]", "[tool.uv]", "[tool.setuptools.dynamic]",
    'dependencies = ["flask", "psycopg2; python_version > \'3\'"]', "dependencies = 3",
    'dependencies = {file = ["requirements.txt"]}', 'dependencies = {file = "../x.txt"}',
    'test = ["pytest", {include-group = "test"}]', 'lint = [{include-group = "nope"}]',
    'flask = "*"', 'pg = ["psycopg2"]', 'psycopg2 = {version = "*", optional = true}',
    'dev-dependencies = ["mypy", 1]', 'extra-dependencies = "x"', 'x = [[]]', "python = 3",
    'optional-dependencies.pg = {file = ["requirements.txt"]}', 'default = {dependencies = [{}]}',
])


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_TOML_LINES | st.text(max_size=10), max_size=12), other=st.text(max_size=30))
def test_any_text_is_read_without_raising_and_deterministically(lines: list[str], other: str) -> None:
    text = "\n".join(lines)
    files: dict[str, str | bytes] = {"requirements.txt": other}
    first = run(text, files=files)
    assert first == run(text, files=files)
    ordered = sorted(first.diagnostics)  # the report sorts them: the order must be consistent
    assert not any(later < earlier for earlier, later in itertools.pairwise(ordered))
    assert all(d.name and d.name == d.name.lower() for d in first.dependencies)
    assert all(e.signal == "manifest" for e in first.evidence)


@settings(max_examples=100, deadline=None)
@given(st.binary())
def test_any_bytes_are_read_without_raising(data: bytes) -> None:
    assert run(data) == run(data)
