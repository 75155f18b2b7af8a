"""FF102: a Flask service where users log in."""

from __future__ import annotations

from collections.abc import Iterator

from framefit.model import Finding, Question, ServiceAnswers, Severity
from framefit.rules.base import Rule, cite, demands_django, finding, flips_first, yes


def check(service: ServiceAnswers, rule: Rule) -> Iterator[Finding]:
    """One finding when a Flask service's user-login answer is yes; it rests on that answer's
    evidence and on the database answer's too when that also says Django; what would flip it
    names its own evidence first, then that the database answer also says Django."""
    if service.framework != "flask" or not yes(service, Question.USER_LOGIN):
        return
    reasons = demands_django(service, Question.USER_LOGIN)
    yield finding(
        rule, service,
        f"Flask service has user login: {cite(reasons[:1])}",
        reasons, flips_first(service, Question.USER_LOGIN),
    )


RULE = Rule(
    id="FF102",
    name="flask-has-user-login",
    severity=Severity.ERROR,
    title="Flask service has user login",
    rationale=(
        "Question 2 of the rule of thumb asks whether people log in: accounts, sessions, "
        "passwords, an OAuth login or an admin site. When they do, the tally says Django, whose "
        "auth, sessions, password hashing and admin are built in and reviewed together; Flask "
        "assembles them from Flask-Login and friends. A static API token for machines is not "
        "user login."
    ),
    hint="Discuss moving to Django; if Flask stays, record why: framefit record --reason '...'.",
    example="requirements.txt: flask, flask-login; app/auth.py: login_user(user)",
    check=check,
)
