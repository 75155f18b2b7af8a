"""FF106 decision-drift: an answer a recorded decision rested on became yes since."""

from __future__ import annotations

from framefit.answers.decisions import compare
from framefit.model import Finding, Severity
from framefit.rules.ff106_decision_drift import RULE
from tests.answers.test_decisions import AUTH, MODELS, N, U, Y
from tests.factories import decided, ev, service, yes

HINT = "Reopen the discussion; if the framework stays, record it again: framefit record --reason '...'."
LOGIN_MANAGER = ev("app/auth.py", 8, "flask-login-manager")


def test_login_appeared_since_the_decision__finding_names_the_question_and_the_date() -> None:
    current = service("flask", database=yes(MODELS), login=yes(AUTH, LOGIN_MANAGER))
    drifted = compare(current, decided("flask", Y, N, U))
    assert tuple(RULE.check(drifted, RULE)) == (Finding(
        rule="FF106", severity=Severity.ERROR, service=".",
        message="user_login was no when flask was decided on 2026-12-01, now yes: Flask-Login "
                "(app/auth.py:3)",
        hint=HINT, path="app.py", line=3, because=(AUTH, LOGIN_MANAGER),
        flips_if="this verdict changes if Flask-Login (app/auth.py:3) and Flask-Login LoginManager "
                 "(app/auth.py:8) were not needed, or once the decision (pyproject.toml:7) is "
                 "recorded again",
    ),)


def test_one_finding_per_question_that_became_yes() -> None:
    drifted = compare(service("flask", database=yes(MODELS), login=yes(AUTH)), decided("flask", N, U, U))
    found = [f.message.split(" was ", 1)[0] for f in RULE.check(drifted, RULE)]
    assert found == ["relational_database", "user_login"]


def test_near_miss__the_decision_holds() -> None:
    holds = compare(service("flask", database=yes(MODELS)), decided("flask", Y, N, U))
    assert tuple(RULE.check(holds, RULE)) == ()


def test_near_miss__no_decision() -> None:
    assert tuple(RULE.check(service("flask", login=yes(AUTH)), RULE)) == ()
