"""A file's role from its path: the app, what surrounds it in a repo, and the infrastructure
around it (dev containers, CI, local-development overrides, tooling)."""

from __future__ import annotations

import pytest

from framefit.model import Role
from framefit.walk.roles import project_packages, role_of


@pytest.mark.parametrize(("path", "role"), [
    ("app/models.py", Role.APP),
    ("docker-compose.yml", Role.APP),
    ("deploy/docker-compose.prod.yml", Role.APP),
    ("Dockerfile", Role.APP),
    ("Dockerfile.prod", Role.APP),
    ("tests/test_app.py", Role.TEST),
    ("app/test_views.py", Role.TEST),
    ("docs/conf.py", Role.DOCS),
    ("app/migrations/0001_initial.py", Role.MIGRATION),
    (".devcontainer/docker-compose.yml", Role.DEV_CONTAINER),
    (".devcontainer/Dockerfile", Role.DEV_CONTAINER),
    ("services/api/.devcontainer/compose.yaml", Role.DEV_CONTAINER),
    (".github/workflows/tests.yml", Role.CI),
    (".github/scripts/check.py", Role.CI),
    (".ci/docker-compose.yml", Role.CI),
    (".circleci/config.yml", Role.CI),
    (".gitlab-ci.yml", Role.CI),
    ("Jenkinsfile", Role.CI),
    ("docker-compose.ci.yml", Role.CI),
    ("docker-compose.override.yml", Role.LOCAL_DEV),
    ("compose.override.yaml", Role.LOCAL_DEV),
    ("docker-compose.dev.yml", Role.LOCAL_DEV),
    ("docker-compose-local.yml", Role.LOCAL_DEV),
    ("compose.development.yaml", Role.LOCAL_DEV),
    ("Dockerfile.dev", Role.LOCAL_DEV),
    ("dev.Dockerfile", Role.LOCAL_DEV),
    ("docker-compose.test.yml", Role.TEST),
    ("noxfile.py", Role.TOOLING),
    (".pre-commit-config.yaml", Role.TOOLING),
])
def test_role_of(path: str, role: Role) -> None:
    assert role_of(path) is role


def test_a_test_file_in_ci_is_a_test() -> None:
    assert role_of(".github/scripts/test_release.py") is Role.TEST


def test_a_folder_role_wins_over_a_file_name() -> None:
    # A local-development compose file of the dev container is the dev container's.
    assert role_of(".devcontainer/docker-compose.override.yml") is Role.DEV_CONTAINER
    assert role_of("examples/docker-compose.dev.yml") is Role.EXAMPLE


def test_names_that_only_look_like_infrastructure_stay_the_app() -> None:
    assert role_of("app/ci.py") is Role.APP
    assert role_of("github/views.py") is Role.APP
    assert role_of("app/devcontainer.py") is Role.APP
    assert role_of("composer.yml") is Role.APP


@pytest.mark.parametrize(("paths", "projects"), [
    # startproject named the project "example": its package beside manage.py is the project
    (["manage.py", "example/__init__.py", "example/settings.py", "example/urls.py"], {"example"}),
    (["web/manage.py", "web/demo/settings/__init__.py", "web/demo/settings/base.py"], {"web/demo"}),
    # an example project inside a library stays an example: its manage.py is in examples/
    (["examples/demo/manage.py", "examples/demo/demo/settings.py"], set()),
    # a folder named example without a manage.py beside it, or without settings
    (["example/settings.py", "src/app.py"], set()),
    (["manage.py", "example/views.py"], set()),
    # a package whose name gives no role needs nothing
    (["manage.py", "shop/settings.py"], set()),
])
def test_a_django_projects_own_package_is_found_by_its_manage_py_and_settings(
        paths: list[str], projects: set[str]) -> None:
    assert project_packages(paths) == projects


def test_a_project_package_gives_no_role_by_its_name_but_its_tests_stay_tests() -> None:
    projects = project_packages(["manage.py", "example/settings.py", "example/tests/test_x.py"])
    assert role_of("example/urls.py", projects) is Role.APP
    assert role_of("example/migrations/0001_initial.py", projects) is Role.MIGRATION
    assert role_of("example/tests/test_x.py", projects) is Role.TEST
    assert role_of("example/urls.py") is Role.EXAMPLE  # by its path alone
