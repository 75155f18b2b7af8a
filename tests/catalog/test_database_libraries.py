"""Other frameworks' database libraries are relational evidence, by distribution and by import."""

from __future__ import annotations

import pytest

from framefit.catalog import STRENGTHS, Effect, Polarity, load
from framefit.model import Question

# (distribution as a manifest spells it, a module its code imports)
LIBRARIES = [
    ("Quart-DB", "quart_db"),
    ("quart-sqlalchemy", "quart_sqlalchemy.framework"),
    ("aiopg", "aiopg.sa"),
    ("Flask-MySQLdb", "flask_mysqldb"),
    ("Flask-MySQL", "flaskext.mysql"),
    ("flask-sqlalchemy-lite", "flask_sqlalchemy_lite"),
    ("FastAPI-SQLAlchemy", "fastapi_sqlalchemy"),
    ("gino", "gino"),
    ("peewee-async", "peewee_async"),
    ("advanced-alchemy", "advanced_alchemy.extensions.litestar"),
    ("zope.sqlalchemy", "zope.sqlalchemy"),
]


def _relational(effects: tuple[Effect, ...]) -> list[float]:
    return [e.strength for e in effects
            if e.question is Question.RELATIONAL_DATABASE and e.polarity is Polarity.FOR]


@pytest.mark.parametrize(("distribution", "module"), LIBRARIES)
def test_database_library_is_relational(distribution: str, module: str) -> None:
    catalog = load()
    entry = catalog.distribution(distribution)
    assert entry is not None
    assert _relational(entry.effects) == [STRENGTHS["strong"]]
    found = catalog.module(module)
    assert found is not None
    assert found[1] is entry


def test_sqlite_utils_is_relational_but_not_alone() -> None:
    entry = load().distribution("sqlite_utils")
    assert entry is not None
    assert _relational(entry.effects) == [STRENGTHS["medium"]]
