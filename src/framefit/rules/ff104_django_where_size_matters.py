"""FF104: a Django service that ships where size matters, and nothing else demands Django."""

from __future__ import annotations

from collections.abc import Iterator

from framefit.model import Finding, Question, ServiceAnswers, Severity
from framefit.rules.base import DECIDING, Rule, because, cite, finding, unless, yes


def check(service: ServiceAnswers, rule: Rule) -> Iterator[Finding]:
    """One finding when a Django service's size answer is yes and neither the database nor the
    login answer is yes; it rests on the size evidence."""
    if service.framework != "django" or not yes(service, Question.CONTAINER_SIZE):
        return
    if any(yes(service, q) for q in DECIDING):
        return
    reasons = because(service.answer(Question.CONTAINER_SIZE))
    yield finding(
        rule, service,
        f"Django service ships where size matters: {cite(reasons[:1])}",
        reasons,
        unless(reasons, "not a size-limited target")
        + ", or if the service needed a relational database or user login",
    )


RULE = Rule(
    id="FF104",
    name="django-where-size-matters",
    severity=Severity.WARNING,
    title="Django service ships where size matters; nothing else demands Django",
    rationale=(
        "Question 3 of the rule of thumb asks whether the service ships where size matters: a "
        "slim or distroless image, serverless, one small service among many. There Django adds "
        "about 30 MB that Flask does not, and neither a relational database nor user login "
        "(questions 1 and 2) asks for what those megabytes bring."
    ),
    hint="Consider Flask for this service; if Django stays, record why: framefit record --reason '...'.",
    example="Dockerfile: FROM python:3.12-alpine; manage.py; no models, no login",
    check=check,
)
