"""parsed_bindings answers a name from the module's text when the text shows it cannot be bound,
and otherwise from the parse: the same answer either way."""

from __future__ import annotations

import pytest

from framefit.scanners.python.first_party import _parse_bindings, parsed_bindings

MODULES = [
    b"from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n",
    b"import a.b as c, d.e\nfrom . import (f,\n  g as h)\nclass K(c.Base):\n    pass\n",
    b"def db():\n    pass\nx.db = 1\nclass db2: pass\n",
    b"def f():\n    from x import db\n",
    b"(db) = make()\nN: int = make()\nx = 1; db3 = make()\n",
    b"import \\\n    db\nclass\\\n db4(Base): pass\n",
    b"# -*- coding: latin-1 -*-\nfrom m import db\n",
    "from m import ｄｂ\n".encode(),  # NFKC: the parse binds `db`
    b"from m import db\nthis is not python(\n",
    b"def  db(): pass\nasync def db5(): pass\n",
    b"db(1)\nclass db6 (Base): pass\nclass \\\n  db7(Base): pass\nfoo = db8 (x)\nx = db3\n",
    b"from m import db, db3\n(x) = 1\nfrom m import (db6 # c\n  )\nimport db7 ; (db8) = f()\n",
    b"import Base\nclass db( Base): pass\nclass\tdb2\t(Base): pass\nclass db3(\n Base): pass\n",
]
NAMES = ["db", "db2", "db3", "db4", "db5", "db6", "db7", "db8", "foo", "Base", "c", "d", "f", "h", "K",
         "N", "x", "SQLAlchemy", "make"]


@pytest.mark.parametrize("data", MODULES)
def test_the_text_answers_as_the_parse_would(data: bytes) -> None:
    parsed_bindings.cache_clear()
    table = _parse_bindings("m.py", data, "pkg")
    for name in NAMES:
        assert parsed_bindings("m.py", data, "pkg").get(name) == table.get(name), name
    parsed_bindings.cache_clear()
    assert dict(parsed_bindings("m.py", data, "pkg")) == table
