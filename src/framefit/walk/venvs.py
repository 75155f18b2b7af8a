"""Virtualenvs in the tree, known by their structure (a `pyvenv.cfg`, an interpreter and a
`site-packages`), never by one file: an empty `pyvenv.cfg` hides nothing, and the root is
never one."""

from __future__ import annotations

from collections.abc import Collection

CONFIG = "pyvenv.cfg"


def venv_roots(files: Collection[str], site_packages: Collection[str]) -> set[str]:
    """The directories under the root that are virtualenvs, from the walk's files and links
    (`files`) and the `site-packages` directories it saw (`site_packages`)."""
    suffix = "/" + CONFIG
    configs = {path[: -len(suffix)] for path in files if path.endswith(suffix)}
    if not configs:
        return set()
    interpreters = {home for path in files if (home := _interpreter_home(path)) in configs}
    sites = {home for path in site_packages if (home := _site_home(path)) in configs}
    return interpreters & sites


def _interpreter_home(path: str) -> str | None:
    """X for `X/bin/python*` or `X/Scripts/python.exe`."""
    parts = path.rsplit("/", 2)
    if len(parts) != 3:
        return None
    home, directory, name = parts
    posix = directory == "bin" and name.startswith("python")
    return home if posix or (directory == "Scripts" and name == "python.exe") else None


def _site_home(path: str) -> str | None:
    """X for `X/lib/python*/site-packages` or `X/Lib/site-packages`."""
    parts = path.rsplit("/", 3)
    if len(parts) == 4 and parts[1] == "lib" and parts[2].startswith("python"):
        return parts[0]
    if len(parts) >= 3 and parts[-2] == "Lib":
        return "/".join(parts[:-2])
    return None


def inside(path: str, roots: Collection[str]) -> bool:
    """Whether `path` is under one of the directories `roots`."""
    if not roots:
        return False
    directory = path
    while "/" in directory:
        directory = directory.rpartition("/")[0]
        if directory in roots:
            return True
    return False
