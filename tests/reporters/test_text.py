"""The terminal report: the recorded decision per service, and what does not count, one line each."""

from __future__ import annotations

from framefit import check
from framefit.reporters import text
from tests.conftest import FIXTURES
from tests.reporters.sample import sample_report


def test_decision_line_and_suppressed_section_of_a_built_report() -> None:
    lines = text.render(sample_report()).splitlines()
    assert ("  decision             django, recorded 2026-12-01 (pyproject.toml:20): holds "
            "(relational_database no → unknown) — staff *SSO* | admin") in lines
    section = lines.index("Accepted and suppressed (1: they do not count)")
    assert lines[section + 1] == ("  FF105 services/web/manage.py:8: suppressed by its comment: until the "
                                  "`legacy` move")
    assert lines[-1] == ("2 services: 1 fit, 1 do not fit · 3 findings (1 error, 2 notes) · 1 suppressed "
                         "· 1 diagnostics")


def test_a_holding_decision_is_shown_with_what_it_accepts() -> None:
    lines = text.render(check(FIXTURES / "recorded_decision")).splitlines()
    assert ("  decision             flask, recorded 2026-12-01 (pyproject.toml:7): holds — Flask + "
            "SQLAlchemy is our team standard") in lines
    assert lines[-4:] == [
        "Accepted and suppressed (1: they do not count)",
        "  FF101 invoices/__init__.py:8: accepted by the decision at pyproject.toml:7: Flask + "
        "SQLAlchemy is our team standard",
        "",
        "1 service: 0 fit, 1 do not fit · 0 findings · 1 accepted · 0 diagnostics",
    ]
