"""The GitHub Action: the fields GitHub requires, inputs passed safely, its steps working, its pins.

The steps' `run:` scripts are executed here with bash, each with the environment GitHub gives it:
the step's `env:` block with its `${{ }}` expressions replaced by test values, and the RUNNER_* and
GITHUB_* variables. The virtualenv the install step would make is replaced by a stand-in whose
`framefit` records its arguments and then runs the framefit of the tests' own virtualenv, so the
command line the run step builds is the one that really runs. The install itself (a virtualenv
and pip, several seconds) runs for real only with FRAMEFIT_TEST_ACTION_INSTALL=1; otherwise its
commands are checked in-process.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import FIXTURES, ROOT

ACTION: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
HELPER_PATH = ROOT / "action" / "framefit_action.py"
CONSTRAINTS = ROOT / "action" / "constraints.txt"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _load_helper() -> ModuleType:
    spec = importlib.util.spec_from_file_location("framefit_action", HELPER_PATH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


helper = _load_helper()


def _step(step_id_or_name: str) -> dict[str, Any]:
    return next(s for s in STEPS if step_id_or_name in (s.get("id"), s["name"]))


# -- what the file declares ------------------------------------------------------------------


def test_action_has_what_github_requires() -> None:
    assert ACTION["name"] == "framefit"
    assert ACTION["description"]
    assert ACTION["runs"]["using"] == "composite"
    assert STEPS
    for step in STEPS:
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step["shell"] == "bash", step


def test_every_input_is_described_and_used() -> None:
    inputs = ACTION["inputs"]
    assert sorted(inputs) == ["args", "fail-on", "format", "output", "path", "python-version"]
    used = set(re.findall(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", (ROOT / "action.yml").read_text()))
    assert used == set(inputs)
    for name, spec in inputs.items():
        assert spec["description"], name
        assert "default" in spec, name


def test_inputs_reach_scripts_through_env_only() -> None:
    for step in STEPS:
        assert "${{" not in step.get("run", ""), step["name"]
        for name, value in step.get("env", {}).items():
            # a whole value is one expression: an input or a step's output, nothing built around it
            assert re.fullmatch(r"\$\{\{ (inputs\.[\w-]+|steps\.[\w-]+\.outputs\.[\w-]+) \}\}", value), name


def test_every_script_runs_the_helper_with_the_setup_python() -> None:
    """Each `run:` is one line: the action's helper, by the interpreter setup-python gave."""
    scripts = {step["name"]: step["run"].strip() for step in STEPS if "run" in step}
    assert len(scripts) == 3
    for name, script in scripts.items():
        words = shlex.split(script)
        assert words[:2] == ["$FRAMEFIT_ACTION_PYTHON", "$GITHUB_ACTION_PATH/action/framefit_action.py"]
        assert words[2:] in (["cache-key"], ["install"], ["run"]), name
        assert _step(name)["env"]["FRAMEFIT_ACTION_PYTHON"] == "${{ steps.python.outputs.python-path }}"


