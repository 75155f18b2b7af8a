"""Code idioms from code.toml: calls, bases, decorators, names, string arguments, URLs."""

from __future__ import annotations

import pytest

from framefit.catalog import load
from tests.scanners.python_helpers import cited, scan_py


def idioms(source: str, path: str = "app.py", files: dict[str, str | bytes] | None = None,
           local: frozenset[str] = frozenset()) -> list[str]:
    """Cited evidence without the imports (their tests are in test_python_imports)."""
    return [c for c in cited(scan_py(source, path, files, local)) if " import:" not in c]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("from flask import Flask\napp = Flask(__name__)\n", ["2 flask-app"], id="flask"),
        pytest.param("import flask\n\ndef create_app():\n    app = flask.Flask(__name__)\n",
                     ["4 flask-app"], id="flask_factory"),
        pytest.param("from fastapi import FastAPI\napp = FastAPI()\n", ["2 fastapi-app"], id="fastapi"),
        pytest.param("from starlette.applications import Starlette\napp = Starlette()\n",
                     ["2 starlette-app"], id="starlette"),
        pytest.param("from aiohttp import web\napp = web.Application()\n", ["2 aiohttp-app"], id="aiohttp"),
        pytest.param("import tornado.web\napp = tornado.web.Application([])\n", ["2 tornado-app"],
                     id="tornado"),
        pytest.param("from quart import Quart\napp = Quart(__name__)\n", ["2 quart-app"], id="quart"),
        pytest.param("from sanic import Sanic\napp = Sanic('x')\n", ["2 sanic-app"], id="sanic"),
        pytest.param("from pyramid.config import Configurator\nc = Configurator()\n", ["2 pyramid-app"],
                     id="pyramid"),
        pytest.param("import falcon\napp = falcon.App()\n", ["2 falcon-app"], id="falcon"),
        pytest.param("from django.core.wsgi import get_wsgi_application\napplication = "
                     "get_wsgi_application()\n", ["2 django-project"], id="django_wsgi"),
        pytest.param("class Flask:\n    pass\napp = Flask(__name__)\n", [], id="local_flask__no"),
    ],
)
def test_app_objects(source: str, expected: list[str]) -> None:
    assert idioms(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy(app)\n"
                     "class Note(db.Model):\n    pass\n",
                     ["2 flask-sqlalchemy-db", "3 sqlalchemy-model"], id="flask_sqlalchemy"),
        pytest.param("from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\ndb.init_app(app)\n",
                     ["2 flask-sqlalchemy-db"], id="init_app_same_signal"),
        pytest.param("from sqlalchemy.orm import declarative_base\nBase = declarative_base()\n"
                     "class Item(Base):\n    pass\n",
                     ["2 sqlalchemy-declarative-base", "3 sqlalchemy-model"], id="declarative_base"),
        pytest.param("from sqlalchemy.orm import DeclarativeBase\nclass Base(DeclarativeBase):\n"
                     "    pass\nclass Item(Base):\n    pass\n", ["2 sqlalchemy-model"],
                     id="declarative_subclass_chain"),
        pytest.param("import sqlite3\nc = sqlite3.connect('x.db')\n", ["2 sqlite-connect"], id="sqlite3"),
        pytest.param("import psycopg2\nc = psycopg2.connect(dsn)\n", ["2 sql-driver-connect"], id="psycopg2"),
        pytest.param("from sqlalchemy import create_engine\ne = create_engine('mysql+pymysql://u@h/db')\n",
                     ["2 database-url-relational"], id="create_engine_mysql"),
        pytest.param("from sqlalchemy import create_engine\ne = create_engine('sqlite:///x.db')\n",
                     ["2 database-url-sqlite"], id="create_engine_sqlite"),
        pytest.param("import sqlalchemy\ne = sqlalchemy.create_engine(settings.url)\n",
                     ["2 sqlalchemy-engine"], id="create_engine_no_literal"),
        pytest.param("import redis\nr = redis.Redis(host='cache')\n", ["2 nonrelational-client"], id="redis"),
        pytest.param("import redis\nr = redis.from_url('redis://cache:6379/0')\n",
                     ["2 database-url-nonrelational"], id="redis_url"),
        pytest.param("from pymongo import MongoClient\nc = MongoClient()\n", ["2 nonrelational-client"],
                     id="mongo"),
        pytest.param("from django.db import models\nclass Post(models.Model):\n    pass\n",
                     ["2 django-model"], id="django_model"),
        pytest.param("from django.db import migrations\nops = [migrations.CreateModel(name='A')]\n",
                     ["2 django-migration-model"], id="django_migration"),
        pytest.param("from alembic import op\ndef upgrade():\n    op.create_table('t')\n",
                     ["3 alembic-create-table"], id="alembic_op"),
    ],
)
def test_database_idioms(source: str, expected: list[str]) -> None:
    assert idioms(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("from flask_login import LoginManager, login_required, login_user, current_user\n"
                     "lm = LoginManager(app)\n@lm.user_loader\ndef load(i):\n    pass\n"
                     "@login_required\ndef v():\n    login_user(u)\n    return current_user.id\n",
                     ["2 flask-login-manager", "6 flask-login-required", "8 flask-login-user",
                      "9 flask-login-current-user"], id="flask_login"),
        pytest.param("from flask_security import Security\ns = Security(app, store)\n",
                     ["2 flask-security-login"], id="flask_security"),
        pytest.param("from flask_security import Security, SQLAlchemyUserDatastore\n"
                     "s = Security(app, SQLAlchemyUserDatastore(db, User, Role))\n",
                     ["2 flask-security-app", "2 flask-security-login"],
                     id="flask_security_relational_datastore"),
        pytest.param("from flask_security import UserMixin\nclass User(UserMixin):\n    pass\n",
                     ["2 flask-security-login"], id="flask_security_user_class_is_not_a_table"),
        pytest.param("from flask_appbuilder import AppBuilder\nab = AppBuilder(app)\n",
                     ["2 flask-appbuilder-app"], id="flask_appbuilder"),
        pytest.param("from authlib.integrations.flask_client import OAuth\noauth = OAuth(app)\n",
                     ["2 user-oauth-client"], id="authlib"),
        pytest.param("from flask_dance.contrib.github import make_github_blueprint\n"
                     "bp = make_github_blueprint()\n", ["2 user-oauth-client"], id="flask_dance"),
        pytest.param("from django.contrib.auth import authenticate, login\n"
                     "def v(r):\n    u = authenticate(r)\n    login(r, u)\n",
                     ["3 django-auth-call"], id="django_authenticate_login"),
        pytest.param("from django.contrib.auth.decorators import login_required\n@login_required\n"
                     "def v(r):\n    pass\n", ["2 django-login-required"], id="django_login_required"),
        pytest.param("from django.contrib import admin\nfrom django.urls import path, include\n"
                     "urlpatterns = [\n    path('admin/', admin.site.urls),\n"
                     "    path('a/', include('django.contrib.auth.urls')),\n"
                     "    path('b/', include('allauth.urls')),\n]\n",
                     ["4 django-admin-urls", "5 django-auth-urls", "6 django-allauth-urls"],
                     id="django_urls"),
        pytest.param("from django.contrib.auth import views as auth_views\n"
                     "v = auth_views.LoginView.as_view()\n", ["2 django-login-view"], id="login_view"),
        pytest.param("from django.contrib import admin\nadmin.site.register(Post)\n",
                     ["2 django-admin-models"], id="admin_register"),
        pytest.param("from django.contrib.auth.models import AbstractUser\nclass User(AbstractUser):\n"
                     "    pass\n", ["2 django-custom-user"], id="custom_user"),
        pytest.param("from werkzeug.security import generate_password_hash\n"
                     "h = generate_password_hash(pw)\n", ["2 password-hashing"], id="hashing"),
    ],
)
def test_login_idioms(source: str, expected: list[str]) -> None:
    assert idioms(source) == expected


