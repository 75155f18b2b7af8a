"""Names in code (syntax.dotted, resolve, resolve_ending) and the analyses that pass a call by
on its attribute's name: a name bound under another one (an alias) is still found."""

from __future__ import annotations

import ast
from collections.abc import Mapping

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framefit.scanners.python.syntax import dotted, last_segments, resolve, resolve_ending
from tests.scanners.python_helpers import cited, scan_py

_WORDS = ("os", "environ", "get", "getenv", "db", "x", "SQLAlchemy", "import_module")


def _reference_dotted(node: ast.AST | None) -> str | None:
    """`a.b.c` for a Name/Attribute chain, None for anything else (the plain definition)."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


_HEADS = st.sampled_from([*_WORDS, "f()", "x[0]", "'s'", "(a or b)"])
_CHAINS = st.tuples(_HEADS, st.lists(st.sampled_from(_WORDS), max_size=4)).map(
    lambda chain: ".".join([chain[0], *chain[1]]))
_ALIASES = st.dictionaries(st.sampled_from(_WORDS), st.sampled_from(
    ["os", "os.environ", "os.getenv", "importlib", "hmac.compare_digest", "flask_sqlalchemy"]))
_NAMES = st.frozensets(st.sampled_from(
    ["os.environ", "os.getenv", "os.environ.get", "importlib.import_module", "x.get",
     "flask_sqlalchemy.SQLAlchemy", "db"]))


@given(_CHAINS, _ALIASES, _NAMES)
def test_resolve_ending_finds_what_resolve_finds(source: str, aliases: Mapping[str, str],
                                                 names: frozenset[str]) -> None:
    expr = ast.parse(source, mode="eval").body
    assert dotted(expr) == _reference_dotted(expr)
    qualified = resolve(dotted(expr), aliases)
    fast = resolve_ending(expr, aliases, last_segments(names))
    assert (fast in names) == (qualified in names)
    assert fast is None or fast == qualified


def test_last_segments() -> None:
    assert last_segments(frozenset({"os.environ.get", "os.getenv", "db"})) == {"get", "getenv", "db"}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('from os import getenv as read_env\nURL = read_env("DATABASE_URL")\n',
                     ["2 database-url-setting"], id="env_reader_aliased"),
        pytest.param('import os as system\nURL = system.environ["DATABASE_URL"]\n',
                     ["2 database-url-setting"], id="environ_module_aliased"),
        pytest.param('from hmac import compare_digest as same\nimport os\ndef ok(t):\n'
                     '    return same(t, os.environ["API_TOKEN"])\n',
                     ["4 machine-token-auth"], id="compare_digest_aliased"),
        pytest.param('import importlib as il\nil.import_module("flask")\n', ["2 import:flask"],
                     id="dynamic_import_module_aliased"),
        pytest.param('from importlib import import_module as load\nload("flask")\n',
                     ["2 import:flask"], id="dynamic_import_aliased_name"),
        pytest.param('import flask_sqlalchemy as fs\ndb = fs.SQLAlchemy(app)\n',
                     ["1 import:flask_sqlalchemy", "2 flask-sqlalchemy-db"], id="idiom_call_attribute"),
        pytest.param('import flask_sqlalchemy as fs\ndb = fs.SQLAlchemy.get(app)\n',
                     ["1 import:flask_sqlalchemy"], id="idiom_name_not_last__no"),
        pytest.param('import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\n',
                     ["2 django-project"], id="settings_module_default"),
        pytest.param('import os\nos.environ.get("DJANGO_SETTINGS_MODULE")\n', [],
                     id="settings_module_read__no"),
    ],
)
def test_calls_found_through_aliases(source: str, expected: list[str]) -> None:
    assert cited(scan_py(source)) == expected
