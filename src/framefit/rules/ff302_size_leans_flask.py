"""FF302: Django is recommended, but the service ships where size matters."""

from __future__ import annotations

from collections.abc import Iterator

from framefit.model import Finding, Question, ServiceAnswers, Severity
from framefit.rules.base import Rule, because, cite, finding, unless, yes


def check(service: ServiceAnswers, rule: Rule) -> Iterator[Finding]:
    """One note when the tally says Django and the size answer is yes; it rests on the size
    evidence."""
    if service.recommendation != "django" or not yes(service, Question.CONTAINER_SIZE):
        return
    reasons = because(service.answer(Question.CONTAINER_SIZE))
    yield finding(
        rule, service,
        f"Django is recommended, but size matters here: {cite(reasons[:1])}",
        reasons,
        unless(reasons, "not a size-limited target", "this note"),
    )


RULE = Rule(
    id="FF302",
    name="size-leans-flask",
    severity=Severity.NOTE,
    title="Django is recommended, but the service ships where size matters",
    rationale=(
        "Question 3 only leans: a relational database or user login (questions 1 and 2) still "
        "make the tally pick Django, but in a slim image or on serverless Django's extra ~30 MB "
        "is worth weighing. Once a Flask app adds an ORM and a driver the gap mostly disappears, "
        "so this is a note, never a mismatch."
    ),
    hint="Keep the recommendation in mind when sizing the image; no change is required.",
    example="Dockerfile: FROM python:3.12-alpine; app models and login (Django recommended)",
    check=check,
)
