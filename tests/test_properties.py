"""Property-based tests over the walk and the whole pipeline: generated trees never raise, and the
same tree always gives the same report."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framefit import check
from framefit.catalog import load
from framefit.scanners.python.profile import line_bindings, line_heads, line_imports, profile
from framefit.scanners.python.registry import ModulePrefilter, requirements
from framefit.walk import walk
from framefit.walk.reader import RepoReader, normalize
from tests.harness import context
from tests.scanners.python_helpers import foreseen_signals

NAMES = st.sampled_from([
    "app.py", "models.py", "settings.py", "manage.py", "requirements.txt", "pyproject.toml",
    "setup.py", "setup.cfg", "Dockerfile", "compose.yaml", "Pipfile", "poetry.lock",
    "conftest.py", "README.md", "__init__.py", "urls.py", "x.in", "data.bin",
])
DIRS = st.sampled_from(["", "src", "tests", "docs", "services/api", "services/web", "app",
                        "app/migrations", "node_modules", "vendor", ".git", "requirements"])
SNIPPETS = st.sampled_from([
    "from flask import Flask\napp = Flask(__name__)\n",
    "import django\nDATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql'}}\n",
    "from flask_login import login_user\n",
    "flask\nflask-sqlalchemy>=3\n-r base.txt\n",
    "[project]\nname = 'x'\ndependencies = ['django', 'psycopg2']\n",
    "FROM python:3.12-alpine\n",
    "import redis\n",
    "[broken\n",
    "print 'py2'\n",
    "",
])
CONTENT = st.one_of(SNIPPETS, st.text(max_size=200), st.binary(max_size=200))
TREES = st.lists(st.tuples(DIRS, NAMES, CONTENT), max_size=12)


def build(root: Path, entries: list[tuple[str, str, str | bytes]]) -> None:
    for directory, name, content in entries:
        target = root / directory / name if directory else root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", errors="surrogatepass")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TREES)
def test_generated_trees_never_raise_and_are_deterministic(
    entries: list[tuple[str, str, str | bytes]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        root.mkdir()
        try:
            build(root, entries)
        except (OSError, UnicodeEncodeError):
            return  # a name or text the file system refuses: nothing to test
        first = json.dumps(check(root).to_dict(), sort_keys=True)
        second = json.dumps(check(root).to_dict(), sort_keys=True)
        assert first == second
        tree = walk(root.resolve())
        assert all(not f.path.startswith(("node_modules/", ".git/")) for f in tree.files)
        assert [f.path for f in tree.files] == sorted(f.path for f in tree.files)
        shutil.rmtree(root)


@given(st.text(alphabet="ab./\\", max_size=12))
def test_normalize_never_leaves_the_root(relpath: str) -> None:
    clean = normalize(relpath)
    if clean is not None:
        assert not clean.startswith("/")
        assert ".." not in clean.split("/")


@given(st.dictionaries(st.sampled_from(["a.txt", "b/c.txt", "d"]), st.binary(max_size=20)),
       st.text(max_size=20))
def test_mapping_reader_reads_only_what_it_holds(files: dict[str, bytes], wanted: str) -> None:
    reader = RepoReader.from_mapping(files)
    clean = normalize(wanted)
    assert reader.exists(wanted) == (clean in files if clean else False)


_IMPORT_TEXT = st.lists(st.sampled_from([
    "from . import db", "from .ext import (db,\n  login as lm)", "import app.sub.mod", "from app import *",
    "from flask import request as rq", "import flask, os", "db = SQLAlchemy()", "x: T = flask.Flask(",
    "from .. import up", "from \\\n flask import g", "from flask \\\n import g as h", "import", "from",
    "(", ")", "\\", "\n", " ", "#",
]), max_size=12).map("\n".join)


@given(st.one_of(_IMPORT_TEXT, st.text(max_size=60)).map(str.encode) | st.binary(max_size=80))
@settings(max_examples=200, deadline=None)
def test_the_byte_reader_never_raises_and_is_deterministic(data: bytes) -> None:
    read = profile(data)
    assert read == profile(data)
    assert line_imports(data) == line_imports(data)
    assert all(stmt.line >= 1 and stmt.names for stmt in line_imports(data))
    stated = {("" if s.level else s.module.split(".")[0]) if s.is_from else n.split(".")[0]
              for s in line_imports(data) for n, _ in (s.names if not s.is_from else [("", "")])}
    assert stated <= line_heads(data)  # the prefilter's heads never miss a statement's
    prefilter = ModulePrefilter(context({"app/__init__.py": data, "app/m.py": data}, frozenset({"app"})))
    known = {s for r in requirements(load()) for s in r.signals}
    assert foreseen_signals(prefilter, "app/m.py", data) <= known
    assert line_bindings("app/m.py", data, "app") == line_bindings("app/m.py", data, "app")
