"""FF302: Django is recommended, but the service ships where size matters."""

from __future__ import annotations

from collections.abc import Iterator

from framefit.model import Finding, Question, ServiceAnswers, Severity
from framefit.rules.base import Rule, because, cite, finding, yes


def check(service: ServiceAnswers, rule: Rule) -> Iterator[Finding]:
    if service.recommendation != "django" or not yes(service, Question.CONTAINER_SIZE):
        return
    reasons = because(service.answer(Question.CONTAINER_SIZE))
    yield finding(
        rule, service,
        f"Django is recommended, but size matters here: {cite(reasons[:1])}",
        reasons,
        "this note goes away if the service no longer ships to a size-limited target",
    )


RULE = Rule(
    id="FF302",
    name="size-leans-flask",
    severity=Severity.NOTE,
    title="Django is recommended, but the service ships where size matters",
    rationale=(
        "Question 3 only leans: the tally still picks Django for a database or a login, but in a "
        "slim image or on serverless Django's extra ~30 MB is worth weighing. Once Flask adds an "
        "ORM and a driver, the gap mostly disappears."
    ),
    hint="Keep the recommendation in mind when sizing the image; no change is required.",
    example="Dockerfile: FROM python:3.12-alpine; app models and login (Django recommended)",
    check=check,
)
