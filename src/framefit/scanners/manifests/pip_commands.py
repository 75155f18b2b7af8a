"""`pip install` commands inside shell text (a Dockerfile RUN): their packages and -r files."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

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
_SPLIT = re.compile(r"&&|\|\||;|\||\n")
# Flags that only show care about image size (never a constraint by themselves).
HYGIENE_FLAGS = ("--no-cache-dir", "--no-compile")


@dataclass(frozen=True, slots=True)
class PipInstall:
    """One `pip install`: the package arguments and requirement files, as written."""

    packages: tuple[str, ...]
    requirement_files: tuple[str, ...]
    flags: tuple[str, ...]


def installs(shell: str) -> tuple[list[PipInstall], list[str]]:
    """Every pip install in `shell` (pip, pip3, python -m pip, uv pip); commands that did not split."""
    found: list[PipInstall] = []
    broken: list[str] = []
    for command in _SPLIT.split(shell):
        try:
            words = shlex.split(command, comments=False)
        except ValueError:
            broken.append(command.strip())
            continue
        rest = _after_install(words)
        if rest is not None:
            found.append(_parse(rest))
    return found, broken


def _after_install(words: list[str]) -> list[str] | None:
    """The words after `... pip install`, or None when the command is not a pip install."""
    for index, word in enumerate(words[:-1]):
        name = word.rsplit("/", 1)[-1]
        is_pip = re.fullmatch(r"pip[0-9.]*", name) is not None
        if is_pip and words[index + 1] == "install":
            return words[index + 2:]
    return None


def _parse(words: list[str]) -> PipInstall:
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
        option, eq, value = word.partition("=")
        if option in _REQUIREMENT_OPTIONS and eq:
            files.append(value)
        elif word.startswith("-r") and not word.startswith("--") and len(word) > 2:
            files.append(word[2:])
        elif word.startswith("-"):
            flags.append(option)
            if (option in _VALUED or option in _REQUIREMENT_OPTIONS) and not eq:
                pending = option
        else:
            packages.append(word)
    return PipInstall(tuple(packages), tuple(files), tuple(flags))


def is_named(argument: str) -> bool:
    """True for a requirement by name (`flask`, `psycopg[binary]>=3`), not a path, URL or variable."""
    return not (argument.startswith((".", "/", "~")) or "://" in argument or "$" in argument
                or argument.endswith((".whl", ".tar.gz", ".zip")) or "/" in argument.split("[")[0])
