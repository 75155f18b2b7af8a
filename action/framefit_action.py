"""The steps of the GitHub Action (action.yml), run by the Python that actions/setup-python set up.

    framefit_action.py cache-key   writes the step output `key`: the install's key for actions/cache
    framefit_action.py install     makes the virtualenv $RUNNER_TEMP/framefit and installs framefit
    framefit_action.py run         runs `framefit check` with the action's inputs

The inputs arrive as environment variables (INPUT_PATH, INPUT_FORMAT, INPUT_OUTPUT, INPUT_FAIL_ON,
INPUT_ARGS), never as code. `args` is split into words here, the way the shell splits a command
line but without running or expanding anything (`split_args`). Standard library only: this runs
before anything is installed, on Linux, macOS and Windows runners alike.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent  # the action's own checkout, at the ref the workflow names: GITHUB_ACTION_PATH
CONSTRAINTS = HERE / "constraints.txt"
KEY_VERSION = "1"  # bump to invalidate every cached install at once
USAGE_ERROR = 2  # framefit's own exit status for usage errors


def venv_dir() -> Path:
    return Path(os.environ["RUNNER_TEMP"]) / "framefit"


def venv_executable(venv: Path, name: str, runner_os: str = "") -> Path:
    """Where a virtualenv keeps the program `name`: Scripts\\name.exe on Windows, bin/name on
    Linux and macOS. `runner_os` is RUNNER_OS (Linux, macOS or Windows); empty: this machine."""
    windows = runner_os == "Windows" if runner_os else os.name == "nt"
    return venv / "Scripts" / f"{name}.exe" if windows else venv / "bin" / name


def split_args(text: str) -> list[str]:
    """`text` split into words as bash splits the words of a command: quotes, backslashes, blanks
    and newlines between words, a backslash-newline joining two lines, `#` comments.

    Nothing is run or expanded: `$(...)`, backticks, `$VAR`, `~` and `*` stay as written, and `;`,
    `|`, `&`, `<`, `>` are ordinary characters. shlex (POSIX mode) does the quoting and does no
    expansion; `_shell_lines` first does the little that shlex does differently from bash.
    Unbalanced quotes raise ValueError."""
    return shlex.split(_shell_lines(text), comments=False, posix=True)


def _shell_lines(text: str) -> str:
    """`text` with backslash-newlines and comments removed, and `\\$` and `\\``` inside double
    quotes unescaped, as bash does; quoting is left to shlex. shlex's own comments would end a
    word at `a#b`, where bash only starts a comment at the start of a word."""
    out: list[str] = []
    quote = ""
    i = 0
    while i < len(text):
        char = text[i]
        if quote == "'":  # nothing is special inside single quotes but the closing one
            quote = "" if char == "'" else quote
        elif char == "\\":
            escaped = text[i + 1 : i + 2]
            if escaped == "\n":  # a line continuation, inside double quotes too
                i += 2
                continue
            if not escaped:  # a backslash that ends the text is a backslash
                escaped = "\\"
            out.append(escaped if quote and escaped in "$`" else char + escaped)
            i += 2
            continue
        elif quote:
            quote = "" if char == '"' else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (not out or out[-1] in " \t\n"):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _install_files() -> Iterator[Path]:
    """The files the installed framefit depends on: its metadata, its source, the pins."""
    yield ROOT / "pyproject.toml"
    for folder in (HERE, ROOT / "src"):
        for path in folder.rglob("*"):
            if path.is_file() and not any(
                    part == "__pycache__" or part.endswith(".egg-info") for part in path.parts):
                yield path


def cache_key() -> str:
    """The key of the cached virtualenv: changes with anything that changes the install.

    The source is hashed, not the ref's name: a branch ref keeps its name while its code moves.
    The interpreter's path and full version are in it because a virtualenv points at the
    interpreter it was made with, and the venv's path because its scripts name their own path."""
    digest = hashlib.sha256()
    parts = [("key", KEY_VERSION.encode()), ("python", f"{sys.executable}\n{sys.version}".encode()),
             ("venv", str(venv_dir()).encode())]
    files = sorted(_install_files(), key=lambda path: path.relative_to(ROOT).as_posix())
    parts += [(path.relative_to(ROOT).as_posix(), path.read_bytes()) for path in files]
    for label, data in parts:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)
    runner_os = os.environ.get("RUNNER_OS") or sys.platform
    version = ".".join(str(number) for number in sys.version_info[:3])
    return f"framefit-{runner_os}-{platform.machine()}-py{version}-{digest.hexdigest()[:40]}"


def install() -> int:
    """A fresh virtualenv with framefit from the action's checkout, every dependency (and the
    build backend) at the version action/constraints.txt pins."""
    import tomllib  # Python 3.11+, checked in main

    venv = venv_dir()
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    python = venv_executable(venv, "python", os.environ.get("RUNNER_OS", ""))
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input",
           "--constraint", str(CONSTRAINTS)]
    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]
    # The build backend is installed first, pinned, and the build uses it (no build isolation):
    # an isolated build would fetch whichever setuptools is newest.
    subprocess.run([*pip, *build["requires"]], check=True)
    subprocess.run([*pip, "--no-build-isolation", str(ROOT)], check=True)
    return 0


def run() -> int:
    """`framefit check` with the inputs; its exit status is the step's."""
    env = os.environ
    try:
        extra = split_args(env.get("INPUT_ARGS", ""))
    except ValueError as error:
        return _fail(f"the args input cannot be split into words: {error}")
    framefit = venv_executable(venv_dir(), "framefit", env.get("RUNNER_OS", ""))
    if not framefit.is_file():
        return _fail(f"framefit is not installed at {framefit}")
    command = [str(framefit), "check"]
    for option, name in (("--format", "INPUT_FORMAT"), ("--fail-on", "INPUT_FAIL_ON"),
                         ("--output", "INPUT_OUTPUT")):
        if env.get(name):  # empty: framefit's own default
            command += [option, env[name]]
    command += [*extra, env.get("INPUT_PATH") or "."]
    status = subprocess.run(command, check=False).returncode
    return 128 - status if status < 0 else status  # killed by a signal: as the shell reports it


def _fail(message: str) -> int:
    """An error annotation (a workflow command, its data escaped) and framefit's usage status."""
    data = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    print(f"::error title=framefit action::{data}", flush=True)
    return USAGE_ERROR


def _write_cache_key() -> int:
    """The key as the step's output `key` (written here, with a bare newline: Python's stdout
    would end the line with CRLF on Windows), and in the log."""
    key = cache_key()
    with Path(os.environ["GITHUB_OUTPUT"]).open("a", encoding="utf-8", newline="\n") as output:
        output.write(f"key={key}\n")
    print(f"framefit install cache key: {key}")
    return 0


COMMANDS: dict[str, Callable[[], int]] = {"cache-key": _write_cache_key, "install": install,
                                          "run": run}


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in COMMANDS:
        return _fail(f"usage: framefit_action.py {{{','.join(COMMANDS)}}}")
    if sys.version_info < (3, 11):  # noqa: UP036 (python-version may name an older one)
        return _fail(f"framefit needs Python 3.11 or newer, not {platform.python_version()}")
    try:
        return COMMANDS[argv[0]]()
    except subprocess.CalledProcessError as error:
        _fail(f"{argv[0]} failed: {subprocess.list2cmdline(error.cmd)} exited {error.returncode}")
        return error.returncode or 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
