"""A file's role (app, test, docs, example, vendored, migration, script), from its path alone."""

from __future__ import annotations

from functools import lru_cache

from framefit.model import Role

# Directory names that give their files a role. When several do (`tests/app/migrations/`), the
# earlier role in _PRIORITY wins: a migration inside a test tree is test data.
_DIR_ROLES: dict[str, Role] = {
    "tests": Role.TEST, "test": Role.TEST, "testing": Role.TEST, "testcases": Role.TEST,
    "docs": Role.DOCS, "doc": Role.DOCS, "documentation": Role.DOCS,
    "examples": Role.EXAMPLE, "example": Role.EXAMPLE, "samples": Role.EXAMPLE,
    "sample": Role.EXAMPLE, "demo": Role.EXAMPLE, "demos": Role.EXAMPLE, "tutorial": Role.EXAMPLE,
    "vendor": Role.VENDORED, "vendored": Role.VENDORED, "_vendor": Role.VENDORED,
    "third_party": Role.VENDORED, "thirdparty": Role.VENDORED, "extern": Role.VENDORED,
    "migrations": Role.MIGRATION, "alembic": Role.MIGRATION,
    "scripts": Role.SCRIPT, "tools": Role.SCRIPT, "bin": Role.SCRIPT,
}

_PRIORITY = (Role.VENDORED, Role.TEST, Role.EXAMPLE, Role.DOCS, Role.MIGRATION, Role.SCRIPT)


def role_of(path: str) -> Role:
    """The role of the repo-relative POSIX `path`."""
    directory, _, name = path.rpartition("/")
    if name == "conftest.py" or (name.endswith(".py") and _is_test_module(name)):
        return Role.TEST
    return _directory_role(directory)


@lru_cache(maxsize=16_384)
def _directory_role(directory: str) -> Role:
    """The role a directory gives its files (once per directory: files share them)."""
    found = {_DIR_ROLES.get(d.lower()) for d in directory.split("/")} if directory else set()
    return next((role for role in _PRIORITY if role in found), Role.APP)


def _is_test_module(name: str) -> bool:
    stem = name[:-3]
    return stem.startswith("test_") or stem.endswith("_test") or stem == "tests"
