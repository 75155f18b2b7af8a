"""FF102: a Flask service where users log in."""

from __future__ import annotations

from collections.abc import Iterator

from framefit.model import Finding, Question, ServiceAnswers, Severity
from framefit.rules.base import Rule, because, cite, finding, unless_needed, yes


def check(service: ServiceAnswers, rule: Rule) -> Iterator[Finding]:
    if service.framework != "flask" or not yes(service, Question.USER_LOGIN):
        return
    reasons = because(service.answer(Question.USER_LOGIN))
    yield finding(
        rule, service,
        f"Flask service has user login: {cite(reasons)}",
        reasons, unless_needed(reasons),
    )


RULE = Rule(
    id="FF102",
    name="flask-has-user-login",
    severity=Severity.ERROR,
    title="Flask service has user login",
    rationale=(
        "Question 2 of the rule of thumb: when people log in (accounts, sessions, passwords, an "
        "OAuth login, an admin site), Django's auth, sessions and admin are built in and reviewed; "
        "Flask assembles them from Flask-Login and friends. A static API token is not user login."
    ),
    hint="Discuss moving to Django, or record why Flask stays: [tool.framefit.answers] / ignore FF102.",
    example="requirements.txt: flask, flask-login; app/auth.py: login_user(user)",
    check=check,
)
