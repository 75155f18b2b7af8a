"""The python scanner's prefilter: what a module's bytes let its analyses give, sound on every
fixture module and precise where a first-party module binds nothing."""

from __future__ import annotations

from functools import cache
from pathlib import PurePosixPath

import pytest

from framefit.answers.settled import bearing
from framefit.catalog import load
from framefit.scanners.base import ScanContext, SourceFile
from framefit.scanners.python import scanner as python_code
from framefit.scanners.python.profile import line_heads, line_imports
from framefit.scanners.python.registry import ModulePrefilter
from framefit.walk import walk
from framefit.walk.reader import RepoReader
from tests.conftest import FIXTURES
from tests.scanners.python_helpers import foreseen_signals

CATALOG = load()


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
    modules = frozenset(f.path for f in tree.files if f.path.endswith(".py"))
    return ScanContext(RepoReader(tree.root), CATALOG, tree.local_modules(), modules)


@pytest.mark.parametrize(("repo", "path"), _fixture_python_files())
def test_the_prefilter_foresees_every_signal_a_fixture_module_gives(repo: str, path: str) -> None:
    # The plan skips a module only when what its prefilter foresees is settled: every signal
    # its scan gives must be foreseen.
    ctx = _context(repo)
    data = (FIXTURES / repo / path).read_bytes()
    given = {e.signal for e in python_code.scan(SourceFile(path, data), ctx).evidence}
    assert given <= foreseen_signals(ModulePrefilter(ctx), path, data)


def _groups(source: bytes, others: dict[str, bytes] | None = None) -> set[str]:
    """The groups app/m.py bears on, in a package whose __init__ makes the ORM instance `db`."""
    files = {"app/__init__.py": b"from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n",
             **(others or {}), "app/m.py": source}
    prefilter = ModulePrefilter(ScanContext(RepoReader.from_mapping(files), CATALOG, frozenset({"app"}),
                                            frozenset(files)))
    signals = foreseen_signals(prefilter, "app/m.py", source)
    return {g for s in signals for g in bearing(s, 1.0, CATALOG)}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(b"def add(a, b):\n    return a + b\n", set(), id="plain_code"),
        pytest.param(b"import os\nimport json\n", set(), id="stdlib_only"),
        pytest.param(b"# redis_cache is our own\nimport redis_cache_local\n", set(), id="similar_word"),
        pytest.param(b"import redis\n", {"relational_database-"}, id="catalog_import"),
        pytest.param(b"from . import db\nclass A(db.Model):\n    pass\n",
                     {"relational_database+"}, id="first_party_model"),
        pytest.param(b"from . import db\nclass User(db.Model):\n    password_hash = 1\n",
                     {"relational_database+", "user_login+"}, id="user_table"),
        pytest.param(b"DATABASES = {}\n", {"relational_database+", "relational_database~",
                                         "relational_database*", "relational_database-"},
                     id="settings_key"),
        pytest.param(b"x = os.environ['API_TOKEN']\n", {"user_login-", "user_login!"}, id="secret"),
        pytest.param(b"API_TOKEN = 'x'  # no reader, and no attribute: nothing read is a secret\n", set(),
                     id="secret_constant_not_an_attribute"),
        pytest.param(b"if key == conf.API_TOKEN:  # the constant of a settings object\n    pass\n",
                     {"user_login-", "user_login!"}, id="secret_constant_case"),
        pytest.param(b"token = 'x'  # neither a reader nor an upper-case constant\n", set(),
                     id="secret_word_in_lower_case_alone"),
        pytest.param(b"if key == conf.WEBHOOK_TOKEN:\n    pass\n", {"user_login-", "user_login!"},
                     id="secret_constant"),
        pytest.param(b"if kind == Kind.TOKEN_TYPE or x == Token:\n    pass\n", set(),
                     id="upper_case_word_not_ending_with_a_secret_word"),
        pytest.param(b"if key == conf.Api_Token:\n    pass\n", set(),
                     id="secret_word_ending_a_mixed_case_word"),
        pytest.param(b"import numpy as np, psycopg2\n", {"relational_database+"}, id="import_list"),
        pytest.param(b"from sqlalchemy.orm import (\n    DeclarativeBase,\n)\n",
                     {"relational_database+"}, id="parenthesised_import"),
        pytest.param(b"class Meta:\n    app = App()\n", set(), id="idiom_name_without_its_module"),
        pytest.param(b"import falcon\napp = falcon.App()\n",
                     {"framework:falcon@0.800", "framework:falcon@1.000", "structure"},
                     id="app_object"),
    ],
)
def test_the_groups_a_module_bears_on_are_read_from_its_bytes(source: bytes, expected: set[str]) -> None:
    assert _groups(source) == expected


