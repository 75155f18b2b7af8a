"""Services: the walk's candidates from paths, and the services a repo's evidence makes of them
(through `framefit.check` on generated trees, both modes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from framefit import check
from framefit.walk.services import candidate_of, candidates, owner, settle

FLASK = "from flask import Flask\n\napp = Flask(__name__)\n"
MANAGE = ("import os\nimport sys\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n"
          "from django.core.management import execute_from_command_line\n\n"
          "execute_from_command_line(sys.argv)\n")
SETTINGS = "INSTALLED_APPS = ['django.contrib.auth']\nDATABASES = {'default': {'ENGINE': 'x.postgresql'}}\n"


@pytest.mark.parametrize(("path", "candidate"), [
    pytest.param("requirements.txt", ".", id="root"),
    pytest.param("svc/api/pyproject.toml", "svc/api", id="pyproject"),
    pytest.param("svc/api/requirements/requirements-prod.txt", "svc/api", id="includes_belong_to_the_parent"),
    pytest.param("svc/api/requirements/base.txt", None, id="an_include_named_otherwise__none"),
    pytest.param("pkg.egg-info/PKG-INFO", ".", id="metadata_belongs_to_the_parent"),
    pytest.param("site/manage.py", "site", id="manage"),
    pytest.param("app/models.py", None, id="code__none"),
])
def test_candidate_of(path: str, candidate: str | None) -> None:
    assert candidate_of(path) == candidate


def test_every_manifest_and_manage_py_proposes_a_candidate() -> None:
    paths = ["requirements.txt", "src/manage.py", "api/pyproject.toml", "api/app.py"]
    assert candidates(paths) == (".", "api", "src")


def test_owner_and_settle() -> None:
    assert owner("api/app/views.py", (".", "api", "api/app/admin")) == "api"
    assert settle((".", "a", "a/b", "a/b/c"), {"a": True, "a/b/c": True}) == {
        ".": ".", "a": "a", "a/b": "a", "a/b/c": "a/b/c"}


def services_of(root: Path, files: dict[str, str]) -> list[tuple[str, str | None]]:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    found = []
    for exhaustive in (False, True):
        report = check(root, exhaustive=exhaustive).to_dict()
        found.append([(s["path"], s["framework"]) for s in report["services"]])
    assert found[0] == found[1]
    return found[0]


DJANGO_IN_SRC = {"src/manage.py": MANAGE, "src/proj/__init__.py": "", "src/proj/settings.py": SETTINGS}


def test_a_manage_py_below_a_real_manifest_is_that_manifest_s_service(tmp_path: Path) -> None:
    files = {"requirements.txt": "django>=5\n", **DJANGO_IN_SRC}
    assert services_of(tmp_path, files) == [(".", "django")]


@pytest.mark.parametrize("manifest", [
    pytest.param({"pyproject.toml": "[tool.ruff]\nline-length = 100\n"}, id="tool_only_pyproject"),
    pytest.param({"setup.cfg": "[flake8]\nmax-line-length = 100\n"}, id="tool_only_setup_cfg"),
    pytest.param({"requirements.txt": "# nothing yet\n"}, id="empty_requirements"),
])
def test_a_manage_py_below_a_file_that_declares_nothing_is_its_own_service(
        tmp_path: Path, manifest: dict[str, str]) -> None:
    assert services_of(tmp_path, {**manifest, **DJANGO_IN_SRC}) == [("src", "django")]


def test_a_setup_py_that_is_a_module_of_a_package_is_no_service(tmp_path: Path) -> None:
    files = {"requirements.txt": "flask\n", "shop/__init__.py": FLASK, "shop/hooks/__init__.py": "",
             "shop/hooks/setup.py": "from flask import Flask\n\n\ndef setup(app: Flask) -> None:\n"
                                    "    app.config['X'] = 1\n\n\nsetup(Flask('x'))\n"}
    assert services_of(tmp_path, files) == [(".", "flask")]


def test_a_setup_py_that_calls_setuptools_is_a_service(tmp_path: Path) -> None:
    files = {"requirements.txt": "flask\n", "app.py": FLASK,
             "tools/ui/setup.py": "from setuptools import setup\n\nsetup(install_requires=['flask'])\n",
             "tools/ui/ui.py": FLASK}
    assert services_of(tmp_path, files) == [(".", "flask"), ("tools/ui", "flask")]
