"""The small scanners beside the python one: *.sql schema files and alembic.ini."""

from __future__ import annotations

import pytest

from framefit.catalog import load
from framefit.model import Diagnostic, Evidence
from framefit.scanners.base import ScanContext, ScanResult, SourceFile
from framefit.scanners.database import alembic_ini, sql_schema
from framefit.walk.reader import RepoReader


def run(module: object, path: str, data: bytes) -> ScanResult:
    ctx = ScanContext(RepoReader.from_mapping({path: data}), load())
    return module.SCANNER.scan(SourceFile(path, data), ctx)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("-- schema\n\ncreate table notes (id int);\nCREATE TABLE b (x int);\n",
                     (Evidence("s.sql", 3, "sql-schema", "create table notes (id int);"),), id="first"),
        pytest.param("  CREATE TEMPORARY TABLE t (x int);\n",
                     (Evidence("s.sql", 1, "sql-schema", "CREATE TEMPORARY TABLE t (x int);"),), id="temp"),
        pytest.param("SELECT 1;\n-- CREATE TABLE is in a comment here\n", (), id="no_create__no"),
    ],
)
def test_sql_schema(text: str, expected: tuple[Evidence, ...]) -> None:
    assert run(sql_schema, "s.sql", text.encode()).evidence == expected


def test_sql_schema_that_is_not_utf8_is_a_diagnostic() -> None:
    result = run(sql_schema, "s.sql", b"CREATE TABLE \xff (x int);\n")
    assert result == ScanResult((), (Diagnostic("s.sql", 1, "decode-error",
                                                "not UTF-8: invalid start byte"),))


def test_alembic_ini_with_a_relational_url() -> None:
    text = b"[alembic]\nscript_location = m\nsqlalchemy.url = mysql://u@h/d\n"
    assert run(alembic_ini, "alembic.ini", text).evidence == (
        Evidence("alembic.ini", 1, "alembic-config", "[alembic]"),
        Evidence("alembic.ini", 3, "database-url-relational", "sqlalchemy.url = mysql://u@h/d"),
    )


def test_alembic_ini_with_the_url_set_elsewhere() -> None:
    text = b"[alembic]\nscript_location = m\nsqlalchemy.url = driver://user:pass@localhost/dbname\n"
    assert run(alembic_ini, "alembic.ini", text).evidence == (
        Evidence("alembic.ini", 1, "alembic-config", "[alembic]"),)