def test_db_made_in_extensions_resolves_models_elsewhere() -> None:
    files = {"app/__init__.py": "", "app/extensions.py":
             "from flask_sqlalchemy import SQLAlchemy as S\ndb = S()\n"}
    source = "from app.extensions import db\n\n\nclass Note(db.Model):\n    pass\n"
    assert idioms(source, "app/models.py", files, frozenset({"app"})) == ["4 sqlalchemy-model"]


def test_db_re_exported_by_the_package_is_followed() -> None:
    files = {"app/__init__.py": "from .extensions import db\n",
             "app/extensions.py": "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n"}
    source = "from . import db\n\nclass Note(db.Model):\n    pass\ndb.init_app(app)\n"
    assert idioms(source, "app/models.py", files, frozenset({"app"})) == [
        "3 sqlalchemy-model", "5 flask-sqlalchemy-db"]


def test_first_party_model_base_of_another_library_is_not_a_table() -> None:
    files = {"app/__init__.py": "", "app/forms.py": "import wtforms\nforms = wtforms.Form()\n"}
    source = "from app.forms import forms\n\nclass Signup(forms.Model):\n    pass\n"
    assert idioms(source, "app/views.py", files, frozenset({"app"})) == []


def test_first_party_module_that_is_missing_or_broken_resolves_nothing() -> None:
    files = {"app/__init__.py": "", "app/ext.py": b"db = (\n"}
    source = "from app.ext import db\nfrom app.gone import other\nclass A(db.Model):\n    pass\n" \
             "class B(other.Model):\n    pass\n"
    assert idioms(source, "app/models.py", files, frozenset({"app"})) == []


