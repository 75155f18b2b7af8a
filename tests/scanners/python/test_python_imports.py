"""Imports: every form with its line, first-party names, guards, and text that is not an import."""

from __future__ import annotations

import pytest

from tests.scanners.python_helpers import cited, scan_py, weighed


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("import flask\n", ["1 import:flask"], id="import"),
        pytest.param("import flask_sqlalchemy as fsa\n", ["1 import:flask_sqlalchemy"], id="import_as"),
        pytest.param("import os, redis\n", ["1 import:redis"], id="import_several"),
        pytest.param("import sqlalchemy.orm as orm\n", ["1 import:sqlalchemy"], id="dotted_as"),
        pytest.param("\n\nfrom flask_login import LoginManager\n", ["3 import:flask_login"], id="from"),
        pytest.param("from flask import (\n    Flask,\n)\n", ["1 import:flask"], id="from_multiline"),
        pytest.param("x = __import__('redis')\n", ["1 import:redis"], id="dunder_import"),
        pytest.param("import importlib\nm = importlib.import_module('psycopg2')\n",
                     ["2 import:psycopg2"], id="import_module"),
        pytest.param("from importlib import import_module\n\nimport_module('pymongo')\n",
                     ["3 import:pymongo"], id="import_module_from"),
        pytest.param("import importlib\nimportlib.import_module(name)\n", [], id="import_module_dynamic__no"),
        pytest.param("import importlib\nimportlib.import_module('.redis', 'pkg')\n", [],
                     id="import_module_relative__no"),
    ],
)
def test_import_forms(source: str, expected: list[str]) -> None:
    assert cited(scan_py(source)) == expected


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('"""Uses flask_login and import redis."""\n', id="docstring"),
        pytest.param("# import redis\nx = 1\n", id="comment"),
        pytest.param("HELP = 'pip install psycopg2; import psycopg2'\n", id="string"),
        pytest.param("def f():\n    '''from flask_sqlalchemy import SQLAlchemy'''\n",
                     id="function_docstring"),
    ],
)
def test_names_in_strings_and_comments_are_not_imports(source: str) -> None:
    assert cited(scan_py(source)) == []


def test_first_party_module_shadows_a_library_of_the_same_name() -> None:
    source = "import redis\nfrom db import session\nfrom auth import login\nimport flask\n"
    result = scan_py(source, local=frozenset({"redis", "db", "auth"}))
    assert cited(result) == ["4 import:flask"]


def test_first_party_package_with_a_similar_name_is_not_the_library() -> None:
    result = scan_py("from redis_utils import cache\n", local=frozenset({"redis_utils"}))
    assert cited(result) == []


def test_relative_imports_are_first_party_even_when_named_like_a_library() -> None:
    files = {"app/__init__.py": "", "app/redis.py": ""}
    result = scan_py("from . import redis\nfrom .redis import client\n", "app/views.py", files)
    assert cited(result) == []


def test_relative_import_resolves_against_the_package() -> None:
    files = {"src/shop/__init__.py": "", "src/shop/orders/__init__.py": "",
             "src/shop/db.py": "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n"}
    source = "from ..db import db\n\n\nclass Order(db.Model):\n    pass\n"
    result = scan_py(source, "src/shop/orders/models.py", files, local=frozenset({"shop"}))
    assert cited(result) == ["4 sqlalchemy-model"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import redis\n",
                     [(3, "import:redis", 0.5)], id="type_checking"),
        pytest.param("import typing\nif typing.TYPE_CHECKING:\n    import redis\n",
                     [(3, "import:redis", 0.5)], id="typing_type_checking"),
        pytest.param("try:\n    import ujson\nexcept ImportError:\n    import redis\n",
                     [(4, "import:redis", 0.5)], id="except_import_error"),
        pytest.param("try:\n    pass\nexcept (ModuleNotFoundError, OSError):\n    import redis\n",
                     [(4, "import:redis", 0.5)], id="except_tuple"),
        pytest.param("try:\n    pass\nexcept ValueError:\n    import redis\n",
                     [(4, "import:redis", 1.0)], id="except_other__full_weight"),
        pytest.param("try:\n    import redis\nexcept ImportError:\n    redis = None\n",
                     [(2, "import:redis", 1.0)], id="try_body__full_weight"),
        pytest.param("if DEBUG:\n    import redis\n", [(2, "import:redis", 1.0)], id="plain_if__full_weight"),
    ],
)
def test_guarded_imports_weigh_less(source: str, expected: list[tuple[int, str, float]]) -> None:
    assert weighed(scan_py(source)) == expected


def test_the_same_import_twice_counts_once_at_its_heaviest() -> None:
    source = "try:\n    pass\nexcept ImportError:\n    import redis\nimport redis\n"
    assert weighed(scan_py(source)) == [(5, "import:redis", 1.0)]
