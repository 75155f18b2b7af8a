"""What every scanner's evidence goes through: `clip` (one line, bounded) and `redact`."""

from __future__ import annotations

import time

import pytest

from framefit.detail import DETAIL_LIMIT, clip, redact
from framefit.scanners.base import Collector


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param("postgresql://user:s3cret@db/app", "postgresql://user:***@db/app", id="postgres"),
        pytest.param("redis://:pw@cache:6379/0", "redis://:***@cache:6379/0", id="password_only"),
        pytest.param("mysql+pymysql://root:p@ss@h/x", "mysql+pymysql://root:***@h/x", id="at_in_password"),
        pytest.param('URL = "pg://a:b%40c@h/d", "x@y"', 'URL = "pg://a:***@h/d", "x@y"', id="quoted"),
        pytest.param("a=pg://u:p@h b=pg://v:q@k", "a=pg://u:***@h b=pg://v:***@k", id="two_urls"),
        pytest.param("git+https://tok:x-oauth@github.com/o/r", "git+https://tok:***@github.com/o/r",
                     id="token_in_a_requirement"),
        pytest.param("ssh://git@github.com/o/r", "ssh://git@github.com/o/r", id="no_password"),
        pytest.param("https://user:@host/x", "https://user:@host/x", id="empty_password"),
        pytest.param("http://host:8080/a@b", "http://host:8080/a@b", id="port_then_at_in_path"),
        pytest.param("user:pass@host", "user:pass@host", id="not_a_url"),
        pytest.param("x = items[::2]  # a@b", "x = items[::2]  # a@b", id="ordinary_code"),
    ],
)
def test_redact_hides_url_passwords_only(text: str, shown: str) -> None:
    assert redact(text) == shown


def test_clip_redacts_before_it_cuts() -> None:
    # Cut first, the limit would fall inside the password and leave its first characters.
    head = "x" * (DETAIL_LIMIT - 30) + " = 'postgresql://user:"
    clipped = clip(head + "p" * 40 + "@db/app'")
    assert clipped == (head + "***@db/app'")[: DETAIL_LIMIT - 1] + "…"


def test_collector_redacts_evidence_and_diagnostics() -> None:
    out = Collector("settings.py")
    out.add(3, "relational-database-url", 'DATABASE_URL = "postgres://app:hunter2@db/app"')
    out.problem(4, "parse-error", "not a requirement: pkg @ https://u:tok@host/p.whl")
    result = out.result()
    assert result.evidence[0].detail == 'DATABASE_URL = "postgres://app:***@db/app"'
    assert result.diagnostics[0].message == "not a requirement: pkg @ https://u:***@host/p.whl"


@pytest.mark.parametrize("text", ["://" * 300_000, "://a:" + "b" * 1_000_000, ("://a:b@") * 150_000,
                                  "x" * 1_000_000])
def test_redact_is_linear(text: str) -> None:
    started = time.perf_counter()
    redact(text)
    assert time.perf_counter() - started < 4.0  # ~0.2 s measured; twenty times that
