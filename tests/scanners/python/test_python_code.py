"""The python scanner as a whole: bad input, pathological modules, and the triage of modules."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from framefit.catalog import load
from framefit.model import Diagnostic
from framefit.scanners.base import ScanContext, SourceFile
from framefit.scanners.python import scanner as python_code
from framefit.scanners.registry import scanners_for
from framefit.walk.reader import RepoReader
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