SEES = b"from .util import request, db\nok = request.values['api_secret']\nclass A(db.Model): pass\n"


@pytest.mark.parametrize(
    ("util", "expected"),
    [
        pytest.param(b"", set(), id="util_binds_nothing"),
        pytest.param(b"import flask\nfrom .other import db\n", set(), id="other_names__no"),
        pytest.param(b"from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n",
                     {"relational_database+"}, id="orm_instance"),
        pytest.param(b"from .web import db\n", {"relational_database+"}, id="re_exported_again"),
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
    # `db.Model` through `from .util import db` is a model only if util.py binds `db` to an
    # ORM (itself, or through the modules it takes the name from).
    others = {"app/util.py": util, "app/other.py": b"db = 1\n",
              "app/web.py": b"from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n"}
    groups = _groups(SEES, others) - {"user_login-"}  # `api_secret`, compared with nothing
    assert groups == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(b"from .base import Api\napplication = Api(__name__)\n",
                     {"structure", "framework:flask@1.000"}, id="own_app_class_called_with_the_module_name"),
        pytest.param(b"from app.base import Api\ndef make():\n    return Api(\n        __name__,\n    )\n",
                     {"structure", "framework:flask@1.000"}, id="called_on_lines_of_its_own"),
        pytest.param(b"from .base import Api\nclass Board(Api):\n    pass\nboard = Board(__name__)\n",
                     {"structure", "framework:flask@1.000"}, id="a_local_subclass_of_it"),
        pytest.param(b"from .base import Api\napplication = Api()\n", set(), id="no_module_name__no"),
        pytest.param(b"from .base import helper\napplication = helper(__name__)\n", set(),
                     id="a_name_not_bound_to_the_app_class__no"),
        pytest.param(b"import logging\nfrom .base import Api\nlog = logging.getLogger(__name__)\n", set(),
                     id="module_name_passed_to_another_call__no"),
    ],
)
def test_the_repos_own_app_class_is_foreseen_where_it_is_called_with_the_module_name(
        source: bytes, expected: set[str]) -> None:
    others = {"app/base.py": b"from flask import Flask\n\n\nclass Api(Flask):\n    pass\n\n\n"
                             b"def helper(name):\n    return name\n"}
    groups = _groups(source, others) - {"user_login-"}
    assert groups == expected


def _foreseen(source: bytes) -> frozenset[str]:
    files = {"m.py": source}
    ctx = ScanContext(RepoReader.from_mapping(files), CATALOG, frozenset(), frozenset(files))
    prefilter = ModulePrefilter(ctx)
    return foreseen_signals(prefilter, "m.py", source)


@pytest.mark.parametrize(("source", "expected"), [
    # the session only read, or written under a key that is no user's: neither signal
    (b"from flask import session\nuser = session.user\n", set()),
    (b"from flask import session\nsession['theme'] = 'dark'\n", set()),
    # a user written into it: kept there, and a login only beside a credential check
    (b"from flask import session\nsession['email'] = form.email\n", {"session-user-unchecked"}),
    (b'from flask import session\nif u.check_password(pw):\n    session["user_id"] = u.id\n',
     {"session-user-unchecked", "session-user-login", "password-check"}),
    (b"from flask import session\nfrom flask_login import login_user\nlogin_user(u)\nsession['uid'] = 1\n",
     {"session-user-unchecked", "session-user-login", "flask-login-user"}),
])
def test_a_session_login_is_foreseen_where_a_user_key_is_written_beside_a_credential_check(
        source: bytes, expected: set[str]) -> None:
    shown = {"session-user-unchecked", "session-user-login", "password-check", "flask-login-user"}
    assert _foreseen(source) & shown == expected


