"""FF105: one service uses both Django and Flask."""

from __future__ import annotations

from collections.abc import Iterator

from framefit.model import Finding, ServiceAnswers, Severity
from framefit.rules.base import Rule, finding, pin, unless


def check(service: ServiceAnswers, rule: Rule) -> Iterator[Finding]:
    """One finding when a service uses both frameworks, shown where the second one is used."""
    names = {f.name for f in service.frameworks}
    if not {"django", "flask"} <= names:
        return
    other = "flask" if service.framework == "django" else "django"
    at = pin(service, other)
    reasons = tuple(e for e in (pin(service), at) if e is not None)
    yield finding(
        rule, service,
        f"service uses both Django and Flask; {service.framework} serves the app",
        reasons,
        unless((at,), "gone from the service") if at else f"this changes if {other} left the service",
        at=at,
    )


RULE = Rule(
    id="FF105",
    name="both-frameworks",
    severity=Severity.WARNING,
    title="Service uses both Django and Flask",
    rationale=(
        "The three questions pick one framework per service. Two web frameworks in one "
        "deployable carry both install footprints (question 3) and two ways of doing models, "
        "sessions and login (questions 1 and 2) that the team maintains side by side. framefit "
        "judges the one that serves the app and notes the other."
    ),
    hint="Move the second framework's routes into the first, or split it into its own service.",
    example="manage.py with Django settings, and legacy/api.py creating Flask(__name__)",
    check=check,
)
