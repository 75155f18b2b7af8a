"""Bounded time on hostile inputs: each reproduction of issue 15 (F, and the scanner crashes of
D) ends fast, as a diagnostic where the file is beyond reading.

The bounds are generous (twenty times what the fixed code takes here, at least a second and a
half) so that they catch a return of the quadratic, exponential or hour-long behaviour, not a
slow machine; the measured times are in the issue's note. Scanners are timed in CPU seconds of
this process, so that other work on the machine does not count.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from framefit import check
from framefit.model import Diagnostic, Report
from framefit.scanners.base import LINE_LIMIT, ScanResult
from tests.conftest import run_cli
from tests.harness import scan_all as scan

APP = "from flask import Flask\napp = Flask(__name__)\n"
N = 200_000  # characters of one adversarial line


@contextmanager
def cpu_under(seconds: float) -> Iterator[None]:
    started = time.process_time()
    yield
    spent = time.process_time() - started
    assert spent < seconds, f"took {spent:.2f} s of CPU, over {seconds} s"


def tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in {"app.py": APP, **files}.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content)
    return root


def checked(root: Path, seconds: float = 15.0) -> Report:
    started = time.monotonic()
    report = check(root)
    assert time.monotonic() - started < seconds
    assert not [d for d in report.diagnostics if d.kind == "internal-error"]
    return report


def kinds(result: ScanResult | Report) -> list[tuple[str, int | None, str]]:
    return [(d.path, d.line, d.kind) for d in result.diagnostics]


# -- YAML: merge keys and aliases -------------------------------------------------------------

def merge_bomb(levels: int) -> str:
    """Each anchor merges the one before twice: unfolded, 2**levels mappings (1.2 kB at 40)."""
    lines = ["x0: &a0 {k: v}"]
    lines += [f"x{i}: &a{i}\n  <<: [*a{i - 1}, *a{i - 1}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("path", "tail"),
    [
        pytest.param("docker-compose.yml", "services:\n  web:\n    <<: *a40\n    image: postgres\n",
                     id="compose"),
        pytest.param("k8s/pod.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  <<: *a40\n", id="kubernetes"),
        pytest.param("serverless.yml", "provider:\n  <<: *a40\n  name: aws\n  runtime: python3.12\n",
                     id="serverless"),
        pytest.param("render.yaml", "services:\n  - <<: *a40\n    type: web\n", id="platforms"),
        pytest.param("environment.yml", "dependencies:\n  - <<: *a40\n", id="conda"),
    ],
)
def test_merge_keys_doubling_an_anchor_are_read_once(path: str, tail: str) -> None:
    with cpu_under(1.5):
        result = scan(path, merge_bomb(40) + tail)
    assert "internal-error" not in {d.kind for d in result.diagnostics}


def test_merge_bomb_still_gives_its_evidence() -> None:
    tail = "services:\n  web:\n    <<: *a40\n    image: postgres\n"
    result = scan("docker-compose.yml", merge_bomb(40) + tail)
    assert [(e.line, e.signal) for e in result.evidence] == [(85, "db-image-relational")]


def test_merge_keys_that_unfold_past_the_budget_are_too_complex() -> None:
    # Each level merges the last and adds a key: unfolded, 1 + 2 + ... + 2,000 entries.
    lines = ["m0: &m0 {k0: v}"] + [f"m{i}: &m{i} {{<<: *m{i - 1}, k{i}: v}}" for i in range(1, 2_000)]
    with cpu_under(1.5):
        result = scan("docker-compose.yml", "\n".join(lines) + "\nservices: {web: {image: postgres}}\n")
    assert kinds(result) == [("docker-compose.yml", 995, "too-complex")]


def test_a_mapping_merged_into_itself_is_a_parse_error() -> None:
    result = scan("docker-compose.yml", "x: &a\n  <<: *a\nservices: {}\n")
    assert result.diagnostics == (Diagnostic(
        "docker-compose.yml", 2, "parse-error", "not valid YAML: alias *a is inside its own anchor"),)


def test_a_large_legal_compose_file_is_read(tmp_path: Path) -> None:
    keys = ", ".join(f"K{i}: v" for i in range(150_000))  # 1.7 MB, 300,000 scalars
    text = f"services:\n  web:\n    image: postgres\n    environment: {{{keys}}}\n"
    with cpu_under(12.0):
        result = scan("docker-compose.yml", text)
    assert [e.signal for e in result.evidence] == ["db-image-relational"]
    assert result.diagnostics == ()


def test_more_yaml_nodes_than_the_budget_is_too_large() -> None:
    text = "services:\n  web:\n    labels: [" + ",".join(["a"] * 600_000) + "]\n"
    with cpu_under(15.0):
        result = scan("docker-compose.yml", text)
    assert kinds(result) == [("docker-compose.yml", 3, "too-large")]


def test_without_libyaml_a_large_file_is_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    small = scan("docker-compose.yml", "services:\n  db:\n    image: postgres:16\n")
    assert [(e.line, e.signal) for e in small.evidence] == [(3, "db-image-relational")]
    big = scan("docker-compose.yml", "services:\n" + "# padding\n" * 30_000)
    assert kinds(big) == [("docker-compose.yml", None, "too-large")]


# -- Deep nesting in scanners and in configuration discovery -----------------------------------

@pytest.mark.parametrize(
    ("path", "text", "message"),
    [
        pytest.param("docker-compose.yml", "services:\n  web: " + "[" * 5_000 + "]" * 5_000 + "\n",
                     "not valid YAML: exceeded maximum nesting depth", id="yaml"),
        pytest.param("vercel.json", "[" * 100_000 + "]" * 100_000,
                     "not valid JSON: arrays or tables nested too deeply", id="json"),
        pytest.param("Pipfile.lock", '{"default": ' + "[" * 100_000 + "]" * 100_000 + "}",
                     "not valid JSON: arrays or tables nested too deeply", id="json_lock"),
        pytest.param("pyproject.toml", "a = " + "[" * 5_000 + "]" * 5_000 + "\n",
                     "not valid TOML: arrays or tables nested too deeply", id="toml"),
        pytest.param("fly.toml", "a = " + "{b = " * 3_000 + "1" + "}" * 3_000 + "\n",
                     "not valid TOML: arrays or tables nested too deeply", id="toml_inline_tables"),
    ],
)
def test_deep_nesting_is_a_parse_error(path: str, text: str, message: str) -> None:
    with cpu_under(2.0):
        result = scan(path, text)
    assert [(d.kind, d.message) for d in result.diagnostics] == [("parse-error", message)]


def test_deep_pyproject_at_the_root_is_a_diagnostic_and_the_run_goes_on(tmp_path: Path) -> None:
    root = tree(tmp_path, {"requirements.txt": "flask\n", "pyproject.toml": "a = " + "[" * 5_000 + "\n"})
    result = run_cli("check", "--format", "json", str(root))
    assert result.exit_code == 0
    assert '"kind": "parse-error"' in result.output
    assert "nested too deeply" in result.output


def test_toml_with_more_values_than_the_budget_is_too_large(tmp_path: Path) -> None:
    text = "[project]\nname = 'x'\ndependencies = [" + ",".join(["1"] * 600_000) + "]\n"
    with cpu_under(1.5):
        result = scan("pyproject.toml", text)
    assert [(d.kind, d.line) for d in result.diagnostics] == [("too-large", None)]
    root = tree(tmp_path, {"requirements.txt": "flask\n", "pyproject.toml": text})
    assert run_cli("check", "--format", "json", str(root)).exit_code == 0


# -- One long line ----------------------------------------------------------------------------

LONG_LINES = [
    "a" * N,
    " " * N + "=",
    "[" * N,
    "[" + " " * N + "x",
    "[1" + " " * N + "], 2]",
    "A=" + " " * N + "x",
    "A=" + " #" * (N // 2),
    "a" + " " * N + "b",
    "FROM " + "a/" * (N // 2),
    "RUN pip install -r /" + "a/" * (N // 2) + "r.txt",
    "ENV a=1 " + "a1" * (N // 2),
    "FROM ${A:-" * (N // 10),
    "RUN " + "apk add " * (N // 8),
    "docker " * (N // 7) + "alpine",
    "image " * (N // 6) + "alpine",
    "-r" + " " * N + "x",
    "x = [" + "'a'," * (N // 4) + "]",
]
LINE_FILES = [
    ".env.example", "setup.cfg", "requirements.txt", "PKG-INFO", "Dockerfile", "README.md",
    "alembic.ini", "schema.sql", "pyproject.toml", "Pipfile", "docker-compose.yml", "fly.toml",
]


@pytest.mark.parametrize("path", LINE_FILES)
def test_one_long_adversarial_line_in_every_line_reader(path: str) -> None:
    for line in LONG_LINES:
        with cpu_under(2.0):
            result = scan(path, line + "\n")
        assert "internal-error" not in {d.kind for d in result.diagnostics}, line[:20]


def test_config_discovery_reads_a_long_line_of_its_pyproject_fast(tmp_path: Path) -> None:
    text = ('[tool.framefit.answers]\nuser_login = { answer = "no", reason = "r" }\n[x]\ny = [\n'
            + "[1" + " " * N + "], 2]\n")
    root = tree(tmp_path, {"requirements.txt": "flask\n", "pyproject.toml": text})
    started = time.monotonic()
    result = run_cli("check", "--format", "json", str(root))
    assert time.monotonic() - started < 10.0
    assert result.exit_code == 0


@pytest.mark.parametrize("path", [".env.example", "setup.cfg", "requirements.txt"])
def test_a_line_past_the_limit_is_too_large(path: str) -> None:
    result = scan(path, "a" * (LINE_LIMIT + 1) + "\n")
    assert kinds(result) == [(path, 1, "too-large")]


# -- Includes, image paths, evaluation --------------------------------------------------------

def test_pip_install_of_a_deep_absolute_path_is_linear() -> None:
    with cpu_under(2.0):
        result = scan("Dockerfile", "FROM python:3.12\nRUN pip install -r /" + "a/" * 100_000 + "r.txt\n")
    assert kinds(result) == [("Dockerfile", 2, "unresolved")]


def test_pip_install_of_a_deep_absolute_path_finds_its_tail() -> None:
    dockerfile = "FROM python:3.12\nRUN pip install -r /" + "x/" * 5_000 + "deps/base.txt\n"
    result = scan("Dockerfile", dockerfile, {"deps/base.txt": "psycopg2\n"})
    assert [d.name for d in result.dependencies] == ["psycopg2"]


def test_a_chain_of_includes_is_bounded(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {f"requirements-{i}.txt": f"-r requirements-{i + 1}.txt\n"
                                     for i in range(1_000)}
    files["requirements-1000.txt"] = "flask\n"
    files["requirements.txt"] = "-r requirements-0.txt\n"
    report = checked(tree(tmp_path, files), seconds=30.0)
    # Each file's scan follows 32 includes: the chain from requirements.txt ends at -31, the
    # one from requirements-0.txt at -32, and so on.
    assert Diagnostic("requirements-31.txt", 1, "too-complex",
                      "-r requirements-32.txt not followed: includes nest deeper than 32 "
                      "(requirements-31.txt is the last read)") in report.diagnostics
    assert {d.kind for d in report.diagnostics} == {"too-complex"}


def test_an_include_chain_deeper_than_the_stack_is_no_internal_error() -> None:
    files = {f"deps/r{i}.txt": f"-r r{i + 1}.txt\n" for i in range(400)}
    with cpu_under(2.0):
        result = scan("requirements.txt", "-r deps/r0.txt\n", dict(files))
    assert kinds(result) == [("deps/r31.txt", 1, "too-complex")]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        pytest.param("requirements.txt", "-r a\0b.txt\n", id="requirements"),
        pytest.param("Dockerfile", "FROM python:3.12\nRUN pip install -r a\0b.txt\n", id="dockerfile"),
        pytest.param("setup.py", "from setuptools import setup\nsetup(install_requires=open('a\\0b').read()"
                     ".splitlines())\n", id="setup_py"),
        pytest.param("pyproject.toml", '[tool.setuptools.dynamic]\ndependencies = {file = "a\\u0000b"}\n',
                     id="pyproject"),
    ],
)
def test_a_nul_in_a_path_to_follow_is_a_parse_error(path: str, text: str) -> None:
    result = scan(path, text)
    assert [d.kind for d in result.diagnostics] == ["parse-error"]
    assert "NUL" in result.diagnostics[0].message


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param([f"l{i} = l{i - 1} + l{i - 1}" for i in range(1, 60)], id="doubling"),
        pytest.param([f"l{i} = [" + ", ".join([f"*l{i - 1}"] * 100) + "]" for i in range(1, 15)],
                     id="hundredfold"),
    ],
)
def test_setup_py_names_that_multiply_are_unresolved(lines: list[str]) -> None:
    code = "from setuptools import setup\nl0 = ['a']\n" + "\n".join(lines) + \
        f"\nsetup(install_requires=l{len(lines)})\n"
    with cpu_under(2.0):
        result = scan("setup.py", code)
    assert result.dependencies == ()
    assert [d.kind for d in result.diagnostics] == ["unresolved"]


def test_a_long_literal_list_in_setup_py_is_linear() -> None:
    code = "from setuptools import setup\nsetup(install_requires=[" + ", ".join(["'a'"] * 20_000) + "])\n"
    with cpu_under(6.0):
        result = scan("setup.py", code)
    assert len(result.dependencies) == 20_000


def test_more_requirements_than_a_file_may_declare() -> None:
    with cpu_under(20.0):
        result = scan("requirements.txt", "flask\n" * 25_000)
    assert len(result.dependencies) == 20_000
    assert kinds(result) == [("requirements.txt", None, "too-large")]


# -- Many small things in one file ------------------------------------------------------------

MANY: list[tuple[str, Callable[[int], str]]] = [
    ("Dockerfile", lambda n: "FROM python:3.12 AS s0\n" + "".join(
        f"FROM s{i - 1} AS s{i}\n" for i in range(1, n)) + "RUN pip install --no-cache-dir flask\n"),
    ("Dockerfile", lambda n: "FROM python:3.12\nENV " + " \\\n  ".join(
        f"U{i}=postgres://h/db" for i in range(n)) + "\n"),
    ("Dockerfile", lambda n: "FROM python:3.12\nRUN pip install \\\n" + " \\\n".join(
        f"  'p{i}'x" for i in range(n)) + "\n"),
    ("Dockerfile", lambda n: "FROM python:3.12\nARG V=a\nRUN <<EOF\n" + "".join(
        f"pip install 'p{i}' \"$V\" ${{V}} # it's\n" for i in range(n)) + "EOF\n"),
    ("Dockerfile", lambda n: "FROM python:3.12\nRUN echo " + "${" * n + " '" + "\\" * n + "\n"),
    ("README.md", lambda n: "FROM python:3.12-slim\n" * n + "RUN true\n"),
    ("infra/main.bicep", lambda n: "".join(
        f"  resource s{i} 'Microsoft.Web/serverfarms@1' = {{\n    sku: {{\n      name: p{i}\n"
        for i in range(n))),
    ("Chart.yaml", lambda n: "apiVersion: v2\ndependencies:\n" + "".join(
        f"  - name: postgresql\n    condition: a.b{i},c.d\n" for i in range(n))),
    ("pyproject.toml", lambda n: "[dependency-groups]\n" + "".join(
        f'g{i} = [{{include-group = "g{i + 1}"}}, "p{i}"]\n' for i in range(n)) + f"g{n} = []\n"),
    ("Pipfile", lambda n: "[packages]\n" + "".join(f'p{i} = "*"\n' for i in range(n))),
    ("Pipfile.lock", lambda n: '{"default": {' + ",\n".join(
        f'"p{i}": {{"version": "==1"}}' for i in range(n)) + "}}"),
    ("zappa_settings.json", lambda n: "{" + ",\n".join(
        f'"s{i}": {{"app_function": "a.app"}}' for i in range(n)) + "}"),
]


@pytest.mark.parametrize(("path", "make"), MANY, ids=[
    "stage_chain", "env_urls", "unquoted_words", "heredoc_lines", "unclosed", "docs_from_lines",
    "bicep_resources", "chart_dependencies", "group_chain", "pipfile", "pipfile_lock", "zappa_stages"])
def test_many_small_things_in_one_file_are_linear(path: str, make: Callable[[int], str]) -> None:
    scan(path, make(100))  # warm the catalog and the imports
    started = time.process_time()
    scan(path, make(1_000))
    small = time.process_time() - started
    with cpu_under(max(1.5, small * 10 * 20)):  # ten times the input, twenty times the margin
        result = scan(path, make(10_000))
    assert "internal-error" not in {d.kind for d in result.diagnostics}


@pytest.mark.parametrize(
    ("path", "text", "fmt"),
    [
        pytest.param("pyproject.toml", "a = " + "1" * 5_000 + "\n", "TOML", id="toml"),
        pytest.param("fly.toml", "[[vm]]\nmemory = " + "1" * 5_000 + "\n", "TOML", id="fly"),
        pytest.param("vercel.json", '{"a": ' + "1" * 5_000 + "}", "JSON", id="json"),
    ],
)
def test_an_integer_too_long_to_convert_is_a_parse_error(path: str, text: str, fmt: str) -> None:
    (problem,) = scan(path, text).diagnostics
    assert (problem.kind, problem.message[:20]) == ("parse-error", f"not valid {fmt}: Exce")


def test_a_kubernetes_memory_limit_of_many_digits_is_read() -> None:
    text = ("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: shop/app\n"
            "      resources: {limits: {memory: " + "9" * 5_000 + "}}\n")
    result = scan("k8s/pod.yaml", text)
    assert [e.signal for e in result.evidence] == ["k8s-app-workload"]  # not a small limit
    assert result.diagnostics == ()


def test_more_includes_than_a_file_may_follow() -> None:
    files = {f"deps/r{i}.txt": f"p{i}\n" for i in range(100)}
    result = scan("requirements.txt", "".join(f"-r deps/r{i}.txt\n" for i in range(100)), dict(files))
    assert len(result.dependencies) == 64
    assert result.diagnostics[0] == Diagnostic(
        "requirements.txt", 65, "too-complex", "-r deps/r64.txt not followed: more than 64 files included")
    assert len(result.diagnostics) == 36


# -- Python: the names a module calls with its own name (`Api(__name__)`, the prefilter) --------

@pytest.mark.parametrize(
    "text",
    [
        pytest.param(b"(__name__" * N, id="every_argument_in_a_call"),
        pytest.param(b"f(" + b" " * (5 * N) + b"__name__", id="a_long_blank_run"),
        pytest.param(b"a." * N + b"(__name__)", id="a_long_dotted_name"),
        pytest.param((b"x" * 50 + b"\n__name__\n") * (N // 10), id="lines_between"),
    ],
)
def test_the_names_called_with_the_module_name_are_found_in_linear_time(text: bytes) -> None:
    from framefit.scanners.python.profile import call_words

    with cpu_under(1.5):
        call_words(text, b"__name__")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param(b"app = web.base.Api(__name__)\n", {b"web", b"base", b"Api"}, id="dotted"),
        pytest.param(b"app = Api (\n    __name__,\n)\n", {b"Api"}, id="on_lines_of_its_own"),
        pytest.param(b"if __name__ == '__main__':\n    x = [__name__]\n", set(), id="not_a_call"),
        pytest.param(b"f(__name__x)\n", set(), id="a_longer_name"),
        pytest.param(b"app = Api(  # the board\n    __name__)\n", None, id="a_comment_between__any"),
        pytest.param(b"f(" + b" " * 300 + b"__name__)", None, id="a_long_blank_run__any"),
    ],
)
def test_the_names_called_with_the_module_name(text: bytes, words: set[bytes] | None) -> None:
    from framefit.scanners.python.profile import call_words

    assert call_words(text, b"__name__") == (None if words is None else frozenset(words))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(b"x = conf." + b"#" * N + b"\n", id="hashes_after_a_dot"),
        pytest.param(b"x = conf.\\\n" * (N // 10), id="continued_dots"),
        pytest.param(b"x = ." + b"A" * N + b"\n", id="a_long_upper_case_attribute"),
        pytest.param(b".A" * N, id="many_attributes"),
        pytest.param(b"config" + b"#" * N + b"\n", id="hashes_after_config"),
        pytest.param(b"config" + b")" * N + b" " * N, id="parentheses_after_config"),
    ],
)
def test_a_secret_attribute_or_a_config_subscript_is_looked_for_in_linear_time(text: bytes) -> None:
    from framefit.scanners.python.profile import profile

    found = profile(text)
    with cpu_under(1.5):
        found.has_fragment((b"TOKEN", b"SECRET"), exact=True)
        found.subscripted(b"config")
