"""The requirements scanner: every line form pip accepts, includes, groups from file names."""

from __future__ import annotations

import itertools
from pathlib import PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framefit.model import Dependency, Diagnostic, Evidence
from framefit.scanners.base import ScanResult
from framefit.scanners.manifests import requirements
from tests.harness import context, diagnosed, listed, scan


def run(text: str | bytes, path: str = "requirements.txt",
        files: dict[str, str | bytes] | None = None) -> ScanResult:
    return scan(requirements.SCANNER, path, text, files)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param("requirements.txt", True, id="plain"),
        pytest.param("requirements-dev.txt", True, id="dev"),
        pytest.param("requirements/prod.txt", True, id="folder"),
        pytest.param("requirements.in", True, id="pip_tools_in"),
        pytest.param("dev.in", True, id="bare_in"),
        pytest.param("MANIFEST.in", False, id="manifest_in__no"),
        pytest.param("setup.cfg.in", False, id="template_in__no"),
        pytest.param("docs/requirements.md", False, id="markdown__no"),
    ],
)
def test_matches(path: str, expected: bool) -> None:
    assert requirements.matches(PurePosixPath(path)) is expected


@pytest.mark.parametrize(
    ("path", "group"),
    [
        pytest.param("requirements.txt", "runtime", id="plain__runtime"),
        pytest.param("requirements-dev.txt", "dev", id="dev"),
        pytest.param("requirements_test.txt", "test", id="test"),
        pytest.param("requirements/test.txt", "test", id="folder_test"),
        pytest.param("requirements/docs.in", "docs", id="folder_docs"),
        pytest.param("requirements/prod.txt", "runtime", id="folder_prod__runtime"),
        pytest.param("requirements-worker.txt", "group:worker", id="other__named_group"),
    ],
)
def test_group_of(path: str, group: str) -> None:
    assert requirements.group_of(path) == group


def test_plain_requirement_is_a_whole_dependency_and_a_manifest() -> None:
    result = run("Flask-Login>=0.6  # sessions\n")
    assert result.dependencies == (Dependency(
        "requirements.txt", 1, "flask-login", "Flask-Login", "runtime", "",
        "Flask-Login>=0.6 # sessions"),)
    assert result.evidence == (Evidence("requirements.txt", None, "manifest", "1 requirements"),)
    assert result.diagnostics == ()


def test_every_line_form() -> None:
    text = (
        "# a comment\n"
        "--index-url https://pypi.org/simple\n"
        "-f ./wheels\n"
        "psycopg2-binary==2.9.9 \\\n"
        "    --hash=sha256:abc \\\n"
        "    --hash=sha256:def\n"
        "importlib-metadata>=6; python_version < '3.10'\n"
        "requests[socks]>=2\n"
        "-e git+https://github.com/ex/flask-wtf.git@v1#egg=Flask-WTF\n"
        "--editable=.[all]\n"
        "git+https://github.com/ex/thing.git#egg=thing&subdirectory=py\n"
        "waitress @ https://files.invalid/waitress-3.0-py3-none-any.whl\n"
        "https://files.invalid/anonymous.tar.gz\n"
        "./vendor/local\n"
        "  \n"
    )
    assert listed(run(text)) == [
        "requirements.txt:4 psycopg2-binary runtime",
        'requirements.txt:7 importlib-metadata runtime [python_version < "3.10"]',
        "requirements.txt:8 requests runtime",
        "requirements.txt:9 flask-wtf runtime",
        "requirements.txt:11 thing runtime",
        "requirements.txt:12 waitress runtime",
    ]


def test_spelling_and_detail_are_as_written() -> None:
    (dep,) = run("-e git+https://github.com/ex/a.git#egg=Zope.Interface\n").dependencies
    assert (dep.name, dep.spelling, dep.detail) == (
        "zope-interface", "Zope.Interface", "-e git+https://github.com/ex/a.git#egg=Zope.Interface")


def test_includes_are_followed_relative_to_the_including_file() -> None:
    result = run("-r requirements/base.txt\n--requirement=requirements/extra.txt\nflask\n",
                 files={"requirements/base.txt": "sqlalchemy\n-r ../shared/common.txt\n",
                        "requirements/extra.txt": "celery\n",
                        "shared/common.txt": "redis\n"})
    assert listed(result) == [
        "requirements/base.txt:1 sqlalchemy runtime",
        "shared/common.txt:1 redis runtime",
        "requirements/extra.txt:1 celery runtime",  # its name says no group: it inherits
        "requirements.txt:3 flask runtime",
    ]
    assert result.diagnostics == ()


def test_an_included_file_without_a_group_name_inherits_the_including_group() -> None:
    result = run("-r shared.txt\npytest\n", path="requirements-dev.txt",
                 files={"shared.txt": "factory-boy\n"})
    assert listed(result) == ["shared.txt:1 factory-boy dev", "requirements-dev.txt:2 pytest dev"]


def test_constraint_files_are_not_dependencies() -> None:
    result = run("-c constraints.txt\n--constraint constraints.txt\nflask\n",
                 files={"constraints.txt": "psycopg2==2.9\n"})
    assert listed(result) == ["requirements.txt:3 flask runtime"]


def test_include_cycles_end() -> None:
    result = run("-r requirements-dev.txt\nflask\n",
                 files={"requirements-dev.txt": "-r requirements.txt\npytest\n"})
    assert listed(result) == ["requirements-dev.txt:2 pytest dev", "requirements.txt:2 flask runtime"]
    assert result.diagnostics == ()


