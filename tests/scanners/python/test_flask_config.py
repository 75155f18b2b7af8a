"""Database configuration keys, wherever a module sets or reads them; the URL scheme decides."""

from __future__ import annotations

import pytest

from tests.scanners.python_helpers import cited, scan_py


def config(source: str) -> list[str]:
    return [c for c in cited(scan_py(source)) if " import:" not in c and "flask-app" not in c]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("app.config['SQLALCHEMY_DATABASE_URI'] = 'postgresql://u@h/d'\n",
                     ["1 database-url-relational"], id="subscript_postgres"),
        pytest.param("app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///notes.db'\n",
                     ["1 database-url-sqlite"], id="subscript_sqlite"),
        pytest.param("app.config['SQLALCHEMY_DATABASE_URI'] = uri\n",
                     ["1 sqlalchemy-database-uri"], id="no_literal__key_signal"),
        pytest.param("app.config['SQLALCHEMY_DATABASE_URI'] = f'postgresql://{user}@db/app'\n",
                     ["1 database-url-relational"], id="fstring"),
        pytest.param("app.config.from_mapping(\n    DATABASE='/tmp/app.sqlite',\n)\n",
                     ["2 database-setting"], id="from_mapping"),
        pytest.param("app.config.update(MONGO_URI='mongodb://m/db')\n",
                     ["1 database-url-nonrelational"], id="update_mongo"),
        pytest.param("class Config:\n    DEBUG = False\n    SQLALCHEMY_DATABASE_URI = 'mysql://u@h/d'\n",
                     ["3 database-url-relational"], id="from_object_class"),
        pytest.param("import os\nURL = os.environ.get('DATABASE_URL', 'postgres://localhost/x')\n",
                     ["2 database-url-relational"], id="environ_get_default"),
        pytest.param("import os\nURL = os.getenv('DATABASE_URL')\n", ["2 database-url-setting"],
                     id="getenv"),
        pytest.param("from os import environ\nURL = environ['REDIS_URL']\n", ["2 redis-setting"],
                     id="environ_subscript"),
        pytest.param("settings = {'SQLALCHEMY_DATABASE_URI': 'postgresql://h/d'}\n",
                     ["1 database-url-relational"], id="dict_literal"),
        pytest.param("HELP = 'set DATABASE_URL to postgresql://h/d'\n", [], id="key_in_a_string__no"),
        pytest.param("import os\nos.environ.get('DEBUG', 'postgresql://h/d')\n", [], id="other_key__no"),
    ],
)
def test_config_keys(source: str, expected: list[str]) -> None:
    assert config(source) == expected