@pytest.mark.parametrize(("source", "foreseen"), [
    # a secret read from a config by key: whatever the config's name ends, however it is spaced
    (b'ok = sent == app.config["API_TOKEN"]\n', True),
    (b'ok = sent == app_config["api_token"]\n', True),
    (b'ok = sent == (app.config)["api_token"]\n', True),
    (b'ok = (sent == app.config  # the app\'s\n      ["api_token"])\n', True),
    (b'ok = sent == app.config \\\n    ["api_token"]\n', True),
    # a constant of a settings object named for a secret, however it is spaced
    (b"ok = sent == conf.API_TOKEN\n", True),
    (b"ok = (sent == conf.\n      API_TOKEN)\n", True),
    (b"ok = sent == settings . WEBHOOK_SECRET\n", True),
    # no config subscripted, no such attribute: nothing to parse the module for
    (b'config = load()\nok = sent == config.get("api_token")\n', False),
    (b"API_TOKEN = 3\nok = sent == API_TOKEN\n", False),
    (b"ok = sent == conf.TOKEN_TYPE\n", False),
])
def test_a_machine_secret_is_foreseen_where_a_config_key_or_a_constant_attribute_is_read(
        source: bytes, foreseen: bool) -> None:
    assert ("machine-token-auth" in _foreseen(source)) is foreseen
    files = {"m.py": source}
    ctx = ScanContext(RepoReader.from_mapping(files), CATALOG, frozenset(), frozenset(files))
    given = {e.signal for e in python_code.scan(SourceFile("m.py", source), ctx).evidence}
    assert given <= _foreseen(source)


@pytest.mark.parametrize(("source", "heads"), [
    (b"from flask \\\n    import Flask\n", {"flask"}),  # `import` on a line continued from `from`
    (b"from \\\n  flask import g\n", {"flask"}),
    (b"x = 1 + \\\n    2\nimport os\n", {"os"}),
    (b"from .db import db\nimport a.b as c, d\n", {"", "a", "d"}),
    (b"value = (1,\n    import_me)\n", set()),  # no statement starts with `import` there
])
def test_the_modules_a_module_imports_are_read_where_its_import_statements_start(
        source: bytes, heads: set[str]) -> None:
    # The prefilter's `imported` and the move's imports of the framework read these heads.
    assert line_heads(source) == heads
    stated = {"" if s.level else s.module.split(".")[0] for s in line_imports(source) if s.is_from}
    assert stated <= heads


def test_requirements_that_differ_only_in_their_libraries_are_one_met_by_any_of_them() -> None:
    from framefit.scanners.python.prefilter import Requirement
    from framefit.scanners.python.registry import ANALYSES, requirements

    merged = requirements(CATALOG)
    keys = [(r.all_but_via(), not r.via) for r in merged]
    assert len(keys) == len(set(keys))  # none left twice
    by_key = dict(zip(keys, merged, strict=True))
    stated = [r for a in ANALYSES for r in a.requirements(CATALOG)]
    for r in stated:  # each analysis's own requirement is one of them, its libraries kept
        assert r.via <= by_key[(r.all_but_via(), not r.via)].via
    assert {(r.all_but_via(), not r.via) for r in stated} == set(keys)
    # What "all but via" compares: everything else a requirement asks.
    def asking(via: str, called: str) -> tuple[object, ...]:
        return Requirement.of(["db"], ["import:x"], via=[via], called=called).all_but_via()

    assert asking("a", "__name__") == asking("b", "__name__")
    assert asking("a", "__name__") != asking("a", "x")
