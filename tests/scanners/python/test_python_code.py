"""The python scanner as a whole: bad input, pathological modules, and the triage of modules."""

from __future__ import annotations

import sys
import time
from functools import cache
from pathlib import Path, PurePosixPath

import pytest

from framefit.catalog import load
from framefit.engine.triage import Planner, resolve
from framefit.model import Diagnostic
from framefit.scanners import scanners_for
from framefit.scanners.base import ScanContext, SourceFile
from framefit.scanners.python import scanner as python_code
from framefit.walk import walk
from framefit.walk.reader import RepoReader
from tests.conftest import FIXTURES
from tests.scanners.python_helpers import cited, scan_py


def test_python_2_falls_back_to_token_imports_with_a_diagnostic() -> None:
    result = scan_py("import redis\n\nprint 'hello'\n", "old.py")
    assert cited(result) == ["1 import:redis"]
    assert [(d.line, d.kind) for d in result.diagnostics] == [(3, "parse-error")]


def test_template_keeps_the_imports_it_can_tokenize() -> None:
    result = scan_py("from flask import Flask\n{% if db %}\nimport redis\n{% endif %}\n", "t.py")
    assert cited(result) == ["1 import:flask", "3 import:redis"]
    assert [d.kind for d in result.diagnostics] == ["parse-error"]


def test_truncated_module_points_at_its_last_line() -> None:
    result = scan_py("import flask\n\ndef f(x:\n", "cut.py")
    assert cited(result) == ["1 import:flask"]
    assert [(d.line, d.kind) for d in result.diagnostics] == [(3, "parse-error")]


def test_pep_263_encoding_is_honoured() -> None:
    data = "# -*- coding: latin-1 -*-\nfrom flask import Flask\nT = 'été'\n".encode("latin-1")
    result = scan_py(data, "latin.py")
    assert cited(result) == ["2 import:flask"]
    assert result.diagnostics == ()


def test_undecodable_text_is_a_decode_error_keeping_the_lines_before_it() -> None:
    result = scan_py(b"import flask\nx = '\xff\xfe'\nimport redis\n", "bad.py")
    assert cited(result) == ["1 import:flask"]
    assert result.diagnostics == (Diagnostic("bad.py", 2, "decode-error",
                                             "cannot decode as utf-8: invalid start byte"),)


def test_unknown_declared_encoding_is_a_decode_error() -> None:
    result = scan_py(b"# coding: no-such-codec\nimport flask\n", "odd.py")
    assert cited(result) == []
    assert result.diagnostics == (Diagnostic("odd.py", None, "decode-error",
                                             "cannot decode: unknown encoding: no-such-codec"),)


def test_null_bytes_are_a_parse_error_and_no_evidence() -> None:
    result = scan_py(b"import flask\x00\n", "nul.py")
    assert cited(result) == []
    assert result.diagnostics == (Diagnostic("nul.py", None, "parse-error",
                                             "contains null bytes: not Python source"),)


def test_deep_nesting_neither_crashes_nor_loses_the_imports() -> None:
    result = scan_py("import redis\nx = " + "[" * 3000 + "]" * 3000 + "\n", "deep.py")
    assert cited(result) == ["1 import:redis"]
    assert [d.kind for d in result.diagnostics] == ["parse-error"]


def test_nesting_the_parser_accepts_is_read_in_full() -> None:
    # 190 brackets: under CPython's limit of 200, and the traversal does not recurse.
    result = scan_py("import redis\nx = " + "[" * 190 + "]" * 190 + "\nimport psycopg2\n", "deep.py")
    assert cited(result) == ["1 import:redis", "3 import:psycopg2"]
    assert result.diagnostics == ()


def test_huge_generated_module_is_token_scanned_within_seconds(tmp_path: Path) -> None:
    lines = ["import psycopg2"] + [f"VALUE_{i} = {i}" for i in range(100_000)]
    target = tmp_path / "generated.py"
    target.write_text("\n".join(lines) + "\n")
    data = target.read_bytes()
    started = time.monotonic()
    result = scan_py(data, "generated.py")
    assert time.monotonic() - started < 20
    assert cited(result) == ["1 import:psycopg2"]
    assert [(d.kind, d.message) for d in result.diagnostics] == [
        ("too-large", f"{len(data):,} bytes, 100,001 lines: not parsed, imports read by tokens")]