def test_missing_and_outside_includes_are_diagnostics_and_the_rest_is_read() -> None:
    result = run("-r missing.txt\n-r ../../etc/passwd\nflask\n")
    assert result.diagnostics == (
        Diagnostic("requirements.txt", 1, "unreadable",
                   "cannot follow -r missing.txt: missing.txt does not exist"),
        Diagnostic("requirements.txt", 2, "link-outside-root",
                   "include ../../etc/passwd is outside the repository"),
    )
    assert listed(result) == ["requirements.txt:3 flask runtime"]


def test_problems_of_an_included_requirements_file_are_left_to_its_own_scan() -> None:
    result = run("-r requirements-dev.txt\n",
                 files={"requirements-dev.txt": "not a requirement\npytest\n"})
    assert listed(result) == ["requirements-dev.txt:2 pytest dev"]
    assert result.diagnostics == ()


def test_a_bad_line_is_a_diagnostic_and_the_next_lines_are_read() -> None:
    result = run("flask\nthis is not valid\nredis\n")
    assert listed(result) == ["requirements.txt:1 flask runtime", "requirements.txt:3 redis runtime"]
    assert diagnosed(result) == ["requirements.txt:2 parse-error"]
    assert result.diagnostics[0].message.startswith("not a requirement: Expected")


def test_undecodable_bytes_are_a_diagnostic_and_read_as_latin_1() -> None:
    result = run(b"flask\n# caf\xe9\nredis\n")
    assert result.diagnostics == (Diagnostic(
        "requirements.txt", 2, "decode-error",
        "not UTF-8 (invalid continuation byte): read as Latin-1"),)
    assert listed(result) == ["requirements.txt:1 flask runtime", "requirements.txt:3 redis runtime"]


def test_a_file_of_options_only_is_no_manifest() -> None:
    result = run("--index-url https://pypi.org/simple\n-c constraints.txt\n",
                 files={"constraints.txt": "flask==3\n"})
    assert result == type(result)()


def test_read_file_cites_the_manifest_that_names_a_missing_file() -> None:
    from framefit.scanners.base import Collector

    out = Collector("setup.py")
    ctx = context({"reqs.pip": "flask\n"})
    requirements.read_file("reqs.pip", "runtime", ctx, out, ("setup.py", 9))
    requirements.read_file("gone.txt", "runtime", ctx, out, ("setup.py", 10))
    assert [f"{d.path}:{d.line} {d.name}" for d in out.dependencies] == ["reqs.pip:1 flask"]
    assert out.diagnostics == [Diagnostic("setup.py", 10, "unreadable",
                                          "cannot read gone.txt: gone.txt does not exist")]


@pytest.mark.parametrize(
    ("name", "group"),
    [
        pytest.param("test", "test", id="test"),
        pytest.param("tests", "test", id="tests"),
        pytest.param("dev-tools", "dev", id="dev_words"),
        pytest.param("docs", "docs", id="docs"),
        pytest.param("postgres", "optional:postgres", id="other__otherwise"),
        pytest.param("base", "optional:base", id="runtime_word__otherwise"),
    ],
)
def test_named_group(name: str, group: str) -> None:
    assert requirements.named_group(name, f"optional:{name}") == group


# --- arbitrary input: never raises, always the same answer --------------------------------------

_LINE_PARTS = st.sampled_from([
    "flask", "Flask-Login>=0.6", "-r other.txt", "-r requirements.txt", "-c c.txt", "-e .",
    "-e git+https://h/x.git#egg=x", "--hash=sha256:00", "\\", "#", "; python_version<'3'",
    "[extra]", " @ https://h/x.whl", "../", "--index-url", "-", "\t", "==", "x" * 50,
])


@settings(max_examples=300, deadline=None)
@given(text=st.text() | st.lists(_LINE_PARTS | st.text(max_size=8)).map("\n".join),
       other=st.text(max_size=40))
def test_any_text_is_read_without_raising_and_deterministically(text: str, other: str) -> None:
    files: dict[str, str | bytes] = {"other.txt": other, "c.txt": other}
    first = run(text, files=files)
    assert first == run(text, files=files)
    ordered = sorted(first.diagnostics)  # the report sorts them: the order must be consistent
    assert not any(later < earlier for earlier, later in itertools.pairwise(ordered))
    assert all(d.name and d.name == d.name.lower() for d in first.dependencies)
    assert all(d.line is None or d.line >= 1 for d in first.diagnostics)


@settings(max_examples=100, deadline=None)
@given(st.binary())
def test_any_bytes_are_read_without_raising(data: bytes) -> None:
    assert run(data) == run(data)


def test_bare_in_template_with_no_requirement_is_not_reported() -> None:
    # A meson / autoconf template named *.in is not pip-tools input: no diagnostics for it.
    from framefit.scanners.base import SourceFile

    ctx = context()
    template = SourceFile("inc/confdata.in", b"#define VERSION @VERSION@\n@VALUE@\n")
    assert requirements.scan(template, ctx) == requirements.ScanResult()
    named = SourceFile("requirements.in", b"@VALUE@\n")
    assert [d.kind for d in requirements.scan(named, ctx).diagnostics] == ["parse-error"]
    mixed = SourceFile("dev.in", b"pytest\n@VALUE@\n")
    result = requirements.scan(mixed, ctx)
    assert [d.name for d in result.dependencies] == ["pytest"]
    assert [d.kind for d in result.diagnostics] == ["parse-error"]
