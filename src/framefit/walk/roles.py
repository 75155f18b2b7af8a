"""A file's role (app, test, docs, example, vendored, migration, script, and the infrastructure
around the app: dev container, CI, local development, tooling), from its path alone.

Infrastructure is not the app: a Postgres service in `.devcontainer/docker-compose.yml`, in a CI
folder or in `docker-compose.override.yml` is where developers and test runs work, and says
little about what the deployed app uses (answers/weigh.py `ROLE_WEIGHT`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
    ".devcontainer": Role.DEV_CONTAINER,
    ".github": Role.CI, ".ci": Role.CI, ".circleci": Role.CI, ".gitlab": Role.CI,
    ".buildkite": Role.CI, ".woodpecker": Role.CI,
    "migrations": Role.MIGRATION, "alembic": Role.MIGRATION,
    "scripts": Role.SCRIPT, "tools": Role.SCRIPT, "bin": Role.SCRIPT,
}

_PRIORITY = (Role.VENDORED, Role.TEST, Role.EXAMPLE, Role.DOCS, Role.DEV_CONTAINER, Role.CI,
             Role.MIGRATION, Role.SCRIPT)

# File names that are a role wherever they sit in app folders: CI configuration and the
# developers' own tools.
_NAME_ROLES: dict[str, Role] = {
    ".gitlab-ci.yml": Role.CI, ".travis.yml": Role.CI, "Jenkinsfile": Role.CI,
    "azure-pipelines.yml": Role.CI, "bitbucket-pipelines.yml": Role.CI, ".cirrus.yml": Role.CI,
    "appveyor.yml": Role.CI, ".drone.yml": Role.CI,
    "noxfile.py": Role.TOOLING, "tox.ini": Role.TOOLING, ".pre-commit-config.yaml": Role.TOOLING,
}

# A compose file or Dockerfile named for where it runs (`docker-compose.override.yml`,
# `compose.dev.yaml`, `docker-compose-ci.yml`, `Dockerfile.test`, `dev.Dockerfile`): its first
# qualifier word gives the role; any other (`prod`, `deploy`) leaves it the app's.
_CONTAINER_FILE = re.compile(
    r"(?:docker-)?compose[.-](?P<compose>[\w.-]+)\.ya?ml"
    r"|(?:Dockerfile|Containerfile)[.-](?P<after>[\w.-]+)"
    r"|(?P<before>[\w.-]+)\.(?:Dockerfile|Containerfile)",
    re.IGNORECASE,
)
_QUALIFIER_ROLES: dict[str, Role] = {
    "override": Role.LOCAL_DEV, "dev": Role.LOCAL_DEV, "develop": Role.LOCAL_DEV,
    "development": Role.LOCAL_DEV, "local": Role.LOCAL_DEV,
    "test": Role.TEST, "tests": Role.TEST, "testing": Role.TEST,
    "ci": Role.CI,
}


def role_of(path: str, projects: frozenset[str] = frozenset()) -> Role:
    """The role of the repo-relative POSIX `path`; a folder of `projects` gives no role by its
    name (`project_packages`)."""
    directory, _, name = path.rpartition("/")
    if name == "conftest.py" or (name.endswith(".py") and _is_test_module(name)):
        return Role.TEST
    role = _directory_role(_unnamed(directory, projects) if projects else directory)
    if role is Role.APP:
        return _name_role(name) or role
    return role


def project_packages(paths: Iterable[str]) -> frozenset[str]:
    """Django projects' own packages whose folder name would give them a role: a folder
    beside a manage.py that holds the project's settings (`settings.py` or a `settings/`
    package), named `example/` or `demo/` (startproject names it after the project). It is the
    project itself, as the manage.py beside it is, unless that manage.py is itself in a folder
    with a role (an example project inside a library)."""
    listed = set(paths)
    return frozenset(package for path in listed
                     if (package := _named_project(path, listed)) is not None)


def _named_project(path: str, listed: set[str]) -> str | None:
    """The project package whose settings `path` is, when its name would give it a role."""
    folder, _, name = path.rpartition("/")
    if name not in ("settings.py", "__init__.py"):
        return None
    package = folder.removesuffix("/settings") if name == "__init__.py" else folder
    parent, _, own = package.rpartition("/")
    manage = f"{parent}/manage.py" if parent else "manage.py"
    if (_DIR_ROLES.get(own.lower()) in _NAMED_PROJECTS and manage in listed
            and _directory_role(parent) is Role.APP
            and (name == "settings.py" or folder.endswith("/settings"))):
        return package
    return None


# The roles a Django project package's own name may give it by accident.
_NAMED_PROJECTS = frozenset({Role.EXAMPLE, Role.DOCS})


def _unnamed(directory: str, projects: frozenset[str]) -> str:
    """`directory` with the name of a project package it is in (or is) left out."""
    for package in projects:
        if directory == package or directory.startswith(package + "/"):
            parent = package.rpartition("/")[0]
            rest = directory[len(package):]
            return f"{parent}{rest}" if parent else rest.lstrip("/")
    return directory


@lru_cache(maxsize=16_384)
def _directory_role(directory: str) -> Role:
    """The role a directory gives its files (once per directory: files share them)."""
    found = {_DIR_ROLES.get(d.lower()) for d in directory.split("/")} if directory else set()
    return next((role for role in _PRIORITY if role in found), Role.APP)


def _name_role(name: str) -> Role | None:
    """The role a file's own name gives it in an app folder, if any."""
    if name in _NAME_ROLES:
        return _NAME_ROLES[name]
    found = _CONTAINER_FILE.fullmatch(name)
    if found is None:
        return None
    qualifier = found.group("compose") or found.group("after") or found.group("before") or ""
    return _QUALIFIER_ROLES.get(re.split(r"[._-]", qualifier.lower(), maxsplit=1)[0])


def _is_test_module(name: str) -> bool:
    stem = name[:-3]
    return stem.startswith("test_") or stem.endswith("_test") or stem == "tests"