def test_long_operator_chain_is_refused_before_it_can_crash_the_parser() -> None:
    result = scan_py("import redis\nx = " + "+".join(["1"] * 6000) + "\n", "chain.py")
    assert cited(result) == ["1 import:redis"]
    assert [(d.kind, d.message) for d in result.diagnostics] == [
        ("parse-error", "too deeply nested to parse: imports read by tokens")]


@cache
def _fixture_python_files() -> list[tuple[str, str]]:
    pairs = []
    for repo in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        for file in walk(repo.resolve()).files:
            if python_code.matches(PurePosixPath(file.path)):
                pairs.append((repo.name, file.path))
    return pairs


@cache
def _context(repo: str) -> ScanContext:
    tree = walk((FIXTURES / repo).resolve())
    return ScanContext(RepoReader(tree.root), load(), tree.local_modules())


@cache
def _planner() -> Planner:
    return Planner(load())


@cache
def _tree_groups(repo: str) -> dict[str, frozenset[str]]:
    """Every module's groups in the fixture, resolved against the whole tree."""
    ctx = _context(repo)
    planner = Planner(ctx.catalog, ctx.local_modules)
    modules = [p for r, p in _fixture_python_files() if r == repo]
    return resolve({p: planner.groups((FIXTURES / repo / p).read_bytes(), path=p) for p in modules})


@pytest.mark.parametrize(("repo", "path"), _fixture_python_files())
def test_triage_foresees_every_group_a_module_gives_evidence_on(repo: str, path: str) -> None:
    # The plan skips a module only when its groups are settled: so every group a module's
    # evidence bears on must be among the groups read from its bytes (those that wait on
    # another module, a first-party re-export, once the tree is known).
    ctx = _context(repo)
    data = (FIXTURES / repo / path).read_bytes()
    result = python_code.scan(SourceFile(path, data), ctx)
    planner = Planner(ctx.catalog, ctx.local_modules)
    groups = _tree_groups(repo)[path]
    for item in result.evidence:
        assert planner.signal_groups.of(item.signal) <= groups, (item.signal, sorted(groups))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(b"def add(a, b):\n    return a + b\n", set(), id="plain_code"),
        pytest.param(b"import os\nimport json\n", set(), id="stdlib_only"),
        pytest.param(b"# redis_cache is our own\nimport redis_cache_local\n", set(), id="similar_word"),
        pytest.param(b"import redis\n", {"relational_database-", "relational_database-!"},
                     id="catalog_import"),
        pytest.param(b"from . import db\nclass A(db.Model):\n    pass\n",
                     {"relational_database+"}, id="first_party_model"),
        pytest.param(b"from . import db\nclass User(db.Model):\n    password_hash = 1\n",
                     {"relational_database+", "user_login+"}, id="user_table"),
        pytest.param(b"DATABASES = {}\n", {"relational_database+", "relational_database~",
                                         "relational_database-"}, id="settings_key"),
        # "environ" is also django-environ's module: only an import statement names a module.
        pytest.param(b"x = os.environ['API_TOKEN']\n", {"user_login-"}, id="secret"),
        pytest.param(b"API_TOKEN = 'x'  # no reader, no constant\n", set(), id="secret_unread"),
        pytest.param(b"if key == conf.WEBHOOK_TOKEN:\n    pass\n", {"user_login-"}, id="secret_constant"),
        pytest.param(b"import numpy as np, psycopg2\n", {"relational_database+", "relational_database+!"},
                     id="import_list"),
        pytest.param(b"from sqlalchemy.orm import (\n    DeclarativeBase,\n)\n",
                     {"relational_database+", "relational_database+!"}, id="parenthesised_import"),
        pytest.param(b"class Meta:\n    app = App()\n", set(), id="idiom_name_without_its_module"),
        pytest.param(b"import falcon\napp = falcon.App()\n", {"framework:falcon"}, id="app_object"),
    ],
)
def test_triage_groups_are_read_from_bytes(source: bytes, expected: set[str]) -> None:
    # In a package whose __init__ makes the ORM instance `db` that m.py imports (`from . import db`).
    tree = {"app/m.py": source,
            "app/__init__.py": b"from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n"}
    groups = {path: _planner().groups(data, path=path) for path, data in tree.items()}
    assert resolve(groups)["app/m.py"] == expected


