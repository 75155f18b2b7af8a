"""The module byte readers find a statement only where it starts a line, as the parser would:
a decorator or class head after blanks, a top-level binding at the line's very start."""

from __future__ import annotations

import pytest

from framefit.scanners.python.profile import (
    class_head_words,
    decorator_words,
    has_relative_import,
    line_bindings,
)


@pytest.mark.parametrize(("data", "words"), [
    (b"@app.route('/')\ndef f(): pass\n", {b"app", b"route"}),
    (b"class A:\n    \t@login_required\n    def f(self): pass\n", {b"login_required"}),
    (b"x = a @ b\n", set()),  # matrix product, not a decorator
    (b"s = '@app.route'\n", set()),
    (b"\f@cached(\n  timeout=5)\ndef f(): pass\n", {b"cached", b"timeout", b"5"}),
    (b"@a\r\n@b.c\r\ndef f(): pass\r\n", {b"a", b"b", b"c"}),
])
def test_decorator_lines(data: bytes, words: set[bytes]) -> None:
    assert decorator_words(data) == words


@pytest.mark.parametrize(("data", "words"), [
    (b"class User(db.Model, UserMixin):\n    pass\n", {b"User", b"db", b"Model", b"UserMixin"}),
    (b"if x:\n    class Form(FlaskForm): pass\n", {b"Form", b"FlaskForm", b"pass"}),
    (b"subclass(A, B)\nmyclass (C)\n", set()),  # `class` inside a word
    (b"x = 1; class_ = 2\n", set()),
    (b"class\\\n  Late(Base): pass\n", {b"Late", b"Base", b"pass"}),  # continued by a backslash
])
def test_class_heads(data: bytes, words: set[bytes]) -> None:
    assert class_head_words(data) == words


@pytest.mark.parametrize(("data", "relative"), [
    (b"from . import db\n", True),
    (b"import os\n  \tfrom ..models import User\n", True),
    (b"x = 1  # from . import db\n", False),
    (b"s = 'from . import x'\n", False),
    (b"from app import db\n", False),
    (b"\rfrom . import db", False),  # a lone CR starts no line for the reader (nor for `^`)
])
def test_relative_imports(data: bytes, relative: bool) -> None:
    assert has_relative_import(data) is relative


def test_top_level_bindings_start_their_line() -> None:
    data = (b"db = SQLAlchemy()\n"  # at the very start of the module
            b"from flask_sqlalchemy import SQLAlchemy\n"
            b"from flask import Flask\n"
            b"app = Flask(__name__)\n"
            b"    nested = Flask(__name__)\n"  # indented: not a top-level binding
            b"class Base(db.Model):\n"
            b"  class Inner(Flask): pass\n"
            b"other = app.x = Flask(\n")
    assert line_bindings("m.py", data, "") == {  # the imports are read first, wherever they are
        "db": "flask_sqlalchemy.SQLAlchemy()",
        "SQLAlchemy": "flask_sqlalchemy.SQLAlchemy", "Flask": "flask.Flask",
        "app": "flask.Flask()", "Base": "flask_sqlalchemy.SQLAlchemy().Model",
    }
