"""Django settings: DATABASES in its forms, INSTALLED_APPS, login keys, the real settings module."""

from __future__ import annotations

import pytest

from tests.scanners.python_helpers import scan_py, weighed

SETTINGS = "proj/settings.py"


def settings(source: str, path: str = SETTINGS, files: dict[str, str | bytes] | None = None
             ) -> list[tuple[int | None, str, float]]:
    found = weighed(scan_py(source, path, files))
    return [e for e in found if not e[1].startswith("import:") and e[1] != "django-project"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql'}}\n",
                     [(1, "django-databases-engine", 1.0)], id="engine"),
        pytest.param("BASE_DIR = x\nDATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3',"
                     " 'NAME': BASE_DIR / 'db.sqlite3'}}\n",
                     [(2, "django-databases-default-sqlite", 1.0)], id="startproject_sqlite"),
        pytest.param("import dj_database_url\nDATABASES = {'default': dj_database_url.config("
                     "default='postgres://u@h/d')}\n", [(2, "database-url-relational", 1.0)],
                     id="dj_database_url_default"),
        pytest.param("import dj_database_url\nDATABASES = {'default': dj_database_url.parse(url)}\n",
                     [(2, "django-databases-from-url", 1.0)], id="dj_database_url_parse"),
        pytest.param("import environ\nenv = environ.Env()\nDATABASES = {'default': env.db()}\n",
                     [(3, "django-databases-from-url", 1.0)], id="django_environ"),
        pytest.param("import os\nDATABASE_URL = os.environ['DATABASE_URL']\n",
                     [(2, "database-url-setting", 1.0)], id="database_url_env"),
        pytest.param("DATABASES = {'default': {'ENGINE': 'djongo'}}\n",
                     [(1, "django-databases-nonrelational", 1.0)], id="nonrelational"),
        pytest.param("DATABASES = {}\n", [(1, "django-databases-dummy", 1.0)], id="dummy"),
    ],
)
def test_databases(source: str, expected: list[tuple[int, str, float]]) -> None:
    assert settings(source) == expected


def test_installed_apps_and_login_keys() -> None:
    source = ("INSTALLED_APPS = [\n    'django.contrib.admin',\n    'django.contrib.auth',\n"
              "    'allauth.account',\n    'rest_framework.authtoken',\n]\n"
              "AUTH_USER_MODEL = 'accounts.User'\nAUTHENTICATION_BACKENDS = ['x.Backend']\n"
              "LOGIN_URL = '/login/'\n")
    assert settings(source) == [
        (2, "django-admin-installed", 1.0), (3, "django-auth-installed", 1.0),
        (4, "django-login-app-installed", 1.0), (7, "django-auth-setting", 1.0)]


MANAGE = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings.prod')\n"
ENGINE = "DATABASES = {'default': {'ENGINE': 'django.db.backends.mysql'}}\n"
SPLIT = {"manage.py": MANAGE, "proj/__init__.py": "", "proj/settings/__init__.py": ""}


@pytest.mark.parametrize(
    ("path", "weight"),
    [
        pytest.param("proj/settings/prod.py", 1.0, id="pointed_at"),
        pytest.param("proj/settings/base.py", 1.0, id="same_split_package"),
        pytest.param("old/settings.py", 0.3, id="passed_over"),
        pytest.param("proj/docs_settings.py", 0.3, id="beside_the_package__passed_over"),
        pytest.param("proj/settings/test.py", 0.3, id="same_split_package_but_for_tests"),
        pytest.param("proj/settings/testing.py", 0.3, id="split_testing"),
        pytest.param("proj/settings/ci.py", 0.3, id="split_ci"),
    ],
)
def test_the_settings_module_manage_py_points_at_counts_in_full(path: str, weight: float) -> None:
    assert settings(ENGINE, path, SPLIT) == [(1, "django-databases-engine", weight)]


def test_wsgi_beside_the_settings_points_too() -> None:
    files = {"proj/__init__.py": "", "proj/wsgi.py":
             "import os\nos.environ['DJANGO_SETTINGS_MODULE'] = 'proj.settings'\n"}
    assert settings(ENGINE, "proj/settings.py", files) == [(1, "django-databases-engine", 1.0)]
    assert settings(ENGINE, "proj/ci_settings.py", files) == [(1, "django-databases-engine", 0.3)]


def test_without_any_pointer_a_settings_module_counts_in_full() -> None:
    assert settings(ENGINE, "proj/settings.py") == [(1, "django-databases-engine", 1.0)]


@pytest.mark.parametrize("path", ["proj/settings/test.py", "proj/test_settings.py",
                                  "proj/settings_ci.py", "proj/tests/settings.py"])
def test_settings_for_tests_count_in_full_only_when_pointed_at(path: str) -> None:
    assert settings(ENGINE, path) == [(1, "django-databases-engine", 0.3)]
    module = path.removesuffix(".py").replace("/", ".")
    manage = f"import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', '{module}')\n"
    assert settings(ENGINE, path, {"manage.py": manage}) == [(1, "django-databases-engine", 1.0)]


def test_a_word_inside_a_name_is_not_a_test_word() -> None:
    assert settings(ENGINE, "contest/settings.py") == [(1, "django-databases-engine", 1.0)]
    assert settings(ENGINE, "proj/settings/latest.py", SPLIT) == [(1, "django-databases-engine", 1.0)]


def test_settings_module_pointer_is_a_django_project() -> None:
    assert weighed(scan_py(MANAGE, "manage.py")) == [(2, "django-project", 1.0)]
