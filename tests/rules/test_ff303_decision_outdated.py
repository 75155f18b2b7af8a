"""FF303 decision-outdated: a decision keeps a framework the service no longer uses."""

from __future__ import annotations

from framefit.answers.decisions import compare
from framefit.model import Finding, Severity
from framefit.rules.ff303_decision_outdated import RULE
from tests.answers.test_decisions import MODELS, N, U, Y
from tests.factories import DECISION_ENTRY, FRAMEWORK_LINE, decided, service, yes

HINT = "Record the decision again for the framework in use (framefit record), or remove the entry."


def test_the_service_moved_to_django__note() -> None:
    moved = compare(service("django", database=yes(MODELS)), decided("flask", Y, N, U))
    assert tuple(RULE.check(moved, RULE)) == (Finding(
        rule="FF303", severity=Severity.NOTE, service=".",
        message="the decision of 2026-12-01 keeps flask, but the service uses django now",
        hint=HINT, path="manage.py", line=8, because=(FRAMEWORK_LINE["django"], DECISION_ENTRY),
        flips_if="this note goes once the decision (pyproject.toml:7) is recorded again or removed",
    ),)


def test_near_miss__same_framework_even_when_drifted() -> None:
    same = compare(service("flask", database=yes(MODELS)), decided("flask", N, N, U))
    assert tuple(RULE.check(same, RULE)) == ()