def _signal_ids(table: object) -> list[str]:
    if isinstance(table, dict):
        return [s for v in table.values() for s in _signal_ids(v)]
    return [table] if isinstance(table, str) else []


def test_every_signal_the_code_and_settings_tables_name_exists() -> None:
    catalog = load()
    code = catalog.table("code")
    named = [s for t in ("names", "call_args", "url_calls") for s in _signal_ids(code.get(t))]
    config = catalog.table("settings").get("config", {})
    django = catalog.table("settings").get("django", {})
    assert isinstance(config, dict)
    assert isinstance(django, dict)
    named += _signal_ids(config.get("keys")) + _signal_ids(django.get("keys"))
    models = code.get("model_signals", [])
    assert isinstance(models, list)
    named += [str(s) for s in models]
    assert sorted(set(named) - set(catalog.signals)) == []
    assert len(named) > 30


MOUNTING = "from fastapi import FastAPI\nfrom fastapi.middleware.wsgi import WSGIMiddleware\n"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(MOUNTING + "from flask import Flask\nold = Flask('old')\napi = FastAPI()\n"
                     "api.mount('/', WSGIMiddleware(old))\n",
                     ["4 flask-app", "5 fastapi-app", "6 flask-app-mounted"], id="adapter_at_root"),
        pytest.param(MOUNTING + "from flask import Flask\nold = Flask('old')\napi = FastAPI()\n"
                     "api.mount(path='/', app=old)\n",
                     ["4 flask-app", "5 fastapi-app", "6 flask-app-mounted"], id="keywords"),
        pytest.param(MOUNTING + "from flask import Flask\nold = Flask('old')\napi = FastAPI()\n"
                     "api.mount('/legacy', WSGIMiddleware(old))\n",
                     ["4 flask-app", "5 fastapi-app"], id="under_a_prefix__no"),
        pytest.param(MOUNTING + "api = FastAPI()\napi.mount('/', WSGIMiddleware(other))\n",
                     ["3 fastapi-app"], id="unknown_app__no"),
    ],
)
def test_an_app_mounted_at_the_root_serves_the_requests(source: str, expected: list[str]) -> None:
    assert idioms(source) == expected


def test_a_mounted_app_made_in_another_first_party_module_is_resolved() -> None:
    files = {"svc/__init__.py": "", "svc/legacy.py": "import flask\napp = flask.Flask(__name__)\n"}
    source = "from fastapi import FastAPI\nfrom svc.legacy import app as old\napi = FastAPI()\n" \
             "api.mount('/', Bridge(old))\n"
    assert idioms(source, "svc/asgi.py", files, frozenset({"svc"})) == [
        "3 fastapi-app", "4 flask-app-mounted"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("class Router:\n    async def __call__(self, scope, receive, send):\n        pass\n",
                     ["2 asgi-app"], id="callable_class"),
        pytest.param("async def app(scope, receive, send):\n    pass\n", ["1 asgi-app"], id="function"),
        pytest.param("class Handler:\n    def __call__(self, scope, receive, send):\n        pass\n",
                     [], id="not_async__no"),
        pytest.param("async def handle(scope, receive):\n    pass\n", [], id="other_parameters__no"),
    ],
)
def test_a_hand_written_asgi_app(source: str, expected: list[str]) -> None:
    assert idioms(source) == expected


def test_a_driver_re_exported_by_a_first_party_module_is_followed() -> None:
    # `try: import pysqlite3 as sqlite3 / except ImportError: import sqlite3` in one module,
    # `from .utils import sqlite3` everywhere else.
    files = {"ds/__init__.py": "", "ds/utils.py": "try:\n    import pysqlite3 as sqlite3\n"
             "except ImportError:\n    import sqlite3\n"}
    source = "from .utils import sqlite3\n\n\ndef open_db(path):\n    return sqlite3.connect(path)\n"
    assert idioms(source, "ds/database.py", files, frozenset({"ds"})) == ["5 sqlite-connect"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('def dockerfile(port):\n    return f"""\nFROM python:3.12-slim\nCOPY . /app\n'
                     'RUN pip install .\nCMD serve --port {port}\n"""\n', ["3 docker-base-slim"],
                     id="f_string"),
        pytest.param('IMAGE = """FROM alpine:3.20\nRUN apk add python3\n"""\n', ["1 docker-base-alpine"],
                     id="plain_string"),
        pytest.param('QUERY = """\nSELECT id\nFROM python\nWHERE slim = 1\n"""\n', [], id="sql__no"),
        pytest.param('HELP = "Write FROM python:3.12-slim in your Dockerfile"\n', [], id="prose__no"),
    ],
)
def test_a_dockerfile_the_code_writes_names_its_base_image(source: str, expected: list[str]) -> None:
    assert idioms(source) == expected
