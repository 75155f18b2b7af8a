"""The env-file scanner: URL schemes first, well-known names second, bad lines as diagnostics."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from framefit.model import Diagnostic, Evidence
from framefit.scanners.base import ScanResult
from framefit.scanners.deploy import envfiles
from tests import harness


def scan(text: str, path: str = ".env.example") -> ScanResult:
    return harness.scan(envfiles, path, text)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param(".env.example", True, id="example"),
        pytest.param("deploy/.env.sample", True, id="sample"),
        pytest.param(".env", False, id="secrets__no"),
        pytest.param("env.py", False, id="python__no"),
    ],
)
def test_matches(path: str, expected: bool) -> None:
    assert envfiles.matches(PurePosixPath(path)) is expected


ENV = """\
# copy to .env
export DATABASE_URL="mysql+pymysql://app:app@localhost/app"  # local MySQL
SQLALCHEMY_DATABASE_URI=
REDIS_URL=redis://localhost:6379/0
SESSION_DB=sqlite:///sessions.db
SECRET_KEY=change-me
this line is not an assignment
"""


def test_values_names_and_bad_lines() -> None:
    result = scan(ENV)
    assert result.evidence == (
        Evidence(".env.example", 2, "database-url-relational",
                 'export DATABASE_URL="mysql+pymysql://app:***@localhost/app" # local MySQL'),
        Evidence(".env.example", 3, "env-database-name", "SQLALCHEMY_DATABASE_URI="),
        Evidence(".env.example", 4, "database-url-nonrelational", "REDIS_URL=redis://localhost:6379/0"),
        Evidence(".env.example", 5, "database-url-sqlite", "SESSION_DB=sqlite:///sessions.db"),
    )
    assert result.diagnostics == (Diagnostic(".env.example", 7, "parse-error", "not NAME=value"),)


def test_undecodable_file() -> None:
    result = harness.scan(envfiles, ".env.sample", b"A=\xff\n")
    assert result == ScanResult(diagnostics=(
        Diagnostic(".env.sample", 1, "decode-error", "not UTF-8: invalid start byte"),))
