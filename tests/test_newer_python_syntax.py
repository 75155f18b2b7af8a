"""A module in syntax newer than the running Python (PEP 701 f-strings on 3.11): a parse error
in every mode, whose imports, read from its lines, still count as evidence."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from framefit import check

STORE = '''\
"""Counts kept in PostgreSQL. Written for Python 3.12: its f-strings nest the same quotes."""

import psycopg
from flask_login import current_user


def totals(rows: list[dict[str, object]]) -> dict[str, object]:
    return {f"{row["page"]}": row["n"] for row in rows}
'''
FILES = {
    "requirements.txt": "flask>=3\n",
    "stats/__init__.py": "from flask import Flask\n\napp = Flask(__name__)\n",
    "stats/store.py": STORE,
}


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="PEP 701 f-strings parse from 3.12 on")
@pytest.mark.parametrize("exhaustive", [False, True], ids=["default", "exhaustive"])
def test_a_module_newer_than_the_parser_is_diagnosed_and_its_imports_count(
        tmp_path: Path, exhaustive: bool) -> None:
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    report = check(tmp_path, exhaustive=exhaustive).to_dict()
    assert [(d["path"], d["line"], d["kind"]) for d in report["diagnostics"]] == [
        ("stats/store.py", 8, "parse-error")]
    (service,) = report["services"]
    questions = service["questions"]
    cited = {q: [(e["path"], e["line"], e["signal"]) for e in questions[q]["evidence"]]
             for q in ("relational_database", "user_login")}
    assert cited == {"relational_database": [("stats/store.py", 3, "import:psycopg")],
                     "user_login": [("stats/store.py", 4, "import:flask_login")]}
    assert (questions["relational_database"]["answer"], questions["user_login"]["answer"]) == ("yes", "yes")