def test_setup_python_leaves_the_jobs_python_alone() -> None:
    setup = next(s for s in STEPS if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["update-environment"] is False
    assert setup["id"] == "python"


def test_install_is_cached_under_the_computed_key() -> None:
    """Restored before the install, saved right after it (a job failing on findings still keeps
    it), both at the computed key; a hit skips the install and the save."""
    names = [step.get("id") or step["name"] for step in STEPS]
    assert names == ["python", "key", "cache", "Install framefit", "Save the framefit install",
                     "Run framefit"]
    restore, save = _step("cache"), _step("Save the framefit install")
    assert restore["uses"] == "actions/cache/restore@v4"
    assert save["uses"] == "actions/cache/save@v4"
    for step in (restore, save):
        assert step["with"] == {"path": "${{ runner.temp }}/framefit", "key": "${{ steps.key.outputs.key }}"}
    for step in (_step("Install framefit"), save):
        assert step["if"] == "steps.cache.outputs.cache-hit != 'true'"
    assert "if" not in _step("Run framefit")


# -- running the steps' scripts ----------------------------------------------------------------


def _fake_venv(runner_temp: Path, runner_os: str, record: Path) -> Path:
    """The layout of the virtualenv on `runner_os`, with a `framefit` that writes its arguments
    to `record` (NUL-separated) and runs the tests' own framefit."""
    real = Path(sys.executable).parent / "framefit"
    layout = "Scripts/framefit.exe" if runner_os == "Windows" else "bin/framefit"
    program = runner_temp / "framefit" / layout
    program.parent.mkdir(parents=True)
    program.write_text(f"#!/bin/sh\nprintf '%s\\0' \"$@\" > {shlex.quote(str(record))}\n"
                       f"exec {shlex.quote(str(real))} \"$@\"\n", encoding="utf-8")
    program.chmod(0o755)
    return program


def _step_env(step: dict[str, Any], inputs: dict[str, str]) -> dict[str, str]:
    """The step's `env:` with its expressions evaluated: inputs (defaults unless given) and the
    interpreter setup-python gives (here, the tests' own)."""
    values = {f"inputs.{name}": spec["default"] for name, spec in ACTION["inputs"].items()}
    values |= {f"inputs.{name.replace('_', '-')}": value for name, value in inputs.items()}
    values["steps.python.outputs.python-path"] = sys.executable
    return {key: EXPRESSION.sub(lambda m: values[m.group(1)], value)
            for key, value in step.get("env", {}).items()}


def _run_script(step: dict[str, Any], tmp_path: Path, inputs: dict[str, str] | None = None, *,
                runner_os: str = "Linux", action_path: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The step's script in bash, as the runner starts it (bash --noprofile --norc -eo pipefail),
    in the workspace `tmp_path/workspace`, with only the environment GitHub would give it."""
    workspace = tmp_path / "workspace"
    workspace.mkdir(exist_ok=True)
    env = {
        "PATH": os.environ["PATH"], "HOME": str(tmp_path),
        "FRAMEFIT_CACHE_DIR": os.environ["FRAMEFIT_CACHE_DIR"],  # the suite's, see conftest.py
        "RUNNER_OS": runner_os, "RUNNER_TEMP": str(tmp_path / "runner"),
        "GITHUB_ACTION_PATH": str(action_path), "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_OUTPUT": str(tmp_path / "github_output"),
        **_step_env(step, inputs or {}),
    }
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                          env=env, cwd=workspace, capture_output=True, text=True, check=False)


def _run_framefit(tmp_path: Path, *, runner_os: str = "Linux", **inputs: str) -> tuple[
        subprocess.CompletedProcess[str], list[str] | None]:
    """The `Run framefit` script, and the arguments framefit got (None: it never ran)."""
    record = tmp_path / "framefit-argv"
    _fake_venv(tmp_path / "runner", runner_os, record)
    done = _run_script(_step("Run framefit"), tmp_path, inputs, runner_os=runner_os)
    argv = record.read_text(encoding="utf-8").split("\0")[:-1] if record.exists() else None
    return done, argv


def test_run_step_annotates_by_default(tmp_path: Path) -> None:
    path = str(FIXTURES / "flask_sqlalchemy_login")
    done, argv = _run_framefit(tmp_path, path=path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("::error file=app/__init__.py,line=")
    assert argv == ["check", "--format", "github", "--fail-on", "error", path]


@pytest.mark.parametrize("fixture", ["flask_sqlalchemy_login", "flask_minimal"])
def test_run_step_writes_sarif_and_passes_args(tmp_path: Path, fixture: str) -> None:
    done, argv = _run_framefit(tmp_path, path=str(FIXTURES / fixture), format="sarif",
                               output="framefit.sarif", args="--exit-zero --ignore FF302")
    assert done.returncode == 0, done.stderr
    assert '"version": "2.1.0"' in (tmp_path / "workspace" / "framefit.sarif").read_text(encoding="utf-8")
    assert done.stdout.startswith("framefit ")
    assert argv is not None
    assert argv[-4:] == ["--exit-zero", "--ignore", "FF302", str(FIXTURES / fixture)]


@pytest.mark.parametrize(("fixture", "fail_on", "status"), [
    pytest.param("flask_sqlalchemy_login", "error", 1, id="findings"),
    pytest.param("flask_minimal", "error", 0, id="fits"),
    pytest.param("flask_minimal", "no-such-severity", 2, id="usage_error"),
])
def test_run_step_exits_with_framefits_status(tmp_path: Path, fixture: str, fail_on: str,
                                              status: int) -> None:
    done, _ = _run_framefit(tmp_path, path=str(FIXTURES / fixture), fail_on=fail_on, format="text")
    assert done.returncode == status, done.stdout + done.stderr


def test_args_over_several_lines_with_quotes_and_comments(tmp_path: Path) -> None:
    args = ('--exclude "app dir/*"   # vendored code\n'
            "--exclude 'it'\\''s/*.py' \\\n"
            "  --ignore FF104\n"
            "\n"
            "# --select FF1\n"
            "--exit-zero\n")
    done, argv = _run_framefit(tmp_path, path=str(FIXTURES / "flask_sqlalchemy_login"), args=args)
    assert done.returncode == 0, done.stderr
    assert argv is not None
    assert argv[5:-1] == ["--exclude", "app dir/*", "--exclude", "it's/*.py", "--ignore", "FF104",
                          "--exit-zero"]


@pytest.mark.parametrize(("args", "words", "status"), [
    pytest.param('--exclude "$(touch pwned)" --exclude \'`touch pwned`\' --exclude "*;touch pwned"',
                 ["--exclude", "$(touch pwned)", "--exclude", "`touch pwned`", "--exclude", "*;touch pwned"],
                 0, id="quoted"),
    pytest.param("$(touch pwned) `touch pwned` ; touch pwned && touch pwned | tee pwned > pwned\n"
                 "* ~ $HOME ${HOME} $((1+1)) <(touch pwned) $'a' {a,b}",
                 ["$(touch", "pwned)", "`touch", "pwned`", ";", "touch", "pwned", "&&", "touch", "pwned",
                  "|", "tee", "pwned", ">", "pwned", "*", "~", "$HOME", "${HOME}", "$((1+1))", "<(touch",
                  "pwned)", "$a", "{a,b}"],
                 2, id="bare"),
])
def test_args_are_never_run_or_expanded(tmp_path: Path, args: str, words: list[str],
                                        status: int) -> None:
    (tmp_path / "workspace").mkdir()
    (tmp_path / "workspace" / "a-file-a-glob-would-find.py").write_text("", encoding="utf-8")
    done, argv = _run_framefit(tmp_path, path=str(FIXTURES / "flask_minimal"), args=args)
    assert done.returncode == status, done.stdout + done.stderr
    assert argv is not None
    assert argv[5:-1] == words
    assert sorted(p.name for p in tmp_path.rglob("*pwned*")) == []


@pytest.mark.parametrize("args", ["", "   ", "\n\n", "  # nothing but a comment\n"])
def test_empty_args_add_nothing(tmp_path: Path, args: str) -> None:
    path = str(FIXTURES / "flask_minimal")
    done, argv = _run_framefit(tmp_path, path=path, args=args)
    assert done.returncode == 0, done.stderr
    assert argv == ["check", "--format", "github", "--fail-on", "error", path]


@pytest.mark.parametrize("args", ['--exclude "app', "--exclude 'app"])
def test_unbalanced_quotes_are_a_usage_error(tmp_path: Path, args: str) -> None:
    done, argv = _run_framefit(tmp_path, args=args)
    assert done.returncode == 2
    assert done.stdout.startswith("::error title=framefit action::the args input cannot be split")
    assert argv is None


@pytest.mark.parametrize(("runner_os", "program"), [
    ("Linux", "bin/framefit"), ("macOS", "bin/framefit"), ("Windows", "Scripts/framefit.exe")])
def test_run_step_finds_framefit_where_the_runners_virtualenv_keeps_it(
        tmp_path: Path, runner_os: str, program: str) -> None:
    done, argv = _run_framefit(tmp_path, runner_os=runner_os, path=str(FIXTURES / "flask_minimal"))
    assert (tmp_path / "runner" / "framefit" / program).is_file()
    assert done.returncode == 0, done.stdout + done.stderr
    assert argv is not None


def test_run_step_without_an_install_says_so(tmp_path: Path) -> None:
    done = _run_script(_step("Run framefit"), tmp_path)
    assert done.returncode == 2
    assert done.stdout.startswith("::error title=framefit action::framefit is not installed at ")


@pytest.mark.parametrize(("runner_os", "expected"), [
    ("Linux", "bin/python"), ("macOS", "bin/python"), ("Windows", "Scripts/python.exe"),
    ("", "Scripts/python.exe" if os.name == "nt" else "bin/python")])
def test_virtualenv_programs_per_runner_os(runner_os: str, expected: str) -> None:
    assert helper.venv_executable(Path("venv"), "python", runner_os) == Path("venv", expected)


# -- splitting args ----------------------------------------------------------------------------

SHELL_WORDS = r'f() { for word; do printf "%s\0" "$word"; done; }; f '


def _bash_words(text: str) -> list[str] | None:
    """The words bash makes of `text` as a list's items (where newlines separate words too), or
    None where bash rejects it. Only for text bash would not expand: it is bash code here."""
    done = subprocess.run(["bash", "--noprofile", "--norc", "-c",
                           f'words=({text}\n); for word in "${{words[@]}}"; do printf "%s\\0" "$word"; done'],
                          capture_output=True, text=True, check=False, env={"PATH": os.environ["PATH"]})
    return done.stdout.split("\0")[:-1] if done.returncode == 0 else None


def _split(text: str) -> list[str] | None:
    try:
        words: list[str] = helper.split_args(text)
    except ValueError:
        return None
    return words


@pytest.mark.parametrize("text", [
    "--ignore FF104 --exit-zero", "  a\t b  ", '--exclude "app dir/*"', "--exclude 'app dir/*'",
    r"app\ dir", r'"a\"b"', "a'b'\"c\"", '""', "''", r'"a\\b"', r"'a\b'", r'"a\b"', r"a\b",
    "a#b c", "a #b c", '"#a" b', "a\\#b", '--x "a\nb"', "'a\nb'", "a \\\nb", '"a\\\nb"', "'a\\\nb'",
    r'"a\$b"', r'"a\`b"', r"a\$b", "--select FF1\n--ignore FF104\n", "# all\n# comments",
    'unclosed "quote', "unclosed 'quote",
])
def test_split_args_splits_as_bash_does(text: str) -> None:
    assert _split(text) == _bash_words(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["a", "b", " ", "\t", "\n", "'", '"', "\\", "#", "\\\n", '"x\ny"',
                                 "'p\nq'", "--x=1", r"\\"]), max_size=12).map("".join))
def test_split_args_agrees_with_bash(text: str) -> None:
    """On text made of quotes, backslashes, blanks, newlines and `#` (nothing bash would expand).
    A backslash that ends the text is left out: in the list it would join the closing line."""
    assume((len(text) - len(text.rstrip("\\"))) % 2 == 0)
    assert _split(text) == _bash_words(text)


def test_split_args_keeps_a_final_backslash() -> None:
    """As `bash -c 'f a\\'` does."""
    assert helper.split_args("a\\") == ["a\\"]
    assert _bash_words_of_command("a\\") == ["a\\"]


def _bash_words_of_command(text: str) -> list[str]:
    done = subprocess.run(["bash", "--noprofile", "--norc", "-c", SHELL_WORDS + text],
                          capture_output=True, text=True, check=True)
    return done.stdout.split("\0")[:-1]


# -- the cache key -----------------------------------------------------------------------------


def _action_copy(tmp_path: Path) -> Path:
    """What the action's checkout holds that the key reads: pyproject.toml, action/, src/."""
    copy = tmp_path / "action-checkout"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for folder in ("action", "src"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=ignore)
    shutil.copy2(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def _cache_key(tmp_path: Path, action_path: Path, runner_os: str = "Linux") -> str:
    output = tmp_path / "github_output"
    output.unlink(missing_ok=True)
    done = _run_script(_step("key"), tmp_path, runner_os=runner_os, action_path=action_path)
    assert done.returncode == 0, done.stderr
    lines = output.read_bytes().split(b"\n")
    assert lines[1:] == [b""]  # one line, ending in a bare newline
    name, _, key = lines[0].decode().partition("=")
    assert name == "key"
    assert key in done.stdout
    return key


def test_cache_key_is_stable_and_follows_what_is_installed(tmp_path: Path) -> None:
    checkout = _action_copy(tmp_path)
    key = _cache_key(tmp_path, checkout)
    version = ".".join(map(str, sys.version_info[:3]))
    assert re.fullmatch(rf"framefit-Linux-[\w.]+-py{re.escape(version)}-[0-9a-f]{{40}}", key)
    assert _cache_key(tmp_path, checkout) == key
    assert _cache_key(tmp_path, checkout, runner_os="Windows") != key

    (checkout / "src" / "framefit" / "__pycache__").mkdir(exist_ok=True)
    (checkout / "src" / "framefit" / "__pycache__" / "cli.cpython-311.pyc").write_bytes(b"\0")
    (checkout / "src" / "framefit.egg-info").mkdir()
    (checkout / "src" / "framefit.egg-info" / "PKG-INFO").write_text("made by a build", encoding="utf-8")
    assert _cache_key(tmp_path, checkout) == key  # what a build leaves behind changes nothing

    changed = set()
    for edited in ("pyproject.toml", "action/constraints.txt", "src/framefit/cli.py"):
        original = (checkout / edited).read_bytes()
        (checkout / edited).write_bytes(original + b"\n# changed\n")
        changed.add(_cache_key(tmp_path, checkout))
        (checkout / edited).write_bytes(original)
    assert len(changed) == 3
    assert key not in changed
    assert _cache_key(tmp_path, checkout) == key


# -- the install and its pins ------------------------------------------------------------------


@pytest.mark.parametrize(("runner_os", "python"), [("Linux", "bin/python"),
                                                   ("Windows", "Scripts/python.exe")])
def test_install_makes_a_virtualenv_with_the_pinned_versions(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, runner_os: str, python: str) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(helper.subprocess, "run", lambda command, check: calls.append(command))
    monkeypatch.setenv("RUNNER_TEMP", str(tmp_path))
    monkeypatch.setenv("RUNNER_OS", runner_os)
    assert helper.main(["install"]) == 0
    venv = tmp_path / "framefit"
    pip = [str(venv / python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
           "--no-input", "--constraint", str(CONSTRAINTS)]
    assert calls == [[sys.executable, "-m", "venv", "--clear", str(venv)],
                     [*pip, *PYPROJECT["build-system"]["requires"]],
                     [*pip, "--no-build-isolation", str(ROOT)]]


def test_a_failed_install_fails_the_step(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    def failing(command: list[str], check: bool) -> None:
        raise subprocess.CalledProcessError(3, command)

    monkeypatch.setattr(helper.subprocess, "run", failing)
    monkeypatch.setenv("RUNNER_TEMP", str(tmp_path))
    assert helper.main(["install"]) == 3
    assert capsys.readouterr().out.startswith("::error title=framefit action::install failed: ")


def _pins() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = line.partition("#")[0].strip()
        if line:
            name, equals, version = line.partition("==")
            assert equals, f"not pinned with ==: {line}"
            assert canonicalize_name(name) not in pins, f"pinned twice: {name}"
            pins[canonicalize_name(name)] = Version(version)
    return pins


def test_constraints_pin_every_dependency_of_pyproject() -> None:
    """Adding a dependency to pyproject.toml without pinning it in action/constraints.txt fails
    here, as does a pin its requirement excludes."""
    pins = _pins()
    declared = [Requirement(text) for text in
                [*PYPROJECT["project"]["dependencies"], *PYPROJECT["build-system"]["requires"]]]
    assert [str(r) for r in declared if canonicalize_name(r.name) not in pins] == []
    for requirement in declared:
        assert requirement.specifier.contains(pins[canonicalize_name(requirement.name)]), requirement


def _runtime_closure() -> dict[str, list[Requirement]]:
    """framefit's runtime dependencies, and theirs, as installed here: name -> who requires it how.
    Requirements of extras are left out; those for another platform or Python are kept (the action
    runs on all of them), but a package not installed here is not looked into."""
    closure: dict[str, list[Requirement]] = {}
    todo = [Requirement(text) for text in PYPROJECT["project"]["dependencies"]]
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        seen = name in closure
        closure.setdefault(name, []).append(requirement)
        if seen:
            continue
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        todo += [r for r in map(Requirement, requires) if "extra" not in str(r.marker or "")]
    return closure


def test_constraints_pin_the_runtime_closure_and_nothing_else() -> None:
    pins = _pins()
    closure = _runtime_closure()
    assert {"rich", "markdown-it-py", "pygments"} <= set(closure)
    assert sorted(set(closure) - set(pins)) == []
    for name, requirements in closure.items():
        for requirement in requirements:
            assert requirement.specifier.contains(pins[name]), requirement
    build = {canonicalize_name(Requirement(text).name) for text in PYPROJECT["build-system"]["requires"]}
    assert sorted(set(pins) - set(closure) - build) == []


@pytest.mark.skipif(not os.environ.get("FRAMEFIT_TEST_ACTION_INSTALL"),
                    reason="a real virtualenv and pip install (several seconds, needs PyPI): "
                           "set FRAMEFIT_TEST_ACTION_INSTALL=1")
def test_install_and_run_steps_for_real(tmp_path: Path) -> None:
    install = _run_script(_step("Install framefit"), tmp_path)
    assert install.returncode == 0, install.stdout + install.stderr
    venv = tmp_path / "runner" / "framefit"
    frozen = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "freeze", "--all"],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    installed = dict(line.split("==") for line in frozen if "==" in line)
    pinned = {name: str(version) for name, version in _pins().items()}
    for name in set(_runtime_closure()) - {"tomli"} | {"setuptools"}:  # tomli: below 3.11 only
        assert Version(installed[next(n for n in installed if canonicalize_name(n) == name)]) == Version(
            pinned[name]), name
    path = str(FIXTURES / "flask_sqlalchemy_login")
    done = _run_script(_step("Run framefit"), tmp_path, {"path": path, "args": '--ignore "FF302"'})
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.startswith("::error file=app/__init__.py,line=")
