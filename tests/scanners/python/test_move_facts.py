"""The move's code facts: what a module gives (what a move to the other framework touches),
each idiom with a near miss, read from the module's bytes."""

from __future__ import annotations

import pytest

from tests.scanners.python_helpers import move_py

ORM = "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n"
FLASK = "from flask import Flask, Blueprint\napp = Flask(__name__)\nbp = Blueprint('b', __name__)\n"


def _facts(source: str, path: str = "app.py", files: dict[str, str | bytes] | None = None,
           local: frozenset[str] = frozenset()) -> list[str]:
    """`line framework kind name` of every fact the module gives."""
    return [f"{f.line} {f.framework} {f.kind.value} {f.name}".rstrip()
            for f in move_py(source, path, files, local)]


@pytest.mark.parametrize(("source", "expected"), [
    pytest.param(FLASK + "@app.route('/')\ndef i(): pass\n", ["4 flask route"], id="route_on_the_app"),
    pytest.param("@anything.route('/')\ndef i(): pass\n", ["1 flask route"], id="route_on_any_object"),
    pytest.param(FLASK + "@bp.get('/x')\ndef x(): pass\n@bp.delete('/x')\ndef d(): pass\n",
                 ["4 flask route", "6 flask route"], id="verb_on_a_blueprint"),
    pytest.param("@cache.get('/x')\ndef x(): pass\n", [], id="verb_on_something_else__no"),
    pytest.param("@bp.route\ndef x(): pass\n", [], id="route_not_called__no"),
    pytest.param(FLASK + "app.add_url_rule('/y', view_func=f)\n", ["4 flask route"], id="add_url_rule"),
    pytest.param("from flask_restful import Api\napi = Api()\napi.add_resource(R, '/r')\n",
                 ["3 flask route"], id="add_resource"),
    pytest.param("from django.urls import path, re_path\nurls = [path('', v), re_path('^x', w)]\n",
                 ["2 django route", "2 django route"], id="urlconf_entries"),
    pytest.param("def path(x, y): pass\nurls = [path('', v)]\n", [], id="a_path_of_its_own__no"),
    pytest.param("from rest_framework.routers import DefaultRouter\nr = DefaultRouter()\n"
                 "r.register('items', V)\n", ["3 django route"], id="drf_router"),
    pytest.param("from ninja import NinjaAPI\napi = NinjaAPI()\n@api.get('/x')\ndef x(r): pass\n",
                 ["3 django route"], id="ninja_operation"),
    pytest.param("from flask import Blueprint\nbp = Blueprint('shop', __name__)\n",
                 ["2 flask blueprint shop"], id="blueprint"),
])
def test_routes_and_blueprints(source: str, expected: list[str]) -> None:
    kind = " blueprint" if "blueprint" in " ".join(expected) else " route"
    assert [f for f in _facts(source) if kind in f] == expected


@pytest.mark.parametrize(("source", "expected"), [
    pytest.param("from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n"
                 "class Base(db.Model):\n    __abstract__ = True\n"
                 "class User(Base):\n    id = db.Column()\n", ["5 flask model User"], id="abstract_base"),
    pytest.param("from sqlalchemy.orm import DeclarativeBase\nclass Base(DeclarativeBase):\n    pass\n"
                 "class Item(Base):\n    id = 1\n", ["4 flask model Item"], id="declarative_base"),
    pytest.param("from sqlmodel import SQLModel\nclass HeroBase(SQLModel):\n    name: str\n"
                 "class Hero(SQLModel, table=True):\n    id: int\n", ["4 flask model Hero"],
                 id="sqlmodel_table"),
    pytest.param("import peewee\nclass BaseModel(peewee.Model):\n    class Meta:\n        database = db\n"
                 "class Tweet(BaseModel):\n    text = peewee.TextField()\n", ["5 flask model Tweet"],
                 id="peewee_base_declares_only_meta"),
    pytest.param("from pony.orm import Database\ndb = Database()\nclass Person(db.Entity):\n    name = 1\n",
                 ["3 flask model Person"], id="pony"),
    pytest.param("from django.db import models\nclass Stamp(models.Model):\n    at = 1\n"
                 "    class Meta:\n        abstract = True\nclass Post(Stamp):\n    title = 1\n",
                 ["6 django model Post"], id="django_abstract"),
    pytest.param("from django.contrib.auth.models import AbstractUser\nclass User(AbstractUser):\n"
                 "    bio = 1\n", ["2 django model User"], id="custom_user"),
    pytest.param("class Plain:\n    id = 1\n", [], id="no_base__no"),
])
def test_models(source: str, expected: list[str]) -> None:
    assert [f for f in _facts(source) if " model " in f] == expected


def test_a_model_through_the_repos_own_module() -> None:
    files = {"app/__init__.py": "", "app/db.py": ORM}
    source = "from .db import db\n\nclass Note(db.Model):\n    id = db.Column()\n"
    assert _facts(source, "app/models.py", files, frozenset({"app"})) == ["3 flask model Note"]


