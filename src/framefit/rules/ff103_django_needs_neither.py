"""FF103: a Django service that needs neither a relational database nor user login."""

from __future__ import annotations

from collections.abc import Iterator

from framefit.model import Finding, Question, ServiceAnswers, Severity
from framefit.rules.base import Rule, cite, finding, no


def check(service: ServiceAnswers, rule: Rule) -> Iterator[Finding]:
    if service.framework != "django":
        return
    if not (no(service, Question.RELATIONAL_DATABASE) and no(service, Question.USER_LOGIN)):
        return
    database = service.answer(Question.RELATIONAL_DATABASE)
    login = service.answer(Question.USER_LOGIN)
    reasons = database.against[:2] + login.against[:2]
    weak = (database.evidence + login.evidence)[:3]
    flips = "this verdict changes if the service gained app models or a login"
    if weak:
        flips += f" (today only startproject-style defaults: {cite(weak)})"
    yield finding(
        rule, service,
        "Django service needs neither a relational database nor user login",
        reasons, flips,
    )


RULE = Rule(
    id="FF103",
    name="django-needs-neither",
    severity=Severity.ERROR,
    title="Django service needs neither a database nor user login",
    rationale=(
        "Questions 1 and 2 both answer no: the app keeps no relational data and nobody logs in, "
        "so the rule of thumb picks Flask. Django's ORM, auth and admin would be carried unused; "
        "the startproject defaults (a sqlite DATABASES, django.contrib.auth listed) are not a need."
    ),
    hint="Consider Flask for this service, or record the need: [tool.framefit.answers].",
    example="manage.py; settings.py with the startproject defaults; views.py returning JSON only",
    check=check,
)
