"""FF302: Django is recommended, but the service ships under a stated size limit."""

from __future__ import annotations

from collections.abc import Iterator

from framefit.model import CONFIGURED_SIGNAL, Evidence, Finding, Question, ServiceAnswers, Severity
from framefit.rules.base import Rule, cite, finding, yes


def check(service: ServiceAnswers, rule: Rule) -> Iterator[Finding]:
    """One note when the tally says Django and the service ships under a size limit something
    states: a serverless target, a configured budget, or the team's configured answer (catalog
    `size_limit`). A slim, Alpine or multi-stage image alone is a packaging choice, not a limit
    Django's size counts against: no note."""
    if service.recommendation != "django" or not yes(service, Question.CONTAINER_SIZE):
        return
    limits = stated_limits(service.answer(Question.CONTAINER_SIZE).evidence)
    if not limits:
        return
    yield finding(
        rule, service,
        f"Django is recommended, but the service ships under a size limit: {cite(limits[:1])}",
        limits,
        f"this note goes away if the service no longer ships under a size limit: {cite(limits)}",
    )


def stated_limits(evidence: tuple[Evidence, ...], most: int = 3) -> tuple[Evidence, ...]:
    """The evidence that states a size limit, one per signal, strongest first."""
    from framefit.catalog import load

    catalog = load()
    found: dict[str, Evidence] = {}
    for item in evidence:
        entry = catalog.lookup(item.signal)
        if item.signal == CONFIGURED_SIGNAL or (entry is not None and entry.size_limit):
            found.setdefault(item.signal, item)
    return tuple(found.values())[:most]


RULE = Rule(
    id="FF302",
    name="size-leans-flask",
    severity=Severity.NOTE,
    title="Django is recommended, but the service ships under a size limit",
    rationale=(
        "Question 3 only leans: a relational database or user login (questions 1 and 2) still "
        "make the tally pick Django, but where the service ships under a stated size limit (AWS "
        "Lambda's 250 MB, another serverless platform, a configured budget) Django's extra ~30 MB "
        "counts against it and is worth weighing. A slim or Alpine base image alone is a "
        "packaging choice, not a limit, so it brings no note. Once a Flask app adds an ORM and a "
        "driver the gap mostly disappears, so this is a note, never a mismatch."
    ),
    hint="Compare the two stacks in the container-size answer with the limit; no change is required.",
    example="serverless.yml: provider aws (Lambda); app models and login (Django recommended)",
    check=check,
)