def test_a_model_of_a_base_the_repos_own_module_makes() -> None:
    # Idioms does not follow a bare base name into the module it comes from; a move does (its
    # class head names it): `Base = declarative_base()` in app/db.py, subclassed twice here.
    files = {"app/__init__.py": "",
             "app/db.py": "from sqlalchemy.orm import declarative_base\nBase = declarative_base()\n"}
    source = ("from .db import Base\n\nclass Named(Base):\n    __abstract__ = True\n\n"
              "class Item(Named):\n    id = 1\n\nclass Tag(Base):\n    id = 1\n")
    assert _facts(source, "app/models.py", files, frozenset({"app"})) == [
        "6 flask model Item", "9 flask model Tag"]


def test_a_class_of_the_repos_own_base_that_is_no_model_is_not_foreseen() -> None:
    # The first-party name in the class head is bound to a resource, not a model base: the
    # module's other import (a whole module binding the ORM) does not make it a move's module.
    files = {"app/__init__.py": "", "app/db.py": ORM,
             "app/base.py": "from flask_restful import Resource\nclass BaseResource(Resource):\n    pass\n"}
    source = "from app import db\nfrom .base import BaseResource\n\nclass Notes(BaseResource):\n    pass\n"
    assert _facts(source, "app/notes.py", files, frozenset({"app"})) == []


@pytest.mark.parametrize(("source", "expected"), [
    pytest.param("from flask_wtf import FlaskForm\nclass Base(FlaskForm):\n    pass\n"
                 "class Login(Base):\n    pass\n", ["2 flask form Base", "4 flask form Login"],
                 id="flask_wtf_and_its_subclass"),
    pytest.param("import wtforms\nclass F(wtforms.Form):\n    pass\n", ["2 flask form F"], id="wtforms"),
    pytest.param("from django import forms\nclass S(forms.Form):\n    q = 1\nclass M(forms.ModelForm):\n"
                 "    pass\n", ["2 django form S", "4 django form M"], id="django_forms"),
    pytest.param("class Form:\n    pass\nclass F(Form):\n    pass\n", [], id="a_form_of_its_own__no"),
])
def test_forms(source: str, expected: list[str]) -> None:
    assert [f for f in _facts(source) if " form " in f] == expected


def test_a_form_base_from_the_repos_own_module() -> None:
    files = {"app/__init__.py": "",
             "app/base.py": "from flask_wtf import FlaskForm\nclass ShopForm(FlaskForm):\n    pass\n"}
    source = "from .base import ShopForm\n\nclass Login(ShopForm):\n    pass\n"
    assert _facts(source, "app/forms.py", files, frozenset({"app"})) == ["3 flask form Login"]


@pytest.mark.parametrize(("source", "expected"), [
    pytest.param("from flask import Flask\napp = Flask(__name__)\n", ["2 flask templates app/templates"],
                 id="beside_the_app"),
    pytest.param("from flask import Flask\napp = Flask(__name__, template_folder='../web/tpl')\n",
                 ["2 flask templates web/tpl"], id="template_folder"),
    pytest.param("from flask import Flask\napp = Flask(__name__, template_folder=CONF)\n", [],
                 id="template_folder_not_a_literal__none"),
    pytest.param("from flask import Flask\napp = Flask(__name__, template_folder='../../x')\n", [],
                 id="outside_the_repo__none"),
    pytest.param("from flask import Flask\nclass Api(Flask):\n    pass\napp = Api(__name__)\n",
                 ["4 flask templates app/templates"], id="a_subclass_of_flask"),
    pytest.param("from flask import Blueprint\nbp = Blueprint('a', __name__, template_folder='t')\n",
                 ["2 flask blueprint a", "2 flask templates app/t"], id="blueprint_folder"),
])
def test_flask_template_folders(source: str, expected: list[str]) -> None:
    assert _facts(source, "app/__init__.py") == expected


SETTINGS = '''import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
OLD_BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INSTALLED_APPS = ["django.contrib.auth", "rest_framework", "blog", "shop.apps.ShopConfig"]
TEMPLATES = [{"DIRS": [BASE_DIR / "templates", os.path.join(OLD_BASE, "mail"), "/srv/tpl", CONF],
              "APP_DIRS": True}]
'''


def test_django_settings_give_installed_apps_and_template_folders() -> None:
    assert _facts(SETTINGS, "site/site/settings.py", {"site/site/__init__.py": ""},
                  frozenset({"blog", "shop", "site"})) == [
        "7 django templates site/templates",
        "7 django templates site/mail",
        "6 django installed django.contrib.auth",
        "6 django installed rest_framework",
        "6 django app blog",
        "6 django templates site/blog/templates",
        "6 django app shop",
        "6 django templates site/shop/templates",
    ]


def test_without_app_dirs_an_apps_templates_folder_is_not_searched() -> None:
    source = SETTINGS.replace('"APP_DIRS": True', '"APP_DIRS": False')
    found = _facts(source, "site/site/settings.py", {"site/site/__init__.py": ""},
                   frozenset({"blog", "shop"}))
    assert [f for f in found if "templates" in f] == ["7 django templates site/templates",
                                                      "7 django templates site/mail"]
    assert "6 django app blog" in found


def test_a_settings_copy_the_projects_pointers_pass_over_gives_nothing() -> None:
    manage = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n"
    files = {"site/manage.py": manage,
             "site/site/__init__.py": "", "site/site/settings.py": SETTINGS}
    assert _facts(SETTINGS, "site/docs_settings.py", files, frozenset({"blog"})) == []
    assert _facts(SETTINGS, "site/site/settings.py", files, frozenset({"blog"}))[:1] == [
        "7 django templates site/templates"]
