"""Which Django settings module is the real one: the one DJANGO_SETTINGS_MODULE points at.

Django finds its settings through the `DJANGO_SETTINGS_MODULE` default that `manage.py`,
`wsgi.py` and `asgi.py` set. A settings module counts in full when such a pointer names it, or
names a module of the same split-settings package (a directory named like `settings` or
`config`: `settings/base.py` under "proj.settings.production"), or when no pointer is found at
all (nothing to contradict it). A settings module that the pointers pass over (a docs, CI or
example copy) weighs OTHER_SETTINGS_WEIGHT.

A settings module named for test runs (`settings/test.py`, `testing.py`, `ci.py`,
`test_settings.py`, `tests/settings.py`) is what the tests run with, not the app: it counts in
full only when a pointer names it, never for being in the pointed package or for the want of
a pointer. Test runs are what such modules set a database up for (a Postgres `DATABASES` while
the real settings have none).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from framefit.scanners.python.imports import locate_path
from framefit.walk.reader import ReadError

if TYPE_CHECKING:
    from framefit.scanners.base import ScanContext, SourceFile

OTHER_SETTINGS_WEIGHT = 0.3
_POINTER = re.compile(rb"""DJANGO_SETTINGS_MODULE['"]\s*(?:,|\]\s*=)\s*['"]([\w.]+)['"]""")
_SPLIT_PACKAGE = re.compile(r"settings|conf", re.IGNORECASE)
_ENTRY_POINTS = ("wsgi.py", "asgi.py")
_FOR_TESTS = frozenset({"test", "tests", "testing", "ci"})  # words of a test settings module


def settings_weight(source: SourceFile, ctx: ScanContext) -> float:
    """1.0 for the real settings module (or when nothing says), else OTHER_SETTINGS_WEIGHT."""
    targets = list(_targets(source.posix, ctx))
    if _for_tests(source.posix):
        return 1.0 if source.posix.with_suffix("") in targets else OTHER_SETTINGS_WEIGHT
    if not targets or any(_is_real(source.posix, t) for t in targets):
        return 1.0
    return OTHER_SETTINGS_WEIGHT


def _for_tests(path: PurePosixPath) -> bool:
    """A settings module named for test runs: its own name, or its folder's, is a test word
    (`test`, `testing`, `ci`; `test_settings`, `settings_test`)."""
    words = {*re.split(r"[_.-]", path.stem.lower()), path.parent.name.lower()}
    return not words.isdisjoint(_FOR_TESTS)


def _targets(path: PurePosixPath, ctx: ScanContext) -> list[PurePosixPath]:
    """Where each pointer's module lives, as a path without suffix ("proj/settings/prod")."""
    found: list[PurePosixPath] = []
    for directory in [path.parent, *path.parent.parents]:
        manage = _join(directory, "manage.py")
        if ctx.reader.exists(manage):
            found += [_module_path(directory, m) for m in _pointers(manage, ctx)]
            break
    for directory in (path.parent, path.parent.parent):
        for name in _ENTRY_POINTS:
            entry = _join(directory, name)
            if ctx.reader.exists(entry):
                root = PurePosixPath(locate_path(entry, ctx.reader)[1] or ".")
                found += [_module_path(root, m) for m in _pointers(entry, ctx)]
    return found


def _join(directory: PurePosixPath, name: str) -> str:
    return (directory / name).as_posix()


def _module_path(root: PurePosixPath, module: str) -> PurePosixPath:
    return root.joinpath(*module.split("."))


def _pointers(path: str, ctx: ScanContext) -> list[str]:
    try:
        data = ctx.reader.read_bytes(path)
    except ReadError:
        return []
    return [m.group(1).decode() for m in _POINTER.finditer(data)]


def _is_real(path: PurePosixPath, target: PurePosixPath) -> bool:
    module = path.with_suffix("")
    if module == target or (path.name == "__init__.py" and path.parent == target):
        return True
    if path.parent == target:  # the pointer names a settings package: all of it counts
        return True
    return path.parent == target.parent and bool(_SPLIT_PACKAGE.search(target.parent.name))
