"""`pip install` commands among shell commands (a Dockerfile RUN split into words by
scanners/deploy/shell_words.py): their packages and -r files."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from framefit.frozen import frozen

# pip install options that take a value (the value is never a package name).
_VALUED = frozenset({
    "-c", "--constraint", "-e", "--editable", "-t", "--target", "--prefix", "--root", "-i",
    "--index-url", "--extra-index-url", "-f", "--find-links", "--trusted-host", "--platform",
    "--python-version", "--implementation", "--abi", "--only-binary", "--no-binary", "--src",
    "--cache-dir", "--progress-bar", "-C", "--config-settings", "--global-option",
    "--upgrade-strategy", "--report", "--log", "--python", "--root-user-action", "--proxy",
    "--retries", "--timeout", "--exists-action", "--cert", "--client-cert", "--use-feature",
    "--use-deprecated", "--extra-index", "-p",
})
_REQUIREMENT_OPTIONS = ("-r", "--requirement")
_PIP = re.compile(r"pip[0-9.]*")
# Flags that only show care about image size (never a constraint by themselves).
HYGIENE_FLAGS = ("--no-cache-dir", "--no-compile")


@frozen
class PipInstall:
    """One `pip install`: the package arguments and requirement files, as written."""

    packages: tuple[str, ...]
    requirement_files: tuple[str, ...]
    flags: tuple[str, ...]
    program: str = "pip"  # the pip word as written (`pip3`, `/venv/bin/pip`)


def installs(commands: Iterable[Sequence[str]]) -> list[PipInstall]:
    """Every pip install among `commands` (pip, pip3, python -m pip, uv pip), each a command's
    words as the shell splits them."""
    found: list[PipInstall] = []
    for words in commands:
        index = _install_at(words)
        if index is not None:
            found.append(_parse(words[index + 2:], words[index]))
    return found


def _install_at(words: Sequence[str]) -> int | None:
    """Where `pip install` starts among a command's words, or None when it is not one."""
    for index, word in enumerate(words[:-1]):
        if _PIP.fullmatch(word.rsplit("/", 1)[-1]) and words[index + 1] == "install":
            return index
    return None


def _parse(words: Sequence[str], program: str) -> PipInstall:
    packages: list[str] = []
    files: list[str] = []
    flags: list[str] = []
    pending: str | None = None  # the option whose value is the next word
    for word in words:
        if pending is not None:
            if pending in _REQUIREMENT_OPTIONS:
                files.append(word)
            pending = None
            continue
        option, eq, _ = word.partition("=")
        file = _requirement_file(word)
        if file is not None:
            files.append(file)
        elif word.startswith("-"):
            flags.append(option)
            if (option in _VALUED or option in _REQUIREMENT_OPTIONS) and not eq:
                pending = option
        else:
            packages.append(word)
    return PipInstall(tuple(packages), tuple(files), tuple(flags), program)


def _requirement_file(word: str) -> str | None:
    """The file a word names with its option: `--requirement=x.txt` or `-rx.txt`."""
    option, eq, value = word.partition("=")
    if option in _REQUIREMENT_OPTIONS and eq:
        return value
    if word.startswith("-r") and not word.startswith("--") and len(word) > 2:
        return word[2:]
    return None


def is_named(argument: str) -> bool:
    """True for a requirement by name (`flask`, `psycopg[binary]>=3`), not a path, URL or variable."""
    return not (argument.startswith((".", "/", "~")) or "://" in argument or "$" in argument
                or argument.endswith((".whl", ".tar.gz", ".zip")) or "/" in argument.split("[")[0])