SEES = b"from .util import request, db\nok = request.values['api_secret']\nclass A(db.Model): pass\n"


@pytest.mark.parametrize(
    ("util", "expected"),
    [
        pytest.param(b"", set(), id="util_binds_nothing"),
        pytest.param(b"import flask\nfrom .other import db\n", set(), id="other_names__no"),
        pytest.param(b"from flask import request\n", {"user_login+"}, id="request_from_flask"),
        pytest.param(b"from flask import request as request\n", {"user_login+"}, id="aliased"),
        pytest.param(b"from .web import request\n", {"user_login+"}, id="re_exported_again"),
        pytest.param(b"from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n",
                     {"relational_database+"}, id="orm_instance"),
        pytest.param(b"from .web import *\n", {"user_login+"}, id="star"),
        pytest.param(b"from flask_sqlalchemy import SQLAlchemy as SA\ndb: SA = SA(app)\n",
                     {"relational_database+"}, id="instance_of_an_alias"),
        pytest.param(b"import flask_sqlalchemy\ndb = flask_sqlalchemy.SQLAlchemy()\n",
                     {"relational_database+"}, id="instance_through_the_module"),
        pytest.param(b"from flask_sqlalchemy import SQLAlchemy\ndef make():\n    db = SQLAlchemy()\n",
                     set(), id="instance_not_at_top_level__no"),
    ],
)
def test_a_name_through_a_first_party_module_counts_when_that_module_binds_it(
        util: bytes, expected: set[str]) -> None:
    # `request.values` through `from .util import request` is Flask's only if util.py binds
    # `request` to Flask (itself, or through the modules it takes the name from); `db.Model`
    # a model only if util.py binds `db` to an ORM.
    tree = {"app/m.py": SEES, "app/util.py": util, "app/web.py": b"from flask import request\n",
            "app/other.py": b"db = 1\n"}
    groups = {path: _planner().groups(data, path=path) for path, data in tree.items()}
    assert resolve(groups)["app/m.py"] == expected


def test_sql_and_alembic_files_have_their_scanners() -> None:
    assert [s.name for s in scanners_for("db/schema.sql")] == ["sql-schema"]
    assert [s.name for s in scanners_for("alembic.ini")] == ["alembic-ini"]


def test_one_observation_per_signal_and_file() -> None:
    source = "import redis\nimport redis.client\nr = redis.Redis()\ns = redis.Redis()\n"
    assert cited(scan_py(source, local=frozenset())) == ["1 import:redis", "3 nonrelational-client"]


def test_context_reader_is_only_used_inside_the_root() -> None:
    ctx = ScanContext(RepoReader.from_mapping({}), load())
    result = python_code.scan(SourceFile("a/b.py", b"from ...x import db\nclass A(db.Model):\n  pass\n"), ctx)
    assert result.evidence == ()



@pytest.mark.skipif(sys.version_info >= (3, 14), reason="t-strings are valid from Python 3.14")
def test_syntax_newer_than_the_parser_is_a_parse_error_read_by_tokens() -> None:
    # SQLAlchemy 2.1's test suite has t-string modules: bad input for an older parser, never
    # an internal error; the module's imports still count.
    from framefit.catalog import load
    from framefit.scanners.base import ScanContext, SourceFile
    from framefit.scanners.python import scanner as python_code
    from framefit.walk.reader import RepoReader

    source = SourceFile("t314.py", b"import flask_login\ngreeting = t'hello {name}'\n")
    result = python_code.scan(source, ScanContext(RepoReader.from_mapping({}), load()))
    assert [(d.kind, d.line) for d in result.diagnostics] == [("parse-error", 2)]
    assert [(e.line, e.signal) for e in result.evidence] == [(1, "import:flask_login")]
