"""FF104: a Django service that ships where size matters, and nothing else demands Django."""

from __future__ import annotations

from collections.abc import Iterator

from framefit.model import Finding, Question, ServiceAnswers, Severity
from framefit.rules.base import Rule, because, cite, finding, unless_needed, yes


def check(service: ServiceAnswers, rule: Rule) -> Iterator[Finding]:
    if service.framework != "django" or not yes(service, Question.CONTAINER_SIZE):
        return
    if yes(service, Question.RELATIONAL_DATABASE) or yes(service, Question.USER_LOGIN):
        return
    reasons = because(service.answer(Question.CONTAINER_SIZE))
    yield finding(
        rule, service,
        f"Django service ships where size matters: {cite(reasons[:1])}",
        reasons, unless_needed(reasons).replace("not needed", "not a size-limited target"),
    )


RULE = Rule(
    id="FF104",
    name="django-where-size-matters",
    severity=Severity.WARNING,
    title="Django service ships where size matters; nothing else demands Django",
    rationale=(
        "Question 3 of the rule of thumb: in a slim image, on serverless or among many small "
        "services, Django adds about 30 MB that Flask does not, and neither a relational database "
        "nor user login (questions 1 and 2) asks for what Django brings."
    ),
    hint="Consider Flask for this service, or record the need: [tool.framefit.answers].",
    example="Dockerfile: FROM python:3.12-alpine; manage.py; no models, no login",
    check=check,
)
